// The rule engine as tables: scenario in, finding codes out (issue #3), with the boundaries of
// every deadline and window, form sets by date, target groups and summer time.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/forms/catalogue.hpp"
#include "core/rules/check.hpp"
#include "core/rules/legal_basis.hpp"
#include "core/time/format.hpp"

using namespace magtreg::core;
using namespace magtreg::core::rules;
using magtreg::core::time::LocalDateTime;

namespace {

LocalDateTime t(const char* s) {
  auto v = time::parse_local_date_time(s);
  REQUIRE_MESSAGE(v.ok(), s);
  return *v;
}

time::Date d(const char* s) {
  auto v = time::parse_date(s);
  REQUIRE_MESSAGE(v.ok(), s);
  return *v;
}

TargetGroup group(const char* name) {
  auto g = target_group_from_string(name);
  REQUIRE_MESSAGE(g.has_value(), name);
  return *g;
}

// The decisions every scenario below may refer to.
std::vector<ApprovalInput> approvals() {
  return {
      {"A128", "128", model::DecisionStatus::Granted, d("2024-01-01"), d("2024-12-31"), d("2023-12-20")},
      {"A128-pending", "128", model::DecisionStatus::Pending, std::nullopt, std::nullopt},
      {"A125", "125", model::DecisionStatus::Granted, d("2024-01-01"), d("2024-12-31"), d("2023-12-20")},
      {"A136a", "136a", model::DecisionStatus::Granted, d("2024-01-01"), d("2024-12-31"), d("2023-12-20")},
      {"A128-open", "128", model::DecisionStatus::Granted, d("2024-01-01"), std::nullopt, d("2023-12-20")},
      // Granted, but not yet made known to all who must know it (issue #14 item 13) ...
      {"A128-untold", "128", model::DecisionStatus::Granted, d("2024-01-01"), d("2024-12-31"), std::nullopt},
      // ... or only from 10 March 2024.
      {"A128-told-late", "128", model::DecisionStatus::Granted, d("2024-01-01"), d("2024-12-31"), d("2024-03-10")},
  };
}

// A registration scenario; optional parts are added with chained calls:
// Scenario{"name", "handicap", "2020-1a", "124d", "2024-03-05T14:30"}.registered("...").expect("...").
struct Scenario {
  const char* m_name;
  const char* m_group;
  const char* m_form;
  const char* m_basis;
  const char* m_started;
  const char* m_ended = nullptr;
  const char* m_registered = nullptr;
  const char* m_hygiene = nullptr;
  const char* m_approval = nullptr;
  const char* m_period_start = nullptr;
  const char* m_expected = "";  // finding codes in order, space separated
  std::vector<std::string> m_attachments;

  Scenario ended(const char* v) const { Scenario s = *this; s.m_ended = v; return s; }
  Scenario registered(const char* v) const { Scenario s = *this; s.m_registered = v; return s; }
  Scenario hygiene(const char* v) const { Scenario s = *this; s.m_hygiene = v; return s; }
  Scenario approval(const char* v) const { Scenario s = *this; s.m_approval = v; return s; }
  Scenario period_start(const char* v) const { Scenario s = *this; s.m_period_start = v; return s; }
  Scenario expect(const char* v) const { Scenario s = *this; s.m_expected = v; return s; }
  Scenario attached(const char* v) const { Scenario s = *this; s.m_attachments.push_back(v); return s; }
};

CheckInput make(const Scenario& s) {
  CheckInput in;
  in.target_group = group(s.m_group);
  in.registration.form = s.m_form;
  in.registration.basis = s.m_basis;
  in.registration.started_at = t(s.m_started);
  if (s.m_ended) in.registration.ended_at = t(s.m_ended);
  if (s.m_registered) in.registration.registered_at = t(s.m_registered);
  if (s.m_hygiene) in.registration.hygiene_situation = s.m_hygiene;
  if (s.m_approval) in.registration.approval_id = s.m_approval;
  if (s.m_period_start) in.registration.period_start = d(s.m_period_start);
  in.registration.attachments = s.m_attachments;
  in.approvals = approvals();
  return in;
}

std::string codes(const CheckResult& r) {
  std::string out;
  for (const auto& f : r.findings) {
    if (!out.empty()) out += ' ';
    out += to_string(f.code);
  }
  return out;
}

void run_table(const std::vector<Scenario>& rows) {
  for (const Scenario& s : rows) {
    CAPTURE(s.m_name);
    const CheckInput in = make(s);
    REQUIRE(validate_check_input(in, forms::Catalogue::builtin()).ok());
    const CheckResult r = check_registration(in);
    CHECK(codes(r) == s.m_expected);
    for (const auto& f : r.findings) CHECK_FALSE(f.message.empty());
  }
}

const Finding* find(const CheckResult& r, FindingCode code) {
  for (const auto& f : r.findings)
    if (f.code == code) return &f;
  return nullptr;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("a clean acute registration has no findings, a 3-day deadline and its own case") {
  const CheckResult r = check_registration(make({"clean", "handicap", "2020-1a", "124d", "2024-03-05T14:30",
                                                 "2024-03-05T14:40", "2024-03-06T09:00"}));
  CHECK(r.findings.empty());
  CHECK_FALSE(r.has_errors());
  CHECK(r.form_set == "2020");
  REQUIRE(r.registration_due.has_value());
  CHECK(time::format_iso(*r.registration_due) == "2024-03-08T23:59");
  CHECK(r.case_assignment.kind == CaseKind::Single);
  CHECK(r.case_assignment.approval_id.empty());
}

TEST_CASE("FORM_NOT_IN_FORCE: the form set in force on the day of the intervention") {
  run_table({
      {"2020 set on its last day", "handicap", "2020-1a", "124d", "2024-06-30T23:59"},
      Scenario{"2020 set the day after", "handicap", "2020-1a", "124d", "2024-07-01T00:00"}.expect("FORM_NOT_IN_FORCE"),
      Scenario{"2020 set before it began", "handicap", "2020-1a", "124d", "2019-12-31T12:00"}.expect("FORM_NOT_IN_FORCE"),
      {"2020 set on its first day", "handicap", "2020-1a", "124d", "2020-01-01T00:00"},
      Scenario{"2024 set the day before", "handicap", "2024-1", "124d", "2024-06-30T12:00"}.expect("FORM_NOT_IN_FORCE"),
      {"2024 set on its first day", "handicap", "2024-1", "124d", "2024-07-01T00:00"},
      {"children's set always", "boern", "boern-1a", "boern_fastholdelse", "2019-05-01T10:00"},
      Scenario{"Skema 2 (2020) move in July 2024", "demens", "2020-2", "136f", "2024-07-02T10:00"}.expect("FORM_NOT_IN_FORCE"),
  });
  const CheckResult r = check_registration(make({"msg", "handicap", "2020-1a", "124d", "2024-07-01T10:00"}));
  const Finding* f = find(r, FindingCode::FormNotInForce);
  REQUIRE(f != nullptr);
  CHECK(contains(f->message, "01.07.2024"));
  CHECK(contains(f->message, "30.06.2024"));
  CHECK(contains(f->message, "Skema 1 (2024-skemaerne)"));  // points to the form in force
}

TEST_CASE("FORM_NOT_FOR_TARGET_GROUP: each form x target group (DOMAIN.md forms table)") {
  struct Row {
    const char* form;
    const char* groups;  // letters h, d, b the form is for
    const char* basis;   // a basis the form covers
    const char* day;     // a day the form's set is in force
  };
  const Row rows[] = {
      {"2020-1a", "h", "noedvaerge", "2024-03-05T10:00"},     {"2020-1b", "d", "noedvaerge", "2024-03-05T10:00"},
      {"2020-2", "hd", "129", "2024-03-05T10:00"},            {"2020-3", "hd", "128", "2024-03-05T10:00"},
      {"2020-bilag1", "hd", "128", "2024-03-05T10:00"},       {"2024-1", "hd", "noedvaerge", "2024-08-05T10:00"},
      {"2024-2", "hd", "128", "2024-08-05T10:00"},            {"2024-3", "hd", "128", "2024-08-05T10:00"},
      {"2024-4", "hd", "129", "2024-08-05T10:00"},            {"2024-bilag136c", "d", "136c", "2024-08-05T10:00"},
      {"boern-1a", "b", "noedvaerge", "2024-03-05T10:00"},    {"boern-supplement", "b", "noedvaerge", "2024-03-05T10:00"},
  };
  for (const Row& row : rows)
    for (const char* g : {"handicap", "demens", "boern"}) {
      CAPTURE(row.form);
      CAPTURE(g);
      const CheckResult r =
          check_registration(make(Scenario{"", g, row.form, row.basis, row.day}.period_start("2024-03-01")));
      const bool expected_ok = std::string(row.groups).find(g[0]) != std::string::npos;
      CHECK(r.has(FindingCode::FormNotForTargetGroup) == !expected_ok);
    }
  const CheckResult r = check_registration(make({"msg", "demens", "2020-1a", "124d", "2024-03-05T10:00"}));
  const Finding* f = find(r, FindingCode::FormNotForTargetGroup);
  REQUIRE(f != nullptr);
  CHECK(contains(f->message, "demensmålgruppen"));
  CHECK(contains(f->message, "Skema 1 b (2020-skemaerne)"));
}

TEST_CASE("BASIS_NOT_FOR_TARGET_GROUP: each basis x target group (DOMAIN.md 'for' column)") {
  struct Row {
    const char* basis;
    const char* groups;
  };
  const Row rows[] = {
      {"124c", "hd"}, {"124d", "hd"}, {"125", "hd"},  {"128", "hd"},  {"128b", "hd"},         {"128c", "hd"},
      {"128d", "hd"}, {"128e", "hd"}, {"128f", "hd"}, {"128g", "hd"}, {"128h", "hd"},         {"129", "hd"},
      {"129a", "hd"}, {"136a", "h"},  {"136c", "d"},  {"136d", "d"},  {"136e", "d"},          {"136f", "d"},
      {"noedvaerge", "hdb"}, {"noedret", "hdb"}, {"uden_hjemmel", "hdb"}, {"boern_fastholdelse", "b"},
      {"boern_foere_vaek", "b"}, {"boern_tilbageholdelse", "b"}, {"boern_kropsvisitation", "b"},
      {"boern_undersoegelse_vaerelse", "b"},
  };
  CHECK(std::size(rows) == legal_bases().size());
  for (const Row& row : rows)
    for (const char* g : {"handicap", "demens", "boern"}) {
      CAPTURE(row.basis);
      CAPTURE(g);
      const CheckResult r = check_registration(make({"", g, "2024-1", row.basis, "2024-08-05T10:00"}));
      const bool allowed = std::string(row.groups).find(g[0]) != std::string::npos;
      CHECK(r.has(FindingCode::BasisNotForTargetGroup) == !allowed);
    }
  const CheckResult r =
      check_registration(make(Scenario{"msg", "demens", "2024-1", "136a", "2024-08-05T10:00"}.hygiene("barbering")));
  REQUIRE(find(r, FindingCode::BasisNotForTargetGroup) != nullptr);
  CHECK(find(r, FindingCode::BasisNotForTargetGroup)->message ==
        "§ 136 a Kortvarig fastholdelse i personlig hygiejnesituation (handicapområdet) må ikke anvendes over for borgere i "
        "demensmålgruppen; den gælder kun for borgere i handicapmålgruppen.");
}

TEST_CASE("BASIS_NOT_ON_FORM: which form covers which basis (DOMAIN.md forms tables)") {
  struct Row {
    const char* form;
    const char* group;
    const char* basis;
    bool covered;
    const char* day;
  };
  const Row rows[] = {
      {"2020-1a", "handicap", "124d", true, "2024-03-05T10:00"},
      {"2020-1a", "handicap", "136a", true, "2024-03-05T10:00"},
      {"2020-1a", "handicap", "uden_hjemmel", true, "2024-03-05T10:00"},
      {"2020-1a", "handicap", "129", false, "2024-03-05T10:00"},
      {"2020-1b", "demens", "136d", true, "2024-03-05T10:00"},
      {"2020-1b", "demens", "136e", true, "2024-03-05T10:00"},
      {"2020-2", "handicap", "129a", true, "2024-03-05T10:00"},
      {"2020-2", "handicap", "124d", false, "2024-03-05T10:00"},
      {"2020-3", "handicap", "128c", true, "2024-03-05T10:00"},
      {"2020-3", "handicap", "129", false, "2024-03-05T10:00"},
      {"2024-1", "handicap", "124c", true, "2024-08-05T10:00"},
      {"2024-1", "handicap", "128", false, "2024-08-05T10:00"},
      {"2024-1", "demens", "136d", false, "2024-08-05T10:00"},
      {"2024-2", "handicap", "128d", true, "2024-08-05T10:00"},
      {"2024-2", "handicap", "124d", false, "2024-08-05T10:00"},
      {"2024-3", "handicap", "128h", true, "2024-08-05T10:00"},
      {"2024-4", "demens", "136f", true, "2024-08-05T10:00"},
      {"2024-4", "demens", "128", false, "2024-08-05T10:00"},
      {"2024-bilag136c", "demens", "136c", true, "2024-08-05T10:00"},
      {"boern-1a", "boern", "boern_kropsvisitation", true, "2024-03-05T10:00"},
      {"boern-1a", "boern", "124d", false, "2024-03-05T10:00"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.form);
    CAPTURE(row.basis);
    const CheckResult r = check_registration(make({"", row.group, row.form, row.basis, row.day}));
    CHECK(r.has(FindingCode::BasisNotOnForm) == !row.covered);
  }
  const CheckResult r = check_registration(make({"msg", "handicap", "2024-1", "128", "2024-08-05T10:00"}));
  CHECK(codes(r) == "BASIS_NOT_ON_FORM");  // no PREAPPROVAL_REQUIRED on the wrong form
  CHECK(contains(find(r, FindingCode::BasisNotOnForm)->message, "Skema 2 (2024-skemaerne)"));
}

TEST_CASE("PREAPPROVAL_REQUIRED: bases that need a municipal decision") {
  run_table({
      Scenario{"§ 128 on Skema 1 a without decision", "handicap", "2020-1a", "128", "2024-03-05T10:00"}.expect("PREAPPROVAL_REQUIRED"),
      Scenario{"§ 128 on Skema 1 a with decision", "handicap", "2020-1a", "128", "2024-03-05T10:00"}.approval("A128"),
      Scenario{"§ 125 on Skema 1 b without decision", "demens", "2020-1b", "125", "2024-03-05T10:00"}.expect("PREAPPROVAL_REQUIRED"),
      Scenario{"§ 128 d on Skema 2 (2024) without decision", "demens", "2024-2", "128d", "2024-08-05T10:00"}.expect("PREAPPROVAL_REQUIRED"),
      Scenario{"acute § 136 a on Skema 1 a", "handicap", "2020-1a", "136a", "2024-03-05T10:00"}.hygiene("barbering"),
      Scenario{"acute § 136 a on Skema 1", "handicap", "2024-1", "136a", "2024-08-05T10:00"}.hygiene("barbering"),
      Scenario{"§ 136 a on Skema 2 (2024) without decision", "handicap", "2024-2", "136a", "2024-08-05T10:00"}.hygiene("barbering").expect("PREAPPROVAL_REQUIRED"),
      Scenario{"§ 136 a on Bilag 1 without decision", "handicap", "2020-bilag1", "136a", "2024-03-05T10:00"}.hygiene("barbering").period_start("2024-03-01").expect("PREAPPROVAL_REQUIRED"),
      {"application form is the request", "handicap", "2020-3", "128", "2024-03-05T10:00"},
      {"move form: the decision is Familieretshuset's", "handicap", "2020-2", "129", "2024-03-05T10:00"},
      {"§ 136 f on Skema 4", "demens", "2024-4", "136f", "2024-08-05T10:00"},
      {"§ 124 d never needs one", "handicap", "2020-1a", "124d", "2024-03-05T10:00"},
  });
}

TEST_CASE("PREAPPROVAL_NOT_VALID: unknown, not granted, other basis, outside the period, not yet made known") {
  run_table({
      Scenario{"valid", "handicap", "2020-1a", "128", "2024-03-05T10:00"}.approval("A128"),
      Scenario{"unknown id", "handicap", "2020-1a", "128", "2024-03-05T10:00"}.approval("A999").expect("PREAPPROVAL_NOT_VALID"),
      Scenario{"pending", "handicap", "2020-1a", "128", "2024-03-05T10:00"}.approval("A128-pending").expect("PREAPPROVAL_NOT_VALID"),
      Scenario{"other basis", "handicap", "2020-1a", "128", "2024-03-05T10:00"}.approval("A125").expect("PREAPPROVAL_NOT_VALID"),
      Scenario{"no end date", "handicap", "2020-1a", "128", "2024-03-05T10:00"}.approval("A128-open").expect("PREAPPROVAL_NOT_VALID"),
      Scenario{"day before the first valid day", "handicap", "2020-1a", "128", "2023-12-31T23:59"}.approval("A128").expect("PREAPPROVAL_NOT_VALID"),
      Scenario{"first valid day", "handicap", "2020-1a", "128", "2024-01-01T00:00"}.approval("A128"),
      Scenario{"last valid day", "handicap", "2024-2", "128", "2024-12-31T23:59"}.approval("A128"),
      Scenario{"day after the last valid day", "handicap", "2024-2", "128", "2025-01-01T00:00"}.approval("A128").expect("PREAPPROVAL_NOT_VALID"),
      Scenario{"an application is not checked against decisions", "handicap", "2024-3", "128", "2025-01-01T00:00"}.approval("A128"),
      Scenario{"not made known to all", "handicap", "2020-1a", "128", "2024-03-05T10:00"}.approval("A128-untold").expect("PREAPPROVAL_NOT_VALID"),
      Scenario{"the day before all knew", "handicap", "2020-1a", "128", "2024-03-09T23:59"}.approval("A128-told-late").expect("PREAPPROVAL_NOT_VALID"),
      Scenario{"the day the last was told", "handicap", "2020-1a", "128", "2024-03-10T00:00"}.approval("A128-told-late"),
  });
  SUBCASE("messages say why, with Danish dates") {
    auto msg = [](const char* approval, const char* started) {
      const CheckResult r =
          check_registration(make(Scenario{"", "handicap", "2024-2", "128", started}.approval(approval)));
      const Finding* f = find(r, FindingCode::PreapprovalNotValid);
      REQUIRE(f != nullptr);
      return f->message;
    };
    CHECK(contains(msg("A999", "2024-08-05T10:00"), "»A999« findes ikke"));
    CHECK(contains(msg("A128-pending", "2024-08-05T10:00"), "afventer afgørelse"));
    CHECK(contains(msg("A125", "2024-08-05T10:00"), "gælder § 125 Særlige døråbnere, ikke § 128 Stofseler"));
    CHECK(msg("A128", "2025-01-01T08:00") ==
          "Afgørelsen »A128« gælder fra 01.01.2024 til 31.12.2024; indgrebet den 01.01.2025 ligger uden for "
          "perioden og er ikke forhåndsgodkendt.");
    CHECK(msg("A128-told-late", "2024-03-09T10:00") ==
          "Afgørelsen »A128-told-late« var først meddelt alle, der skal kende den, den 10.03.2024; indgrebet den "
          "09.03.2024 lå før og er ikke forhåndsgodkendt.");
    CHECK(contains(msg("A128-untold", "2024-08-05T10:00"), "ikke meddelt alle"));
  }
}

TEST_CASE("the case: the decision's case only under a valid decision") {
  const CheckResult under = check_registration(
      make(Scenario{"", "handicap", "2020-bilag1", "128", "2024-03-05T10:00"}.approval("A128").period_start("2024-03-01")));
  CHECK(under.findings.empty());
  CHECK(under.case_assignment.kind == CaseKind::Approval);
  CHECK(under.case_assignment.approval_id == "A128");
  const CheckResult outside =
      check_registration(make(Scenario{"", "handicap", "2024-2", "128", "2025-01-01T10:00"}.approval("A128")));
  CHECK(outside.case_assignment.kind == CaseKind::Single);
}

TEST_CASE("HYGIENE_SITUATION_REQUIRED and HYGIENE_SITUATION_NOT_ALLOWED") {
  std::vector<Scenario> rows = {
      Scenario{"§ 136 a without a situation", "handicap", "2024-1", "136a", "2024-08-05T10:00"}.expect("HYGIENE_SITUATION_REQUIRED"),
      Scenario{"§ 136 c without a situation", "demens", "2024-1", "136c", "2024-08-05T10:00"}.attached("2024-bilag136c").expect("HYGIENE_SITUATION_REQUIRED"),
      Scenario{"§ 136 c on its own Bilag without a situation", "demens", "2024-bilag136c", "136c", "2024-08-05T10:00"}.expect("HYGIENE_SITUATION_REQUIRED"),
      Scenario{"empty text counts as missing", "handicap", "2024-1", "136a", "2024-08-05T10:00"}.hygiene("").expect("HYGIENE_SITUATION_REQUIRED"),
      Scenario{"outside the list", "handicap", "2024-1", "136a", "2024-08-05T10:00"}.hygiene("fodbad").expect("HYGIENE_SITUATION_NOT_ALLOWED"),
      Scenario{"the label is not the id", "demens", "2024-1", "136c", "2024-08-05T10:00"}.attached("2024-bilag136c").hygiene("Tandbørstning").expect("HYGIENE_SITUATION_NOT_ALLOWED"),
      Scenario{"a situation on another basis is still checked", "handicap", "2024-1", "124d", "2024-08-05T10:00"}.hygiene("fodbad").expect("HYGIENE_SITUATION_NOT_ALLOWED"),
      Scenario{"a situation on § 124 d is otherwise ignored", "handicap", "2024-1", "124d", "2024-08-05T10:00"}.hygiene("barbering"),
  };
  for (const auto& h : k_hygiene_situations) {
    rows.push_back(Scenario{"each listed situation", "handicap", "2024-1", "136a", "2024-08-05T10:00"}.hygiene(
        h.id.data()));
  }
  run_table(rows);
  const CheckResult r =
      check_registration(make(Scenario{"", "handicap", "2024-1", "136a", "2024-08-05T10:00"}.hygiene("fodbad")));
  const std::string& msg = find(r, FindingCode::HygieneSituationNotAllowed)->message;
  CHECK(contains(msg, "»fodbad«"));
  CHECK(contains(msg, "tandbørstning; barbering; hårvask, badning, håndvask og tøjskift"));
  CHECK(contains(msg, "§ 7"));
}

TEST_CASE("HYGIENE_REPEAT_REQUIRES_APPLICATION: § 136 a more than once within six months") {
  auto run = [](const char* form, const char* started, std::vector<HistoryEntry> history,
                const char* approval = nullptr) {
    CheckInput in = make(Scenario{"", "handicap", form, "136a", started}
                             .hygiene("skift_bleer_bind")
                             .approval(approval)
                             .period_start("2024-03-01"));
    in.history = std::move(history);
    return check_registration(in);
  };
  const FindingCode code = FindingCode::HygieneRepeatRequiresApplication;
  SUBCASE("exactly six months before (same day-of-month, 00:00) is inside") {
    const CheckResult r = run("2020-1a", "2024-03-05T14:30", {{"136a", t("2023-09-05T00:00"), std::nullopt}});
    CHECK(codes(r) == "HYGIENE_REPEAT_REQUIRES_APPLICATION");
    CHECK(severity(code) == Severity::Action);
    CHECK(contains(find(r, code)->message, "05.09.2023 kl. 00:00"));
    CHECK(contains(find(r, code)->message, "Skema 3"));
  }
  SUBCASE("the minute before that is outside") {
    CHECK_FALSE(run("2020-1a", "2024-03-05T14:30", {{"136a", t("2023-09-04T23:59"), std::nullopt}}).has(code));
  }
  SUBCASE("clamped at month end: 31 August 2024 looks back to 29 February") {
    CHECK(run("2024-1", "2024-08-31T09:00", {{"136a", t("2024-02-29T00:00"), std::nullopt}}).has(code));
    CHECK_FALSE(run("2024-1", "2024-08-31T09:00", {{"136a", t("2024-02-28T23:59"), std::nullopt}}).has(code));
  }
  SUBCASE("only earlier holds count, not the registration itself or later ones") {
    CHECK_FALSE(run("2020-1a", "2024-03-05T14:30", {{"136a", t("2024-03-05T14:30"), std::nullopt}}).has(code));
    CHECK_FALSE(run("2020-1a", "2024-03-05T14:30", {{"136a", t("2024-03-06T08:00"), std::nullopt}}).has(code));
  }
  SUBCASE("other bases do not count") {
    CHECK_FALSE(run("2020-1a", "2024-03-05T14:30", {{"124d", t("2024-02-01T08:00"), std::nullopt}}).has(code));
  }
  SUBCASE("an earlier hold under a valid decision does not count; under an invalid one it does") {
    CHECK_FALSE(run("2020-1a", "2024-03-05T14:30", {{"136a", t("2024-02-01T08:00"), "A136a"}}).has(code));
    CHECK(run("2020-1a", "2024-03-05T14:30", {{"136a", t("2024-02-01T08:00"), "A999"}}).has(code));
    CHECK(run("2020-1a", "2024-03-05T14:30", {{"136a", t("2023-12-20T08:00"), "A136a"}}).has(code));
  }
  SUBCASE("not when the new hold is under a valid decision, nor on an application") {
    const std::vector<HistoryEntry> h = {{"136a", t("2024-02-01T08:00"), std::nullopt}};
    CHECK_FALSE(run("2020-bilag1", "2024-03-05T14:30", h, "A136a").has(code));
    CHECK_FALSE(run("2020-3", "2024-03-05T14:30", h).has(code));
  }
  SUBCASE("several earlier holds are counted in one finding") {
    const CheckResult r = run("2020-1a", "2024-03-05T14:30",
                              {{"136a", t("2023-10-01T08:00"), std::nullopt}, {"136a", t("2024-01-10T08:00"), std::nullopt}});
    REQUIRE(r.findings.size() == 1);
    CHECK(contains(r.findings[0].message, "2 gange siden 05.09.2023, senest 10.01.2024 kl. 08:00"));
  }
}

TEST_CASE("TIME_ORDER_INVALID, across the summer-time changes too") {
  run_table({
      {"ends when it starts", "handicap", "2020-1a", "124d", "2024-03-05T14:30", "2024-03-05T14:30"},
      Scenario{"ends a minute before it starts", "handicap", "2020-1a", "124d", "2024-03-05T14:30", "2024-03-05T14:29"}.expect("TIME_ORDER_INVALID"),
      Scenario{"registered before it started", "handicap", "2020-1a", "124d", "2024-03-05T14:30"}.registered("2024-03-05T14:00").expect("TIME_ORDER_INVALID"),
      Scenario{"registered the same minute", "handicap", "2020-1a", "124d", "2024-03-05T14:30"}.registered("2024-03-05T14:30"),
      {"spanning spring forward 01:50 -> 03:10", "handicap", "2020-1a", "124d", "2024-03-31T01:50",
       "2024-03-31T03:10"},
      {"starting in the gap 02:30 -> 03:10", "handicap", "2020-1a", "124d", "2024-03-31T02:30", "2024-03-31T03:10"},
      {"ending in the gap 01:50 -> 02:30", "handicap", "2020-1a", "124d", "2024-03-31T01:50", "2024-03-31T02:30"},
      Scenario{"backwards across spring forward", "handicap", "2020-1a", "124d", "2024-03-31T03:10", "2024-03-31T01:50"}.expect("TIME_ORDER_INVALID"),
      {"spanning fall back 01:50 -> 03:10", "handicap", "2024-1", "124d", "2024-10-27T01:50", "2024-10-27T03:10"},
      {"first 02:50 -> second 02:10 is possible", "handicap", "2024-1", "124d", "2024-10-27T02:50",
       "2024-10-27T02:10"},
      Scenario{"03:00 -> 02:30 is not", "handicap", "2024-1", "124d", "2024-10-27T03:00", "2024-10-27T02:30"}.expect("TIME_ORDER_INVALID"),
  });
  const CheckResult both = check_registration(make({"", "handicap", "2020-1a", "124d", "2024-03-05T14:30",
                                                    "2024-03-05T14:00", "2024-03-05T13:00"}));
  REQUIRE(both.findings.size() == 1);
  CHECK(contains(both.findings[0].message, "slutter 05.03.2024 kl. 14:00"));
  CHECK(contains(both.findings[0].message, "Registreringen er foretaget 05.03.2024 kl. 13:00"));
}

TEST_CASE("REGISTRATION_LATE: day 3 at 23:59 is on time, day 4 at 00:00 is late") {
  run_table({
      Scenario{"day 3 at 23:59", "handicap", "2020-1a", "124d", "2024-03-05T14:30"}.registered("2024-03-08T23:59"),
      Scenario{"day 4 at 00:00", "handicap", "2020-1a", "124d", "2024-03-05T14:30"}.registered("2024-03-09T00:00").expect("REGISTRATION_LATE"),
      Scenario{"over the leap day: 27 Feb -> 1 Mar", "handicap", "2020-1a", "124d", "2024-02-27T10:00"}.registered("2024-03-01T23:59"),
      Scenario{"over the leap day, a minute late", "handicap", "2020-1a", "124d", "2024-02-27T10:00"}.registered("2024-03-02T00:00").expect("REGISTRATION_LATE"),
      Scenario{"a Bilag 1 line too", "handicap", "2020-bilag1", "128", "2024-03-05T10:00"}.registered("2024-03-09T00:00").approval("A128").period_start("2024-03-01").expect("REGISTRATION_LATE"),
      Scenario{"children's form too", "boern", "boern-1a", "boern_fastholdelse", "2024-03-05T10:00"}.registered("2024-03-12T10:00").expect("REGISTRATION_LATE"),
      Scenario{"not on an application", "handicap", "2020-3", "128", "2024-03-05T10:00"}.registered("2024-05-01T10:00"),
      {"not without registered_at", "handicap", "2020-1a", "124d", "2024-03-05T14:30"},
  });
  const CheckResult r = check_registration(
      make(Scenario{"", "handicap", "2020-1a", "124d", "2024-03-05T14:30"}.registered("2024-03-11T08:00")));
  CHECK(find(r, FindingCode::RegistrationLate)->message ==
        "Registreringen er foretaget 11.03.2024 kl. 08:00, men fristen var 08.03.2024 kl. 23:59 (straks og senest 3 "
        "dage efter indgrebet den 05.03.2024). Den er 3 dage for sent.");
}

TEST_CASE("MOVE_REGISTRATION_LATE: by the end of the month of the move") {
  run_table({
      Scenario{"last minute of February 2024", "handicap", "2020-2", "129", "2024-02-10T10:00"}.registered("2024-02-29T23:59"),
      Scenario{"first minute of March", "handicap", "2020-2", "129", "2024-02-10T10:00"}.registered("2024-03-01T00:00").expect("MOVE_REGISTRATION_LATE"),
      Scenario{"a move is not held to 3 days", "demens", "2024-4", "136f", "2024-08-01T10:00"}.registered("2024-08-31T12:00"),
      Scenario{"Skema 4, next month", "demens", "2024-4", "136f", "2024-08-01T10:00"}.registered("2024-09-01T00:00").expect("MOVE_REGISTRATION_LATE"),
  });
  const CheckResult r = check_registration(
      make(Scenario{"", "handicap", "2020-2", "129", "2024-02-10T10:00"}.registered("2024-03-04T09:00")));
  const std::string& msg = find(r, FindingCode::MoveRegistrationLate)->message;
  CHECK(contains(msg, "udgangen af februar 2024 (29.02.2024 kl. 23:59)"));
  CHECK(contains(msg, "04.03.2024 kl. 09:00"));
}

// Issue 14 item 11: a child's registration is due "straks og senest 24 timer efter" the intervention:
// 24 hours of real time after it ended (began, when the end is not known), over summer-time changes too.
TEST_CASE("REGISTRATION_LATE for children: 24 hours after the intervention ended, not 3 days") {
  run_table({
      Scenario{"24 hours after the start, no end given", "boern", "boern-1a", "boern_fastholdelse", "2025-03-05T10:00"}.registered("2025-03-06T10:00"),
      Scenario{"a minute past 24 hours", "boern", "boern-1a", "boern_fastholdelse", "2025-03-05T10:00"}.registered("2025-03-06T10:01").expect("REGISTRATION_LATE"),
      Scenario{"counted from the end", "boern", "boern-1a", "boern_fastholdelse", "2025-03-05T10:00"}.ended("2025-03-05T13:00").registered("2025-03-06T13:00"),
      Scenario{"a minute past 24 hours after the end", "boern", "boern-1a", "boern_fastholdelse", "2025-03-05T10:00"}.ended("2025-03-05T13:00").registered("2025-03-06T13:01").expect("REGISTRATION_LATE"),
      Scenario{"day 2 is on time for an adult, late for a child", "boern", "boern-1a", "boern_fastholdelse", "2025-03-05T10:00"}.registered("2025-03-07T09:00").expect("REGISTRATION_LATE"),
      Scenario{"the adult form on the same times is on time", "handicap", "2024-1", "124d", "2025-03-05T10:00"}.registered("2025-03-07T09:00"),
      // 30 March 2025: clocks go from 02:00 to 03:00; 24 hours after 01:30 on the 29th are 02:30 on the 30th,
      // which does not exist, so the deadline is 03:30.
      Scenario{"over the spring change: 24 real hours", "boern", "boern-1a", "boern_fastholdelse", "2025-03-29T02:30"}.registered("2025-03-30T03:30"),
      Scenario{"over the spring change, a minute late", "boern", "boern-1a", "boern_fastholdelse", "2025-03-29T02:30"}.registered("2025-03-30T03:31").expect("REGISTRATION_LATE"),
      // 26 October 2025: 03:00 becomes 02:00; 24 real hours after 12:00 on the 25th are 11:00 on the 26th.
      Scenario{"over the autumn change: 24 real hours", "boern", "boern-1a", "boern_fastholdelse", "2025-10-25T12:00"}.registered("2025-10-26T11:00"),
      Scenario{"over the autumn change, a minute late", "boern", "boern-1a", "boern_fastholdelse", "2025-10-25T12:00"}.registered("2025-10-26T11:01").expect("REGISTRATION_LATE"),
  });
  const CheckResult r = check_registration(make(
      Scenario{"", "boern", "boern-1a", "boern_fastholdelse", "2025-03-05T10:00"}.ended("2025-03-05T10:20").registered("2025-03-06T15:00")));
  REQUIRE(r.registration_due.has_value());
  CHECK(time::format_iso(*r.registration_due) == "2025-03-06T10:20");
  CHECK(find(r, FindingCode::RegistrationLate)->message ==
        "Registreringen er foretaget 06.03.2025 kl. 15:00, men fristen var 06.03.2025 kl. 10:20 (straks og senest 24 "
        "timer efter indgrebet, jf. voksenansvarsloven). Den er 5 timer for sent.");
  // The one deadline function gives the same to the screens and the work list.
  const auto& cat = forms::Catalogue::builtin();
  CHECK(registration_due_for(*cat.find_form("boern-1a"), t("2025-03-05T10:00"), t("2025-03-05T10:20"), std::nullopt) ==
        t("2025-03-06T10:20"));
  CHECK(registration_due_for(*cat.find_form("boern-1a"), t("2025-03-05T10:00"), std::nullopt, std::nullopt) ==
        t("2025-03-06T10:00"));
  // An end before the start (refused elsewhere as TIME_ORDER_INVALID) does not move the deadline earlier.
  CHECK(registration_due_for(*cat.find_form("boern-1a"), t("2025-03-05T10:00"), t("2025-03-05T09:00"), std::nullopt) ==
        t("2025-03-06T10:00"));
}

TEST_CASE("registration_due per kind of form: 3 days, end of the move's month, none for applications") {
  struct Row {
    const char* group;
    const char* form;
    const char* basis;
    const char* started;
    const char* due;  // nullptr = no deadline
  };
  const Row rows[] = {
      {"handicap", "2020-1a", "124d", "2024-03-05T14:30", "2024-03-08T23:59"},
      {"handicap", "2020-1a", "124d", "2024-12-30T10:00", "2025-01-02T23:59"},
      {"handicap", "2020-bilag1", "128", "2024-03-05T10:00", "2024-03-08T23:59"},
      {"handicap", "2020-2", "129", "2024-02-10T10:00", "2024-02-29T23:59"},
      {"demens", "2024-4", "136f", "2024-09-15T10:00", "2024-09-30T23:59"},
      {"handicap", "2020-3", "128", "2024-03-05T10:00", nullptr},
      {"handicap", "2024-3", "128", "2024-08-05T10:00", nullptr},
      {"boern", "boern-1a", "noedret", "2024-03-05T10:00", "2024-03-06T10:00"},  // 24 hours (voksenansvarsloven)
  };
  // Issue 27 item 4: a 2024 Skema 2 for a use the day after its decision expired is not pre-approved: it is
  // due three days after the use, not on the decision's last day (before the use).
  {
    const CheckResult r = check_registration(
        make(Scenario{"", "handicap", "2024-2", "128", "2025-01-01T00:00"}.approval("A128")));
    CHECK(codes(r) == "PREAPPROVAL_NOT_VALID");
    REQUIRE(r.registration_due.has_value());
    CHECK(time::format_iso(*r.registration_due) == "2025-01-04T23:59");
  }
  for (const Row& row : rows) {
    CAPTURE(row.form);
    const CheckResult r =
        check_registration(make(Scenario{"", row.group, row.form, row.basis, row.started}.period_start("2024-03-01")));
    if (row.due) {
      REQUIRE(r.registration_due.has_value());
      CHECK(time::format_iso(*r.registration_due) == row.due);
    } else {
      CHECK_FALSE(r.registration_due.has_value());
    }
  }
}

TEST_CASE("BILAG1_PERIOD_EXCEEDED: day 30 after period_start is the last day of the period") {
  run_table({
      Scenario{"day 30", "handicap", "2020-bilag1", "128", "2024-03-31T10:00"}.approval("A128").period_start("2024-03-01"),
      Scenario{"day 31", "handicap", "2020-bilag1", "128", "2024-04-01T10:00"}.approval("A128").period_start("2024-03-01").expect("BILAG1_PERIOD_EXCEEDED"),
      Scenario{"the first day", "handicap", "2020-bilag1", "128", "2024-03-01T00:00"}.approval("A128").period_start("2024-03-01"),
      Scenario{"before the period", "handicap", "2020-bilag1", "128", "2024-02-29T23:59"}.approval("A128").period_start("2024-03-01").expect("BILAG1_PERIOD_EXCEEDED"),
      Scenario{"over the leap day: 15 Feb + 30 = 16 Mar", "demens", "2020-bilag1", "128", "2024-03-16T10:00"}.approval("A128").period_start("2024-02-15"),
      Scenario{"over the leap day, the day after", "demens", "2020-bilag1", "128", "2024-03-17T10:00"}.approval("A128").period_start("2024-02-15").expect("BILAG1_PERIOD_EXCEEDED"),
  });
  const CheckResult r = check_registration(make(Scenario{"", "demens", "2020-bilag1", "128", "2024-04-01T10:00"}.approval("A128").period_start("2024-03-01")));
  const std::string& msg = find(r, FindingCode::Bilag1PeriodExceeded)->message;
  CHECK(contains(msg, "01.03.2024"));
  CHECK(contains(msg, "31.03.2024"));
  CHECK(contains(msg, "31 dage efter"));
  CHECK(contains(msg, "Skema 1 b"));
}

TEST_CASE("WITHOUT_LEGAL_BASIS and POLICE_REPORT for every target group") {
  run_table({
      Scenario{"uden hjemmel, handicap", "handicap", "2020-1a", "uden_hjemmel", "2024-03-05T10:00"}.expect("WITHOUT_LEGAL_BASIS"),
      Scenario{"uden hjemmel, demens", "demens", "2024-1", "uden_hjemmel", "2024-08-05T10:00"}.expect("WITHOUT_LEGAL_BASIS"),
      Scenario{"uden hjemmel, child", "boern", "boern-1a", "uden_hjemmel", "2024-08-05T10:00"}.expect("WITHOUT_LEGAL_BASIS"),
      Scenario{"nødværge", "handicap", "2020-1a", "noedvaerge", "2024-03-05T10:00"}.expect("POLICE_REPORT"),
      Scenario{"nødret", "demens", "2020-1b", "noedret", "2024-03-05T10:00"}.expect("POLICE_REPORT"),
      Scenario{"nødværge, child", "boern", "boern-1a", "noedvaerge", "2024-03-05T10:00"}.expect("POLICE_REPORT"),
  });
  const CheckResult r = check_registration(make({"", "handicap", "2020-1a", "noedret", "2024-03-05T10:00"}));
  CHECK(contains(find(r, FindingCode::PoliceReport)->message, "nødret (straffeloven § 14)"));
  CHECK(severity(FindingCode::PoliceReport) == Severity::Action);
  CHECK(severity(FindingCode::WithoutLegalBasis) == Severity::Warning);
  CHECK_FALSE(r.has_errors());
}

TEST_CASE("several findings at once, in a fixed order") {
  const CheckResult r = check_registration(make({"", "demens", "2020-1a", "136a", "2024-07-01T10:00",
                                                 "2024-07-01T09:00", "2024-07-08T10:00"}));
  CHECK(codes(r) ==
        "FORM_NOT_IN_FORCE FORM_NOT_FOR_TARGET_GROUP BASIS_NOT_FOR_TARGET_GROUP HYGIENE_SITUATION_REQUIRED "
        "TIME_ORDER_INVALID REGISTRATION_LATE");
  CHECK(r.has_errors());
  for (std::size_t i = 1; i < r.findings.size(); ++i)
    CHECK(static_cast<int>(r.findings[i - 1].code) < static_cast<int>(r.findings[i].code));
}

TEST_CASE("finding codes have stable names and fixed severities") {
  struct Row {
    FindingCode code;
    const char* name;
    Severity severity;
  };
  const Row rows[] = {
      {FindingCode::FormNotInForce, "FORM_NOT_IN_FORCE", Severity::Error},
      {FindingCode::FormNotForTargetGroup, "FORM_NOT_FOR_TARGET_GROUP", Severity::Error},
      {FindingCode::BasisNotForTargetGroup, "BASIS_NOT_FOR_TARGET_GROUP", Severity::Error},
      {FindingCode::BasisNotOnForm, "BASIS_NOT_ON_FORM", Severity::Error},
      {FindingCode::PreapprovalRequired, "PREAPPROVAL_REQUIRED", Severity::Error},
      {FindingCode::PreapprovalNotValid, "PREAPPROVAL_NOT_VALID", Severity::Error},
      {FindingCode::PreapprovedUseOnAcuteForm, "PREAPPROVED_USE_ON_ACUTE_FORM", Severity::Warning},
      {FindingCode::HygieneSituationRequired, "HYGIENE_SITUATION_REQUIRED", Severity::Error},
      {FindingCode::HygieneSituationNotAllowed, "HYGIENE_SITUATION_NOT_ALLOWED", Severity::Error},
      {FindingCode::HygieneRepeatRequiresApplication, "HYGIENE_REPEAT_REQUIRES_APPLICATION", Severity::Action},
      {FindingCode::TimeOrderInvalid, "TIME_ORDER_INVALID", Severity::Error},
      {FindingCode::RegistrationLate, "REGISTRATION_LATE", Severity::Warning},
      {FindingCode::MoveRegistrationLate, "MOVE_REGISTRATION_LATE", Severity::Warning},
      {FindingCode::Bilag1PeriodExceeded, "BILAG1_PERIOD_EXCEEDED", Severity::Error},
      {FindingCode::AttachmentMissing, "ATTACHMENT_MISSING", Severity::Error},
      {FindingCode::WithoutLegalBasis, "WITHOUT_LEGAL_BASIS", Severity::Warning},
      {FindingCode::PoliceReport, "POLICE_REPORT", Severity::Action},
      {FindingCode::ComplaintLate, "COMPLAINT_LATE", Severity::Warning},
  };
  CHECK(std::size(rows) == std::size(k_all_finding_codes));
  for (const Row& row : rows) {
    CAPTURE(row.name);
    CHECK(to_string(row.code) == row.name);
    CHECK(severity(row.code) == row.severity);
    auto back = finding_code_from_string(row.name);
    REQUIRE(back.has_value());
    CHECK(*back == row.code);
  }
  CHECK_FALSE(finding_code_from_string("NOPE").has_value());
  CHECK(to_string(Severity::Action) == "action");
}

TEST_CASE("a decision's status in the rule input is one of the stored decision's three, read and written as text") {
  const auto input = [](const char* status) {
    return nlohmann::json{{"citizen", {{"target_group", "handicap"}}},
                          {"registration", {{"form", "2020-1a"}, {"basis", "128"}, {"started_at", "2024-03-05T10:00"},
                                            {"approval_id", "A"}}},
                          {"approvals", {{{"id", "A"}, {"basis", "128"}, {"status", status}, {"valid_from", "2024-01-01"},
                                          {"valid_to", "2024-12-31"}, {"notified_on", "2023-12-20"}}}}};
  };
  for (const auto& row : {std::pair{"pending", model::DecisionStatus::Pending},
                          std::pair{"granted", model::DecisionStatus::Granted},
                          std::pair{"refused", model::DecisionStatus::Refused}}) {
    const char* text = row.first;
    const model::DecisionStatus status = row.second;
    CAPTURE(text);
    auto parsed = parse_check_input(input(text));
    REQUIRE(parsed.ok());
    CHECK(parsed->approvals.at(0).status == status);
    CHECK(nlohmann::json::parse(check_input_to_json(*parsed).dump())["approvals"][0]["status"] == text);
    const bool preapproved = !check_registration(*parsed).has(FindingCode::PreapprovalNotValid);
    CHECK(preapproved == (status == model::DecisionStatus::Granted));
  }
  // A status the model has no such decision for is refused, naming the field.
  auto expired = parse_check_input(input("expired"));
  REQUIRE_FALSE(expired.ok());
  CHECK(expired.error().field == "approvals[0].status");
  CHECK(expired.error().message.find("pending, granted, refused") != std::string::npos);
}

TEST_CASE("validate_check_input rejects what the JSON parser would reject") {
  CheckInput in = make({"", "handicap", "2020-1a", "124d", "2024-03-05T10:00"});
  CHECK(validate_check_input(in, forms::Catalogue::builtin()).ok());
  SUBCASE("unknown form") {
    in.registration.form = "2020-9";
    auto s = validate_check_input(in, forms::Catalogue::builtin());
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().field == "registration.form");
    const CheckResult r = check_registration(in);  // still safe to call
    CHECK(r.form_set.empty());
  }
  SUBCASE("a Bilag 1 line without period_start") {
    in.registration.form = "2020-bilag1";
    in.registration.basis = "128";
    auto s = validate_check_input(in, forms::Catalogue::builtin());
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().field == "registration.period_start");
  }
  SUBCASE("unknown basis in history") {
    in.history.push_back({"999", t("2024-01-01T10:00"), std::nullopt});
    auto s = validate_check_input(in, forms::Catalogue::builtin());
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().field == "history[0].basis");
  }
}
