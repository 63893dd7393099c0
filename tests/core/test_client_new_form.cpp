// Forms made on the tablet (core/client/new_form, form_choice): a registration under a decision goes on
// the decision's case with the decision filled in, an acute one on a new single case, Bilag 1 on its
// parent's case; the tablet's store saves the plan all or nothing.
#include <doctest/doctest.h>

#include <string>

#include "core/client/client_store.hpp"
#include "core/client/form_choice.hpp"
#include "core/client/new_form.hpp"
#include "core/forms/catalogue.hpp"
#include "core/forms/form_definition.hpp"
#include "test_storage_support.hpp"

using namespace magtreg;
using namespace magtreg::core;
using magtreg::core::client::NewFormContext;

namespace {

const forms::FormDefinition& definition(const char* id) {
  const auto* def = forms::Catalogue::builtin().definition(id);
  REQUIRE_MESSAGE(def != nullptr, id);
  return *def;
}

NewFormContext context(const char* tag) {
  NewFormContext c;
  c.form_id = test::tid(std::string("form-") + tag);
  c.new_case = {test::tid(std::string("case-") + tag), "2024-09-02T08:00:00Z"};
  c.created_by = test::tid("staff");
  c.offer_name = "Bostedet Ærøvej";
  c.author_name = "Søren Ørsted";
  return c;
}

// A citizen with a base course, an open approval case holding a granted § 128 decision
// (01.09.2024–28.02.2025), and an open single case from an earlier incident.
cases::CitizenFile file_with_decision(const char* target_group = "handicap") {
  cases::CitizenFile file;
  file.citizen = test::sample_citizen();
  file.citizen.target_group = target_group;
  file.base_courses.push_back(model::new_base_course(file.citizen.id));
  model::Case approval;
  approval.id = test::tid("approval-case");
  approval.citizen_id = file.citizen.id;
  approval.base_course_id = file.base_courses[0].id;
  approval.kind = magtreg::core::model::CaseKind::Approval;
  approval.title = "Magtanvendelse";
  approval.opened_at = "2024-08-01T08:00:00Z";
  approval.decision_id = test::tid("decision");
  model::Case earlier = approval;
  earlier.id = test::tid("earlier-case");
  earlier.kind = magtreg::core::model::CaseKind::Single;
  earlier.decision_id.reset();
  file.cases = {approval, earlier};
  model::Decision d = test::sample_decision();
  d.id = test::tid("decision");
  d.citizen_id = file.citizen.id;
  d.case_id = approval.id;
  d.basis = "128";
  d.status = magtreg::core::model::DecisionStatus::Granted;
  d.valid_from = "2024-09-01";
  d.valid_to = "2025-02-28";
  file.decisions = {d};
  return file;
}

}  // namespace

TEST_CASE("choosing the form under a decision: Skema 2 from July 2024, Skema 1 a/1 b in the 2020 set") {
  const auto& cat = forms::Catalogue::builtin();
  auto now = client::choose_forms_under_decision(cat, "handicap", "2024-09-02", "2024-09-03");
  REQUIRE(now.forms.size() == 1);
  CHECK(now.forms[0]->id == "2024-2");
  auto demens = client::choose_forms_under_decision(cat, "demens", "2024-09-02", "2024-09-03");
  REQUIRE(demens.forms.size() == 1);
  CHECK(demens.forms[0]->id == "2024-2");
  auto before = client::choose_forms_under_decision(cat, "handicap", "2024-03-05", "2024-09-03");
  REQUIRE(before.forms.size() == 1);
  CHECK(before.forms[0]->id == "2020-1a");
  auto future = client::choose_forms_under_decision(cat, "handicap", "2024-09-04", "2024-09-03");
  CHECK(future.forms.empty());
  CHECK(future.refusal.find("ligger efter i dag") != std::string::npos);
  // The acute choice is unchanged: registration forms only.
  auto acute = client::choose_registration_forms(cat, "handicap", "2024-09-02", "2024-09-03");
  REQUIRE_FALSE(acute.forms.empty());
  for (const auto* m : acute.forms) CHECK(m->kind == forms::FormKind::Registration);
}

TEST_CASE("a registration under a decision goes on the decision's case with the decision filled in") {
  const auto file = file_with_decision();
  auto plan = client::plan_form(file, definition("2024-2"), test::tid("decision"), context("under"));
  REQUIRE_MESSAGE(plan.ok(), test::describe(plan));
  CHECK_FALSE(plan->new_case);
  CHECK_FALSE(plan->new_base_course);
  const auto& f = plan->form;
  CHECK(f.case_id == test::tid("approval-case"));
  CHECK(f.id == test::tid("form-under"));
  CHECK(f.form_id == "2024-2");
  CHECK(f.state == magtreg::core::model::FormState::Draft);
  CHECK(f.citizen_id == file.citizen.id);
  CHECK(f.institution_id == file.citizen.institution_id);
  CHECK(f.created_by == test::tid("staff"));
  CHECK(f.content["citizen_name"] == file.citizen.name);
  CHECK(f.content["offer_name"] == "Bostedet Ærøvej");
  CHECK(f.content["basis"] == "128");
  CHECK(f.content["decision_from"] == "2024-09-01");
  CHECK(f.content["decision_to"] == "2025-02-28");
  CHECK(f.content["decision_reference"].get<std::string>().find("01.09.2024 – 28.02.2025") != std::string::npos);
  CHECK_FALSE(f.content.contains("under_decision"));  // Skema 2 has no such question

  SUBCASE("2020 set: Skema 1 a with 'under a decision' answered yes") {
    auto old = client::plan_form(file, definition("2020-1a"), test::tid("decision"), context("old"));
    REQUIRE(old.ok());
    CHECK(old->form.case_id == test::tid("approval-case"));
    CHECK(old->form.content["under_decision"] == true);
    CHECK(old->form.content["basis"] == "128");
    CHECK_FALSE(old->form.content.contains("decision_from"));
  }
  SUBCASE("a decision the tablet does not hold, a refused one, or one whose case is closed is refused in Danish") {
    auto unknown = client::plan_form(file, definition("2024-2"), test::tid("nope"), context("x"));
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == ErrorCode::NotFound);
    CHECK(unknown.error().field == "approval_id");

    auto refused_file = file;
    refused_file.decisions[0].status = magtreg::core::model::DecisionStatus::Refused;
    auto refused = client::plan_form(refused_file, definition("2024-2"), test::tid("decision"), context("x"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("ikke en godkendelse") != std::string::npos);

    auto closed_file = file;
    closed_file.cases[0].closed_at = "2024-08-30T08:00:00Z";
    auto closed = client::plan_form(closed_file, definition("2024-2"), test::tid("decision"), context("x"));
    REQUIRE_FALSE(closed.ok());
    CHECK(closed.error().message.find("lukket") != std::string::npos);
  }
}

TEST_CASE("an acute registration opens a new single case even beside open cases and a decision") {
  const auto file = file_with_decision();
  auto plan = client::plan_form(file, definition("2024-1"), std::nullopt, context("acute"));
  REQUIRE(plan.ok());
  REQUIRE(plan->new_case);
  CHECK(plan->new_case->id == test::tid("case-acute"));
  CHECK(plan->new_case->kind == magtreg::core::model::CaseKind::Single);
  CHECK(plan->new_case->opened_at == "2024-09-02T08:00:00Z");
  CHECK(plan->form.case_id == test::tid("case-acute"));
  CHECK_FALSE(plan->new_base_course);
  CHECK_FALSE(plan->form.content.contains("basis"));
  // The carer who registers is the first of the staff involved (issue #15 item 4).
  CHECK(plan->form.content["staff_involved"] == nlohmann::json::array({{{"name", "Søren Ørsted"}}}));
  auto unknown = context("unknown");
  unknown.author_name.clear();
  auto anonymous = client::plan_form(file, definition("2024-1"), std::nullopt, unknown);
  REQUIRE(anonymous.ok());
  CHECK_FALSE(anonymous->form.content.contains("staff_involved"));

  SUBCASE("the first registration of a citizen also creates the base course") {
    auto first = file;
    first.base_courses.clear();
    auto p = client::plan_form(first, definition("2024-1"), std::nullopt, context("first"));
    REQUIRE(p.ok());
    REQUIRE(p->new_base_course);
    CHECK(p->new_case->base_course_id == p->new_base_course->id);
  }
}

TEST_CASE("the intervention's day chosen before the form is its start date, the time left to the user") {
  const auto file = file_with_decision();
  auto chosen = context("day");
  chosen.intervention_day = "2024-09-01";
  for (const char* id : {"2024-1", "2020-1a"}) {
    CAPTURE(id);
    auto plan = client::plan_form(file, definition(id), std::nullopt, chosen);
    REQUIRE(plan.ok());
    CHECK(plan->form.content["started_at"] == "2024-09-01");
    CHECK_FALSE(plan->form.content.contains("ended_at"));
  }
  auto under = client::plan_form(file, definition("2024-2"), test::tid("decision"), chosen);
  REQUIRE(under.ok());
  CHECK_FALSE(under->form.content.contains("started_at"));  // a Skema 2 has no start: its period comes from the decision
  auto application = client::plan_form(file, definition("2024-3"), std::nullopt, chosen);
  REQUIRE(application.ok());
  CHECK_FALSE(application->form.content.contains("started_at"));
  for (const char* not_a_day : {"", "01.09.2024", "2024-02-30"}) {
    chosen.intervention_day = not_a_day;
    auto plan = client::plan_form(file, definition("2024-1"), std::nullopt, chosen);
    REQUIRE(plan.ok());
    CHECK_FALSE(plan->form.content.contains("started_at"));
  }
}

TEST_CASE("an application opens an approval case; a move without consent a case of its own") {
  const auto file = file_with_decision();
  auto app = client::plan_form(file, definition("2024-3"), std::nullopt, context("app"));
  REQUIRE_MESSAGE(app.ok(), test::describe(app));
  REQUIRE(app->new_case);
  CHECK(app->new_case->kind == magtreg::core::model::CaseKind::Approval);
  CHECK_FALSE(app->new_case->decision_id);
  CHECK(app->form.case_id == app->new_case->id);
  CHECK(app->form.content["citizen_name"] == file.citizen.name);

  auto move = client::plan_form(file, definition("2024-4"), std::nullopt, context("move"));
  REQUIRE(move.ok());
  REQUIRE(move->new_case);
  CHECK(move->new_case->kind == magtreg::core::model::CaseKind::Single);
  CHECK(move->form.case_id == test::tid("case-move"));

  SUBCASE("neither goes under a decision, and Bilag 1 needs its parent") {
    auto under = client::plan_form(file, definition("2024-4"), test::tid("decision"), context("x"));
    REQUIRE_FALSE(under.ok());
    CHECK(under.error().field == "approval_id");
    auto bilag = client::plan_form(file, definition("2020-bilag1"), std::nullopt, context("x"));
    REQUIRE_FALSE(bilag.ok());
    CHECK(bilag.error().field == "parent_id");
  }
  SUBCASE("the forms offered: Skema 3 to apply, Skema 4 for a move, by the set in force") {
    const auto& cat = forms::Catalogue::builtin();
    auto apps = client::choose_forms(cat, "demens", "2025-03-01", "2025-03-02", forms::FormKind::Application);
    REQUIRE(apps.forms.size() == 1);
    CHECK(apps.forms[0]->id == "2024-3");
    auto moves = client::choose_forms(cat, "handicap", "2024-03-01", "2025-03-02", forms::FormKind::Move);
    REQUIRE(moves.forms.size() == 1);
    CHECK(moves.forms[0]->id == "2020-2");
    auto children = client::choose_forms(cat, "boern", "2025-03-01", "2025-03-02", forms::FormKind::Move);
    CHECK(children.forms.empty());
    CHECK(children.refusal.find("intet skema for flytning uden samtykke for målgruppen børn og unge") != std::string::npos);
  }
}

TEST_CASE("Bilag 1 goes on its Skema 1 a's case, prefilled from it and the decision on its basis") {
  auto file = file_with_decision();
  model::FormInstance parent;
  parent.id = test::tid("parent");
  parent.form_id = "2020-1a";
  parent.form_version = 1;
  parent.citizen_id = file.citizen.id;
  parent.case_id = test::tid("earlier-case");
  parent.institution_id = file.citizen.institution_id;
  parent.legal_basis = "128";
  parent.started_at = "2024-09-01T14:30";
  auto plan = client::plan_attached_form(file, definition("2020-bilag1"), parent, context("bilag"), {});
  REQUIRE_MESSAGE(plan.ok(), test::describe(plan));
  CHECK_FALSE(plan->new_case);
  CHECK(plan->form.case_id == test::tid("earlier-case"));
  CHECK(plan->form.parent_id == parent.id);
  CHECK(plan->form.content["period_start"] == "2024-09-01");
  CHECK(plan->form.content["first_registration"] == "Skema 1 a, indgreb 01.09.2024 kl. 14:30");
  CHECK(plan->form.content["basis"] == "128");
  CHECK(plan->form.content["decision_reference"].get<std::string>().rfind("Afgørelse ", 0) == 0);

  SUBCASE("a decision not in force on the period's first day is not named") {
    parent.started_at = "2025-03-01T10:00";
    auto later = client::plan_attached_form(file, definition("2020-bilag1"), parent, context("later"), {});
    REQUIRE(later.ok());
    CHECK_FALSE(later->form.content.contains("decision_reference"));
  }
  SUBCASE("another citizen's parent is refused") {
    parent.citizen_id = test::tid("someone-else");
    auto other = client::plan_attached_form(file, definition("2020-bilag1"), parent, context("x"), {});
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().field == "parent_id");
  }
}

// Issue 14 item 15: a § 136 c hold is registered once, on Skema 1, with its Bilag til § 136 c made from it.
TEST_CASE("the Bilag til § 136 c is made from its Skema 1 on § 136 c only, once, with the hold's answers") {
  auto file = file_with_decision("demens");
  model::FormInstance skema1;
  skema1.id = test::tid("skema1");
  skema1.form_id = "2024-1";
  skema1.form_version = 1;
  skema1.citizen_id = file.citizen.id;
  skema1.case_id = test::tid("earlier-case");
  skema1.institution_id = file.citizen.institution_id;
  skema1.legal_basis = "136c";
  skema1.started_at = "2024-09-01T07:30";
  skema1.content = {{"citizen_name", file.citizen.name}, {"basis", "136c"}, {"started_at", "2024-09-01T07:30"},
                    {"ended_at", "2024-09-01T07:34"}, {"hygiene_situation", "tandboerstning"},
                    {"staff_involved", nlohmann::json::array({{{"name", "Søren Ørsted"}, {"role", "SSA"}}})},
                    {"voluntary_tried", true}, {"voluntary_how", "Samtale og ro."}, {"proportionality", "P"},
                    {"least_intrusive", "L"}, {"gentleness", "G"}, {"citizen_view", "Borgeren faldt til ro."},
                    {"leader_name", "Lars Leder"}};
  const auto& bilag = definition("2024-bilag136c");
  REQUIRE(bilag.meta.kind == forms::FormKind::Attachment);
  REQUIRE(bilag.meta.version == 2);

  auto plan = client::plan_attached_form(file, bilag, skema1, context("bilag"), {skema1});
  REQUIRE_MESSAGE(plan.ok(), test::describe(plan));
  CHECK(plan->form.parent_id == skema1.id);
  CHECK(plan->form.case_id == skema1.case_id);
  const auto& c = plan->form.content;
  for (const char* shared : {"basis", "started_at", "ended_at", "hygiene_situation", "staff_involved", "voluntary_how",
                             "proportionality", "least_intrusive", "gentleness"}) {
    CAPTURE(shared);
    CHECK(c[shared] == skema1.content[shared]);
  }
  CHECK_FALSE(c.contains("citizen_view"));  // not on the Bilag: its Skema 1 says it
  CHECK_FALSE(c.contains("leader_name"));   // the leader's part is the leader's to fill

  SUBCASE("a second Bilag for the same Skema 1 is refused; a deleted one does not count") {
    model::FormInstance first = plan->form;
    auto again = client::plan_attached_form(file, bilag, skema1, context("again"), {skema1, first});
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().field == "parent_id");
    CHECK(again.error().message.find("har allerede et Bilag til § 136 c") != std::string::npos);
    first.sync.deleted = true;
    CHECK(client::plan_attached_form(file, bilag, skema1, context("again"), {skema1, first}).ok());
  }
  SUBCASE("not from a Skema 1 on another basis, nor from the 2020 forms, nor on its own") {
    auto other = skema1;
    other.legal_basis = "124c";
    other.content["basis"] = "124c";
    auto wrong = client::plan_attached_form(file, bilag, other, context("x"), {other});
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == ErrorCode::InvalidInput);
    CHECK(wrong.error().message.find("om § 136 c") != std::string::npos);
    CHECK(wrong.error().message.find("Skema 1 er om § 124 c") != std::string::npos);
    auto old = skema1;
    old.form_id = "2020-1b";
    CHECK_FALSE(client::plan_attached_form(file, bilag, old, context("x"), {old}).ok());
    auto alone = client::plan_form(file, bilag, std::nullopt, context("x"));
    REQUIRE_FALSE(alone.ok());
    CHECK(alone.error().field == "parent_id");
  }
  SUBCASE("the new-registration list offers Skema 1, not the Bilag") {
    auto choice = client::choose_registration_forms(forms::Catalogue::builtin(), "demens", "2025-03-01", "2025-03-02");
    REQUIRE(choice.forms.size() == 1);
    CHECK(choice.forms[0]->id == "2024-1");
  }
}

TEST_CASE("the tablet store saves a new form with its case and base course in one go") {
  test::TempDir dir;
  auto store = client::ClientStore::open(dir.file("records.db"));
  REQUIRE(store.ok());
  auto file = file_with_decision();
  file.base_courses.clear();
  file.cases.clear();
  file.decisions.clear();
  // The citizen arrives as the server's change feed sends it.
  const nlohmann::json page = nlohmann::json::array({{{"kind", "citizen"}, {"id", file.citizen.id}, {"revision", 1},
                                                      {"server_seq", 1}, {"content_hash", ""},
                                                      {"data", model::to_json(file.citizen)}}});
  REQUIRE(store->apply_changes(test::page_of(page, 1)).ok());
  auto loaded = store->citizen_file(file.citizen.id);
  REQUIRE(loaded.ok());
  CHECK(loaded->citizen.id == file.citizen.id);
  CHECK(loaded->cases.empty());
  CHECK(store->citizen_file(test::tid("unknown")).error().code == ErrorCode::NotFound);

  auto plan = client::plan_form(*loaded, definition("2024-1"), std::nullopt, context("stored"));
  REQUIRE(plan.ok());
  auto saved = store->save_new_form(*plan, test::tablet_writer(test::tid("staff")));
  REQUIRE_MESSAGE(saved.accepted(), (saved.accepted() ? "" : saved.status.error().message));
  auto again = store->citizen_file(file.citizen.id);
  REQUIRE(again.ok());
  REQUIRE(again->base_courses.size() == 1);
  REQUIRE(again->cases.size() == 1);
  CHECK(again->cases[0].id == test::tid("case-stored"));
  CHECK(store->outbox_counts().pending == 3);  // base course, case, form

  SUBCASE("a failing save leaves nothing behind") {
    auto bad = *plan;
    bad.form.id = test::tid("form-bad");
    bad.new_case->id = test::tid("case-bad");
    bad.form.form_version = 999;  // no such definition: the form is refused after the case was written
    CHECK_FALSE(store->save_new_form(bad, test::tablet_writer(test::tid("staff"))).accepted());
    auto after = store->citizen_file(file.citizen.id);
    REQUIRE(after.ok());
    CHECK(after->cases.size() == 1);
    CHECK(store->outbox_counts().pending == 3);
  }
}

// Issue 30 item 6: the leader completing a form is its leader; a name already there is kept, and a form
// without a leader's name field is unchanged.
TEST_CASE("the leader part starts with the leader's own name") {
  const auto& cat = forms::Catalogue::builtin();
  const auto* skema1 = cat.definition("2024-1", 1);
  REQUIRE(skema1 != nullptr);
  REQUIRE(skema1->part_of("leader_name") == forms::FormPart::Leader);
  CHECK(client::with_leader_prefilled(*skema1, nlohmann::json::object(), "Lars Nielsen") ==
        nlohmann::json{{"leader_name", "Lars Nielsen"}});
  CHECK(client::with_leader_prefilled(*skema1, nlohmann::json{{"leader_name", "Bo"}}, "Lars Nielsen") ==
        nlohmann::json{{"leader_name", "Bo"}});
  CHECK(client::with_leader_prefilled(*skema1, nlohmann::json::object(), "") == nlohmann::json::object());
  const auto* move = cat.definition("2024-4", 1);
  REQUIRE(move != nullptr);
  CHECK(client::with_leader_prefilled(*move, nlohmann::json::object(), "Lars Nielsen") == nlohmann::json::object());
}

// Issue 14 item 12: the days of the recommendation and of Familieretshuset's decision are said once, on the
// administration's recommendation; a move form is filled from the newest one Familieretshuset granted.
TEST_CASE("a move without consent is filled from the recommendation Familieretshuset granted") {
  auto file = file_with_decision("demens");
  model::MoveRecommendation r;
  r.id = test::tid("recommendation");
  r.citizen_id = file.citizen.id;
  r.basis = "129";
  r.subsection = "stk1";
  r.decided_on = "2025-02-03";
  r.lawyer_appointed_on = "2025-01-30";
  r.familieretshuset_decided_on = "2025-02-14";
  r.familieretshuset_outcome = "granted";
  auto older = r;
  older.id = test::tid("older");
  older.decided_on = "2024-10-01";
  older.familieretshuset_decided_on = "2024-10-10";
  auto refused = r;
  refused.id = test::tid("refused-one");
  refused.decided_on = "2025-03-01";
  refused.familieretshuset_decided_on = "2025-03-10";
  refused.familieretshuset_outcome = "refused";
  file.recommendations = {older, r, refused};
  for (const char* form : {"2024-4", "2020-2"}) {
    CAPTURE(form);
    auto plan = client::plan_form(file, definition(form), std::nullopt, context("move"));
    REQUIRE_MESSAGE(plan.ok(), test::describe(plan));
    const auto& c = plan->form.content;
    CHECK(c["basis"] == "129");
    CHECK(c["basis_129_subsection"] == "stk1");
    CHECK(c["recommendation_date"] == "2025-02-03");
    CHECK(c["familieretshuset_decision_date"] == "2025-02-14");
    CHECK(c["lawyer_appointed"] == true);
  }
  // Not yet decided, or only refused: nothing to fill in.
  file.recommendations = {refused};
  file.recommendations[0].familieretshuset_outcome = "refused";
  auto none = client::plan_form(file, definition("2024-4"), std::nullopt, context("none"));
  REQUIRE(none.ok());
  CHECK_FALSE(none->form.content.contains("recommendation_date"));
  CHECK_FALSE(none->form.content.contains("basis"));
}
