// Shared helpers for the model and storage tests: a temporary folder for real SQLite files (removed
// afterwards), fixed ids, and a filled-in sample of every record kind with one way to change its content.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/action_plan.hpp"
#include "core/model/base_course.hpp"
#include "core/model/case.hpp"
#include "core/model/citizen.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_event.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/institution.hpp"
#include "core/model/municipality.hpp"
#include "core/model/note.hpp"
#include "core/model/report_batch.hpp"
#include "core/model/user.hpp"
#include "core/records/accept.hpp"
#include "core/sync/messages.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/utc.hpp"
#include "core/util/uuid.hpp"

namespace magtreg::test {

// A fresh folder under the system's temporary directory; removed with everything in it on scope exit.
class TempDir {
 public:
  TempDir() {
    m_path = std::filesystem::temp_directory_path() / ("magtreg_test_" + core::new_uuid());
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string file(const std::string& name) const { return (m_path / name).string(); }
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

// [SECTION] the tablet's side of the protocol
inline std::string tid(const std::string& name);
// A writer on the tablet (the logged-in user) for ClientStore::save: by default staff of the sample
// records' institution (Ids::institution), in the test municipality.
inline core::records::Writer tablet_writer(const std::string& user_id, core::Role role = core::Role::Staff,
                                           std::vector<std::string> institution_ids = {}) {
  core::records::Writer w;
  w.principal.user_id = user_id;
  w.principal.role = role;
  w.principal.municipality_id = tid("municipality");
  w.principal.institution_ids =
      institution_ids.empty() ? std::vector<std::string>{tid("institution-a")} : std::move(institution_ids);
  w.now_utc = core::time::utc_now_text();
  w.now = core::time::now_local();
  return w;
}
// A page of GET /api/v1/changes as the tablet reads it.
inline core::sync::ChangesPage page_of(const nlohmann::json& records, long long next_after) {
  core::sync::ChangesPage page;
  page.next_after = next_after;
  if (records.is_array())
    for (const auto& r : records)
      if (auto e = core::sync::record_envelope_from_json(r); e && !e->kind.empty() && !e->id.empty())
        page.records.push_back(std::move(*e));
  return page;
}
// The server's answer to an accepted upload.
inline core::sync::UploadAnswer accepted_at(long long server_seq, const nlohmann::json& findings = nlohmann::json::array()) {
  core::sync::UploadAnswer a;
  a.server_seq = server_seq;
  a.findings = core::sync::findings_from_json(findings);
  return a;
}
// A refusal with its message and, when given, the server's current version of the record.
template <class T = core::model::FormInstance>
core::sync::ApiError refusal(std::string message, const std::optional<T>& current = std::nullopt) {
  core::sync::ApiError e;
  e.error = core::Error::make(core::ErrorCode::InvalidInput, std::move(message));
  if (current) e.current = core::sync::envelope_of(*current);
  return e;
}

// "field: message" of a failed result, for REQUIRE_MESSAGE (empty when ok).
template <class R>
std::string describe(const R& r) {
  return r.ok() ? std::string() : r.error().field + ": " + r.error().message;
}

// A fixed, valid v4-shaped id per name, so failures print the same ids on every run.
inline std::string tid(const std::string& name) { return core::derived_uuid("magtreg-test:" + name); }

// The ids a set of sample records refers to; `tag` makes the record ids of one set unique.
struct Ids {
  std::string tag = "a";
  std::string institution = tid("institution-a");
  std::string citizen = tid("citizen-a");
  std::string user = tid("user-a");

  std::string id(const char* kind) const { return tid(std::string(kind) + "-" + tag); }
};

inline Ids ids_for(const std::string& tag, const std::string& institution, const std::string& citizen) {
  Ids ids;
  ids.tag = tag;
  ids.institution = institution;
  ids.citizen = citizen;
  return ids;
}

// [SECTION] one filled-in sample per record kind (optional fields set, Danish text, nested lists)
inline core::model::Citizen sample_citizen(const Ids& ids = {}) {
  core::model::Citizen c;
  c.id = ids.citizen;
  c.cpr = "010190-1234";
  c.name = "Søren Ærø Åkjær";
  c.target_group = "demens";
  c.acting_municipality = "Nyborg Kommune";
  c.institution_id = ids.institution;
  c.relatives = {{"Birthe Åkjær", "værge", "birthe@example.dk"}, {"Jens Åkjær", "bror", "+45 12 34 56 78"}};
  c.can_complain_unaided = false;
  return c;
}

inline core::model::BaseCourse sample_base_course(const Ids& ids = {}) {
  return core::model::new_base_course(ids.citizen);
}

inline core::model::Case sample_case(const Ids& ids = {}) {
  core::model::Case c;
  c.id = ids.id("case");
  c.citizen_id = ids.citizen;
  c.base_course_id = core::model::base_course_id_for(ids.citizen);
  c.kind = core::model::CaseKind::Approval;
  c.title = std::string(core::model::k_case_title_adults);
  c.decision_id = ids.id("decision");
  c.opened_at = "2024-03-05T13:40:00Z";
  c.closed_at = "2024-09-30T10:00:00Z";
  return c;
}

inline core::model::FormInstance sample_form(const Ids& ids = {}) {
  core::model::FormInstance f;
  f.id = ids.id("form");
  f.form_id = "2020-1b";
  f.form_version = 2;
  f.citizen_id = ids.citizen;
  f.case_id = ids.id("case");
  f.institution_id = ids.institution;
  f.state = magtreg::core::model::FormState::Locked;
  f.content = nlohmann::json::parse(R"({
    "beskrivelse": "Borgeren slog ud efter personalet – fastholdt i 2 min. § 124 d.",
    "varighed_min": 10, "personer": ["Anna Ølgaard", "Bo"],
    "detaljer": {"z": 1, "a": [true, null, 1.5, -3]}})");
  f.legal_basis = "124d";
  f.started_at = "2024-03-05T14:30";
  f.created_by = ids.user;
  f.created_at = "2024-03-05T14:00:00Z";
  f.updated_at = "2024-03-06T09:00:00Z";
  f.locked_at = "2024-03-06T09:00:00Z";
  f.locked_by = ids.user;
  f.parent_id = tid("parent-" + ids.tag);
  f.return_comment = "Beskriv forløbet før fastholdelsen.";
  return f;
}

inline core::model::FormEvent sample_form_event(const Ids& ids = {}) {
  core::model::FormEvent e;
  e.id = ids.id("form_event");
  e.form_instance_id = ids.id("form");
  e.from_state = "udfyldt";
  e.to_state = "laast";
  e.by = ids.user;
  e.at = "2024-03-06T09:00:00Z";
  e.comment = "Låst af leder";
  return e;
}

// An enum by its wire text, for the tests' tables; an unknown text stops the run.
template <class E, std::size_t N>
E from_text(const core::EnumText<E> (&table)[N], std::string_view text) {
  const auto value = core::enum_from_text(table, text);
  if (!value) std::abort();
  return *value;
}
inline core::model::DecisionStatus decision_status(std::string_view text) {
  return from_text(core::model::k_decision_status_texts, text);
}

inline core::model::Decision sample_decision(const Ids& ids = {}) {
  core::model::Decision d;
  d.id = ids.id("decision");
  d.citizen_id = ids.citizen;
  d.case_id = ids.id("case");
  d.application_form_id = tid("application-" + ids.tag);
  d.basis = "128";
  d.status = magtreg::core::model::DecisionStatus::Granted;
  d.valid_from = "2024-01-01";
  d.valid_to = "2024-12-31";
  d.conditions = "Stofsele kun om natten.";
  d.complaint_guidance = "Du kan klage inden 4 uger.";
  d.decided_by = ids.user;
  d.decided_at = "2023-12-20T12:00:00Z";
  d.notifications = {{"borger", "2023-12-21T08:00:00Z"}, {"værge", "2023-12-21T08:05:00Z"},
                     {"leder", "2023-12-21T08:10:00Z"}, {"sagsbehandler", "2023-12-21T08:15:00Z"}};
  return d;
}

inline core::model::Complaint sample_complaint(const Ids& ids = {}) {
  core::model::Complaint c;
  c.id = ids.id("complaint");
  c.citizen_id = ids.citizen;
  c.decision_id = ids.id("decision");
  c.received_at = "2024-01-10T10:00:00Z";
  c.complainant = "borger";
  c.notified_at = "2023-12-21T08:00:00Z";
  c.status = core::model::ComplaintStatus::Forwarded;
  c.committee_assessment = "Udvalget fastholder afgørelsen.";
  c.forwarded_at = "2024-02-01T10:00:00Z";
  c.outcome = "";
  c.court_or_lawyer = true;
  return c;
}

inline core::model::Note sample_note(const Ids& ids = {}) {
  core::model::Note n;
  n.id = ids.id("note");
  n.citizen_id = ids.citizen;
  n.case_id = ids.id("case");
  n.text = "Værgen er orienteret; klagevejledning udleveret.";
  n.tags = {"klage", "magtanvendelse"};  // sorted and unique, as stored
  n.kind = std::string(core::model::k_note_kind_relatives_informed);
  n.author = ids.user;
  n.at = "2024-04-01T12:00:00Z";
  return n;
}

inline core::model::ActionPlan sample_action_plan(const Ids& ids = {}) {
  core::model::ActionPlan p;
  p.id = ids.id("action_plan");
  p.citizen_id = ids.citizen;
  p.purpose = "Færre fastholdelser ved personlig hygiejne.";
  p.effort = "Faste personaler om morgenen.";
  p.expected_duration = "6 måneder";
  p.other_matters = "Hjælpemidler: badestol.";
  p.updated_at = "2024-04-02T12:00:00Z";
  p.author = ids.user;
  return p;
}

inline core::model::ReportBatch sample_report_batch(const Ids& ids = {}) {
  core::model::ReportBatch b;
  b.id = ids.id("report_batch");
  b.institution_id = ids.institution;
  b.month = "2024-03";
  b.recipients = {{"handlekommune", "Nyborg Kommune", "2024-04-05T10:00:00Z"},
                  {"socialtilsyn", "Socialtilsyn Syd", std::nullopt}};
  b.form_ids = {ids.id("form"), tid("other-form-" + ids.tag)};
  b.created_by = ids.user;
  b.created_at = "2024-04-05T09:00:00Z";
  return b;
}

inline core::model::Institution sample_institution() {
  core::model::Institution i;
  i.id = tid("institution-a");
  i.municipality_id = tid("municipality");
  i.name = "Botilbuddet Skovly";
  i.kind = "botilbud";
  i.operator_kind = "regional";
  i.operating_department = "Handicap og Psykiatri";
  i.target_area = "demens";
  return i;
}

inline core::model::Municipality sample_municipality() {
  core::model::Municipality m;
  m.id = tid("municipality");
  m.name = "Nyborg Kommune";
  m.report_day_of_month = 28;
  m.suppression_threshold = 3;
  return m;
}

inline core::model::User sample_user() {
  core::model::User u;
  u.id = tid("user-a");
  u.username = "leder.skovly";
  u.display_name = "Lise Ørum";
  u.role = core::Role::Leader;
  u.municipality_id = tid("municipality");
  u.institution_ids = {tid("institution-a"), tid("institution-b")};
  std::sort(u.institution_ids.begin(), u.institution_ids.end());
  u.disabled = true;
  return u;
}

// [SECTION] generic access for TEST_CASE_TEMPLATE over the synced kinds
template <class T>
struct Sample;

#define MAGTREG_TEST_SAMPLE(Type, fn, from_json_fn, change_expr)                   \
  template <>                                                                      \
  struct Sample<core::model::Type> {                                               \
    static core::model::Type make(const Ids& ids = {}) { return fn(ids); }         \
    static core::Result<core::model::Type> parse(const nlohmann::json& j) {       \
      return core::model::from_json_fn(j);                                         \
    }                                                                              \
    /* changes the content (not the id), so the content hash changes */           \
    static void change(core::model::Type& r) { change_expr; }                      \
  };

MAGTREG_TEST_SAMPLE(Citizen, sample_citizen, citizen_from_json, r.name += " (ændret)")
MAGTREG_TEST_SAMPLE(BaseCourse, sample_base_course, base_course_from_json, r.title += " (ændret)")
MAGTREG_TEST_SAMPLE(Case, sample_case, case_from_json, r.closed_at.reset())
MAGTREG_TEST_SAMPLE(FormInstance, sample_form, form_instance_from_json, r.content["beskrivelse"] = "Ny tekst")
MAGTREG_TEST_SAMPLE(FormEvent, sample_form_event, form_event_from_json, r.comment = "Ny kommentar")
MAGTREG_TEST_SAMPLE(Decision, sample_decision, decision_from_json, r.valid_to = "2024-06-30")
MAGTREG_TEST_SAMPLE(Complaint, sample_complaint, complaint_from_json, r.outcome = "Afgørelsen stadfæstet")
MAGTREG_TEST_SAMPLE(Note, sample_note, note_from_json, r.tags.push_back("orientering"))
MAGTREG_TEST_SAMPLE(ActionPlan, sample_action_plan, action_plan_from_json, r.effort += " Og aftenen.")
MAGTREG_TEST_SAMPLE(ReportBatch, sample_report_batch, report_batch_from_json, r.recipients[1].sent_at =
                                                                                  "2024-04-06T10:00:00Z")
#undef MAGTREG_TEST_SAMPLE

}  // namespace magtreg::test

// The synced record kinds, for TEST_CASE_TEMPLATE.
#define MAGTREG_SYNCED_KINDS                                                                              \
  magtreg::core::model::Citizen, magtreg::core::model::BaseCourse, magtreg::core::model::Case,            \
      magtreg::core::model::FormInstance, magtreg::core::model::FormEvent, magtreg::core::model::Decision, \
      magtreg::core::model::Complaint, magtreg::core::model::Note, magtreg::core::model::ActionPlan,       \
      magtreg::core::model::ReportBatch
