// The work after registration over the real API and a real SQLite file: the leader locks and reports,
// the committee reviews, decides and handles complaints, the caseworker keeps the action plan, and a
// case closes only when everything on it is done. Every permission is tried allowed and refused.
#include <doctest/doctest.h>

#include "core/records/accept.hpp"

#include <functional>
#include <set>

#include "core/model/action_plan.hpp"
#include "core/model/base_course.hpp"
#include "core/model/case.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/move_recommendation.hpp"
#include "core/model/note.hpp"
#include "core/model/report_batch.hpp"
#include "core/util/uuid.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;
namespace model = core::model;

namespace {

template <class T>
httplib::Result put(const ApiServer& s, const std::string& token, const std::string& kind, const T& record,
                    long long revision) {
  auto c = s.client();
  return c.Put(("/api/v1/records/" + kind + "/" + record.id).c_str(), bearer(token), upload_body(record, revision),
               "application/json");
}

httplib::Result get(const ApiServer& s, const std::string& token, const std::string& path) {
  auto c = s.client();
  return c.Get(path.c_str(), bearer(token));
}

std::string field_of(const httplib::Result& r) {
  auto j = body_of(r);
  if (!j.is_object() || !j.contains("error")) return {};
  return j["error"].value("field", "");
}

bool has_item(const httplib::Result& r, const std::string& kind, const std::string& record_id = {}) {
  auto j = body_of(r);
  if (!j.is_object() || !j.contains("items")) return false;
  for (const auto& i : j["items"])
    if (i.value("kind", "") == kind && (record_id.empty() || i.value("record_id", "") == record_id)) return true;
  return false;
}

model::Case single_case(const ApiServer& s, const std::string& citizen) {
  model::Case c;
  c.id = core::new_uuid();
  c.citizen_id = citizen;
  c.base_course_id = model::base_course_id_for(citizen);
  c.kind = magtreg::core::model::CaseKind::Single;
  c.title = std::string(model::case_title_for("handicap"));
  c.opened_at = "2024-03-01T09:30:00Z";
  (void)s;
  return c;
}

// Base course + case + a Skema 1 a locked by the leader (staff fills, leader locks), as the tablet and
// the leader's screen would upload them. Returns the form at revision 3.
model::FormInstance locked_registration(const ApiServer& s, const model::Case& the_case) {
  const std::string staff = s.login("staff_a"), leader = s.login("leader_a");
  const auto& w = s.world();
  auto bc = model::new_base_course(the_case.citizen_id);
  auto r0 = put(s, staff, "base_course", bc, 1);
  REQUIRE(r0->status == 200);
  auto r1 = put(s, staff, "case", the_case, 1);
  REQUIRE(r1->status == 200);
  auto f = skema_1a(w, the_case.citizen_id, w.inst_a, s.user_id("staff_a"));
  f.case_id = the_case.id;
  REQUIRE(put(s, staff, "form", f, 1)->status == 200);
  f.state = magtreg::core::model::FormState::Filled;
  REQUIRE(put(s, staff, "form", f, 2)->status == 200);
  const auto* def = core::forms::Catalogue::builtin().definition("2020-1a");
  const json leader_part = content_for_parts(*def, "124d", {core::forms::FormPart::Leader});
  for (const auto& [k, v] : leader_part.items()) f.content[k] = v;
  f.state = magtreg::core::model::FormState::Locked;
  f.locked_by = s.user_id("leader_a");
  f.locked_at = "2024-03-04T12:00:00Z";
  auto locked = put(s, leader, "form", f, 3);
  REQUIRE_MESSAGE(locked->status == 200, locked->body);
  return f;
}

model::ReportBatch batch_from_preview(const json& preview, const std::string& created_by) {
  model::ReportBatch b;
  b.id = core::new_uuid();
  b.institution_id = preview["institution_id"];
  b.month = preview["month"];
  for (const auto& f : preview["forms"]) b.form_ids.push_back(f["id"]);
  for (const auto& r : preview["recipients"]) b.recipients.push_back({r["kind"], r["name"], std::nullopt});
  b.created_by = created_by;
  b.created_at = "2024-04-02T08:00:00Z";
  return b;
}

}  // namespace

TEST_CASE("leader: lock, monthly report with every recipient, printable per recipient; committee review; closing") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a"), leader = s.login("leader_a"), udvalg = s.login("udvalg");
  const model::Case the_case = single_case(s, w.citizen_a);
  auto form = locked_registration(s, the_case);

  // The øjeoverblik: the locked registration is not reported yet.
  auto work = get(s, leader, "/api/v1/work");
  REQUIRE(work->status == 200);
  CHECK(has_item(work, "report_due"));
  CHECK_FALSE(has_item(work, "form_awaiting_leader", form.id));  // it is locked already
  CHECK(get(s, staff, "/api/v1/reports/preview?institution=" + w.inst_a)->status == 403);

  auto preview = get(s, leader, "/api/v1/reports/preview?institution=" + w.inst_a + "&month=2024-03");
  REQUIRE(preview->status == 200);
  const json p = body_of(preview);
  REQUIRE(p["forms"].size() == 1);
  CHECK(p["forms"][0]["id"] == form.id);
  CHECK(p["month_text"] == "marts 2024");
  CHECK(p["due_text"] == "10.04.2024 kl. 23:59");
  std::vector<std::string> recipients;
  for (const auto& r : p["recipients"]) recipients.push_back(r["kind"].get<std::string>() + ":" + r["name"].get<std::string>());
  CHECK(recipients == std::vector<std::string>{"handlekommune:Testkommune", "socialtilsyn:Socialtilsyn Test",
                                               "driftsherre:Testkommune, Handicap"});
  CHECK(get(s, leader, "/api/v1/reports/preview?institution=" + w.inst_a + "&month=2024-13")->status == 400);

  // A report must hold every recipient; staff may not make one; the leader can.
  model::ReportBatch batch = batch_from_preview(p, s.user_id("leader_a"));
  model::ReportBatch short_one = batch;
  short_one.recipients.pop_back();
  auto refused = put(s, leader, "report_batch", short_one, 1);
  CHECK(refused->status == 400);
  CHECK(field_of(refused) == "data.recipients");
  model::ReportBatch by_staff = batch;
  by_staff.created_by = s.user_id("staff_a");
  CHECK(put(s, staff, "report_batch", by_staff, 1)->status == 403);
  model::ReportBatch empty = batch;
  empty.form_ids.clear();
  CHECK(put(s, leader, "report_batch", empty, 1)->status == 400);
  auto stored = put(s, leader, "report_batch", batch, 1);
  REQUIRE_MESSAGE(stored->status == 200, stored->body);
  CHECK_FALSE(has_item(get(s, leader, "/api/v1/work"), "report_due"));
  CHECK(has_item(get(s, leader, "/api/v1/work"), "report_not_sent", batch.id));
  // The same forms cannot go into a second report.
  model::ReportBatch twice = batch;
  twice.id = core::new_uuid();
  CHECK(put(s, leader, "report_batch", twice, 1)->status == 400);

  // One printable document per recipient; out-of-range recipient is a clear 400.
  auto doc = get(s, leader, "/api/v1/reports/" + batch.id + "/document?recipient=1");
  REQUIRE(doc->status == 200);
  CHECK(doc->get_header_value("Content-Type").find("text/html") == 0);
  CHECK(doc->body.find("Indberetning af magtanvendelse – marts 2024") != std::string::npos);
  CHECK(doc->body.find("Modtager: Socialtilsyn Test") != std::string::npos);
  CHECK(doc->body.find("Anders Ahorn") != std::string::npos);
  CHECK(doc->body.find("Skema 1 a") != std::string::npos);
  CHECK(get(s, leader, "/api/v1/reports/" + batch.id + "/document?recipient=9")->status == 400);
  {
    auto db = s.open_db();
    CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'print' AND object_kind = 'report_batch'"
                     " AND citizen_id = '" + w.citizen_a + "'") == 1);
  }

  // Sending: recorded per recipient, and never taken back.
  for (auto& r : batch.recipients) r.sent_at = "2024-04-02T09:00:00Z";
  REQUIRE(put(s, leader, "report_batch", batch, 2)->status == 200);
  CHECK_FALSE(has_item(get(s, leader, "/api/v1/work"), "report_not_sent", batch.id));
  batch.recipients[0].sent_at.reset();
  auto unsent = put(s, leader, "report_batch", batch, 3);
  CHECK(unsent->status == 409);
  CHECK(error_code(unsent) == "RECORD_FINAL");

  // The committee pulls the month's reports and sees what it has not reviewed.
  auto reports = get(s, udvalg, "/api/v1/reports?month=2024-03");
  REQUIRE(reports->status == 200);
  REQUIRE(body_of(reports)["reports"].size() == 1);
  CHECK(body_of(reports)["reports"][0]["institution_name"] == "Bostedet Ahorn");
  CHECK(get(s, staff, "/api/v1/reports")->status == 403);
  CHECK(has_item(get(s, udvalg, "/api/v1/work"), "report_unreviewed", batch.id));

  // Closing before the review: refused, saying what is missing.
  model::Case closing = the_case;
  closing.closed_at = "2024-04-20T10:00:00Z";
  auto early = put(s, leader, "case", closing, 2);
  CHECK(early->status == 409);
  CHECK(error_code(early) == "CASE_NOT_CLOSABLE");
  REQUIRE(body_of(early).contains("issues"));
  CHECK(body_of(early)["issues"][0]["gap"] == "not_reviewed");
  auto gaps = get(s, leader, "/api/v1/cases/" + the_case.id + "/closing");
  REQUIRE(gaps->status == 200);
  CHECK(body_of(gaps)["closable"] == false);

  // The committee's review note: only the committee may write it, and it is never changed.
  model::Note review;
  review.id = core::new_uuid();
  review.citizen_id = w.citizen_a;
  review.case_id = the_case.id;
  review.text = "Gennemgået. Indgrebet er velbeskrevet; overvej afledning tidligere.";
  review.tags = {"magtanvendelse"};
  review.kind = std::string(model::k_note_kind_committee_review);
  review.author = s.user_id("leader_a");
  review.at = "2024-04-15T10:00:00Z";
  CHECK(put(s, leader, "note", review, 1)->status == 403);
  review.author = s.user_id("udvalg");
  review.tags.clear();
  auto untagged = put(s, udvalg, "note", review, 1);
  CHECK(untagged->status == 400);
  CHECK(field_of(untagged) == "data.tags");
  review.tags = {"magtanvendelse"};
  REQUIRE(put(s, udvalg, "note", review, 1)->status == 200);
  review.text += " Rettet.";
  auto changed = put(s, udvalg, "note", review, 2);
  CHECK(changed->status == 409);
  CHECK(error_code(changed) == "RECORD_FINAL");
  CHECK_FALSE(has_item(get(s, udvalg, "/api/v1/work"), "report_unreviewed", batch.id));

  // Now everything is locked, reported and reviewed: staff may not close it, the leader may.
  CHECK(put(s, staff, "case", closing, 2)->status == 403);
  auto closed = put(s, leader, "case", closing, 2);
  REQUIRE_MESSAGE(closed->status == 200, closed->body);
  model::Case reopened = closing;
  reopened.closed_at.reset();
  auto reopen = put(s, leader, "case", reopened, 3);
  CHECK(reopen->status == 409);
  CHECK(error_code(reopen) == "RECORD_FINAL");
}

TEST_CASE("administration: a move locked last quarter goes in the quarterly move report to the socialtilsyn") {
  ApiServer s;
  const auto& w = s.world();
  const std::string authority = s.login("myndighed"), leader = s.login("leader_a");
  // The move: base course, its own case, Skema 4 stored as Kladde and locked by the administration.
  model::Case the_case = single_case(s, w.citizen_a);
  REQUIRE(put(s, authority, "base_course", model::new_base_course(w.citizen_a), 1)->status == 200);
  REQUIRE(put(s, authority, "case", the_case, 1)->status == 200);
  const auto* def = core::forms::Catalogue::builtin().definition("2024-4");
  REQUIRE(def != nullptr);
  model::FormInstance move;
  move.id = core::new_uuid();
  move.form_id = "2024-4";
  move.citizen_id = w.citizen_a;
  move.case_id = the_case.id;
  move.institution_id = w.inst_a;
  move.content = content_for_parts(*def, "136f", {core::forms::FormPart::Authority});
  // Moves are judged by the rules now that they are dated (issue 14 items 2 and 7): § 136 f is for the
  // dementia target group, and a 2024 Skema 4 needs a move on or after 1 July 2024.
  move.content["move_date"] = "2025-02-03";
  {
    auto db = s.open_db();
    REQUIRE(db.exec("UPDATE citizens SET target_group = 'demens' WHERE id = '" + w.citizen_a + "'").ok());
  }
  move.legal_basis = "136f";
  move.created_by = s.user_id("myndighed");
  move.created_at = move.updated_at = "2025-02-03T09:00:00Z";
  core::records::derive_form_columns(move);  // as the tablet does before it saves
  auto draft = put(s, authority, "form", move, 1);
  REQUIRE_MESSAGE(draft->status == 200, draft->body);
  move.state = magtreg::core::model::FormState::Locked;
  move.locked_at = "2025-02-04T12:00:00Z";
  move.locked_by = s.user_id("myndighed");
  auto locked = put(s, authority, "form", move, 2);
  REQUIRE_MESSAGE(locked->status == 200, locked->body);
  // Registered (locked) now, long after the end of the month of the move: late, judged on the server
  // too (issue 14 item 7), and dated by the day of the move (item 2).
  bool late = false;
  const json answer = body_of(locked);
  for (const auto& f : answer["findings"]) late = late || f["code"] == "MOVE_REGISTRATION_LATE";
  CHECK_MESSAGE(late, locked->body);
  CHECK(scalar_text(s.open_db(), "SELECT started_at FROM form_instances WHERE id = '" + move.id + "'") ==
        move.content["move_date"].get<std::string>() + "T00:00");

  auto work = get(s, authority, "/api/v1/work");
  REQUIRE(work->status == 200);
  CHECK(has_item(work, "move_report_due"));

  // The quarter's preview: the administration's, not the leader's.
  const std::string path = "/api/v1/reports/preview?kind=moves&institution=" + w.inst_a + "&month=2025-02";
  CHECK(get(s, leader, path)->status == 403);
  auto preview = get(s, authority, path);
  REQUIRE(preview->status == 200);
  const json p = body_of(preview);
  CHECK(p["kind"] == "moves");
  CHECK(p["month"] == "2025-03");  // the quarter's last month
  CHECK(p["month_text"] == "1. kvartal 2025");
  REQUIRE(p["forms"].size() == 1);
  CHECK(p["forms"][0]["id"] == move.id);
  REQUIRE(p["recipients"].size() == 1);
  CHECK(p["recipients"][0]["kind"] == "socialtilsyn");
  // The leader's monthly report never holds the move.
  auto monthly = get(s, leader, "/api/v1/reports/preview?institution=" + w.inst_a + "&month=2025-02");
  REQUIRE(monthly->status == 200);
  CHECK(body_of(monthly)["forms"].empty());

  model::ReportBatch b = batch_from_preview(p, s.user_id("myndighed"));
  // Only the administration reports moves; the leader is refused.
  model::ReportBatch by_leader = b;
  by_leader.created_by = s.user_id("leader_a");
  CHECK(put(s, leader, "report_batch", by_leader, 1)->status == 403);
  auto stored = put(s, authority, "report_batch", b, 1);
  REQUIRE_MESSAGE(stored->status == 200, stored->body);
  CHECK_FALSE(has_item(get(s, authority, "/api/v1/work"), "move_report_due"));

  auto list = get(s, authority, "/api/v1/reports?institution=" + w.inst_a);
  REQUIRE(list->status == 200);
  REQUIRE(body_of(list)["reports"].size() == 1);
  CHECK(body_of(list)["reports"][0]["kind"] == "moves");
  auto doc = get(s, authority, "/api/v1/reports/" + b.id + "/document?recipient=0");
  REQUIRE(doc->status == 200);
  CHECK(doc->body.find("Kvartalsindberetning af flytning uden samtykke – 1. kvartal 2025") != std::string::npos);
  // Sent to the socialtilsyn: the next revision records when.
  b.recipients[0].sent_at = "2025-04-03T09:00:00Z";
  CHECK(put(s, authority, "report_batch", b, 2)->status == 200);
}

TEST_CASE("committee: decides a locked application, the case carries the decision; complaint runs to Ankestyrelsen") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a"), leader = s.login("leader_a"), udvalg = s.login("udvalg"),
                    myndighed = s.login("myndighed");

  // The leader's application (Skema 3, 2024 set) on a new approval case, locked directly.
  model::Case approval = single_case(s, w.citizen_a);
  approval.kind = magtreg::core::model::CaseKind::Approval;
  REQUIRE(put(s, leader, "base_course", model::new_base_course(w.citizen_a), 1)->status == 200);
  REQUIRE(put(s, leader, "case", approval, 1)->status == 200);
  const auto* def = core::forms::Catalogue::builtin().definition("2024-3");
  REQUIRE(def != nullptr);
  model::FormInstance app;
  app.id = core::new_uuid();
  app.form_id = "2024-3";
  app.form_version = def->meta.version;
  app.citizen_id = w.citizen_a;
  app.case_id = approval.id;
  app.institution_id = w.inst_a;
  app.content = test::sample_content(*def, "125", true);
  app.legal_basis = "125";
  app.created_by = s.user_id("leader_a");
  app.created_at = "2026-11-02T09:00:00Z";
  app.updated_at = app.created_at;
  CHECK(put(s, staff, "form", app, 1)->status == 403);  // staff do not apply
  app.state = magtreg::core::model::FormState::Locked;
  app.locked_by = s.user_id("leader_a");
  app.locked_at = "2026-11-02T09:05:00Z";
  auto applied = put(s, leader, "form", app, 1);
  REQUIRE_MESSAGE(applied->status == 200, applied->body);
  CHECK(has_item(get(s, udvalg, "/api/v1/work"), "application_undecided", app.id));

  model::Decision d;
  d.id = core::new_uuid();
  d.citizen_id = w.citizen_a;
  d.case_id = approval.id;
  d.application_form_id = app.id;
  d.basis = "125";
  d.status = magtreg::core::model::DecisionStatus::Granted;
  d.valid_from = "2026-11-10";
  d.valid_to = "2027-05-09";
  d.conditions = "Kun ved selvskadende adfærd.";
  d.decided_by = s.user_id("udvalg");
  d.decided_at = "2026-11-09T13:00:00Z";
  CHECK(put(s, leader, "decision", d, 1)->status == 403);  // leaders do not decide
  auto no_guidance = put(s, udvalg, "decision", d, 1);
  CHECK(no_guidance->status == 400);
  CHECK(field_of(no_guidance) == "data.complaint_guidance");
  d.complaint_guidance = "Du kan klage inden 4 uger fra du har fået afgørelsen at vide.";
  model::Decision wrong_basis = d;
  wrong_basis.basis = "128";
  CHECK(field_of(put(s, udvalg, "decision", wrong_basis, 1)) == "data.basis");
  model::Decision backwards = d;
  backwards.valid_to = "2026-11-01";
  CHECK(field_of(put(s, udvalg, "decision", backwards, 1)) == "data.valid_to");
  auto granted = put(s, udvalg, "decision", d, 1);
  REQUIRE_MESSAGE(granted->status == 200, granted->body);
  {
    auto db = s.open_db();
    CHECK(scalar(db, "SELECT count(*) FROM cases WHERE id = '" + approval.id + "' AND decision_id = '" + d.id +
                         "' AND revision = 2") == 1);
  }
  CHECK_FALSE(has_item(get(s, udvalg, "/api/v1/work"), "application_undecided", app.id));

  // Decided is final; notifications are added.
  model::Decision longer = d;
  longer.valid_to = "2027-11-09";
  auto final_one = put(s, udvalg, "decision", longer, 2);
  CHECK(final_one->status == 409);
  CHECK(error_code(final_one) == "RECORD_FINAL");
  d.notifications = {{"borger", "2026-11-09T15:00:00Z"}, {"leder", "2026-11-09T15:00:00Z"}};
  REQUIRE(put(s, udvalg, "decision", d, 2)->status == 200);
  // Issue #14 item 13: not in force before the caseworker is told too; the committee is asked to record it.
  CHECK(has_item(get(s, udvalg, "/api/v1/work"), "decision_not_notified", app.id));
  d.notifications.push_back({"sagsbehandler", "2026-11-10T09:00:00Z"});
  REQUIRE(put(s, udvalg, "decision", d, 3)->status == 200);
  CHECK_FALSE(has_item(get(s, udvalg, "/api/v1/work"), "decision_not_notified", app.id));

  // A complaint against the decision: late ones are flagged, not refused.
  model::Complaint late;
  late.id = core::new_uuid();
  late.citizen_id = w.citizen_a;
  late.decision_id = d.id;
  late.notified_at = "2026-11-09T15:00:00Z";
  late.received_at = "2026-12-08T09:00:00Z";  // 29 days later
  late.complainant = "borger";
  CHECK(put(s, leader, "complaint", late, 1)->status == 403);
  auto late_answer = put(s, udvalg, "complaint", late, 1);
  REQUIRE(late_answer->status == 200);
  REQUIRE(body_of(late_answer)["findings"].size() == 1);
  CHECK(body_of(late_answer)["findings"][0]["code"] == "COMPLAINT_LATE");

  model::Complaint c;
  c.id = core::new_uuid();
  c.citizen_id = w.citizen_a;
  c.decision_id = d.id;
  c.notified_at = "2026-11-09T15:00:00Z";
  c.received_at = "2026-11-20T09:00:00Z";
  c.complainant = "borger";
  auto received = put(s, myndighed, "complaint", c, 1);
  REQUIRE(received->status == 200);
  CHECK(body_of(received)["findings"].empty());
  auto work = body_of(get(s, udvalg, "/api/v1/work"));
  bool reassessment = false;
  for (const auto& i : work["items"])
    if (i["kind"] == "complaint_reassessment" && i["record_id"] == c.id) {
      reassessment = true;
      CHECK(i["due_text"] == "18.12.2026 kl. 23:59");
    }
  CHECK(reassessment);
  CHECK(has_item(get(s, leader, "/api/v1/work"), "complaint_open", c.id));

  c.status = magtreg::core::model::ComplaintStatus::Forwarded;
  c.forwarded_at = "2026-12-01T10:00:00Z";
  auto no_assessment = put(s, udvalg, "complaint", c, 2);
  CHECK(no_assessment->status == 400);
  CHECK(field_of(no_assessment) == "data.committee_assessment");
  c.committee_assessment = "Udvalget fastholder afgørelsen.";
  REQUIRE(put(s, udvalg, "complaint", c, 2)->status == 200);
  model::Complaint back = c;
  back.status = magtreg::core::model::ComplaintStatus::InReview;
  back.forwarded_at.reset();
  CHECK(error_code(put(s, udvalg, "complaint", back, 3)) == "TRANSITION_NOT_ALLOWED");
  c.status = magtreg::core::model::ComplaintStatus::Closed;
  auto no_outcome = put(s, udvalg, "complaint", c, 3);
  CHECK(field_of(no_outcome) == "data.outcome");
  c.outcome = "Ankestyrelsen stadfæstede afgørelsen 15.01.2027.";
  REQUIRE(put(s, udvalg, "complaint", c, 3)->status == 200);
  model::Complaint after = c;
  after.outcome = "Ændret.";
  CHECK(error_code(put(s, udvalg, "complaint", after, 4)) == "RECORD_FINAL");
  after = c;
  after.court_or_lawyer = true;  // the court/lawyer mark may still be set
  CHECK(put(s, udvalg, "complaint", after, 4)->status == 200);
  CHECK_FALSE(has_item(get(s, leader, "/api/v1/work"), "complaint_open", c.id));

  // Against acute use: the committee's statement, never forwarded.
  auto acute_form = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));
  REQUIRE(put(s, staff, "form", acute_form, 1)->status == 200);
  model::Complaint acute;
  acute.id = core::new_uuid();
  acute.citizen_id = w.citizen_a;
  acute.form_instance_id = acute_form.id;
  acute.received_at = "2026-11-21T09:00:00Z";
  acute.complainant = "borger";
  REQUIRE(put(s, udvalg, "complaint", acute, 1)->status == 200);
  CHECK(has_item(get(s, udvalg, "/api/v1/work"), "acute_complaint_open", acute.id));
  acute.status = magtreg::core::model::ComplaintStatus::Forwarded;
  acute.forwarded_at = "2026-11-22T09:00:00Z";
  acute.committee_assessment = "x";
  CHECK(field_of(put(s, udvalg, "complaint", acute, 2)) == "data.status");
  // Issue #14 item 13: closed with the committee's statement, and who received it, appended; a complaint
  // without its complainant is refused, and who complained cannot be changed.
  acute.status = magtreg::core::model::ComplaintStatus::Closed;
  acute.forwarded_at.reset();
  acute.committee_assessment = "Udvalget finder indgrebet lovligt.";
  acute.outcome = "Udtalelse givet.";
  acute.statement_sent_to = {{"borger", "2026-11-25T09:00:00Z"}};
  REQUIRE(put(s, udvalg, "complaint", acute, 2)->status == 200);
  acute.statement_sent_to.push_back({"leder", "2026-11-26T09:00:00Z"});
  REQUIRE(put(s, udvalg, "complaint", acute, 3)->status == 200);
  {
    auto db = s.open_db();
    CHECK(scalar_text(std::move(db), "SELECT json_array_length(statement_sent_to) || '|' || complainant FROM complaints WHERE id = '" +
                         acute.id + "'") == "2|borger");
  }
  auto renamed = acute;
  renamed.complainant = "værge";
  CHECK(error_code(put(s, udvalg, "complaint", renamed, 4)) == "RECORD_FINAL");
  model::Complaint anonymous = acute;
  anonymous.id = core::new_uuid();
  anonymous.status = magtreg::core::model::ComplaintStatus::Received;
  anonymous.complainant = "";
  anonymous.statement_sent_to.clear();
  anonymous.committee_assessment.clear();
  anonymous.outcome.clear();
  CHECK(field_of(put(s, udvalg, "complaint", anonymous, 1)) == "data.complainant");

  // Against an intervention made under the decision (filed on its case): refused, the complaint is
  // against the decision (seed 002; issue 14 item 4).
  auto under = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));
  under.case_id = approval.id;
  REQUIRE(put(s, staff, "form", under, 1)->status == 200);
  model::Complaint against_use;
  against_use.id = core::new_uuid();
  against_use.citizen_id = w.citizen_a;
  against_use.form_instance_id = under.id;
  against_use.received_at = "2026-11-23T09:00:00Z";
  against_use.complainant = "borger";
  auto refused = put(s, udvalg, "complaint", against_use, 1);
  CHECK(refused->status == 400);
  CHECK(field_of(refused) == "data.form_instance_id");
  CHECK_MESSAGE(refused->body.find("forhåndsgodkendelse") != std::string::npos, refused->body);
}

TEST_CASE("caseworker: citizens subjected to force without a current action plan; the plan's four elements") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a"), caseworker = s.login("sagsbehandler");
  locked_registration(s, single_case(s, w.citizen_a));
  auto work = get(s, caseworker, "/api/v1/work");
  REQUIRE(work->status == 200);
  CHECK(has_item(work, "action_plan_missing"));
  CHECK(get(s, s.login("drift"), "/api/v1/work")->status == 403);

  model::ActionPlan plan;
  plan.id = core::new_uuid();
  plan.citizen_id = w.citizen_a;
  plan.purpose = "At Anders kan deltage i hverdagen uden konflikter.";
  plan.expected_duration = "6 måneder";
  plan.other_matters = "Bolig: eget værelse. Hjælpemidler: vægtdyne.";
  plan.author = s.user_id("sagsbehandler");
  plan.updated_at = "2026-11-20T10:00:00Z";
  auto missing = put(s, caseworker, "action_plan", plan, 1);
  CHECK(missing->status == 400);
  CHECK(field_of(missing) == "data.effort");
  plan.effort = "Faste rutiner, varsling før overgange, pædagogisk plan for bad.";
  CHECK(put(s, staff, "action_plan", plan, 1)->status == 403);
  REQUIRE(put(s, caseworker, "action_plan", plan, 1)->status == 200);
  work = get(s, caseworker, "/api/v1/work");
  CHECK_FALSE(has_item(work, "action_plan_missing"));
  CHECK_FALSE(has_item(work, "action_plan_outdated"));
}

TEST_CASE("complaint letter: printable for the leader, filled with the citizen's data, audited") {
  ApiServer s;
  const auto& w = s.world();
  auto letter = get(s, s.login("leader_a"), "/api/v1/citizens/" + w.citizen_a + "/complaint-letter");
  REQUIRE(letter->status == 200);
  CHECK(letter->body.find("Skrivelse vedrørende klageadgang") != std::string::npos);
  CHECK(letter->body.find("Anders Ahorn") != std::string::npos);
  CHECK(letter->body.find("4 uger") != std::string::npos);
  CHECK(get(s, s.login("staff_a"), "/api/v1/citizens/" + w.citizen_a + "/complaint-letter")->status == 403);
  CHECK(get(s, s.login("leader_a"), "/api/v1/citizens/" + w.citizen_b + "/complaint-letter")->status == 403);
  auto db = s.open_db();
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE object_kind = 'complaint_letter' AND outcome = 'ok'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE object_kind = 'complaint_letter' AND outcome = 'denied'") == 2);
}

TEST_CASE("permissions: every role against every workflow record kind (refusals are 403 and audited)") {
  ApiServer s;
  const auto& w = s.world();
  // One record per kind and action; content that passes the permission gate (the rules may still refuse it
  // with 400/404, which proves the gate let the role through).
  model::Decision decision;
  decision.id = core::new_uuid();
  decision.citizen_id = w.citizen_a;
  decision.case_id = core::new_uuid();
  decision.basis = "125";
  model::Complaint complaint;
  complaint.id = core::new_uuid();
  complaint.citizen_id = w.citizen_a;
  complaint.form_instance_id = core::new_uuid();
  complaint.received_at = "2026-11-20T10:00:00Z";
  complaint.complainant = "borger";
  auto note_of = [&](std::string_view kind) {
    model::Note n;
    n.id = core::new_uuid();
    n.citizen_id = w.citizen_a;
    n.text = "Notat.";
    n.tags = {"magtanvendelse"};
    n.kind = std::string(kind);
    n.author = core::new_uuid();
    n.at = "2026-11-20T10:00:00Z";
    return n;
  };
  model::ActionPlan plan;
  plan.id = core::new_uuid();
  plan.citizen_id = w.citizen_a;
  plan.author = core::new_uuid();
  plan.updated_at = "2026-11-20T10:00:00Z";
  model::ReportBatch batch;
  batch.id = core::new_uuid();
  batch.institution_id = w.inst_a;
  batch.month = "2026-10";
  batch.created_by = core::new_uuid();
  batch.created_at = "2026-11-02T08:00:00Z";

  struct Row {
    std::string kind;
    std::function<httplib::Result(const std::string&)> upload;
    std::set<std::string> allowed;  // usernames that pass the gate
  };
  const std::vector<Row> rows = {
      // The committee alone decides applications for pre-approval (issue 14 item 8).
      {"decision", [&](const std::string& t) { return put(s, t, "decision", decision, 1); }, {"udvalg"}},
      {"complaint", [&](const std::string& t) { return put(s, t, "complaint", complaint, 1); }, {"udvalg", "myndighed"}},
      {"note klageadgang_udleveret",
       [&](const std::string& t) { return put(s, t, "note", note_of(model::k_note_kind_complaint_letter), 1); },
       {"leader_a"}},
      {"note paaroerende_orientering",
       [&](const std::string& t) { return put(s, t, "note", note_of(model::k_note_kind_relatives_informed), 1); },
       {"leader_a"}},
      {"note udvalg_gennemgang",
       [&](const std::string& t) { return put(s, t, "note", note_of(model::k_note_kind_committee_review), 1); },
       {"udvalg"}},
      {"action_plan", [&](const std::string& t) { return put(s, t, "action_plan", plan, 1); }, {"sagsbehandler"}},
      {"report_batch", [&](const std::string& t) { return put(s, t, "report_batch", batch, 1); }, {"leader_a"}},
  };
  for (const char* user : {"staff_a", "staff_b", "leader_a", "udvalg", "myndighed", "sagsbehandler", "drift"}) {
    const std::string token = s.login(user);
    REQUIRE_FALSE(token.empty());
    for (const auto& row : rows) {
      CAPTURE(user);
      CAPTURE(row.kind);
      auto r = row.upload(token);
      REQUIRE(r);
      if (row.allowed.count(user) != 0)
        CHECK(r->status != 403);
      else
        CHECK(r->status == 403);
    }
  }
  auto db = s.open_db();
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'write' AND outcome = 'denied'") == 7 * 7 - 8);  // 8 allowed pairs
  // Nothing was stored by a refused or rule-failing upload.
  CHECK(scalar(db, "SELECT count(*) FROM decisions") == 0);
  CHECK(scalar(db, "SELECT count(*) FROM report_batches") == 0);
}

// Issue 14 item 15: a § 136 c hold is registered once, on Skema 1, with its Bilag til § 136 c attached: the
// server refuses a Bilag of its own or on the wrong Skema 1, a second one, and a Skema 1 marked Udfyldt
// before its Bilag is; the monthly report takes both.
TEST_CASE("a Skema 1 on § 136 c is Udfyldt only with its Bilag til § 136 c, made from it, one per Skema 1") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_b");
  const auto& cat = core::forms::Catalogue::builtin();
  const auto* skema1_def = cat.definition("2024-1");
  const auto* bilag_def = cat.definition("2024-bilag136c");
  REQUIRE(bilag_def->meta.kind == core::forms::FormKind::Attachment);

  const auto draft = [&](const core::forms::FormDefinition& def, const std::string& basis) {
    model::FormInstance f;
    f.id = core::new_uuid();
    f.form_id = def.meta.id;
    f.form_version = def.meta.version;
    f.citizen_id = w.citizen_b;
    f.case_id = w.case_of(w.citizen_b);
    f.institution_id = w.inst_b;
    f.content = content_for_parts(def, basis, {core::forms::FormPart::Staff});
    f.content["basis"] = basis;
    f.content["started_at"] = "2025-03-03T07:30";
    f.content["ended_at"] = "2025-03-03T07:34";
    f.legal_basis = basis;
    f.started_at = "2025-03-03T07:30";
    f.created_by = s.user_id("staff_b");
    f.created_at = f.updated_at = "2025-03-03T08:00:00Z";
    return f;
  };
  auto skema1 = draft(*skema1_def, "136c");
  REQUIRE(put(s, staff, "form", skema1, 1)->status == 200);

  // Marked Udfyldt without its Bilag: refused, the Bilag named.
  skema1.state = magtreg::core::model::FormState::Filled;
  auto early = put(s, staff, "form", skema1, 2);
  CHECK(early->status == 422);
  CHECK(error_code(early) == "FORM_INVALID");
  CHECK(early->body.find("Bilag til § 136 c") != std::string::npos);
  skema1.state = magtreg::core::model::FormState::Draft;

  // A Bilag of its own, or on a Skema 1 about another basis, is refused.
  auto alone = draft(*bilag_def, "136c");
  auto own = put(s, staff, "form", alone, 1);
  CHECK(own->status == 400);
  CHECK(field_of(own) == "data.parent_id");
  auto other = draft(*skema1_def, "124c");
  REQUIRE(put(s, staff, "form", other, 1)->status == 200);
  alone.parent_id = other.id;
  auto wrong = put(s, staff, "form", alone, 1);
  CHECK(wrong->status == 400);
  CHECK(field_of(wrong) == "data.parent_id");
  CHECK(body_of(wrong)["error"]["message"].get<std::string>().find("§ 124 c") != std::string::npos);

  // Made from the Skema 1 on § 136 c: stored; a second one is refused.
  auto bilag = draft(*bilag_def, "136c");
  bilag.parent_id = skema1.id;
  auto made = put(s, staff, "form", bilag, 1);
  REQUIRE_MESSAGE(made->status == 200, made->body);
  auto second = draft(*bilag_def, "136c");
  second.parent_id = skema1.id;
  auto twice = put(s, staff, "form", second, 1);
  CHECK(twice->status == 400);
  CHECK(body_of(twice)["error"]["message"].get<std::string>().find("har allerede") != std::string::npos);

  // A draft Bilag is not enough; once it is Udfyldt, the Skema 1 may be.
  skema1.state = magtreg::core::model::FormState::Filled;
  CHECK(put(s, staff, "form", skema1, 2)->status == 422);
  bilag.state = magtreg::core::model::FormState::Filled;
  auto filled = put(s, staff, "form", bilag, 2);
  REQUIRE_MESSAGE(filled->status == 200, filled->body);
  auto now_ok = put(s, staff, "form", skema1, 2);
  CHECK_MESSAGE(now_ok->status == 200, now_ok->body);
}

// Issue 14 item 12: the administration records its recommendation to Familieretshuset (or its refusal); the
// 2-week clock runs from the day it was sent, and a spouse sharing the home is told of the right to complain.
TEST_CASE("administration: a recommendation to Familieretshuset over the API, its 2 weeks on the work list") {
  ApiServer s;
  const auto& w = s.world();
  const std::string authority = s.login("myndighed"), leader = s.login("leader_a"), staff = s.login("staff_a");
  model::MoveRecommendation r;
  r.id = core::new_uuid();
  r.citizen_id = w.citizen_a;
  r.basis = "129";
  r.subsection = "stk1";
  r.decided_on = "2025-03-03";
  r.lawyer_appointed_on = "2025-02-27";
  r.guardian_requested_on = "2025-03-03";
  r.author = s.user_id("myndighed");
  r.at = "2025-03-03T09:00:00Z";

  // Only the administration records it.
  for (const auto& [who, token] : {std::pair{"leader", leader}, std::pair{"staff", staff}}) {
    CAPTURE(who);
    auto refused = put(s, token, "move_recommendation", r, 1);
    CHECK(refused->status == 403);
  }
  auto early = r;
  early.lawyer_appointed_on.reset();
  auto no_lawyer = put(s, authority, "move_recommendation", early, 1);
  CHECK(no_lawyer->status == 400);
  CHECK(field_of(no_lawyer) == "data.lawyer_appointed_on");
  auto stored = put(s, authority, "move_recommendation", r, 1);
  REQUIRE_MESSAGE(stored->status == 200, stored->body);

  auto work = get(s, authority, "/api/v1/work");
  REQUIRE(work->status == 200);
  CHECK(has_item(work, "familieretshuset_due", r.id));
  for (const auto& i : body_of(work)["items"])
    if (i.value("kind", "") == "familieretshuset_due") CHECK(i["detail"].get<std::string>().find("17.03.2025") != std::string::npos);

  // Familieretshuset's decision ends the item; once recorded it never changes.
  r.familieretshuset_decided_on = "2025-03-14";
  r.familieretshuset_outcome = "granted";
  auto decided = put(s, authority, "move_recommendation", r, 2);
  REQUIRE_MESSAGE(decided->status == 200, decided->body);
  CHECK_FALSE(has_item(get(s, authority, "/api/v1/work"), "familieretshuset_due", r.id));
  r.familieretshuset_outcome = "refused";
  auto changed = put(s, authority, "move_recommendation", r, 3);
  CHECK(error_code(changed) == "RECORD_FINAL");

  // A refusal with a spouse sharing the home: tell them of the right to complain.
  model::MoveRecommendation refusal;
  refusal.id = core::new_uuid();
  refusal.citizen_id = w.citizen_a;
  refusal.basis = "129a";
  refusal.status = "refused";
  refusal.decided_on = "2025-03-05";
  refusal.cohabitant = "Ægtefælle Anna Ahorn";
  refusal.author = s.user_id("myndighed");
  refusal.at = "2025-03-05T09:00:00Z";
  REQUIRE(put(s, authority, "move_recommendation", refusal, 1)->status == 200);
  CHECK(has_item(get(s, authority, "/api/v1/work"), "cohabitant_guidance_due", refusal.id));
  refusal.cohabitant_advised_on = "2025-03-06";
  REQUIRE(put(s, authority, "move_recommendation", refusal, 2)->status == 200);
  CHECK_FALSE(has_item(get(s, authority, "/api/v1/work"), "cohabitant_guidance_due", refusal.id));

  // Written and read in the audit log, like every record of a citizen.
  auto db = s.open_db();
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE object_kind = 'move_recommendation' AND outcome = 'ok'") >= 4);
  CHECK(scalar(db, "SELECT count(*) FROM move_recommendations") == 2);
}
