// The online work after registration: requests, answers, and core's checks before each upload.
#include "shell/workflow_client.hpp"

#include <algorithm>
#include <set>

#include "core/forms/catalogue.hpp"
#include "core/model/role.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "core/util/json_text.hpp"
#include "core/util/uuid.hpp"
#include "core/workflow/records.hpp"
#include "core/workflow/reporting.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {

using nlohmann::json;
namespace model = core::model;
namespace wf = core::workflow;

namespace {
std::string str(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
long long num(const json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<long long>() : 0;
}
const json& member(const json& j, const char* key) {
  static const json null;
  if (!j.is_object()) return null;
  auto it = j.find(key);
  return it == j.end() ? null : *it;
}

// The record of a GET /api/v1/records envelope, with the server's revision.
template <class T, class Parse>
std::optional<T> record_of(const json& envelope, Parse parse) {
  auto r = parse(member(envelope, "data"));
  if (!r) return std::nullopt;
  T t = std::move(r).value();
  t.sync.revision = num(envelope, "revision");
  return t;
}

// "2024-03-05T14:30" -> "05.03.2024 kl. 14:30".
std::string da_date_time(const std::string& local) {
  return local.size() >= 16 ? da_date(local.substr(0, 10)) + " kl. " + local.substr(11, 5) : local;
}

// "marts 2025", or for a quarterly move report "1. kvartal 2025".
std::string month_text(const std::string& month, bool moves) {
  auto m = wf::parse_month(month);
  if (!m) return month;
  return moves ? wf::format_quarter(*m) : core::time::format_danish_month(m->year, m->month);
}

bool is_committee_side(const std::string& role) {
  auto r = core::role_from_string(role);
  return r && core::access::scope_of(*r, core::access::Action::ReviewReport) != core::access::Scope::None;
}
}  // namespace

// [SECTION] requests
void WorkflowClient::begin(bool clear_notice) {
  m_view.error = {};
  m_view.findings.clear();
  if (clear_notice) m_view.notice.clear();
  changed();
}

void WorkflowClient::get(const std::string& path, std::string busy_text, Handler on_ok) {
  const auto id = m_ctx.requests->http({"GET", path, "", *m_ctx.token});
  m_pending[id] = std::move(on_ok);
  m_view.busy = true;
  m_view.busy_text = std::move(busy_text);
  changed();
}

template <class T>
void WorkflowClient::put(const std::string& kind, const T& record, long long revision, std::string busy_text,
                         std::function<void()> on_ok) {
  json body = {{"revision", revision}, {"content_hash", model::content_hash(record)}, {"data", model::to_json(record)}};
  const auto id = m_ctx.requests->http({"PUT", "/api/v1/records/" + kind + "/" + record.id, body.dump(), *m_ctx.token});
  m_pending[id] = [this, on_ok = std::move(on_ok)](const HttpResponse& r) {
    json answer = core::parse_json_or_discarded(r.body);
    for (const auto& f : member(answer, "findings"))
      if (!str(f, "message").empty()) m_view.findings.push_back(str(f, "message"));
    m_sync_wanted = true;
    on_ok();
  };
  m_view.busy = true;
  m_view.busy_text = std::move(busy_text);
  changed();
}

void WorkflowClient::fail(const HttpResponse& r) {
  ActionError e;
  if (r.status == 0) {
    e.message = "Serveren kan ikke nås. Det, du har skrevet, er ikke sendt – prøv igen, når der er forbindelse.";
  } else {
    json j = core::parse_json_or_discarded(r.body);
    const json& err = member(j, "error");
    e.code = str(err, "code");
    e.message = str(err, "message");
    e.field = str(err, "field");
    if (e.field.rfind("data.", 0) == 0) e.field = e.field.substr(5);
    for (const auto& i : member(j, "issues"))
      if (!str(i, "message").empty()) e.issues.push_back(str(i, "message"));
    if (e.message.empty()) e.message = "Serveren svarede med fejl " + std::to_string(r.status) + ".";
  }
  m_view.error = std::move(e);
  changed();
}

void WorkflowClient::fail(const core::Error& err) {
  ActionError e;
  e.code = std::string(core::to_string(err.code));
  e.message = err.message;
  e.field = err.field;
  m_view.error = std::move(e);
  changed();
}

bool WorkflowClient::tick(const PlatformState& platform, PlatformRequests& requests, core::client::ClientStore& store,
                          const std::string& token, const WorkflowUser& user) {
  m_ctx = {&requests, &store, &token, &user};
  for (const auto& r : platform.http_done) {
    auto it = m_pending.find(r.id);
    if (it == m_pending.end()) continue;
    Handler h = std::move(it->second);
    m_pending.erase(it);
    m_view.busy = !m_pending.empty();
    if (r.status >= 200 && r.status < 300) h(r);
    else fail(r);
    changed();
  }
  const bool sync = m_sync_wanted;
  m_sync_wanted = false;
  return sync;
}

// [SECTION] øjeoverblik
void WorkflowClient::load_work() {
  get("/api/v1/work", "Henter opgaver …", [this](const HttpResponse& r) {
    json j = core::parse_json_or_discarded(r.body);
    m_view.work.clear();
    for (const auto& i : member(j, "items")) {
      WorkRow w;
      w.kind = str(i, "kind");
      w.title = str(i, "title");
      w.detail = str(i, "detail");
      w.citizen_id = str(i, "citizen_id");
      w.citizen_name = str(i, "citizen_name");
      w.institution_id = str(i, "institution_id");
      w.record_kind = str(i, "record_kind");
      w.record_id = str(i, "record_id");
      w.month = str(i, "month");
      w.status = str(i, "status");
      w.due_text = str(i, "due_text");
      m_view.work.push_back(std::move(w));
    }
    m_view.work_loaded = true;
  });
}

// [SECTION] monthly report
void WorkflowClient::load_report() {
  const std::string inst = m_view.report_institution, month = m_view.report_month;
  if (m_view.report_moves || !is_committee_side(m_ctx.user->role)) {
    get("/api/v1/reports/preview?institution=" + inst + "&month=" + month + (m_view.report_moves ? "&kind=moves" : ""),
        "Henter indberetningen …",
        [this](const HttpResponse& r) {
          json j = core::parse_json_or_discarded(r.body);
          m_view.report_institution_name = str(j, "institution_name");
          m_view.report_month_text = str(j, "month_text");
          m_view.report_due_text = str(j, "due_text");
          m_view.report_forms.clear();
          for (const auto& f : member(j, "forms")) {
            ReportFormRow row{str(f, "id"), str(f, "short_title"), str(f, "citizen_id"), str(f, "citizen_name"), "",
                              str(f, "started_at"), str(f, "locked_at")};
            m_view.report_forms.push_back(std::move(row));
          }
          m_view.report_recipients.clear();
          for (const auto& rc : member(j, "recipients"))
            m_view.report_recipients.push_back(
                {str(rc, "kind"), str(rc, "name"), member(rc, "form_ids").is_array() ? member(rc, "form_ids").size() : 0});
          m_view.report_preview_loaded = true;
        });
  }
  get("/api/v1/reports?month=" + month + (inst.empty() ? "" : "&institution=" + inst), "Henter indberetninger …",
      [this](const HttpResponse& r) {
        json j = core::parse_json_or_discarded(r.body);
        m_view.batches.clear();
        for (auto b : member(j, "reports")) {
          if (!b.is_object()) continue;
          StoredBatch sb;
          sb.institution_name = str(b, "institution_name");
          sb.moves = str(b, "kind") == "moves";
          const long long revision = num(b, "revision");
          for (const char* k : {"institution_name", "revision", "content_hash", "server_seq", "kind"}) b.erase(k);
          auto parsed = model::report_batch_from_json(b);
          if (!parsed) continue;
          sb.batch = std::move(parsed).value();
          sb.batch.sync.revision = revision;
          m_view.batches.push_back(std::move(sb));
        }
        if (m_view.report_institution_name.empty())
          for (const auto& b : m_view.batches) m_view.report_institution_name = b.institution_name;
        load_reviews();
      });
}

void WorkflowClient::load_batch(const std::string& id) {
  get("/api/v1/reports/" + id, "Henter indberetningen …", [this](const HttpResponse& r) {
    json j = core::parse_json_or_discarded(r.body);
    const json& data = member(j, "data");
    // The tablet purges locked forms it holds, so the committee reads the report's forms (and their
    // cases) from the server.
    m_view.batch_forms.clear();
    for (const auto& f : member(j, "forms"))
      m_view.batch_forms.push_back({str(f, "id"), str(f, "short_title"), str(f, "citizen_id"), str(f, "citizen_name"), "",
                                    str(f, "started_at"), str(f, "locked_at")});
    if (is_committee_side(m_ctx.user->role))
      for (std::size_t i = 0; i < m_view.batch_forms.size(); ++i)
        get("/api/v1/records/form/" + m_view.batch_forms[i].id, "Henter sagerne …", [this, i](const HttpResponse& rf) {
          json e = core::parse_json_or_discarded(rf.body);
          if (i < m_view.batch_forms.size()) m_view.batch_forms[i].case_id = str(member(e, "data"), "case_id");
          load_reviews();
        });
    m_view.report_institution = str(data, "institution_id");
    m_view.report_month = str(data, "month");
    m_view.report_institution_name = str(data, "institution_name");
    m_view.report_moves = str(j, "kind") == "moves";
    m_view.report_month_text = month_text(m_view.report_month, m_view.report_moves);
    load_report();
  });
}

// The committee reviews each case of the opened batch: the forms' cases from the server, the review
// notes from the local database (notes are never purged).
void WorkflowClient::load_reviews() {
  m_view.reviews.clear();
  const StoredBatch* batch = nullptr;
  for (const auto& b : m_view.batches)
    if (b.batch.id == m_view.open_batch) batch = &b;
  if (batch == nullptr || m_ctx.store == nullptr) return;
  for (const auto& form : m_view.batch_forms) {
    if (form.case_id.empty()) continue;
    auto it = std::find_if(m_view.reviews.begin(), m_view.reviews.end(),
                           [&](const CaseReview& c) { return c.case_id == form.case_id; });
    if (it == m_view.reviews.end()) {
      CaseReview c;
      c.case_id = form.case_id;
      c.citizen_id = form.citizen_id;
      c.citizen_name = form.citizen_name;
      if (auto notes = m_ctx.store->notes_of(form.citizen_id); notes)
        for (const auto& n : *notes)
          if (n.case_id == std::optional<std::string>(form.case_id) && n.kind == model::k_note_kind_committee_review &&
              n.at >= batch->batch.created_at)
            c.note = n;
      m_view.reviews.push_back(std::move(c));
      it = m_view.reviews.end() - 1;
    }
    std::string label = form.short_title;
    if (!form.started_at.empty()) label += " – " + da_date_time(form.started_at);
    it->forms.push_back(label);
  }
  changed();
}

// [SECTION] decision
void WorkflowClient::load_decision(const std::string& application_id) {
  m_view.application.reset();
  m_view.approval_case.reset();
  m_view.decision.reset();
  m_view.decision_loaded = false;
  get("/api/v1/records/form/" + application_id, "Henter ansøgningen …", [this](const HttpResponse& r) {
    m_view.application = record_of<model::FormInstance>(core::parse_json_or_discarded(r.body), model::form_instance_from_json);
    if (!m_view.application) return;
    get("/api/v1/records/case/" + m_view.application->case_id, "Henter sagen …", [this](const HttpResponse& rc) {
      m_view.approval_case = record_of<model::Case>(core::parse_json_or_discarded(rc.body), model::case_from_json);
      if (!m_view.approval_case || !m_view.approval_case->decision_id) {
        m_view.decision_loaded = true;
        return;
      }
      get("/api/v1/records/decision/" + *m_view.approval_case->decision_id, "Henter afgørelsen …",
          [this](const HttpResponse& rd) {
            m_view.decision = record_of<model::Decision>(core::parse_json_or_discarded(rd.body), model::decision_from_json);
            m_view.decision_loaded = true;
          });
    });
  });
}

// [SECTION] complaint
void WorkflowClient::load_complaint(const std::string& id) {
  get("/api/v1/records/complaint/" + id, "Henter klagen …", [this](const HttpResponse& r) {
    m_view.complaint = record_of<model::Complaint>(core::parse_json_or_discarded(r.body), model::complaint_from_json);
    if (!m_view.complaint) return;
    if (m_view.complaint->decision_id)
      get("/api/v1/records/decision/" + *m_view.complaint->decision_id, "Henter afgørelsen …",
          [this](const HttpResponse& rd) {
            m_view.complaint_decision =
                record_of<model::Decision>(core::parse_json_or_discarded(rd.body), model::decision_from_json);
          });
    if (m_view.complaint->form_instance_id)
      get("/api/v1/records/form/" + *m_view.complaint->form_instance_id, "Henter registreringen …",
          [this](const HttpResponse& rf) {
            m_view.complaint_form =
                record_of<model::FormInstance>(core::parse_json_or_discarded(rf.body), model::form_instance_from_json);
          });
  });
}

// [SECTION] action plan
void WorkflowClient::load_plan(const std::string& id) {
  get("/api/v1/records/action_plan/" + id, "Henter handleplanen …", [this](const HttpResponse& r) {
    m_view.plan = record_of<model::ActionPlan>(core::parse_json_or_discarded(r.body), model::action_plan_from_json);
    m_view.plan_loaded = true;
  });
}

void WorkflowClient::load_local(core::client::ClientStore& store, const std::string& citizen_id) {
  CitizenRecords c;
  c.citizen_id = citizen_id;
  if (!citizen_id.empty()) {
    if (auto v = store.cases_of(citizen_id)) c.cases = *v;
    if (auto v = store.decisions_of(citizen_id)) c.decisions = *v;
    if (auto v = store.complaints_of(citizen_id)) c.complaints = *v;
    if (auto v = store.notes_of(citizen_id)) c.notes = *v;
    if (auto v = store.action_plans_of(citizen_id)) c.action_plans = *v;
    if (auto v = store.forms_of(citizen_id))
      for (const auto& f : *v) {
        const auto* meta = core::forms::Catalogue::builtin().find_form(f.form_id, f.form_version);
        if (meta && meta->kind == core::forms::FormKind::Application) c.applications.push_back(f);
      }
  }
  m_view.citizen = std::move(c);
  if (!m_view.open_batch.empty()) {
    m_ctx.store = &store;
    load_reviews();
  }
  changed();
}

// [SECTION] commands
std::optional<Screen> WorkflowClient::apply(const WorkflowCommand& cmd, const PlatformState& platform,
                                            PlatformRequests& requests, core::client::ClientStore& store,
                                            const std::string& token, const WorkflowUser& user) {
  m_ctx = {&requests, &store, &token, &user};
  const auto& catalogue = core::forms::Catalogue::builtin();
  const std::string now = core::time::utc_now_text();

  if (std::get_if<OpenWork>(&cmd)) {
    begin();
    load_work();
    return Screen::Work;
  }
  if (const auto* o = std::get_if<OpenReport>(&cmd)) {
    begin();
    m_view.report_preview_loaded = false;
    m_view.report_forms.clear();
    m_view.report_recipients.clear();
    m_view.batches.clear();
    m_view.reviews.clear();
    m_view.batch_forms.clear();
    m_view.report_institution_name.clear();
    m_view.open_batch = o->batch_id;
    m_view.report_moves = o->moves;
    if (!o->batch_id.empty()) {
      load_batch(o->batch_id);
      return Screen::Report;
    }
    m_view.report_institution = o->institution_id;
    if (m_view.report_institution.empty() && !user.institutions.empty())
      m_view.report_institution = user.institutions.front().first;
    m_view.report_month = o->month;
    if (m_view.report_month.empty() && platform.today.size() >= 7) {
      // The last month (or, for moves, the last quarter) that is over.
      auto m = wf::parse_month(platform.today.substr(0, 7));
      if (m && o->moves) m_view.report_month = wf::format_month(wf::last_complete_quarter(*m));
      else if (m) m_view.report_month = wf::format_month(wf::previous_month(*m));
    }
    if (auto m = wf::parse_month(m_view.report_month); m && o->moves) m_view.report_month = wf::format_month(wf::quarter_end_of(*m));
    m_view.report_month_text = month_text(m_view.report_month, o->moves);
    load_report();
    return Screen::Report;
  }
  if (std::get_if<CreateReport>(&cmd)) {
    begin();
    model::ReportBatch b;
    b.id = core::new_uuid();
    b.institution_id = m_view.report_institution;
    b.month = m_view.report_month;
    for (const auto& r : m_view.report_recipients) b.recipients.push_back({r.kind, r.name, std::nullopt});
    for (const auto& f : m_view.report_forms) b.form_ids.push_back(f.id);
    b.created_by = user.id;
    b.created_at = now;
    if (b.form_ids.empty()) {
      fail(core::Error::make(core::ErrorCode::InvalidInput, m_view.report_moves ? "Der er ingen låste flytninger at indberette."
                                                                               : "Der er ingen låste registreringer at indberette.", ""));
      return std::nullopt;
    }
    put("report_batch", b, 1, "Opretter indberetningen …", [this]() {
      m_view.notice = "Indberetningen er oprettet. Udskriv den til hver modtager, og markér den som sendt.";
      load_report();
    });
    return std::nullopt;
  }
  if (const auto* s = std::get_if<MarkReportSent>(&cmd)) {
    begin();
    for (const auto& sb : m_view.batches) {
      if (sb.batch.id != s->batch_id) continue;
      model::ReportBatch b = sb.batch;
      if (s->recipient < 0 || static_cast<std::size_t>(s->recipient) >= b.recipients.size()) break;
      b.recipients[static_cast<std::size_t>(s->recipient)].sent_at = now;
      const std::string name = b.recipients[static_cast<std::size_t>(s->recipient)].name;
      put("report_batch", b, sb.batch.sync.revision + 1, "Gemmer …", [this, name]() {
        m_view.notice = "Markeret som sendt til " + name + ".";
        load_report();
      });
    }
    return std::nullopt;
  }
  if (const auto* p = std::get_if<PrintDocument>(&cmd)) {
    requests.open_document(p->path, token);
    return std::nullopt;
  }
  if (const auto* o = std::get_if<OpenDecision>(&cmd)) {
    begin();
    load_decision(o->application_form_id);
    return Screen::Decision;
  }
  if (const auto* s = std::get_if<SaveDecision>(&cmd)) {
    begin();
    model::Decision d = s->decision;
    const long long stored_revision = m_view.decision ? m_view.decision->sync.revision : 0;
    if (d.status != "pending" && (!m_view.decision || m_view.decision->status == "pending")) {
      d.decided_by = user.id;
      d.decided_at = now;
    }
    wf::DecisionContext context{m_view.approval_case, m_view.application, user.id};
    std::optional<model::Decision> stored = m_view.decision;
    if (auto ok = wf::check_decision(d, stored, context, catalogue); !ok) {
      fail(ok.error());
      return std::nullopt;
    }
    const std::string app_id = d.application_form_id.value_or("");
    put("decision", d, stored_revision + 1, "Gemmer afgørelsen …", [this, app_id]() {
      m_view.notice = "Afgørelsen er gemt.";
      load_decision(app_id);
    });
    return std::nullopt;
  }
  if (const auto* o = std::get_if<OpenComplaint>(&cmd)) {
    begin();
    m_view.complaint.reset();
    m_view.complaint_decision.reset();
    m_view.complaint_form.reset();
    load_complaint(o->complaint_id);
    return Screen::Complaint;
  }
  if (const auto* n = std::get_if<NewComplaint>(&cmd)) {
    begin();
    model::Complaint c;
    c.id = core::new_uuid();
    c.citizen_id = n->citizen_id;
    c.received_at = now;
    m_view.complaint_decision.reset();
    m_view.complaint_form.reset();
    if (!n->decision_id.empty()) {
      c.decision_id = n->decision_id;
      get("/api/v1/records/decision/" + n->decision_id, "Henter afgørelsen …", [this](const HttpResponse& rd) {
        m_view.complaint_decision = record_of<model::Decision>(core::parse_json_or_discarded(rd.body), model::decision_from_json);
        // The complaint deadline runs from the notification: the last one recorded is the likely one.
        if (m_view.complaint_decision && m_view.complaint && !m_view.complaint->notified_at &&
            !m_view.complaint_decision->notifications.empty())
          m_view.complaint->notified_at = m_view.complaint_decision->notifications.front().at;
      });
    } else {
      c.form_instance_id = n->form_id;
      get("/api/v1/records/form/" + n->form_id, "Henter registreringen …", [this](const HttpResponse& rf) {
        m_view.complaint_form = record_of<model::FormInstance>(core::parse_json_or_discarded(rf.body), model::form_instance_from_json);
      });
    }
    c.sync.revision = 0;
    m_view.complaint = c;
    return Screen::Complaint;
  }
  if (const auto* s = std::get_if<SaveComplaint>(&cmd)) {
    begin();
    const model::Complaint& c = s->complaint;
    std::optional<model::Complaint> stored;
    if (m_view.complaint && m_view.complaint->sync.revision > 0) stored = m_view.complaint;
    wf::ComplaintContext context{m_view.complaint_decision, m_view.complaint_form};
    if (auto ok = wf::check_complaint(c, stored, context, catalogue); !ok) {
      fail(ok.error());
      return std::nullopt;
    }
    const std::string id = c.id;
    put("complaint", c, stored ? stored->sync.revision + 1 : 1, "Gemmer klagen …", [this, id]() {
      m_view.notice = "Klagen er gemt.";
      load_complaint(id);
    });
    return std::nullopt;
  }
  if (const auto* o = std::get_if<OpenFollowUp>(&cmd)) {
    begin();
    m_view.closing_case.clear();
    m_view.closable.reset();
    m_view.closing_issues.clear();
    load_local(store, o->citizen_id);
    return Screen::FollowUp;
  }
  if (const auto* s = std::get_if<SaveNote>(&cmd)) {
    begin();
    model::Note n = s->note;
    if (n.id.empty()) n.id = core::new_uuid();
    n.author = user.id;
    n.at = now;
    if (std::find(n.tags.begin(), n.tags.end(), model::k_note_tag_use_of_force) == n.tags.end())
      n.tags.push_back(std::string(model::k_note_tag_use_of_force));
    std::sort(n.tags.begin(), n.tags.end());
    std::optional<model::Case> note_case;
    if (n.case_id)
      if (auto c = store.cases_of(n.citizen_id))
        for (const auto& k : *c)
          if (k.id == *n.case_id) note_case = k;
    if (auto ok = wf::check_note(n, std::nullopt, note_case, user.id); !ok) {
      fail(ok.error());
      return std::nullopt;
    }
    put("note", n, 1, "Gemmer notatet …", [this, n]() {
      m_view.notice = "Notatet er gemt.";
      // Shown at once; the sync brings the stored copy into the local database.
      m_view.citizen.notes.push_back(n);
      for (auto& r : m_view.reviews)
        if (n.case_id == std::optional<std::string>(r.case_id) && n.kind == model::k_note_kind_committee_review) r.note = n;
    });
    return std::nullopt;
  }
  if (const auto* o = std::get_if<OpenActionPlan>(&cmd)) {
    begin();
    m_view.plan_citizen = o->citizen_id;
    m_view.plan.reset();
    m_view.plan_loaded = false;
    std::string id = o->plan_id;
    if (id.empty())
      if (auto plans = store.action_plans_of(o->citizen_id); plans)
        for (const auto& p : *plans)
          if (id.empty() || p.updated_at > m_view.plan->updated_at) {
            id = p.id;
            m_view.plan = p;
          }
    if (id.empty()) {
      model::ActionPlan p;
      p.id = core::new_uuid();
      p.citizen_id = o->citizen_id;
      p.sync.revision = 0;
      m_view.plan = p;
      m_view.plan_loaded = true;
    } else {
      load_plan(id);
    }
    return Screen::ActionPlan;
  }
  if (const auto* s = std::get_if<SaveActionPlan>(&cmd)) {
    begin();
    model::ActionPlan p = s->plan;
    p.author = user.id;
    p.updated_at = now;
    std::optional<model::ActionPlan> stored;
    if (m_view.plan && m_view.plan->sync.revision > 0) stored = m_view.plan;
    if (auto ok = wf::check_action_plan(p, stored, user.id); !ok) {
      fail(ok.error());
      return std::nullopt;
    }
    const std::string id = p.id;
    put("action_plan", p, stored ? stored->sync.revision + 1 : 1, "Gemmer handleplanen …", [this, id]() {
      m_view.notice = "Handleplanen er gemt.";
      load_plan(id);
    });
    return std::nullopt;
  }
  if (const auto* c = std::get_if<CheckClosing>(&cmd)) {
    begin();
    m_view.closing_case = c->case_id;
    m_view.closable.reset();
    m_view.closing_issues.clear();
    get("/api/v1/cases/" + c->case_id + "/closing", "Undersøger sagen …", [this](const HttpResponse& r) {
      json j = core::parse_json_or_discarded(r.body);
      const json& closable = member(j, "closable");
      m_view.closable = closable.is_boolean() && closable.get<bool>();
      for (const auto& i : member(j, "issues"))
        if (!str(i, "message").empty()) m_view.closing_issues.push_back(str(i, "message"));
    });
    return std::nullopt;
  }
  if (const auto* c = std::get_if<CloseCase>(&cmd)) {
    begin();
    m_view.closing_case = c->case_id;
    get("/api/v1/records/case/" + c->case_id, "Henter sagen …", [this](const HttpResponse& r) {
      auto k = record_of<model::Case>(core::parse_json_or_discarded(r.body), model::case_from_json);
      if (!k) return;
      model::Case closed = *k;
      closed.closed_at = core::time::utc_now_text();
      put("case", closed, k->sync.revision + 1, "Lukker sagen …", [this]() {
        m_view.notice = "Sagen er lukket.";
        m_view.closable.reset();
        m_view.closing_issues.clear();
      });
    });
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace magtreg::shell
