// Record upload (PUT /api/v1/records/{kind}/{id}), single-record read and the paged download
// (GET /api/v1/changes). The upload follows docs/sync-protocol.md: a retried upload gets its original
// answer byte for byte, the same revision with other content is REVISION_CONFLICT, an old or skipped
// revision is REVISION_STALE with the server's current version, and forms pass core's lifecycle and
// validation for the caller's role before anything is stored. Findings of the rule engine come back
// in the answer; they never block storing what happened.
#include <httplib.h>

#include "core/cases/cases.hpp"
#include "core/forms/catalogue.hpp"
#include "core/forms/lifecycle.hpp"
#include "core/forms/withdrawal.hpp"
#include "core/model/action_plan.hpp"
#include "core/model/base_course.hpp"
#include "core/model/case.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_event.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/note.hpp"
#include "core/model/report_batch.hpp"
#include "core/rules/check.hpp"
#include "core/rules/form_check.hpp"
#include "core/storage/change_feed.hpp"
#include "core/storage/citizen_repository.hpp"
#include "core/storage/decision_repository.hpp"
#include "core/storage/form_repository.hpp"
#include "core/storage/note_repository.hpp"
#include "core/storage/report_batch_repository.hpp"
#include "core/storage/transaction.hpp"
#include "core/sync/protocol.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/util/uuid.hpp"
#include "core/workflow/records.hpp"
#include "core/workflow/reporting.hpp"
#include "sync/api.hpp"
#include "sync/directory.hpp"
#include "sync/http_json.hpp"
#include "sync/scope_data.hpp"

namespace magtreg::sync {

namespace st = core::storage;
namespace model = core::model;
using core::Error;
using core::ErrorCode;
using core::Result;
using core::Status;
using nlohmann::json;

namespace {

Error invalid(std::string message, std::string field) {
  return Error::make(ErrorCode::InvalidInput, std::move(message), std::move(field));
}

// Prefixes a parse error's field with "data." (the record sits under "data" in the envelope).
Error in_data(Error e) {
  e.field = e.field.empty() ? "data" : "data." + e.field;
  return e;
}

json envelope(long long revision, const std::string& hash, std::optional<long long> server_seq, json data) {
  json j = {{"revision", revision}, {"content_hash", hash}, {"data", std::move(data)}};
  j["server_seq"] = server_seq ? json(*server_seq) : json(nullptr);
  return j;
}

// [SECTION] per-kind upload rules
struct UploadContext {
  st::Database& db;
  const Caller& caller;
  json findings = json::array();  // the rule engine's findings
  json issues = json::array();    // validation issues when a transition is refused
  std::optional<model::FormEvent> event;  // a state change the server records beside the form
};

using core::access::Action;
using core::access::CitizenPlacement;

template <class T>
struct Kind;

// Defaults for records that belong to one citizen: access follows the citizen's placement.
template <class T>
struct CitizenRecord {
  static std::string citizen(const T& r) { return r.citizen_id; }
  static Result<CitizenPlacement> placement(st::Database& db, const T& r) {
    auto p = citizen_placement(db, r.citizen_id);
    if (!p) return p.error();
    if (!*p) return Error::make(ErrorCode::NotFound, "Borgeren findes ikke.", "data.citizen_id");
    return **p;
  }
  // Runs after the record is stored, in the same transaction (server-made changes of other records).
  static Status after(UploadContext&, const T&) { return {}; }
};

template <>
struct Kind<model::BaseCourse> : CitizenRecord<model::BaseCourse> {
  static constexpr const char* name = "base_course";
  static Result<model::BaseCourse> parse(const json& j) { return model::base_course_from_json(j); }
  static std::vector<Action> actions(const model::BaseCourse&) {
    return {Action::RegisterForm, Action::ApplyForApproval, Action::RegisterMove};
  }
  static Status check(UploadContext&, const std::optional<model::BaseCourse>& stored, const model::BaseCourse& r) {
    if (stored && stored->citizen_id != r.citizen_id)
      return invalid("Et grundforløb kan ikke flyttes til en anden borger.", "data.citizen_id");
    return {};
  }
};

template <>
struct Kind<model::Case> : CitizenRecord<model::Case> {
  static constexpr const char* name = "case";
  static Result<model::Case> parse(const json& j) { return model::case_from_json(j); }
  static std::vector<Action> actions(const model::Case& r) {
    if (r.closed_at) return {Action::CompleteLeaderPart, Action::ReviewReport, Action::DecideApplication};
    return {Action::RegisterForm, Action::ApplyForApproval, Action::RegisterMove};
  }
  static Status check(UploadContext& u, const std::optional<model::Case>& stored, const model::Case& r) {
    if (!stored) {
      if (r.closed_at) return invalid("En ny sag kan ikke være lukket.", "data.closed_at");
      if (r.decision_id) return invalid("Afgørelsen knyttes til sagen af serveren, når den gemmes.", "data.decision_id");
      return {};
    }
    if (auto ok = core::workflow::check_case_change(r, *stored); !ok) return in_data(ok.error());
    if (r.closed_at && !stored->closed_at) return check_closing(u, *stored);
    return {};
  }

  // Closing the stored (open) case: everything on it locked, reported and reviewed (core/cases).
  static Status check_closing(UploadContext& u, const model::Case& open_case) {
    auto gaps = closing_gaps_of(u.db, open_case);
    if (!gaps) return gaps.error();
    if (gaps->empty()) return {};
    for (const auto& g : *gaps)
      u.issues.push_back({{"gap", core::cases::to_string(g.gap)}, {"form_instance_id", g.form_instance_id},
                          {"message", g.message}});
    Error e = core::cases::closable_status(*gaps).error();
    e.field = "data.closed_at";
    return e;
  }
};

std::string today_local() { return core::time::format_iso(core::time::now_local().date); }

template <>
struct Kind<model::FormInstance> : CitizenRecord<model::FormInstance> {
  static constexpr const char* name = "form";
  static Result<model::FormInstance> parse(const json& j) { return model::form_instance_from_json(j); }
  // Registrations are staff's and leaders' (RegisterForm), applications the leader's (ApplyForApproval),
  // moves the administration's (RegisterMove).
  static Action form_action(const model::FormInstance& r) {
    const auto* meta = core::forms::Catalogue::builtin().find_form(r.form_id, r.form_version);
    if (meta != nullptr && meta->kind == core::forms::FormKind::Application) return Action::ApplyForApproval;
    if (meta != nullptr && meta->kind == core::forms::FormKind::Move) return Action::RegisterMove;
    return Action::RegisterForm;
  }
  static std::vector<Action> actions(const model::FormInstance& r) { return {form_action(r)}; }

  static Status check(UploadContext& u, const std::optional<model::FormInstance>& stored,
                      const model::FormInstance& r) {
    namespace forms = core::forms;
    const auto& catalogue = forms::Catalogue::builtin();
    auto def = catalogue.require_definition(r.form_id, r.form_version);
    if (!def) return in_data(def.error());
    auto to = forms::form_state_from_string(r.state);
    if (!to) return invalid("Ukendt tilstand: " + r.state, "data.state");

    // Where it happened must be one of the caller's institutions too.
    auto inst = find_institution(u.db, r.institution_id);
    if (!inst) return inst.error();
    if (!*inst) return invalid("Ukendt tilbud.", "data.institution_id");
    if (!core::access::allowed(u.caller.principal, form_action(r), {r.institution_id, (*inst)->municipality_id}))
      return Error::make(ErrorCode::Forbidden, "Du har ikke adgang til dette tilbud.", "data.institution_id");

    forms::FormState from = forms::FormState::Draft;
    json before = json::object();
    if (stored) {
      if (stored->form_id != r.form_id || stored->form_version != r.form_version)
        return invalid("Et skemas type og version kan ikke ændres.", "data.form_version");
      if (stored->citizen_id != r.citizen_id)
        return invalid("Et skema kan ikke flyttes til en anden borger.", "data.citizen_id");
      auto s = forms::form_state_from_string(stored->state);
      if (!s) return Error::make(ErrorCode::Internal, "Den gemte tilstand er ukendt.", "data.state");
      from = *s;
      if (from == forms::FormState::Locked)
        return Error::make(ErrorCode::FormLocked,
                           "Skemaet er låst og kan ikke ændres. Opret et tillæg i stedet.", "data.state");
      before = stored->content;
    } else if (r.created_by != u.caller.user.id) {
      return invalid("Et nyt skema skal være oprettet af den, der sender det.", "data.created_by");
    }
    if (auto t = forms::check_form_tombstone(stored, r, {u.caller.user.role, u.caller.user.id, ever_filled(u.db, stored)});
        !t)
      return in_data(t.error());
    if (r.sync.deleted) {
      // The creator's discarded draft, or the leader's withdrawal: an event of its own, no rule gate.
      if (r.withdrawn_at) u.event = withdrawal_event(r, from, u.caller.user.id);
      return {};
    }
    if (auto e = forms::check_edit(**def, from, u.caller.user.role, before, r.content); !e) return in_data(e.error());
    if (*to != from) {
      auto t = forms::check_transition(**def, from, *to, u.caller.user.role, r.content, r.return_comment.value_or(""),
                                       today_local());
      if (!t) {
        if (t.error().code == ErrorCode::FormInvalid) {
          // The full list of what is missing, so the tablet can show every field at once.
          json issues = json::array();
          const auto scope = *to == forms::FormState::Filled ? forms::Scope::Staff : forms::Scope::All;
          for (const auto& i : forms::validate(**def, r.content, scope))
            issues.push_back({{"path", i.path}, {"message", i.message}});
          u.issues = issues;
        }
        return in_data(t.error());
      }
      if (*to == forms::FormState::Locked && (r.locked_by != u.caller.user.id || !r.locked_at))
        return invalid("Et låst skema skal bære den, der låser det, og tidspunktet.", "data.locked_by");
      model::FormEvent ev;
      ev.id = core::new_uuid();
      ev.form_instance_id = r.id;
      if (stored) ev.from_state = std::string(forms::to_string(from));
      ev.to_state = r.state;
      ev.by = u.caller.user.id;
      ev.at = utc_now_text();
      ev.comment = r.return_comment.value_or("");
      u.event = ev;
    }
    if (auto f = rule_findings(u, r, *to == forms::FormState::Filled && from == forms::FormState::Draft); !f) return f;
    // A draft is stored whatever the rules say (nothing typed is lost); Udfyldt and Låst need a
    // registration without error findings (docs/sync-protocol.md).
    if (*to != forms::FormState::Draft)
      for (const auto& finding : u.findings)
        if (finding.is_object() && finding.value("severity", "") == "error")
          return Error::make(ErrorCode::FormInvalid,
                             "Registreringen har fejl, der skal rettes, før den kan gemmes som " +
                                 std::string(forms::state_label(*to)) + ": " + finding.value("message", ""),
                             "data." + std::string("state"));
    return {};
  }

  // Whether the stored form was ever Udfyldt (registered): its first completion is in form_filled.
  static bool ever_filled(st::Database& db, const std::optional<model::FormInstance>& stored) {
    if (!stored) return false;
    if (stored->state != "kladde" || stored->return_comment) return true;
    auto q = db.prepare("SELECT 1 FROM form_filled WHERE form_instance_id = ?1");
    if (!q) return true;  // unknown: treat as registered (never lose one)
    q->bind(1, stored->id);
    auto row = q->step();
    return !row || *row;
  }

  static model::FormEvent withdrawal_event(const model::FormInstance& r, core::forms::FormState from,
                                           const std::string& by) {
    model::FormEvent ev;
    ev.id = core::new_uuid();
    ev.form_instance_id = r.id;
    ev.from_state = std::string(core::forms::to_string(from));
    ev.to_state = model::k_event_withdrawn;
    ev.by = by;
    ev.at = utc_now_text();
    ev.comment = r.withdrawn_reason.value_or("");
    return ev;
  }

  // The rule engine's findings for the form as stored now.
  static Status rule_findings(UploadContext& u, const model::FormInstance& r, bool just_filled) {
    st::CitizenRepository citizens(u.db);
    auto citizen = citizens.get(r.citizen_id);
    if (!citizen) return citizen.error();
    st::FormRepository forms(u.db);
    auto others = forms.of_citizen(r.citizen_id);
    if (!others) return others.error();
    st::DecisionRepository decisions(u.db);
    auto ds = decisions.of_citizen(r.citizen_id);
    if (!ds) return ds.error();
    std::optional<core::time::LocalDateTime> registered_at;
    if (just_filled) registered_at = core::time::now_local();
    st::RecordRepository<model::Case> cases(u.db);
    auto the_case = cases.find(r.case_id);
    if (!the_case) return the_case.error();
    std::optional<std::string> decision;
    if (*the_case && (*the_case)->kind == "approval") decision = (*the_case)->decision_id;
    auto input = core::rules::check_input_for(r, *citizen, *others, *ds, registered_at, decision);
    if (!input) return {};
    const auto result = core::rules::check_registration(*input);
    json findings = json::parse(core::rules::check_result_to_json(result)["findings"].dump());
    u.findings = findings.is_array() ? findings : json::array();
    return {};
  }
};

template <class T>
Result<std::optional<T>> find_record(st::Database& db, const std::optional<std::string>& id) {
  if (!id) return std::optional<T>();
  st::RecordRepository<T> repo(db);
  return repo.find(*id);
}

template <>
struct Kind<model::Decision> : CitizenRecord<model::Decision> {
  static constexpr const char* name = "decision";
  static Result<model::Decision> parse(const json& j) { return model::decision_from_json(j); }
  static std::vector<Action> actions(const model::Decision&) { return {Action::DecideApplication}; }
  static Status check(UploadContext& u, const std::optional<model::Decision>& stored, const model::Decision& r) {
    core::workflow::DecisionContext context;
    context.uploader_id = u.caller.user.id;
    auto c = find_record<model::Case>(u.db, r.case_id);
    if (!c) return c.error();
    context.approval_case = *c;
    auto app = find_record<model::FormInstance>(u.db, r.application_form_id);
    if (!app) return app.error();
    context.application = *app;
    if (auto ok = core::workflow::check_decision(r, stored, context, core::forms::Catalogue::builtin()); !ok)
      return in_data(ok.error());
    return {};
  }
  // The decision joins its application's case: the server sets case.decision_id (a new case revision
  // every tablet downloads), so registrations under the decision land on that case.
  static Status after(UploadContext& u, const model::Decision& d) {
    st::RecordRepository<model::Case> cases(u.db, st::Side::Server);
    auto c = cases.get(d.case_id);
    if (!c) return c.error();
    if (c->decision_id == d.id) return {};
    model::Case updated = *c;
    updated.decision_id = d.id;
    auto m = cases.update(updated, c->sync.revision);
    if (!m) return m.error();
    return {};
  }
};

template <>
struct Kind<model::Complaint> : CitizenRecord<model::Complaint> {
  static constexpr const char* name = "complaint";
  static Result<model::Complaint> parse(const json& j) { return model::complaint_from_json(j); }
  static std::vector<Action> actions(const model::Complaint&) { return {Action::HandleComplaint}; }
  static Status check(UploadContext& u, const std::optional<model::Complaint>& stored, const model::Complaint& r) {
    core::workflow::ComplaintContext context;
    auto d = find_record<model::Decision>(u.db, r.decision_id);
    if (!d) return d.error();
    context.decision = *d;
    auto f = find_record<model::FormInstance>(u.db, r.form_instance_id);
    if (!f) return f.error();
    context.form = *f;
    if (auto ok = core::workflow::check_complaint(r, stored, context, core::forms::Catalogue::builtin()); !ok)
      return in_data(ok.error());
    for (const auto& finding : core::workflow::complaint_findings(r))
      u.findings.push_back({{"code", core::rules::to_string(finding.code)},
                            {"severity", core::rules::to_string(finding.severity())},
                            {"message", finding.message}});
    return {};
  }
};

template <>
struct Kind<model::Note> : CitizenRecord<model::Note> {
  static constexpr const char* name = "note";
  static Result<model::Note> parse(const json& j) { return model::note_from_json(j); }
  static std::vector<Action> actions(const model::Note& r) {
    if (auto a = core::workflow::note_action(r.kind)) return {*a};
    return {Action::CompleteLeaderPart, Action::ReviewReport};  // the check names the unknown kind
  }
  static Status check(UploadContext& u, const std::optional<model::Note>& stored, const model::Note& r) {
    auto c = find_record<model::Case>(u.db, r.case_id);
    if (!c) return c.error();
    if (auto ok = core::workflow::check_note(r, stored, *c, u.caller.user.id); !ok) return in_data(ok.error());
    return {};
  }
};

template <>
struct Kind<model::ActionPlan> : CitizenRecord<model::ActionPlan> {
  static constexpr const char* name = "action_plan";
  static Result<model::ActionPlan> parse(const json& j) { return model::action_plan_from_json(j); }
  static std::vector<Action> actions(const model::ActionPlan&) { return {Action::WriteActionPlan}; }
  static Status check(UploadContext& u, const std::optional<model::ActionPlan>& stored, const model::ActionPlan& r) {
    if (auto ok = core::workflow::check_action_plan(r, stored, u.caller.user.id); !ok) return in_data(ok.error());
    return {};
  }
};

// A monthly report belongs to an institution, not to one citizen: access follows the institution.
template <>
struct Kind<model::ReportBatch> {
  static constexpr const char* name = "report_batch";
  static Result<model::ReportBatch> parse(const json& j) { return model::report_batch_from_json(j); }
  static std::string citizen(const model::ReportBatch&) { return {}; }
  static Result<CitizenPlacement> placement(st::Database& db, const model::ReportBatch& r) {
    auto inst = find_institution(db, r.institution_id);
    if (!inst) return inst.error();
    if (!*inst) return Error::make(ErrorCode::NotFound, "Tilbuddet findes ikke.", "data.institution_id");
    return CitizenPlacement{r.institution_id, (*inst)->municipality_id};
  }
  // The leader's monthly report, or the administration's quarterly move report; check() requires the
  // one the batch is.
  static std::vector<Action> actions(const model::ReportBatch&) { return {Action::CompleteLeaderPart, Action::RegisterMove}; }
  static Status check(UploadContext& u, const std::optional<model::ReportBatch>& stored, const model::ReportBatch& r) {
    auto unit = reporting_unit(u.db, r.institution_id);
    if (!unit) return unit.error();
    auto scope = load_scope(u.db, {r.institution_id});
    if (!scope) return scope.error();
    const bool moves = core::workflow::is_move_report(r, scope->forms, core::forms::Catalogue::builtin());
    const CitizenPlacement where{r.institution_id, unit->institution.municipality_id};
    if (!core::access::allowed(u.caller.principal, moves ? Action::RegisterMove : Action::CompleteLeaderPart, where))
      return Error::make(ErrorCode::Forbidden, moves ? "Flytninger uden samtykke indberettes kvartalsvis af myndigheden."
                                                     : "Den månedlige indberetning laves af tilbuddets leder.");
    if (!stored && r.created_by != u.caller.user.id)
      return invalid("En ny indberetning skal være lavet af den, der sender den.", "data.created_by");
    const auto now = core::time::now_local();
    if (auto ok = core::workflow::check_report_batch(r, stored, *unit, scope->forms, scope->batches, scope->citizens,
                                                     {now.date.year, now.date.month},
                                                     core::forms::Catalogue::builtin());
        !ok)
      return in_data(ok.error());
    return {};
  }
  static Status after(UploadContext&, const model::ReportBatch&) { return {}; }
};

// [SECTION] receipts: the original answer of each accepted upload
struct Receipt {
  std::string content_hash;
  std::string response;
};

Result<std::optional<Receipt>> find_receipt(st::Database& db, const std::string& kind, const std::string& id,
                                            long long revision) {
  auto q = db.prepare(
      "SELECT content_hash, response FROM upload_receipts WHERE record_kind = ?1 AND record_id = ?2 AND revision = ?3");
  if (!q) return q.error();
  q->bind(1, kind).bind(2, id).bind(3, revision);
  auto has = q->step();
  if (!has) return has.error();
  if (!*has) return std::optional<Receipt>();
  return std::optional(Receipt{q->column_text(0), q->column_text(1)});
}

Status store_receipt(st::Database& db, const std::string& kind, const std::string& id, long long revision,
                     const std::string& hash, const std::string& user_id, const std::string& response) {
  auto q = db.prepare(
      "INSERT INTO upload_receipts(record_kind, record_id, revision, content_hash, user_id, response)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!q) return q.error();
  q->bind(1, kind).bind(2, id).bind(3, revision).bind(4, hash).bind(5, user_id).bind(6, response);
  return q->run();
}

template <class T>
json current_of(const T& stored) {
  return envelope(stored.sync.revision, stored.sync.content_hash, stored.sync.server_seq, model::to_json(stored));
}

// [SECTION] the upload itself
struct Envelope {
  long long revision = 0;
  std::string content_hash;
  json data;
};

Result<Envelope> read_envelope(const std::string& body) {
  auto obj = parse_object(body);
  if (!obj) return obj.error();
  ObjectReader r(*obj);
  if (auto ok = r.only({"protocol", "revision", "content_hash", "data"}); !ok) return ok.error();
  Envelope e;
  if (obj->contains("protocol")) {
    auto protocol = r.integer("protocol");
    if (!protocol) return protocol.error();
    if (*protocol != core::sync::k_protocol_version)
      return invalid("Appen bruger en anden protokolversion (" + std::to_string(*protocol) +
                         ") end serveren (" + std::to_string(core::sync::k_protocol_version) + "). Genindlæs appen.",
                     "protocol");
  }
  auto rev = r.integer("revision");
  if (!rev) return rev.error();
  if (*rev < 1) return invalid("Revisionen skal være mindst 1.", "revision");
  e.revision = *rev;
  auto hash = r.string("content_hash");
  if (!hash) return hash.error();
  e.content_hash = *hash;
  auto data = r.object("data");
  if (!data) return data.error();
  e.data = **data;
  return e;
}

template <class T>
void handle_upload(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const std::string kind = Kind<T>::name;
  const std::string id = req.matches[2];
  with_db(ctx, res, [&](st::Database& db) {
    auto caller = require_caller(ctx, db, req, res);
    if (!caller) return;
    auto env = read_envelope(req.body);
    if (!env) return send_error(res, env.error());
    auto parsed = Kind<T>::parse(env->data);
    if (!parsed) return send_error(res, in_data(parsed.error()));
    T record = std::move(*parsed);
    if (record.id != id) return send_error(res, invalid("Postens id svarer ikke til adressen.", "data.id"));
    record.sync.revision = env->revision;
    const std::string hash = model::content_hash(record);
    if (hash != env->content_hash)
      return send_error(res, invalid("Indholdets kontrolsum passer ikke til indholdet.", "content_hash"));

    // Everything below happens in one IMMEDIATE transaction: the access decision, the write, its event,
    // the receipt and the audit row commit together (synchronous=FULL) before the answer leaves.
    std::lock_guard write_lock(ctx.upload_mutex);
    st::Transaction tx(db);
    if (!tx.begin_status()) return send_error(res, tx.begin_status().error());
    AuditEntry audit{caller->user.id, "write", kind, id, Kind<T>::citizen(record), "ok"};
    // A refusal reveals nothing about a record the caller may not see, and its audit row names the
    // citizen whose data was asked for (issue #12).
    auto deny = [&](const std::string& citizen_id, const char* outcome) {
      tx.rollback();
      audit.citizen_id = citizen_id;
      audit.outcome = outcome;
      audit_now(db, audit);
      send_error(res, Error::make(ErrorCode::Forbidden, citizen_id.empty() && Kind<T>::citizen(record).empty()
                                                            ? "Du har ikke adgang til dette tilbuds indberetninger."
                                                            : "Du har ikke adgang til denne borgers oplysninger."));
    };
    auto may_write = [&](const T& r) -> Result<bool> {
      auto placement = Kind<T>::placement(db, r);
      if (!placement) {
        if (placement.error().code == ErrorCode::NotFound) return false;
        return placement.error();
      }
      const auto actions = Kind<T>::actions(r);
      return std::any_of(actions.begin(), actions.end(),
                         [&](Action a) { return core::access::allowed(caller->principal, a, *placement); });
    };

    // Access is decided on the stored record before anything about it is answered: who may write the
    // record as it is, then who may write it as sent.
    st::RecordRepository<T> repo(db, st::Side::Server);
    auto stored = repo.find(id);
    if (!stored) return send_error(res, stored.error());
    if (*stored) {
      auto ok = may_write(**stored);
      if (!ok) return send_error(res, ok.error());
      if (!*ok) return deny(Kind<T>::citizen(**stored), "denied");
    }
    {
      auto ok = may_write(record);
      if (!ok) return send_error(res, ok.error());
      if (!*ok) return deny(Kind<T>::citizen(record), "denied");
    }
    auto refuse = [&](const Error& e, const json& extra, const char* outcome) {
      tx.rollback();
      audit.outcome = outcome;
      audit_now(db, audit);
      send_error(res, e, extra);
    };

    auto receipt = find_receipt(db, kind, id, env->revision);
    if (!receipt) return send_error(res, receipt.error());
    const json current = *stored ? json{{"current", current_of(**stored)}} : json::object();
    if (*receipt && (*receipt)->content_hash == hash) {
      // A retry: the original answer, byte for byte.
      audit.outcome = "replay";
      if (auto a = append_audit(db, audit, utc_now_text()); !a) return send_error(res, a.error());
      if (auto c = tx.commit(); !c) return send_error(res, c.error());
      res.status = 200;
      res.set_content((*receipt)->response, "application/json; charset=utf-8");
      return;
    }

    std::optional<core::sync::StoredRevision> stored_rev;
    if (*stored) stored_rev = core::sync::StoredRevision{(*stored)->sync.revision, (*stored)->sync.content_hash};
    switch (core::sync::decide_upload(stored_rev, env->revision, hash)) {
      case core::sync::UploadDecision::Conflict:
        return refuse(Error::make(ErrorCode::RevisionConflict,
                                  "Posten er allerede gemt i denne version med andet indhold. Se serverens version."),
                      current, "conflict");
      case core::sync::UploadDecision::Stale:
        return refuse(Error::make(ErrorCode::RevisionStale,
                                  "Posten er ændret på serveren siden din version. Se serverens version."),
                      current, "stale");
      case core::sync::UploadDecision::Replay:
      case core::sync::UploadDecision::Insert:
      case core::sync::UploadDecision::Update: break;
    }

    UploadContext u{db, *caller};
    Status ok;
    if constexpr (!std::is_same_v<T, model::FormInstance>)
      if (auto t = core::forms::check_no_tombstone(*stored ? std::optional((*stored)->sync.deleted) : std::nullopt,
                                                   record.sync.deleted);
          !t)
        ok = in_data(t.error());
    if (ok) ok = Kind<T>::check(u, *stored, record);
    if (!ok) {
      json extra = current;
      if (!u.issues.empty()) extra["issues"] = u.issues;
      if (!u.findings.empty()) extra["findings"] = u.findings;
      const bool denied = ok.error().code == ErrorCode::Forbidden || ok.error().code == ErrorCode::RoleNotAllowed;
      return refuse(ok.error(), extra, denied ? "denied" : "refused");
    }

    Result<model::SyncMeta> meta = model::SyncMeta{};
    if (!*stored)
      meta = repo.insert(record);
    else if ((*stored)->sync.revision == env->revision)
      meta = (*stored)->sync;  // the same content stored by other means (no receipt): accept as is
    else
      meta = repo.update(record, env->revision - 1);
    if (!meta) return refuse(meta.error(), current, "refused");
    if (u.event) {
      st::RecordRepository<model::FormEvent> events(db, st::Side::Server);
      if (auto e = events.insert(*u.event); !e) return send_error(res, e.error());
    }
    if (auto a = Kind<T>::after(u, record); !a) return send_error(res, a.error());
    json answer = {{"status", "accepted"}, {"kind", kind},          {"id", id},
                   {"revision", meta->revision}, {"content_hash", meta->content_hash},
                   {"server_seq", meta->server_seq ? json(*meta->server_seq) : json(nullptr)},
                   {"findings", u.findings}};
    const std::string text = answer.dump(-1, ' ', false, json::error_handler_t::replace);
    if (auto r = store_receipt(db, kind, id, env->revision, hash, caller->user.id, text); !r)
      return send_error(res, r.error());
    if (auto a = append_audit(db, audit, utc_now_text()); !a) return send_error(res, a.error());
    if (auto c = tx.commit(); !c) return send_error(res, c.error());
    res.status = 200;
    res.set_content(text, "application/json; charset=utf-8");
  });
}

// [SECTION] reads
template <class T>
std::optional<json> read_record(st::Database& db, const std::string& id, std::string& citizen_id) {
  st::RecordRepository<T> repo(db);
  auto r = repo.find(id);
  if (!r || !*r) return std::nullopt;
  if constexpr (std::is_same_v<T, model::Citizen>)
    citizen_id = (*r)->id;
  else
    citizen_id = (*r)->citizen_id;
  return current_of(**r);
}

std::optional<json> read_any(st::Database& db, const std::string& kind, const std::string& id, std::string& citizen_id) {
  if (kind == "form") return read_record<model::FormInstance>(db, id, citizen_id);
  if (kind == "case") return read_record<model::Case>(db, id, citizen_id);
  if (kind == "base_course") return read_record<model::BaseCourse>(db, id, citizen_id);
  if (kind == "citizen") return read_record<model::Citizen>(db, id, citizen_id);
  if (kind == "decision") return read_record<model::Decision>(db, id, citizen_id);
  if (kind == "complaint") return read_record<model::Complaint>(db, id, citizen_id);
  if (kind == "note") return read_record<model::Note>(db, id, citizen_id);
  if (kind == "action_plan") return read_record<model::ActionPlan>(db, id, citizen_id);
  return std::nullopt;
}

long long query_integer(const httplib::Request& req, const char* name, long long fallback, bool& ok) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) {
    ok = false;
    return fallback;
  }
  return std::stoll(v);
}

}  // namespace

void mount_record_routes(httplib::Server& http, ApiContext& ctx) {
  http.Put(R"(/api/v1/records/([a-z_]+)/([^/]+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    const std::string kind = req.matches[1];
    if (kind == "form") return handle_upload<model::FormInstance>(ctx, req, res);
    if (kind == "case") return handle_upload<model::Case>(ctx, req, res);
    if (kind == "base_course") return handle_upload<model::BaseCourse>(ctx, req, res);
    if (kind == "decision") return handle_upload<model::Decision>(ctx, req, res);
    if (kind == "complaint") return handle_upload<model::Complaint>(ctx, req, res);
    if (kind == "note") return handle_upload<model::Note>(ctx, req, res);
    if (kind == "action_plan") return handle_upload<model::ActionPlan>(ctx, req, res);
    if (kind == "report_batch") return handle_upload<model::ReportBatch>(ctx, req, res);
    send_error(res, Error::make(ErrorCode::NotFound, "Posttypen »" + kind + "« kan ikke sendes til serveren.", "kind"));
  });

  http.Get(R"(/api/v1/records/([a-z_]+)/([^/]+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      const std::string kind = req.matches[1];
      const std::string id = req.matches[2];
      std::string citizen_id;
      auto record = read_any(db, kind, id, citizen_id);
      AuditEntry audit{caller->user.id, "read", kind, id, citizen_id, "ok"};
      // A record that does not exist and one the caller may not see answer alike, so ids cannot be
      // probed; the audit row names the citizen whose record was asked for.
      auto refuse = [&](const char* outcome) {
        audit.outcome = outcome;
        audit_now(db, audit);
        send_error(res, Error::make(ErrorCode::Forbidden, "Posten findes ikke, eller du har ikke adgang til den.", "id"));
      };
      if (!record) return refuse("not_found");
      auto placement = citizen_placement(db, citizen_id);
      if (!placement) return send_error(res, placement.error());
      if (!*placement || !core::access::allowed(caller->principal, core::access::Action::ViewForms, **placement))
        return refuse("denied");
      if (!audit_read(db, audit, res)) return;
      send_json(res, 200, *record);
    });
  });

  http.Get("/api/v1/changes", [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      bool ok = true;
      const long long after = query_integer(req, "after", 0, ok);
      if (!ok) return send_error(res, invalid("»after« skal være et ikke-negativt heltal.", "after"));
      const long long limit = query_integer(req, "limit", 200, ok);
      if (!ok) return send_error(res, invalid("»limit« skal være et heltal mellem 1 og 1000.", "limit"));
      auto institutions = visible_institutions(db, *caller, core::access::Action::ViewForms);
      if (!institutions) {
        audit_now(db, {caller->user.id, "download", "changes", "", "", "denied"});
        return send_error(res, Error::make(ErrorCode::Forbidden, "Din rolle har ikke adgang til borgeres oplysninger."));
      }
      auto page = st::changes_after(db, after, *institutions, static_cast<int>(limit));
      if (!page) return send_error(res, page.error());
      json records = json::array();
      st::Transaction tx(db);
      if (!tx.begin_status()) return send_error(res, tx.begin_status().error());
      for (auto& c : page->records) {
        std::string citizen_id = c.kind == "citizen" ? c.id : "";
        if (citizen_id.empty() && c.data.is_object()) {
          auto it = c.data.find("citizen_id");
          if (it != c.data.end() && it->is_string()) citizen_id = it->get<std::string>();
        }
        if (auto a = append_audit(db, {caller->user.id, "download", c.kind, c.id, citizen_id, "ok"}, utc_now_text()); !a)
          return send_audit_unavailable(res, a.error());
        json e = envelope(c.revision, c.content_hash, c.server_seq, std::move(c.data));
        e["kind"] = c.kind;
        e["id"] = c.id;
        records.push_back(std::move(e));
      }
      if (auto c = tx.commit(); !c) return send_audit_unavailable(res, c.error());
      send_json(res, 200, {{"records", records}, {"next_after", page->next_after}, {"has_more", page->has_more}});
    });
  });
}

}  // namespace magtreg::sync
