// JSON of the work-after-registration messages (see messages_work.hpp).
#include "core/sync/messages_work.hpp"

#include "core/util/json_read.hpp"

#include "core/forms/catalogue.hpp"
#include "core/sync/messages.hpp"
#include "core/time/format.hpp"
#include "core/time/local_date_time.hpp"

namespace magtreg::core::sync {

using nlohmann::json;
using json_read::flag;
using json_read::member;
using json_read::optional_text;
using json_read::text;
using json_read::texts;

namespace {


json optional(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }


// A report batch with its envelope members beside the record's own (as GET /reports lists it).
Result<model::ReportBatch> batch_with_meta(json j) {
  const long long revision = member(j, "revision").is_number_integer() ? member(j, "revision").get<long long>() : 0;
  const std::string hash = text(j, "content_hash");
  for (const char* k : {"institution_name", "revision", "content_hash", "server_seq", "kind"}) j.erase(k);
  auto b = model::report_batch_from_json(j);
  if (!b) return b.error();
  b->sync.revision = revision;
  b->sync.content_hash = hash;
  return b;
}

std::vector<FormSummary> summaries(const json& j) {
  std::vector<FormSummary> out;
  if (j.is_array())
    for (const auto& f : j) out.push_back(form_summary_from_json(f));
  return out;
}

json summaries_json(const std::vector<FormSummary>& forms) {
  json out = json::array();
  for (const auto& f : forms) out.push_back(to_json(f));
  return out;
}

}  // namespace

// [SECTION] work
json to_json(const WorkList& w) {
  json items = json::array();
  for (const auto& i : w.items) items.push_back(workflow::to_json(i));
  return {{"items", std::move(items)}, {"now", w.now}};
}

Result<workflow::WorkItem> work_item_from_json(const json& j) {
  auto kind = workflow::work_kind_from_string(text(j, "kind"));
  if (!kind) return Error::make(ErrorCode::InvalidInput, "Ukendt opgave: " + text(j, "kind"), "kind");
  workflow::WorkItem item;
  item.kind = *kind;
  item.title = text(j, "title");
  item.detail = text(j, "detail");
  item.citizen_id = text(j, "citizen_id");
  item.citizen_name = text(j, "citizen_name");
  item.institution_id = text(j, "institution_id");
  item.record_kind = text(j, "record_kind");
  item.record_id = text(j, "record_id");
  item.month = text(j, "month");
  if (auto due = optional_text(j, "due"))
    if (auto t = time::parse_local_date_time(*due)) item.due = *t;
  item.status = time::deadline_status_from_string(text(j, "status")).value_or(time::DeadlineStatus::NotDueYet);
  return item;
}

Result<WorkList> work_list_from_json(const json& j) {
  const json& items = member(j, "items");
  if (!items.is_array()) return Error::make(ErrorCode::InvalidInput, "Serverens svar mangler opgaverne.", "items");
  WorkList w;
  w.now = text(j, "now");
  for (const auto& i : items)
    if (auto item = work_item_from_json(i)) w.items.push_back(std::move(*item));  // a newer kind: skipped
  return w;
}

// [SECTION] forms in reports
FormSummary summary_of(const model::FormInstance& f, const std::vector<model::Citizen>& citizens,
                       const forms::Catalogue& catalogue) {
  const auto* meta = catalogue.find_form(f.form_id, f.form_version);
  std::string name;
  for (const auto& c : citizens)
    if (c.id == f.citizen_id) name = c.name;
  return {f.id,  f.form_id, meta != nullptr ? meta->short_title : f.form_id, f.citizen_id, name, f.institution_id,
          f.state, f.legal_basis, f.started_at, f.locked_at};
}

json to_json(const FormSummary& f) {
  return {{"id", f.id},
          {"form_id", f.form_id},
          {"short_title", f.short_title},
          {"citizen_id", f.citizen_id},
          {"citizen_name", f.citizen_name},
          {"institution_id", f.institution_id},
          {"state", model::to_string(f.state)},
          {"legal_basis", optional(f.legal_basis)},
          {"started_at", optional(f.started_at)},
          {"locked_at", optional(f.locked_at)}};
}

FormSummary form_summary_from_json(const json& j) {
  return {text(j, "id"),    text(j, "form_id"),       text(j, "short_title"),     text(j, "citizen_id"),
          text(j, "citizen_name"), text(j, "institution_id"),
          model::form_state_from_string(text(j, "state")).value_or(model::FormState::Draft),  optional_text(j, "legal_basis"),
          optional_text(j, "started_at"), optional_text(j, "locked_at")};
}

// [SECTION] preview
json to_json(const ReportPreview& p) {
  json recipients = json::array();
  for (const auto& r : p.recipients) recipients.push_back({{"kind", r.kind}, {"name", r.name}, {"form_ids", r.form_ids}});
  return {{"institution_id", p.institution_id},
          {"institution_name", p.institution_name},
          {"kind", p.moves ? "moves" : "monthly"},
          {"month", p.month},
          {"month_text", p.month_text},
          {"month_closed", p.month_closed},
          {"due", p.due},
          {"due_text", p.due_text},
          {"forms", summaries_json(p.forms)},
          {"recipients", std::move(recipients)}};
}

Result<ReportPreview> report_preview_from_json(const json& j) {
  if (!j.is_object() || !member(j, "forms").is_array())
    return Error::make(ErrorCode::InvalidInput, "Serverens svar mangler indberetningens skemaer.", "forms");
  ReportPreview p;
  p.institution_id = text(j, "institution_id");
  p.institution_name = text(j, "institution_name");
  p.moves = text(j, "kind") == "moves";
  p.month = text(j, "month");
  p.month_text = text(j, "month_text");
  p.month_closed = flag(j, "month_closed");
  p.due = text(j, "due");
  p.due_text = text(j, "due_text");
  p.forms = summaries(member(j, "forms"));
  if (const json& rs = member(j, "recipients"); rs.is_array())
    for (const auto& r : rs) p.recipients.push_back({text(r, "kind"), text(r, "name"), texts(member(r, "form_ids"))});
  return p;
}

// [SECTION] batches
json to_json(const ReportList& l) {
  json list = json::array();
  for (const auto& e : l.reports) {
    json j = model::to_json(e.batch);
    j["kind"] = e.moves ? "moves" : "monthly";
    j["institution_name"] = e.institution_name;
    j["revision"] = e.batch.sync.revision;
    j["content_hash"] = e.batch.sync.content_hash;
    list.push_back(std::move(j));
  }
  return {{"reports", std::move(list)}};
}

Result<ReportList> report_list_from_json(const json& j) {
  const json& reports = member(j, "reports");
  if (!reports.is_array()) return Error::make(ErrorCode::InvalidInput, "Serverens svar mangler indberetningerne.", "reports");
  ReportList l;
  for (const auto& r : reports) {
    if (!r.is_object()) continue;
    auto b = batch_with_meta(r);
    if (!b) continue;
    l.reports.push_back({std::move(*b), text(r, "kind") == "moves", text(r, "institution_name")});
  }
  return l;
}

json to_json(const ReportDetail& d) {
  json data = model::to_json(d.batch);
  data["institution_name"] = d.institution_name;
  return {{"revision", d.batch.sync.revision},
          {"content_hash", d.batch.sync.content_hash},
          {"kind", d.moves ? "moves" : "monthly"},
          {"data", std::move(data)},
          {"forms", summaries_json(d.forms)}};
}

Result<ReportDetail> report_detail_from_json(const json& j) {
  json data = member(j, "data");
  if (!data.is_object()) return Error::make(ErrorCode::InvalidInput, "Serverens svar mangler indberetningen.", "data");
  ReportDetail d;
  d.institution_name = text(data, "institution_name");
  data["revision"] = member(j, "revision");
  data["content_hash"] = member(j, "content_hash");
  auto b = batch_with_meta(std::move(data));
  if (!b) return b.error();
  d.batch = std::move(*b);
  d.moves = text(j, "kind") == "moves";
  d.forms = summaries(member(j, "forms"));
  return d;
}

// [SECTION] closing
ClosingAnswer closing_answer_of(const std::string& case_id, const std::vector<cases::Missing>& gaps) {
  ClosingAnswer a{case_id, gaps.empty(), {}};
  for (const auto& g : gaps) a.gaps.push_back({g.form_instance_id, std::string(cases::to_string(g.gap)), g.message});
  return a;
}

json to_json(const ClosingAnswer& a) {
  json gaps = json::array();
  for (const auto& g : a.gaps) gaps.push_back(to_json(g));
  return {{"case_id", a.case_id}, {"closable", a.closable}, {"gaps", std::move(gaps)}};
}

Result<ClosingAnswer> closing_answer_from_json(const json& j) {
  const json& closable = member(j, "closable");
  if (!closable.is_boolean()) return Error::make(ErrorCode::InvalidInput, "Serverens svar om sagen kan ikke læses.", "closable");
  return ClosingAnswer{text(j, "case_id"), closable.get<bool>(), issues_from_json(member(j, "gaps"))};
}

}  // namespace magtreg::core::sync
