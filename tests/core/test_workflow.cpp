// core/workflow: the monthly report's forms and recipients, the rules for decisions, complaints, notes
// and action plans, the complaint deadline, and the øjeoverblik per role. Pure functions, so the same
// suite runs natively and as WebAssembly.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "core/forms/catalogue.hpp"
#include "core/time/format.hpp"
#include "core/workflow/documents.hpp"
#include "core/workflow/records.hpp"
#include "core/workflow/reporting.hpp"
#include "core/workflow/work.hpp"
#include "tests/core/test_storage_support.hpp"

using namespace magtreg;
using namespace magtreg::core;
using magtreg::test::tid;

namespace {

const forms::Catalogue& catalogue() { return forms::Catalogue::builtin(); }

model::FormInstance locked(const std::string& tag, const std::string& citizen, const std::string& form_id,
                           const std::string& started, const std::string& locked_at) {
  model::FormInstance f;
  f.id = tid("form-" + tag);
  f.form_id = form_id;
  f.form_version = 1;
  f.citizen_id = citizen;
  f.case_id = tid("case-" + tag);
  f.institution_id = tid("institution-a");
  f.state = magtreg::core::model::FormState::Locked;
  f.legal_basis = "124d";
  f.started_at = started;
  f.created_at = "2024-01-01T00:00:00Z";
  f.locked_at = locked_at;
  f.locked_by = tid("leader");
  return f;
}

model::Citizen citizen(const std::string& tag, const std::string& group, const std::string& acting,
                       std::vector<model::Relative> relatives = {}) {
  model::Citizen c;
  c.id = tid("citizen-" + tag);
  c.name = "Borger " + tag;
  c.cpr = "010101-0000";
  c.target_group = group;
  c.acting_municipality = acting;
  c.institution_id = tid("institution-a");
  c.relatives = std::move(relatives);
  return c;
}

workflow::ReportingUnit unit(const std::string& operator_kind) {
  workflow::ReportingUnit u;
  u.institution = test::sample_institution();
  u.institution.operator_kind = operator_kind;
  u.institution.operating_department = "Handicap og Psykiatri";
  u.municipality = test::sample_municipality();
  u.municipality.region = "Region Syddanmark";
  u.municipality.socialtilsyn = "Socialtilsyn Syd";
  return u;
}

std::vector<std::string> kinds_and_names(const std::vector<workflow::RecipientShare>& shares) {
  std::vector<std::string> out;
  for (const auto& s : shares)
    out.push_back(s.recipient.kind + ":" + s.recipient.name + ":" + std::to_string(s.form_ids.size()));
  return out;
}

}  // namespace

TEST_CASE("monthly report: locked registrations of the month and earlier, not yet reported, in official order") {
  const std::string a = tid("citizen-a");
  std::vector<model::FormInstance> forms = {
      locked("b", a, "2020-1b", "2024-03-20T10:00", "2024-03-21T08:00:00Z"),
      locked("a", a, "2020-1a", "2024-03-25T10:00", "2024-03-26T08:00:00Z"),
      locked("feb", a, "2020-1a", "2024-02-27T10:00", "2024-02-28T08:00:00Z"),      // locked late, still due
      locked("apr", a, "2020-1a", "2024-03-30T10:00", "2024-04-01T08:00:00Z"),      // locked in April
      locked("edge", a, "2020-1a", "2024-03-31T20:00", "2024-03-31T21:30:00Z"),     // 23:30 Copenhagen: March
      locked("app", a, "2020-3", "2024-03-02T10:00", "2024-03-03T08:00:00Z"),       // application: not monthly
      locked("move", a, "2020-2", "2024-03-02T10:00", "2024-03-03T08:00:00Z"),      // move: quarterly
      locked("done", a, "2020-1a", "2024-03-01T10:00", "2024-03-02T08:00:00Z"),     // already reported
  };
  model::FormInstance draft = locked("draft", a, "2020-1a", "2024-03-10T10:00", "");
  draft.state = magtreg::core::model::FormState::Draft;
  draft.locked_at.reset();
  forms.push_back(draft);
  model::FormInstance elsewhere = locked("other", a, "2020-1a", "2024-03-10T10:00", "2024-03-11T08:00:00Z");
  elsewhere.institution_id = tid("institution-b");
  forms.push_back(elsewhere);
  model::ReportBatch earlier = test::sample_report_batch();
  earlier.form_ids = {tid("form-done")};

  const auto due = workflow::forms_for_monthly_report(tid("institution-a"), {2024, 3}, forms, {earlier}, catalogue());
  std::vector<std::string> ids;
  for (const auto& f : due) ids.push_back(f.id);
  // Skema 1 a before Skema 1 b (catalogue order), then by intervention start.
  CHECK(ids == std::vector<std::string>{tid("form-feb"), tid("form-a"), tid("form-edge"), tid("form-b")});
  CHECK(workflow::reported_quarterly(forms[6], catalogue()));
  CHECK_FALSE(workflow::reported_monthly(forms[5], catalogue()));
  // The batch being checked does not count as "already reported".
  CHECK(workflow::forms_for_monthly_report(tid("institution-a"), {2024, 3}, forms, {earlier}, catalogue(),
                                           earlier.id)
            .size() == 5);
}

TEST_CASE("report recipients: acting municipalities, socialtilsyn, operator, guardians, region for children") {
  const auto jens = citizen("j", "handicap", "Nyborg Kommune", {{"Inger", "mor", ""}, {"Bent Holm", "værge", ""}});
  const auto maria = citizen("m", "handicap", "Kerteminde Kommune");
  const auto emil = citizen("e", "boern", "Nyborg Kommune");
  const std::vector<model::FormInstance> forms = {
      locked("1", jens.id, "2020-1a", "2024-03-01T10:00", "2024-03-02T08:00:00Z"),
      locked("2", maria.id, "2020-1a", "2024-03-02T10:00", "2024-03-03T08:00:00Z"),
      locked("3", emil.id, "boern-1a", "2024-03-03T10:00", "2024-03-04T08:00:00Z"),
      locked("4", jens.id, "2020-1a", "2024-03-04T10:00", "2024-03-05T08:00:00Z"),
  };
  const std::vector<model::Citizen> citizens = {jens, maria, emil};

  CHECK(kinds_and_names(workflow::report_recipients(unit("municipal"), forms, citizens)) ==
        std::vector<std::string>{"handlekommune:Nyborg Kommune:3", "handlekommune:Kerteminde Kommune:1",
                                 "socialtilsyn:Socialtilsyn Syd:4",
                                 "driftsherre:Nyborg Kommune, Handicap og Psykiatri:4", "vaerge:Bent Holm:2",
                                 "region:Region Syddanmark:1"});
  // A regional offer's operator is the region; a private offer has no operator among the recipients.
  CHECK(kinds_and_names(workflow::report_recipients(unit("regional"), forms, citizens))[3] ==
        "driftsherre:Region Syddanmark:4");
  for (const auto& s : workflow::report_recipients(unit("private"), forms, citizens))
    CHECK(s.recipient.kind != "driftsherre");
  CHECK(workflow::report_recipients(unit("municipal"), {}, citizens).empty());
}

TEST_CASE("report batch checks: the whole month, every recipient, then only sending times may be added") {
  const auto jens = citizen("j", "handicap", "Nyborg Kommune");
  const std::vector<model::FormInstance> forms = {locked("1", jens.id, "2020-1a", "2024-03-01T10:00",
                                                         "2024-03-02T08:00:00Z"),
                                                  locked("2", jens.id, "2020-1a", "2024-03-05T10:00",
                                                         "2024-03-06T08:00:00Z")};
  const auto u = unit("municipal");
  model::ReportBatch b;
  b.id = tid("batch");
  b.institution_id = u.institution.id;
  b.month = "2024-03";
  b.form_ids = {forms[0].id, forms[1].id};
  for (const auto& s : workflow::report_recipients(u, forms, {jens})) b.recipients.push_back(s.recipient);
  b.created_by = tid("leader");
  b.created_at = "2024-04-02T08:00:00Z";
  const workflow::Month april{2024, 4};

  CHECK(workflow::check_report_batch(b, std::nullopt, u, forms, {}, {jens}, april, catalogue()).ok());
  auto st = workflow::check_report_batch(b, std::nullopt, u, forms, {}, {jens}, {2024, 3}, catalogue());
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().field == "month");  // the month is not over
  model::ReportBatch partial = b;
  partial.form_ids.pop_back();
  CHECK(workflow::check_report_batch(partial, std::nullopt, u, forms, {}, {jens}, april, catalogue()).error().field ==
        "form_ids");
  model::ReportBatch stranger = b;
  stranger.recipients.push_back({"vaerge", "Ukendt Værge", std::nullopt});
  CHECK(workflow::check_report_batch(stranger, std::nullopt, u, forms, {}, {jens}, april, catalogue()).error().field ==
        "recipients");
  CHECK_FALSE(workflow::parse_month("2024-3").ok());

  model::ReportBatch sent = b;
  sent.recipients[0].sent_at = "2024-04-03T09:00:00Z";
  CHECK(workflow::check_report_batch(sent, b, u, forms, {b}, {jens}, april, catalogue()).ok());
  model::ReportBatch unsent = b;
  auto final_st = workflow::check_report_batch(unsent, sent, u, forms, {sent}, {jens}, april, catalogue());
  REQUIRE_FALSE(final_st.ok());
  CHECK(final_st.error().code == ErrorCode::RecordFinal);
  model::ReportBatch fewer = sent;
  fewer.form_ids.pop_back();
  CHECK(workflow::check_report_batch(fewer, sent, u, forms, {sent}, {jens}, april, catalogue()).error().code ==
        ErrorCode::RecordFinal);
}

TEST_CASE("quarterly move report: the quarter's locked moves, to the socialtilsyn, after the quarter") {
  const auto gudrun = citizen("g", "demens", "Nyborg Kommune");
  std::vector<model::FormInstance> forms = {
      locked("m1", gudrun.id, "2024-4", "2025-08-06T10:00", "2025-08-12T12:00:00Z"),
      locked("m0", gudrun.id, "2024-4", "2025-02-03T10:00", "2025-02-04T12:00:00Z"),  // an earlier quarter, never reported
      locked("m2", gudrun.id, "2024-4", "2025-10-01T10:00", "2025-10-02T12:00:00Z"),  // the next quarter
      locked("reg", gudrun.id, "2024-1", "2025-08-01T10:00", "2025-08-02T12:00:00Z"),  // monthly
  };
  const auto u = unit("municipal");
  CHECK(workflow::is_quarter_end({2025, 9}));
  CHECK_FALSE(workflow::is_quarter_end({2025, 8}));
  CHECK(workflow::quarter_end_of({2025, 7}) == workflow::Month{2025, 9});
  CHECK(workflow::format_quarter({2025, 9}) == "3. kvartal 2025");
  CHECK(workflow::last_complete_quarter({2025, 5}) == workflow::Month{2025, 3});
  CHECK(workflow::last_complete_quarter({2025, 3}) == workflow::Month{2024, 12});
  CHECK(workflow::last_complete_quarter({2025, 12}) == workflow::Month{2025, 9});

  const auto due = workflow::forms_for_move_report(tid("institution-a"), {2025, 9}, forms, {}, catalogue());
  REQUIRE(due.size() == 2);
  CHECK(due[0].id == tid("form-m0"));  // official order: by the intervention (move) start
  CHECK(due[1].id == tid("form-m1"));
  CHECK(kinds_and_names(workflow::move_report_recipients(u, due)) ==
        std::vector<std::string>{"socialtilsyn:Socialtilsyn Syd:2"});
  // The monthly report never takes a move.
  for (const auto& f : workflow::forms_for_monthly_report(tid("institution-a"), {2025, 9}, forms, {}, catalogue()))
    CHECK(f.form_id != "2024-4");

  model::ReportBatch b;
  b.id = tid("moves");
  b.institution_id = u.institution.id;
  b.month = "2025-09";
  b.form_ids = {due[0].id, due[1].id};
  b.recipients = {workflow::move_report_recipients(u, due)[0].recipient};
  b.created_by = tid("authority");
  b.created_at = "2025-10-05T08:00:00Z";
  CHECK(workflow::is_move_report(b, forms, catalogue()));
  CHECK(workflow::check_report_batch(b, std::nullopt, u, forms, {}, {gudrun}, {2025, 10}, catalogue()).ok());

  SUBCASE("not before the quarter is over, only on a quarter's last month") {
    auto early = workflow::check_report_batch(b, std::nullopt, u, forms, {}, {gudrun}, {2025, 9}, catalogue());
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().message.find("kvartalet er slut") != std::string::npos);
    model::ReportBatch august = b;
    august.month = "2025-08";
    CHECK(workflow::check_report_batch(august, std::nullopt, u, forms, {}, {gudrun}, {2025, 10}, catalogue())
              .error().field == "month");
  }
  SUBCASE("moves only, all of them, and the socialtilsyn as the one recipient") {
    model::ReportBatch mixed = b;
    mixed.form_ids.push_back(tid("form-reg"));
    CHECK(workflow::check_report_batch(mixed, std::nullopt, u, forms, {}, {gudrun}, {2025, 10}, catalogue())
              .error().message.find("kun skemaer om flytning") != std::string::npos);
    model::ReportBatch partial = b;
    partial.form_ids.pop_back();
    CHECK(workflow::check_report_batch(partial, std::nullopt, u, forms, {}, {gudrun}, {2025, 10}, catalogue())
              .error().field == "form_ids");
    model::ReportBatch more = b;
    more.recipients.push_back({"handlekommune", "Nyborg Kommune", std::nullopt});
    CHECK(workflow::check_report_batch(more, std::nullopt, u, forms, {}, {gudrun}, {2025, 10}, catalogue())
              .error().field == "recipients");
    // A monthly batch cannot take the moves either.
    model::ReportBatch monthly = b;
    monthly.form_ids = {tid("form-reg"), due[0].id};
    CHECK(workflow::check_report_batch(monthly, std::nullopt, u, forms, {}, {gudrun}, {2025, 10}, catalogue())
              .error().field == "form_ids");
  }
  SUBCASE("the printable document is the move report") {
    const auto html = workflow::report_document_html(u, b, 0, forms, {gudrun}, catalogue());
    CHECK(html.find("Kvartalsindberetning af flytning uden samtykke – 3. kvartal 2025") != std::string::npos);
    CHECK(html.find("Skema 4") != std::string::npos);
  }
}

TEST_CASE("decisions: decide a locked application for the basis asked for; decided is final but for notifications") {
  model::Case approval = test::sample_case();
  approval.closed_at.reset();
  approval.decision_id.reset();
  model::FormInstance app = locked("app", approval.citizen_id, "2020-3", "2024-03-01T10:00", "2024-03-02T08:00:00Z");
  app.case_id = approval.id;
  app.content = {{"basis", "125"}};
  model::Decision d;
  d.id = tid("decision");
  d.citizen_id = approval.citizen_id;
  d.case_id = approval.id;
  d.application_form_id = app.id;
  d.basis = "125";
  d.status = magtreg::core::model::DecisionStatus::Pending;
  const workflow::DecisionContext ctx{approval, app, tid("udvalg")};
  CHECK(workflow::check_decision(d, std::nullopt, ctx, catalogue()).ok());

  d.status = magtreg::core::model::DecisionStatus::Granted;
  d.valid_from = "2024-03-10";
  d.valid_to = "2024-09-09";
  d.complaint_guidance = "Klagevejledning.";
  d.decided_by = tid("udvalg");
  d.decided_at = "2024-03-09T12:00:00Z";
  CHECK(workflow::check_decision(d, std::nullopt, ctx, catalogue()).ok());
  auto other = d;
  other.decided_by = tid("someone-else");
  CHECK(workflow::check_decision(other, std::nullopt, ctx, catalogue()).error().field == "decided_by");
  auto no_lock = ctx;
  no_lock.application->state = magtreg::core::model::FormState::Draft;
  CHECK(workflow::check_decision(d, std::nullopt, no_lock, catalogue()).error().field == "application_form_id");
  auto acute_basis = d;
  acute_basis.basis = "124d";
  CHECK(workflow::check_decision(acute_basis, std::nullopt, ctx, catalogue()).error().field == "basis");
  auto single = ctx;
  single.approval_case->kind = magtreg::core::model::CaseKind::Single;
  CHECK(workflow::check_decision(d, std::nullopt, single, catalogue()).error().field == "case_id");

  auto notified = d;
  notified.notifications = {{"borger", "2024-03-09T14:00:00Z"}};
  CHECK(workflow::check_decision(notified, d, ctx, catalogue()).ok());
  auto changed = notified;
  changed.conditions = "Nye vilkår";
  CHECK(workflow::check_decision(changed, notified, ctx, catalogue()).error().code == ErrorCode::RecordFinal);
  auto removed = d;
  CHECK(workflow::check_decision(removed, notified, ctx, catalogue()).error().code == ErrorCode::RecordFinal);
  auto before = d;
  before.notifications = {{"borger", "2024-03-08T14:00:00Z"}};
  CHECK(workflow::check_decision(before, d, ctx, catalogue()).error().field == "notifications[0].at");
}

TEST_CASE("complaints: one target, forward only decisions, status moves forward, 4-week deadline in Copenhagen days") {
  model::Decision d = test::sample_decision();
  d.status = magtreg::core::model::DecisionStatus::Granted;
  model::Complaint c;
  c.id = tid("complaint");
  c.citizen_id = d.citizen_id;
  c.decision_id = d.id;
  c.notified_at = "2024-03-09T14:00:00Z";
  c.received_at = "2024-04-06T21:59:00Z";  // 23:59 Copenhagen (summer time) on 06.04 = deadline day
  c.complainant = "borger";
  const workflow::ComplaintContext ctx{d, std::nullopt};
  CHECK(workflow::check_complaint(c, std::nullopt, ctx, catalogue()).ok());
  CHECK(workflow::complaint_findings(c).empty());
  c.received_at = "2024-04-06T22:00:00Z";  // 00:00 on 07.04: one day late
  REQUIRE(workflow::complaint_findings(c).size() == 1);
  CHECK(workflow::complaint_findings(c)[0].code == rules::FindingCode::ComplaintLate);
  CHECK(workflow::complaint_findings(c)[0].message.find("06.04.2024") != std::string::npos);

  auto both = c;
  both.form_instance_id = tid("form");
  CHECK(workflow::check_complaint(both, std::nullopt, ctx, catalogue()).error().field == "decision_id");
  auto no_notice = c;
  no_notice.notified_at.reset();
  CHECK(workflow::check_complaint(no_notice, std::nullopt, ctx, catalogue()).error().field == "notified_at");

  auto forwarded = c;
  forwarded.status = magtreg::core::model::ComplaintStatus::Forwarded;
  forwarded.forwarded_at = "2024-04-20T10:00:00Z";
  forwarded.committee_assessment = "Fastholdt.";
  CHECK(workflow::check_complaint(forwarded, c, ctx, catalogue()).ok());
  auto back = c;
  back.status = magtreg::core::model::ComplaintStatus::Received;
  CHECK(workflow::check_complaint(back, forwarded, ctx, catalogue()).error().code == ErrorCode::TransitionNotAllowed);

  model::FormInstance acute = locked("acute", d.citizen_id, "2020-1a", "2024-03-01T10:00", "2024-03-02T08:00:00Z");
  model::Complaint a;
  a.id = tid("acute-complaint");
  a.citizen_id = d.citizen_id;
  a.form_instance_id = acute.id;
  a.received_at = "2025-01-01T10:00:00Z";  // no deadline against acute use
  a.complainant = "borger";
  const workflow::ComplaintContext actx{std::nullopt, acute};
  CHECK(workflow::check_complaint(a, std::nullopt, actx, catalogue()).ok());
  CHECK(workflow::complaint_findings(a).empty());

  SUBCASE("issue 14 item 13: who complained, and who received the committee's statement") {
    auto nobody = a;
    nobody.complainant = "  ";
    CHECK(workflow::check_complaint(nobody, std::nullopt, actx, catalogue()).error().field == "complainant");
    auto other = a;
    other.complainant = "værge";
    CHECK(workflow::check_complaint(other, a, actx, catalogue()).error().code == ErrorCode::RecordFinal);
    auto sent = a;
    sent.status = magtreg::core::model::ComplaintStatus::Closed;
    sent.committee_assessment = "Indgrebet var lovligt.";
    sent.outcome = "Udtalelse givet.";
    sent.statement_sent_to = {{"borger", "2025-01-20T10:00:00Z"}, {"leder", "2025-01-20T10:00:00Z"}};
    CHECK(workflow::check_complaint(sent, a, actx, catalogue()).ok());
    auto early = sent;
    early.statement_sent_to[1].at = "2024-12-31T10:00:00Z";
    CHECK(workflow::check_complaint(early, a, actx, catalogue()).error().field == "statement_sent_to[1].at");
    auto unnamed = sent;
    unnamed.statement_sent_to[0].recipient = "";
    CHECK(workflow::check_complaint(unnamed, a, actx, catalogue()).error().field == "statement_sent_to[0].recipient");
    // Closed: one more recipient may be appended; none removed.
    auto more = sent;
    more.statement_sent_to.push_back({"værge", "2025-01-22T10:00:00Z"});
    CHECK(workflow::check_complaint(more, sent, actx, catalogue()).ok());
    auto fewer = sent;
    fewer.statement_sent_to.pop_back();
    CHECK(workflow::check_complaint(fewer, sent, actx, catalogue()).error().code == ErrorCode::RecordFinal);
    // A complaint against a decision gets no statement.
    auto on_decision = c;
    on_decision.statement_sent_to = {{"borger", "2024-04-08T10:00:00Z"}};
    CHECK(workflow::check_complaint(on_decision, std::nullopt, ctx, catalogue()).error().field == "statement_sent_to");
  }
  auto closed = a;
  closed.status = magtreg::core::model::ComplaintStatus::Closed;
  closed.outcome = "Indgrebet var lovligt.";
  CHECK(workflow::check_complaint(closed, a, actx, catalogue()).error().field == "committee_assessment");
  closed.committee_assessment = "Udvalgets udtalelse.";
  CHECK(workflow::check_complaint(closed, a, actx, catalogue()).ok());
}

TEST_CASE("notes and action plans: who writes them, what they must hold, notes are final") {
  model::Note n = test::sample_note();
  n.kind = std::string(model::k_note_kind_relatives_informed);
  n.tags = {"magtanvendelse"};
  n.author = tid("leader");
  n.case_id.reset();
  CHECK(workflow::note_action(n.kind) == access::Action::CompleteLeaderPart);
  CHECK(workflow::note_action(model::k_note_kind_committee_review) == access::Action::ReviewReport);
  CHECK_FALSE(workflow::note_action("dagbog").has_value());
  CHECK(workflow::check_note(n, std::nullopt, std::nullopt, tid("leader")).ok());
  CHECK(workflow::check_note(n, n, std::nullopt, tid("leader")).error().code == ErrorCode::RecordFinal);
  CHECK(workflow::check_note(n, std::nullopt, std::nullopt, tid("other")).error().field == "author");
  auto review = n;
  review.kind = std::string(model::k_note_kind_committee_review);
  CHECK(workflow::check_note(review, std::nullopt, std::nullopt, tid("leader")).error().field == "case_id");

  model::ActionPlan p = test::sample_action_plan();
  p.author = tid("caseworker");
  CHECK(workflow::check_action_plan(p, std::nullopt, tid("caseworker")).ok());
  for (auto blank : {&model::ActionPlan::purpose, &model::ActionPlan::effort, &model::ActionPlan::expected_duration,
                     &model::ActionPlan::other_matters}) {
    auto q = p;
    q.*blank = "  ";
    CHECK_FALSE(workflow::check_action_plan(q, std::nullopt, tid("caseworker")).ok());
  }
  auto older = p;
  older.updated_at = "2000-01-01T00:00:00Z";
  CHECK(workflow::check_action_plan(older, p, tid("caseworker")).error().field == "updated_at");
}

namespace {
// A leader's work input with one child and one adult of the municipal institution.
struct ChildAndAdult {
  workflow::WorkInput in;
  model::Citizen child, adult;
};
ChildAndAdult child_and_adult() {
  ChildAndAdult w;
  w.in.municipality = unit("municipal").municipality;
  w.in.institutions = {unit("municipal").institution};
  w.child = citizen("c", "boern", "Nyborg Kommune");
  w.adult = citizen("a", "handicap", "Nyborg Kommune");
  w.in.citizens = {w.child, w.adult};
  w.in.role = Role::Leader;
  return w;
}
}  // namespace

// Issue 14 item 11: the leader's work list gives a child's draft the deadline the form screen and the rule
// engine give it: 24 hours after the intervention ended, not the adults' three days.
TEST_CASE("øjeoverblik: a child's draft is overdue 24 hours after the intervention, an adult's after three days") {
  auto world = child_and_adult();
  auto& in = world.in;
  const auto& child = world.child;
  const auto& adult = world.adult;
  auto child_draft = locked("child", child.id, "boern-1a", "2024-04-11T10:00", "");
  child_draft.state = magtreg::core::model::FormState::Draft;
  child_draft.locked_at.reset();
  child_draft.legal_basis = "boern_fastholdelse";
  child_draft.content = {{"started_at", "2024-04-11T10:00"}, {"ended_at", "2024-04-11T10:30"}};
  auto adult_draft = locked("adult", adult.id, "2020-1a", "2024-04-11T10:00", "");
  adult_draft.state = magtreg::core::model::FormState::Draft;
  adult_draft.locked_at.reset();
  in.forms = {child_draft, adult_draft};
  auto overdue = [&](const time::LocalDateTime& now) {
    in.now = now;
    std::vector<std::string> out;
    for (const auto& i : workflow::work_items(in, catalogue()))
      if (i.kind == workflow::WorkKind::RegistrationOverdue && i.status == time::DeadlineStatus::Overdue) {
        out.push_back(i.record_id);
        REQUIRE(i.due.has_value());
        CHECK(*i.due == (i.record_id == child_draft.id ? time::LocalDateTime{{2024, 4, 12}, 10, 30}
                                                       : time::end_of_day({2024, 4, 14})));
      }
    return out;
  };
  CHECK(overdue({{2024, 4, 12}, 10, 30}).empty());
  CHECK(overdue({{2024, 4, 12}, 10, 31}) == std::vector<std::string>{child_draft.id});
  CHECK(overdue({{2024, 4, 15}, 0, 0}) == std::vector<std::string>{child_draft.id, adult_draft.id});
}

// Issue 14 item 11 (rest): after a child's registration the leader tells the child (offering it to add its
// own account) and the holders of parental responsibility by the registration's 24-hour deadline, and sends
// a copy to the placing municipality within 24 hours of locking it; each duty ends with its note on the case.
TEST_CASE("øjeoverblik: a child's registration asks for the child and the parents told and a copy within 24 hours") {
  auto world = child_and_adult();
  auto& in = world.in;
  const auto& child = world.child;
  const auto& adult = world.adult;
  // The intervention ended 26 October 10:30 summer time: 24 hours later is 09:30 winter time. Locked at
  // 2024-10-26 22:00 UTC = 27 October 00:00 summer time: 24 hours later is 23:00 winter time.
  auto form = locked("child", child.id, "boern-1a", "2024-10-26T10:00", "2024-10-26T22:00:00Z");
  form.legal_basis = "boern_fastholdelse";
  form.content = {{"started_at", "2024-10-26T10:00"}, {"ended_at", "2024-10-26T10:30"}};
  auto adult_form = locked("adult", adult.id, "2020-1a", "2024-10-26T10:00", "2024-10-26T22:00:00Z");
  in.now = {{2024, 10, 27}, 12, 0};
  const auto child_kinds = {workflow::WorkKind::ChildInformedDue, workflow::WorkKind::ParentsInformedDue,
                            workflow::WorkKind::PlacingCopyDue};
  // kind -> due (Copenhagen, "YYYY-MM-DDTHH:MM") of every child duty item
  auto duties = [&] {
    std::map<std::string, std::string> out;
    for (const auto& i : workflow::work_items(in, catalogue())) {
      if (std::find(child_kinds.begin(), child_kinds.end(), i.kind) == child_kinds.end()) continue;
      CHECK(i.citizen_id == child.id);
      CHECK(i.record_kind == "citizen");
      REQUIRE(i.due.has_value());
      out[std::string(workflow::to_string(i.kind))] = time::format_iso(*i.due);
    }
    return out;
  };
  using Duties = std::map<std::string, std::string>;
  SUBCASE("a draft asks nothing yet; an adult's form never") {
    auto draft = form;
    draft.state = magtreg::core::model::FormState::Draft;
    draft.locked_at.reset();
    in.forms = {draft, adult_form};
    CHECK(duties().empty());
  }
  SUBCASE("Udfyldt: the child and the parents, by the registration's deadline; no copy before it is locked") {
    auto filled = form;
    filled.state = magtreg::core::model::FormState::Filled;
    filled.locked_at.reset();
    in.forms = {filled, adult_form};
    CHECK(duties() == Duties{{"child_informed_due", "2024-10-27T09:30"}, {"parents_informed_due", "2024-10-27T09:30"}});
  }
  SUBCASE("Låst: the copy is due 24 elapsed hours after locking, across the change to winter time") {
    in.forms = {form, adult_form};
    CHECK(duties() == Duties{{"child_informed_due", "2024-10-27T09:30"},
                             {"parents_informed_due", "2024-10-27T09:30"},
                             {"placing_copy_due", "2024-10-27T23:00"}});
    // Each note on the registration's case ends its duty; a note on another case, or deleted, does not.
    model::Note n = test::sample_note();
    n.citizen_id = child.id;
    n.case_id = form.case_id;
    n.kind = std::string(model::k_note_kind_parents_informed);
    auto elsewhere = n;
    elsewhere.kind = std::string(model::k_note_kind_child_informed);
    elsewhere.case_id = tid("case-other");
    auto deleted = n;
    deleted.kind = std::string(model::k_note_kind_placing_copy);
    deleted.sync.deleted = true;
    in.notes = {n, elsewhere, deleted};
    CHECK(duties() == Duties{{"child_informed_due", "2024-10-27T09:30"}, {"placing_copy_due", "2024-10-27T23:00"}});
    auto told = n;
    told.kind = std::string(model::k_note_kind_child_informed);
    auto copy = n;
    copy.kind = std::string(model::k_note_kind_placing_copy);
    in.notes = {n, told, copy};
    CHECK(duties().empty());
  }
  SUBCASE("overdue after the deadline, and only for those who complete the leader's part") {
    in.forms = {form};
    in.now = {{2024, 10, 27}, 23, 1};
    for (const auto& i : workflow::work_items(in, catalogue()))
      if (std::find(child_kinds.begin(), child_kinds.end(), i.kind) != child_kinds.end())
        CHECK(i.status == time::DeadlineStatus::Overdue);
    in.role = Role::Staff;
    CHECK(duties().empty());
  }
}

TEST_CASE("notes of the leader's duties (a child's registration, telling staff) are the leader's and name a case") {
  model::Note n = test::sample_note();
  n.tags = {"magtanvendelse"};
  n.author = tid("leader");
  for (auto kind : {model::k_note_kind_child_informed, model::k_note_kind_parents_informed, model::k_note_kind_placing_copy,
                    model::k_note_kind_staff_informed_decision, model::k_note_kind_staff_informed_ruling}) {
    CAPTURE(kind);
    n.kind = std::string(kind);
    CHECK(workflow::note_action(n.kind) == access::Action::CompleteLeaderPart);
    n.case_id.reset();
    CHECK(workflow::check_note(n, std::nullopt, std::nullopt, tid("leader")).error().field == "case_id");
  }
}

TEST_CASE("øjeoverblik: what the leader, the committee, the administration and the caseworker must do now") {
  workflow::WorkInput in;
  in.municipality = unit("municipal").municipality;
  in.institutions = {unit("municipal").institution};
  auto jens = citizen("j", "handicap", "Nyborg Kommune", {{"Bent Holm", "værge", ""}});
  jens.can_complain_unaided = false;
  in.citizens = {jens};
  in.now = {{2024, 4, 12}, 9, 0};

  auto overdue = locked("draft", jens.id, "2020-1a", "2024-04-05T10:00", "");
  overdue.state = magtreg::core::model::FormState::Draft;
  overdue.locked_at.reset();
  auto filled = locked("filled", jens.id, "2020-1a", "2024-04-10T10:00", "");
  filled.state = magtreg::core::model::FormState::Filled;
  filled.locked_at.reset();
  auto march = locked("march", jens.id, "2020-1a", "2024-03-05T10:00", "2024-03-06T08:00:00Z");
  in.forms = {overdue, filled, march};

  auto kinds = [](const std::vector<workflow::WorkItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(std::string(workflow::to_string(i.kind)));
    return out;
  };
  in.role = Role::Leader;
  auto leader = workflow::work_items(in, catalogue());
  // Overdue first, earliest due first: the relatives (first registration 05.03, so due 05.04), the draft
  // (due 08.04), the March report (due 10.04); then the form waiting for the leader (no due time).
  CHECK(kinds(leader) == std::vector<std::string>{"relatives_orientation_due", "registration_overdue", "report_due",
                                                  "form_awaiting_leader"});
  CHECK(leader[0].status == time::DeadlineStatus::Overdue);
  CHECK(leader[2].month == "2024-03");
  CHECK(leader[3].record_id == filled.id);

  // The orientation documented: no longer due (next one in May).
  model::Note told = test::sample_note();
  told.citizen_id = jens.id;
  told.kind = std::string(model::k_note_kind_relatives_informed);
  told.at = "2024-04-11T10:00:00Z";
  in.notes = {told};
  CHECK(kinds(workflow::work_items(in, catalogue())) ==
        std::vector<std::string>{"registration_overdue", "report_due", "form_awaiting_leader"});

  // The committee's review of last week reaches the leader; one from two months ago does not.
  model::Note review = test::sample_note();
  review.id = tid("review");
  review.citizen_id = jens.id;
  review.kind = std::string(model::k_note_kind_committee_review);
  review.text = "Overvej afledning før badet.";
  review.at = "2024-04-08T10:00:00Z";
  model::Note old_review = review;
  old_review.id = tid("old-review");
  old_review.at = "2024-02-08T10:00:00Z";
  in.notes = {told, review, old_review};
  auto with_remarks = workflow::work_items(in, catalogue());
  REQUIRE(kinds(with_remarks).back() == "committee_remarks");
  CHECK(with_remarks.back().record_id == review.id);
  CHECK(with_remarks.back().detail == "Udvalget skrev 08.04.2024: Overvej afledning før badet.");
  CHECK(with_remarks.size() == 4);
  in.notes = {told};

  in.role = Role::Caseworker;
  CHECK(kinds(workflow::work_items(in, catalogue())) == std::vector<std::string>{"action_plan_missing"});
  model::ActionPlan plan = test::sample_action_plan();
  plan.citizen_id = jens.id;
  plan.updated_at = "2024-04-01T10:00:00Z";  // before the registration of 10.04
  in.action_plans = {plan};
  CHECK(kinds(workflow::work_items(in, catalogue())) == std::vector<std::string>{"action_plan_outdated"});

  in.role = Role::Authority;
  // The recommendation to Familieretshuset sent on 2 April (issue 14 item 12): its decision is due in 2 weeks;
  // a move form's dates start no clock.
  model::MoveRecommendation sent;
  sent.id = tid("recommendation");
  sent.citizen_id = jens.id;
  sent.basis = "129";
  sent.subsection = "stk2";
  sent.decided_on = "2024-04-02";
  in.recommendations = {sent};
  auto move = locked("move", jens.id, "2020-2", "2024-04-01T10:00", "");
  move.state = magtreg::core::model::FormState::Draft;
  move.locked_at.reset();
  move.content = {{"recommendation_date", "2024-03-01"}};
  in.forms.push_back(move);
  auto authority = workflow::work_items(in, catalogue());
  REQUIRE(kinds(authority) == std::vector<std::string>{"familieretshuset_due"});
  CHECK(time::format_danish(*authority[0].due) == "16.04.2024 kl. 23:59");
  CHECK(authority[0].record_kind == "move_recommendation");
  CHECK(authority[0].record_id == sent.id);
  // Familieretshuset has decided, and the move form is locked: the quarter's move report is due, and the item
  // opens it.
  in.recommendations[0].familieretshuset_decided_on = "2024-04-12";
  in.recommendations[0].familieretshuset_outcome = "granted";
  in.forms.back().state = magtreg::core::model::FormState::Locked;
  in.forms.back().locked_at = "2024-05-02T10:00:00Z";
  in.forms.back().content["familieretshuset_decision_date"] = "2024-04-12";
  authority = workflow::work_items(in, catalogue());
  REQUIRE(kinds(authority) == std::vector<std::string>{"move_report_due"});
  CHECK(authority[0].record_kind == "move_report");
  CHECK(authority[0].month == "2024-06");
  CHECK(authority[0].institution_id == tid("institution-a"));

  in.role = Role::Staff;
  CHECK(workflow::work_items(in, catalogue()).empty());
}

TEST_CASE("documents: the report per recipient lists and prints its forms; user text is escaped") {
  const auto jens = citizen("j", "handicap", "Nyborg Kommune", {{"Bent <Holm>", "værge", ""}});
  const auto maria = citizen("m", "handicap", "Kerteminde Kommune");
  auto f1 = locked("1", jens.id, "2020-1a", "2024-03-01T10:00", "2024-03-02T08:00:00Z");
  f1.content = {{"place", "Stuen & køkkenet"}, {"basis", "124d"}};
  auto f2 = locked("2", maria.id, "2020-1a", "2024-03-02T10:00", "2024-03-03T08:00:00Z");
  const auto u = unit("municipal");
  model::ReportBatch b;
  b.id = tid("batch");
  b.institution_id = u.institution.id;
  b.month = "2024-03";
  b.form_ids = {f1.id, f2.id};
  for (const auto& s : workflow::report_recipients(u, {f1, f2}, {jens, maria})) b.recipients.push_back(s.recipient);
  REQUIRE(b.recipients.back().kind == "vaerge");
  const std::string guardian =
      workflow::report_document_html(u, b, b.recipients.size() - 1, {f1, f2}, {jens, maria}, catalogue());
  CHECK(guardian.find("Modtager: Bent &lt;Holm&gt;") != std::string::npos);
  CHECK(guardian.find("Stuen &amp; køkkenet") != std::string::npos);
  CHECK(guardian.find("Borger m") == std::string::npos);  // Maria's form is not the guardian's
  CHECK(guardian.find("§ 124 d") != std::string::npos);
  CHECK(workflow::report_document_html(u, b, 99, {f1, f2}, {jens, maria}, catalogue()).empty());

  const std::string letter = workflow::complaint_letter_html(jens, u, "2024-04-12");
  CHECK(letter.find("12.04.2024") != std::string::npos);
  CHECK(letter.find("værge Bent &lt;Holm&gt;") != std::string::npos);
}

TEST_CASE("documents: a citizen's insight shows every record, every access in Danish, and escapes what users wrote") {
  workflow::InsightRecords r;
  r.citizen = citizen("j", "boern", "Nyborg Kommune", {{"Bent <Holm>", "værge", ""}});
  r.municipality_name = "Nyborg Kommune";
  r.institution_name = "Bostedet <Egebo>";
  auto f = locked("1", r.citizen.id, "2020-1a", "2024-03-01T10:00", "2024-03-02T08:00:00Z");
  f.content = {{"place", "Stuen & køkkenet"}, {"basis", "124d"}};
  r.forms = {f};
  model::Note note;
  note.text = "<script>alert(1)</script>";
  note.at = "2024-03-05T09:00:00Z";
  r.notes = {note};
  r.access = {{"2024-03-05T09:30:00Z", "Mette Hansen (Medarbejder)", "read", "form", "ok"},
              {"2024-03-06T11:00:00Z", "Ali Khan (Medarbejder)", "download", "form", "denied"}};
  r.chain = "Loggen er kontrolleret og uændret.";
  const std::string html = workflow::insight_document_html(r, catalogue(), "2024-04-12");
  CHECK(html.find("12.04.2024") != std::string::npos);
  CHECK(html.find("Børn og unge") != std::string::npos);
  CHECK(html.find("Bostedet &lt;Egebo&gt;") != std::string::npos);
  CHECK(html.find("Bent &lt;Holm&gt;") != std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("Stuen &amp; køkkenet") != std::string::npos);  // the form, in its definition's wording
  CHECK(html.find("Skemaer om magtanvendelse (1)") != std::string::npos);
  CHECK(html.find("05.03.2024 kl. 10:30") != std::string::npos);  // the access in Copenhagen time
  CHECK(html.find("hentet til en tablet") != std::string::npos);
  CHECK(html.find("afvist (ingen adgang)") != std::string::npos);
  CHECK(html.find("Hvem har set eller ændret oplysningerne (2)") != std::string::npos);
}
