// DOMAIN.md "Cases" as tables: the base course on first need, enkeltsagsprincip (never reuse an open
// case), one case for application + decision + registrations under it, and what blocks closing a case.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/cases/cases.hpp"
#include "core/forms/catalogue.hpp"
#include "core/rules/check.hpp"
#include "core/rules/form_check.hpp"
#include "core/rules/legal_basis.hpp"
#include "test_storage_support.hpp"

using namespace magtreg;
using namespace magtreg::core;
using namespace magtreg::core::cases;

namespace {

const char* k_now = "2024-03-06T09:00:00Z";

CitizenFile file_for(const char* target_group) {
  CitizenFile file;
  file.citizen = test::sample_citizen();
  file.citizen.target_group = target_group;
  return file;
}

NewCase new_case(const char* name) { return NewCase{test::tid(name), k_now}; }

rules::CaseAssignment single() { return {rules::CaseKind::Single, {}}; }
rules::CaseAssignment under(const std::string& approval_id) { return {rules::CaseKind::Approval, approval_id}; }

model::Case stored_case(const CitizenFile& file, const char* name, const char* kind, bool closed) {
  model::Case c;
  c.id = test::tid(name);
  c.citizen_id = file.citizen.id;
  c.base_course_id = model::base_course_id_for(file.citizen.id);
  c.kind = magtreg::test::from_text(magtreg::core::model::k_case_kind_texts, kind);
  c.title = std::string(model::case_title_for(file.citizen.target_group));
  c.opened_at = "2024-01-02T10:00:00Z";
  if (closed) c.closed_at = "2024-02-01T10:00:00Z";
  return c;
}

model::Decision decision_on(const model::Case& c, const char* name, const char* status) {
  model::Decision d = test::sample_decision();
  d.id = test::tid(name);
  d.citizen_id = c.citizen_id;
  d.case_id = c.id;
  d.status = test::decision_status(status);
  if (std::string(status) == "pending") {
    d.valid_from.reset();
    d.valid_to.reset();
    d.decided_by.reset();
    d.decided_at.reset();
  }
  return d;
}

}  // namespace

TEST_CASE("base course: created on first need, then the one stored course of the citizen") {
  CitizenFile file = file_for("handicap");
  const auto first = base_course_for(file);
  CHECK(first.create);
  CHECK(first.course == model::new_base_course(file.citizen.id));
  CHECK(first.course.title == "Magtanvendelse (Grundforløb)");

  file.base_courses.push_back(first.course);
  const auto again = base_course_for(file);
  CHECK_FALSE(again.create);
  CHECK(again.course.id == first.course.id);

  SUBCASE("another citizen's course is not this citizen's") {
    CitizenFile other = file_for("demens");
    other.citizen.id = test::tid("other-citizen");
    other.base_courses = file.base_courses;
    const auto c = base_course_for(other);
    CHECK(c.create);
    CHECK(c.course.citizen_id == other.citizen.id);
    CHECK(c.course.id != first.course.id);
  }
  SUBCASE("a course stored under another id (imported) is still the one course") {
    CitizenFile imported = file_for("handicap");
    model::BaseCourse b = first.course;
    b.id = test::tid("imported-course");
    imported.base_courses.push_back(b);
    const auto c = base_course_for(imported);
    CHECK_FALSE(c.create);
    CHECK(c.course.id == b.id);
  }
  SUBCASE("the first case of a citizen brings the base course along; later ones do not") {
    CitizenFile fresh = file_for("handicap");
    auto p = place_registration(fresh, single(), new_case("case-1"));
    REQUIRE(p.ok());
    REQUIRE(p->new_base_course.has_value());
    CHECK(p->case_record.base_course_id == p->new_base_course->id);
    fresh.base_courses.push_back(*p->new_base_course);
    fresh.cases.push_back(p->case_record);
    auto p2 = place_registration(fresh, single(), new_case("case-2"));
    REQUIRE(p2.ok());
    CHECK_FALSE(p2->new_base_course.has_value());
    CHECK(p2->case_record.base_course_id == p->new_base_course->id);
  }
}

TEST_CASE("a registration not under a pre-approval always opens a new single case") {
  struct Row {
    const char* what;
    const char* group;
    std::vector<std::pair<const char*, bool>> existing;  // (case name, closed)
    const char* title;
  };
  const Row rows[] = {
      {"no earlier case", "handicap", {}, "Sag: Magtanvendelse, voksne SEL § 123-129, § 131, § 136-136d, § 136f, § 137e-i"},
      {"an open case from an unfinished incident is not reused", "demens", {{"open", false}},
       "Sag: Magtanvendelse, voksne SEL § 123-129, § 131, § 136-136d, § 136f, § 137e-i"},
      {"several open and closed cases", "handicap", {{"open-1", false}, {"closed-1", true}, {"open-2", false}},
       "Sag: Magtanvendelse, voksne SEL § 123-129, § 131, § 136-136d, § 136f, § 137e-i"},
      {"children get the children's title", "boern", {{"open", false}}, "Sag: Magtanvendelse, børn og unge"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    CitizenFile file = file_for(row.group);
    file.base_courses.push_back(model::new_base_course(file.citizen.id));
    for (const auto& [name, closed] : row.existing) file.cases.push_back(stored_case(file, name, "single", closed));
    auto p = place_registration(file, single(), new_case("new"));
    REQUIRE_MESSAGE(p.ok(), test::describe(p));
    CHECK(p->create_case);
    CHECK(p->case_record.id == test::tid("new"));
    for (const auto& c : file.cases) CHECK(p->case_record.id != c.id);
    CHECK(p->case_record.kind == magtreg::core::model::CaseKind::Single);
    CHECK(p->case_record.title == row.title);
    CHECK(p->case_record.citizen_id == file.citizen.id);
    CHECK(p->case_record.opened_at == k_now);
    CHECK_FALSE(p->case_record.decision_id.has_value());
    CHECK_FALSE(p->case_record.closed_at.has_value());
    CHECK(model::case_from_json(model::to_json(p->case_record)).ok());  // a valid record to store
  }
  SUBCASE("moves open a case of their own too") {
    CitizenFile file = file_for("demens");
    file.cases.push_back(stored_case(file, "open", "single", false));
    auto p = place_move(file, new_case("move"));
    REQUIRE(p.ok());
    CHECK(p->create_case);
    CHECK(p->case_record.kind == magtreg::core::model::CaseKind::Single);
  }
  SUBCASE("the new case needs a real id and time") {
    CitizenFile file = file_for("handicap");
    auto bad_id = place_registration(file, single(), NewCase{"A1", k_now});
    REQUIRE_FALSE(bad_id.ok());
    CHECK(bad_id.error().field == "case_id");
    auto bad_time = place_registration(file, single(), NewCase{test::tid("x"), "2024-03-06 09:00"});
    REQUIRE_FALSE(bad_time.ok());
    CHECK(bad_time.error().field == "opened_at");
  }
}

TEST_CASE("application, decision and registrations under it share one case") {
  CitizenFile file = file_for("handicap");
  file.base_courses.push_back(model::new_base_course(file.citizen.id));
  file.cases.push_back(stored_case(file, "unrelated-open", "single", false));

  // The application opens the approval case.
  auto app = place_application(file, new_case("approval-case"));
  REQUIRE(app.ok());
  CHECK(app->create_case);
  CHECK(app->case_record.kind == magtreg::core::model::CaseKind::Approval);
  CHECK_FALSE(app->case_record.decision_id.has_value());
  file.cases.push_back(app->case_record);

  // The decision joins it.
  const model::Decision granted = decision_on(app->case_record, "decision-128", "granted");
  auto attached = attach_decision(file, granted);
  REQUIRE_MESSAGE(attached.ok(), test::describe(attached));
  CHECK(attached->id == app->case_record.id);
  CHECK(attached->decision_id == granted.id);
  CHECK(model::case_from_json(model::to_json(*attached)).ok());
  file.cases.back() = *attached;
  file.decisions.push_back(granted);
  CHECK(attach_decision(file, granted).ok());  // attaching again is harmless

  // Registrations under the decision (Skema 1 a, Bilag 1, Skema 2 of 2024) go on the same case.
  for (int i = 0; i < 3; ++i) {
    auto reg = place_registration(file, under(granted.id), new_case("never-used"));
    REQUIRE_MESSAGE(reg.ok(), test::describe(reg));
    CHECK_FALSE(reg->create_case);
    CHECK_FALSE(reg->new_base_course.has_value());
    CHECK(reg->case_record.id == app->case_record.id);
  }
  // ... while one not under it still opens its own case.
  auto acute = place_registration(file, single(), new_case("acute"));
  REQUIRE(acute.ok());
  CHECK(acute->case_record.id == test::tid("acute"));

  SUBCASE("the rule engine's case assignment is what decides") {
    rules::CheckInput in;
    in.target_group = rules::TargetGroup::Handicap;
    in.registration.form = "2020-1a";
    in.registration.basis = "128";
    in.registration.started_at = {{2024, 3, 5}, 14, 30};
    in.registration.approval_id = granted.id;
    in.approvals.push_back(
        {granted.id, "128", model::DecisionStatus::Granted, time::Date{2024, 1, 1}, time::Date{2024, 12, 31}, time::Date{2023, 12, 20}});
    const auto result = rules::check_registration(in);
    REQUIRE(result.case_assignment.kind == rules::CaseKind::Approval);
    auto reg = place_registration(file, result.case_assignment, new_case("unused"));
    REQUIRE(reg.ok());
    CHECK(reg->case_record.id == app->case_record.id);

    in.registration.basis = "124d";
    in.registration.approval_id.reset();
    const auto acute_result = rules::check_registration(in);
    REQUIRE(acute_result.case_assignment.kind == rules::CaseKind::Single);
    auto own = place_registration(file, acute_result.case_assignment, new_case("own"));
    REQUIRE(own.ok());
    CHECK(own->create_case);
  }

  SUBCASE("attached forms follow their parent's case") {
    model::FormInstance skema1 = test::sample_form();
    skema1.citizen_id = file.citizen.id;
    skema1.case_id = app->case_record.id;
    auto bilag = place_with_parent(file, skema1);
    REQUIRE(bilag.ok());
    CHECK(bilag->case_record.id == app->case_record.id);
    CHECK_FALSE(bilag->create_case);
    skema1.citizen_id = test::tid("someone-else");
    CHECK(place_with_parent(file, skema1).error().field == "parent_id");
  }
}

TEST_CASE("registrations under a decision: the decision must be this citizen's granted one, its case open") {
  CitizenFile file = file_for("handicap");
  const model::Case approval = stored_case(file, "approval", "approval", false);
  const model::Case closed_approval = stored_case(file, "closed-approval", "approval", true);
  const model::Case single_case = stored_case(file, "single", "single", false);
  file.cases = {approval, closed_approval, single_case};
  file.decisions = {decision_on(approval, "granted", "granted"), decision_on(approval, "pending", "pending"),
                    decision_on(approval, "refused", "refused"), decision_on(closed_approval, "on-closed", "granted"),
                    decision_on(single_case, "on-single", "granted"),
                    decision_on(stored_case(file, "gone", "approval", false), "case-gone", "granted")};
  model::Decision foreign = decision_on(approval, "foreign", "granted");
  foreign.citizen_id = test::tid("other-citizen");
  file.decisions.push_back(foreign);
  model::Decision deleted = decision_on(approval, "deleted", "granted");
  deleted.sync.deleted = true;
  file.decisions.push_back(deleted);

  struct Row {
    const char* decision;
    bool ok;
    ErrorCode code;
    const char* field;
  };
  const Row rows[] = {
      {"granted", true, ErrorCode::Internal, ""},
      {"pending", false, ErrorCode::InvalidInput, "approval_id"},
      {"refused", false, ErrorCode::InvalidInput, "approval_id"},
      {"unknown", false, ErrorCode::NotFound, "approval_id"},
      {"deleted", false, ErrorCode::NotFound, "approval_id"},
      {"foreign", false, ErrorCode::InvalidInput, "approval_id"},
      {"on-closed", false, ErrorCode::InvalidInput, "case_id"},
      {"on-single", false, ErrorCode::InvalidInput, "case_id"},
      {"case-gone", false, ErrorCode::NotFound, "case_id"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.decision);
    auto p = place_registration(file, under(test::tid(row.decision)), new_case("unused"));
    CHECK(p.ok() == row.ok);
    if (p.ok()) {
      CHECK(p->case_record.id == approval.id);
    } else {
      CHECK(p.error().code == row.code);
      CHECK(p.error().field == row.field);
      CHECK_FALSE(p.error().message.empty());
    }
  }
}

TEST_CASE("attaching a decision: only to an approval case of the same citizen without another decision") {
  CitizenFile file = file_for("demens");
  model::Case approval = stored_case(file, "approval", "approval", false);
  model::Case taken = stored_case(file, "taken", "approval", false);
  taken.decision_id = test::tid("first-decision");
  const model::Case single_case = stored_case(file, "single", "single", false);
  file.cases = {approval, taken, single_case};

  struct Row {
    const char* what;
    model::Decision decision;
    bool ok;
    const char* field;
  };
  model::Decision foreign = decision_on(approval, "foreign", "granted");
  foreign.citizen_id = test::tid("other-citizen");
  const Row rows[] = {
      {"the application's case", decision_on(approval, "d", "pending"), true, ""},
      {"a case with another decision", decision_on(taken, "second-decision", "granted"), false, "decision_id"},
      {"the same decision again", decision_on(taken, "first-decision", "granted"), true, ""},
      {"a single case", decision_on(single_case, "d", "granted"), false, "case_id"},
      {"an unknown case", decision_on(stored_case(file, "nowhere", "approval", false), "d", "granted"), false,
       "case_id"},
      {"another citizen", foreign, false, "citizen_id"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    auto r = attach_decision(file, row.decision);
    CHECK(r.ok() == row.ok);
    if (r.ok())
      CHECK(r->decision_id == row.decision.id);
    else
      CHECK(r.error().field == row.field);
  }
}

namespace {

struct ClosingWorld {
  CitizenFile file = file_for("handicap");
  model::Case case_record = stored_case(file, "case", "single", false);
  std::vector<model::FormInstance> forms;
  std::vector<model::ReportBatch> batches;
  std::vector<model::Note> notes;
  std::optional<model::Decision> decision;

  model::FormInstance& add_form(const char* name, const char* form_id, const char* state, const char* created_at) {
    model::FormInstance f = test::sample_form();
    f.id = test::tid(name);
    f.form_id = form_id;
    f.form_version = 1;
    f.case_id = case_record.id;
    f.citizen_id = file.citizen.id;
    f.state = *magtreg::core::model::form_state_from_string(state);
    f.created_at = created_at;
    f.started_at = "2024-03-05T14:30";
    if (std::string(state) != "laast") {
      f.locked_at.reset();
      f.locked_by.reset();
    }
    forms.push_back(f);
    return forms.back();
  }
  void report(std::vector<const char*> names, const char* created_at) {
    model::ReportBatch b = test::sample_report_batch();
    b.id = test::tid(std::string("batch-") + created_at);
    b.created_at = created_at;
    b.form_ids.clear();
    for (const char* n : names) b.form_ids.push_back(test::tid(n));
    batches.push_back(b);
  }
  void review(const char* at, const char* kind = "udvalg_gennemgang") {
    model::Note n = test::sample_note();
    n.id = test::tid(std::string("note-") + at + kind);
    n.case_id = case_record.id;
    n.kind = kind;
    n.at = at;
    notes.push_back(n);
  }
  std::vector<std::string> gaps() const {
    std::vector<std::string> out;
    for (const auto& m : closing_gaps(case_record, forms, batches, notes, decision))
      out.push_back(std::string(to_string(m.gap)) + (m.form_instance_id.empty() ? "" : ":" + m.form_instance_id));
    return out;
  }
};

std::string g(const char* gap, const char* form = nullptr) {
  return std::string(gap) + (form ? ":" + test::tid(form) : "");
}

}  // namespace

// Issue 14 item 11: a child's case stays open until the child and the parents are noted told and the
// copy to the placing municipality noted sent; the same list the leader's work list asks from.
TEST_CASE("closing a child's case: the three duties noted on the case, each named while missing") {
  ClosingWorld w;
  w.add_form("bilag1a", "boern-1a", "laast", "2024-03-05T14:00:00Z");
  w.report({"bilag1a"}, "2024-04-05T09:00:00Z");
  w.review("2024-04-20T10:00:00Z");
  CHECK(w.gaps() == std::vector<std::string>{g("child_duty_missing", "bilag1a"), g("child_duty_missing", "bilag1a"),
                                             g("child_duty_missing", "bilag1a")});
  const auto status = case_closable(w.case_record, w.forms, w.batches, w.notes, w.decision);
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message.find("barnet er orienteret") != std::string::npos);
  CHECK(status.error().message.find("anbringende kommune") != std::string::npos);
  w.review("2024-03-06T10:00:00Z", "barn_orienteret");
  w.review("2024-03-06T10:00:00Z", "foraeldremyndighed_orienteret");
  CHECK(w.gaps() == std::vector<std::string>{g("child_duty_missing", "bilag1a")});
  CHECK(child_duties_missing(w.forms[0], w.notes, forms::Catalogue::builtin()) ==
        std::vector<std::string_view>{"kopi_anbringende_kommune"});
  w.review("2024-03-06T10:00:00Z", "kopi_anbringende_kommune");
  CHECK(w.gaps().empty());
  // A draft asks nothing yet; Udfyldt asks the two orientations, not the copy.
  w.forms[0].state = magtreg::core::model::FormState::Draft;
  CHECK(child_duties_missing(w.forms[0], {}, forms::Catalogue::builtin()).empty());
  w.forms[0].state = magtreg::core::model::FormState::Filled;
  CHECK(child_duties_missing(w.forms[0], {}, forms::Catalogue::builtin()) ==
        std::vector<std::string_view>{"barn_orienteret", "foraeldremyndighed_orienteret"});
  // An adult's registration never asks them.
  w.forms[0].form_id = "2020-1a";
  w.forms[0].state = magtreg::core::model::FormState::Locked;
  CHECK(child_duties_missing(w.forms[0], {}, forms::Catalogue::builtin()).empty());
}

TEST_CASE("closing a case: every form locked, reported and reviewed, else CASE_NOT_CLOSABLE saying what") {
  ClosingWorld w;
  w.add_form("skema1a", "2020-1a", "laast", "2024-03-05T14:00:00Z");
  w.add_form("bilag1", "2020-bilag1", "laast", "2024-03-06T14:00:00Z");
  w.report({"skema1a", "bilag1"}, "2024-04-05T09:00:00Z");
  w.review("2024-04-20T10:00:00Z");
  REQUIRE(w.gaps().empty());
  CHECK(case_closable(w.case_record, w.forms, w.batches, w.notes, w.decision).ok());
  auto closed = close_case(w.case_record, w.forms, w.batches, w.notes, w.decision, "2024-04-21T08:00:00Z");
  REQUIRE(closed.ok());
  CHECK(closed->closed_at == "2024-04-21T08:00:00Z");
  CHECK(model::case_from_json(model::to_json(*closed)).ok());

  SUBCASE("a form still Udfyldt: not locked, and not reported") {
    w.add_form("draft", "2020-1a", "udfyldt", "2024-03-07T14:00:00Z");
    CHECK(w.gaps() == std::vector<std::string>{g("not_locked", "draft"), g("not_reported", "draft")});
  }
  SUBCASE("a locked form in no report batch") {
    w.add_form("unreported", "2020-1a", "laast", "2024-03-07T14:00:00Z");
    CHECK(w.gaps() == std::vector<std::string>{g("not_reported", "unreported")});
  }
  SUBCASE("reported after the committee's last review: not reviewed") {
    w.add_form("late", "2020-1a", "laast", "2024-04-25T14:00:00Z");
    w.report({"late"}, "2024-05-05T09:00:00Z");
    CHECK(w.gaps() == std::vector<std::string>{g("not_reviewed", "late")});
    w.review("2024-05-05T09:00:00Z");  // a review at the very minute of the report counts
    CHECK(w.gaps().empty());
  }
  SUBCASE("a note of another kind, or on another case, or deleted, is no review") {
    w.notes.clear();
    w.review("2024-04-20T10:00:00Z", "paaroerende_orientering");
    model::Note elsewhere = test::sample_note();
    elsewhere.kind = "udvalg_gennemgang";
    elsewhere.at = "2024-04-20T10:00:00Z";
    w.notes.push_back(elsewhere);  // on the sample's own case id
    w.review("2024-04-21T10:00:00Z");
    w.notes.back().sync.deleted = true;
    CHECK(w.gaps() == std::vector<std::string>{g("not_reviewed", "skema1a"), g("not_reviewed", "bilag1")});
  }
  SUBCASE("a deleted report batch does not count") {
    w.batches.back().sync.deleted = true;
    CHECK(w.gaps() == std::vector<std::string>{g("not_reported", "skema1a"), g("not_reported", "bilag1")});
  }
  SUBCASE("deleted forms and other cases' forms do not count") {
    w.add_form("deleted", "2020-1a", "kladde", "2024-03-07T14:00:00Z").sync.deleted = true;
    w.add_form("other-case", "2020-1a", "kladde", "2024-03-07T14:00:00Z").case_id = test::tid("other");
    CHECK(w.gaps().empty());
  }
  SUBCASE("an already closed case cannot be closed again") {
    w.case_record.closed_at = "2024-04-21T08:00:00Z";
    CHECK(w.gaps() == std::vector<std::string>{"already_closed"});
  }
  SUBCASE("the status names the code and every gap in Danish") {
    w.add_form("draft", "2020-1b", "kladde", "2024-03-07T14:00:00Z");
    Status st = case_closable(w.case_record, w.forms, w.batches, w.notes, w.decision);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == ErrorCode::CaseNotClosable);
    CHECK(to_string(st.error().code) == "CASE_NOT_CLOSABLE");
    CHECK(st.error().field == "case_id");
    CHECK(st.error().message.find("Skema 1 b fra 05.03.2024 kl. 14:30 er ikke låst") != std::string::npos);
    CHECK(st.error().message.find("er ikke indberettet") != std::string::npos);
    auto r = close_case(w.case_record, w.forms, w.batches, w.notes, w.decision, "2024-04-21T08:00:00Z");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::CaseNotClosable);
  }
  SUBCASE("the closing time is checked") {
    CHECK(close_case(w.case_record, w.forms, w.batches, w.notes, w.decision, "2024-04-21").error().field ==
          "closed_at");
    CHECK(close_case(w.case_record, w.forms, w.batches, w.notes, w.decision, "2023-01-01T00:00:00Z").error().field ==
          "closed_at");
  }
}

TEST_CASE("closing an approval case: the decision must be made; the application itself is not reported") {
  ClosingWorld w;
  w.case_record = stored_case(w.file, "approval-case", "approval", false);
  w.add_form("application", "2020-3", "laast", "2024-01-02T10:00:00Z");
  CHECK(w.gaps() == std::vector<std::string>{"decision_missing"});

  model::Decision d = decision_on(w.case_record, "decision", "pending");
  w.case_record.decision_id = d.id;
  w.decision = d;
  CHECK(w.gaps() == std::vector<std::string>{"decision_pending"});

  SUBCASE("granted, with the registrations under it reported and reviewed") {
    w.decision->status = magtreg::core::model::DecisionStatus::Granted;
    w.decision->valid_from = "2024-01-01";
    w.decision->valid_to = "2024-12-31";
    w.add_form("under", "2020-1a", "laast", "2024-03-05T15:00:00Z");
    // The leader was told of the decision: staff are told too before the case closes (issue 14 item 13).
    REQUIRE(rules::decision_first_told(*w.decision, "leder") != nullptr);
    CHECK(w.gaps() == std::vector<std::string>{"staff_not_briefed", g("not_reported", "under")});
    w.review("2024-03-01T10:00:00Z", "personale_orienteret_afgoerelse");
    CHECK(w.gaps() == std::vector<std::string>{g("not_reported", "under")});
    w.report({"under"}, "2024-04-05T09:00:00Z");
    w.review("2024-04-20T10:00:00Z");
    CHECK(w.gaps().empty());
  }
  SUBCASE("another decision than the case's is not its decision") {
    w.decision->id = test::tid("another");
    w.decision->status = magtreg::core::model::DecisionStatus::Granted;
    CHECK(w.gaps() == std::vector<std::string>{"decision_missing"});
  }
  SUBCASE("the children's internal supplement must be locked but is not reported") {
    w.decision->status = magtreg::core::model::DecisionStatus::Refused;
    w.decision->notifications.clear();  // the leader not told yet: nothing to tell staff either
    w.add_form("supplement", "boern-supplement", "udfyldt", "2024-01-03T10:00:00Z");
    CHECK(w.gaps() == std::vector<std::string>{g("not_locked", "supplement")});
  }
}
