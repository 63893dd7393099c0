// The citizen overview's grouping (core/client/overview): acute registrations, pre-approved ones under
// their decision, drafts, the Skema 1 a/1 b that can get a Bilag 1, and the deadlines.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/client/overview.hpp"
#include "test_storage_support.hpp"

namespace client = magtreg::core::client;
namespace model = magtreg::core::model;
using magtreg::core::time::LocalDateTime;
using magtreg::test::tid;

namespace {
model::FormInstance form(const std::string& tag, const char* form_id, const char* state, const char* basis,
                         const char* started, const char* case_tag) {
  model::FormInstance f;
  f.id = tid("form-" + tag);
  f.form_id = form_id;
  f.citizen_id = tid("citizen");
  f.case_id = tid(std::string("case-") + case_tag);
  f.state = *magtreg::core::model::form_state_from_string(state);
  if (basis) f.legal_basis = basis;
  if (started) f.started_at = started;
  f.created_at = "2024-05-0" + std::to_string(tag.size() % 9 + 1) + "T08:00:00Z";
  return f;
}

model::Decision decision(const std::string& tag, const char* basis, const char* status, const char* from,
                         const char* to) {
  model::Decision d;
  d.id = tid("decision-" + tag);
  d.citizen_id = tid("citizen");
  d.case_id = tid("case-approval-" + tag);
  d.basis = basis;
  d.status = magtreg::test::decision_status(status);
  if (from) d.valid_from = from;
  if (to) d.valid_to = to;
  if (from) d.notifications = {{"borger", std::string(from) + "T08:00:00Z"}, {"leder", std::string(from) + "T08:00:00Z"},
                               {"sagsbehandler", std::string(from) + "T08:00:00Z"}};
  return d;
}

model::Citizen citizen() {
  model::Citizen c;
  c.id = tid("citizen");
  c.name = "Jens";
  return c;
}

std::vector<std::string> ids(const std::vector<model::FormInstance>& forms, const std::vector<std::size_t>& idx) {
  std::vector<std::string> out;
  for (auto i : idx) out.push_back(forms[i].id);
  return out;
}
}  // namespace

TEST_CASE("citizen overview: acute, pre-approved under their decision, drafts, Bilag 1 and deadlines") {
  const LocalDateTime now{{2024, 5, 20}, 10, 0};
  std::vector<model::Decision> decisions = {decision("old", "128", "granted", "2023-01-01", "2023-06-30"),
                                            decision("now", "128", "granted", "2024-02-01", "2024-07-31"),
                                            decision("wait", "125", "pending", nullptr, nullptr)};
  std::vector<model::FormInstance> forms = {
      form("acute", "2020-1a", "udfyldt", "124d", "2024-05-14T10:15", "single1"),
      form("draft", "2020-1a", "kladde", "124d", "2024-05-19T09:00", "single2"),
      form("on-approval-case", "2020-1a", "laast", "128", "2024-03-01T07:00", "approval-now"),
      form("basis-and-period", "2020-1a", "udfyldt", "128", "2024-05-02T22:00", "single3"),
      form("basis-outside-period", "2020-1a", "udfyldt", "128", "2023-12-02T22:00", "single4"),
      form("move", "2020-2", "udfyldt", nullptr, nullptr, "move"),
  };
  auto bilag = form("bilag", "2020-bilag1", "udfyldt", "128", nullptr, "approval-now");
  bilag.parent_id = forms[2].id;
  bilag.content["period_start"] = "2024-05-01";
  forms.push_back(bilag);
  auto named = form("named", "2020-1a", "kladde", "128", "2024-05-19T08:00", "single5");
  named.content["approval_id"] = decisions[0].id;
  forms.push_back(named);
  for (std::size_t i = 0; i < forms.size(); ++i) forms[i].created_at = "2024-05-01T08:00:0" + std::to_string(i) + "Z";

  auto o = client::citizen_overview(forms, decisions, citizen(), now);
  CHECK(ids(forms, o.acute) == std::vector<std::string>{forms[0].id, forms[4].id});
  CHECK(ids(forms, o.drafts) == std::vector<std::string>{forms[1].id});
  CHECK(ids(forms, o.other) == std::vector<std::string>{forms[5].id});
  REQUIRE(o.approvals.size() == 3);
  // In force first.
  CHECK(o.approvals[0].decision == 1);
  CHECK(o.approvals[0].in_force);
  auto under_now = ids(forms, o.approvals[0].forms);
  CHECK(under_now.size() == 3);
  CHECK(std::count(under_now.begin(), under_now.end(), forms[2].id) == 1);
  CHECK(std::count(under_now.begin(), under_now.end(), forms[3].id) == 1);
  CHECK(std::count(under_now.begin(), under_now.end(), bilag.id) == 1);
  // The draft naming the expired decision sits under it.
  bool found_named = false;
  for (const auto& g : o.approvals) {
    if (g.decision == 0) {
      CHECK_FALSE(g.in_force);
      CHECK(ids(forms, g.forms) == std::vector<std::string>{named.id});
      found_named = true;
    }
    if (g.decision == 2) CHECK_FALSE(g.in_force);
  }
  CHECK(found_named);
  // Bilag 1: the 2020 Skema 1 a on § 128 without one yet (not the one that has it, not § 124 d).
  auto parents = ids(forms, o.bilag1_parents);
  CHECK(std::count(parents.begin(), parents.end(), forms[2].id) == 0);
  CHECK(std::count(parents.begin(), parents.end(), forms[3].id) == 1);
  CHECK(std::count(parents.begin(), parents.end(), forms[0].id) == 0);
  // Deadlines, soonest first: the two drafts of 19.05 (due 22.05, in the forms' order), the Bilag 1
  // period (31.05), the decision in force (31.07).
  REQUIRE(o.deadlines.size() == 4);
  CHECK(o.deadlines[0].form_id == forms[1].id);
  CHECK(o.deadlines[1].form_id == named.id);
  CHECK(o.deadlines[0].text.find("registreres senest 22.05.2024 kl. 23:59") != std::string::npos);
  CHECK_FALSE(o.deadlines[0].overdue);
  CHECK(o.deadlines[2].form_id == bilag.id);
  CHECK(o.deadlines[2].text == "Bilag 1: perioden slutter 31.05.2024 – afslut og lås");
  CHECK(o.deadlines[3].form_id.empty());
  CHECK(o.deadlines[3].text.find("udløber 31.07.2024") != std::string::npos);
}

TEST_CASE("citizen overview: an overdue draft and a decision's summary in Danish") {
  std::vector<model::FormInstance> forms = {form("late", "2020-1a", "kladde", "124d", "2024-05-01T10:00", "s")};
  auto o = client::citizen_overview(forms, {}, citizen(), LocalDateTime{{2024, 5, 20}, 10, 0});
  REQUIRE(o.deadlines.size() == 1);
  CHECK(o.deadlines[0].overdue);
  auto d = decision("x", "128", "granted", "2024-02-01", "2024-07-31");
  CHECK(client::decision_summary(d).find("01.02.2024 – 31.07.2024 · bevilget") != std::string::npos);
  CHECK(client::decision_summary(decision("y", "125", "pending", nullptr, nullptr)).find("afventer afgørelse") !=
        std::string::npos);
}
