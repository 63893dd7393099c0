// JSON of the record protocol messages (see messages.hpp).
#include "core/sync/messages.hpp"

#include "core/util/json_read.hpp"

#include "core/sync/protocol.hpp"
#include "core/util/json_text.hpp"
#include "core/util/json_util.hpp"

namespace magtreg::core::sync {

using nlohmann::json;
using json_read::member;
using json_read::optional_integer;
using json_read::text;

// [SECTION] findings and issues
json to_json(const rules::Finding& f) {
  return {{"code", std::string(rules::to_string(f.code))},
          {"severity", std::string(rules::to_string(f.severity()))},
          {"message", f.message}};
}

Result<rules::Finding> finding_from_json(const json& j) {
  auto code = rules::finding_code_from_string(text(j, "code"));
  if (!code) return Error::make(ErrorCode::InvalidInput, "Ukendt fund: " + text(j, "code"), "code");
  return rules::Finding{*code, text(j, "message")};
}

json findings_to_json(const std::vector<rules::Finding>& findings) {
  json out = json::array();
  for (const auto& f : findings) out.push_back(to_json(f));
  return out;
}

std::vector<rules::Finding> findings_from_json(const json& j) {
  std::vector<rules::Finding> out;
  if (!j.is_array()) return out;
  for (const auto& f : j)
    if (auto finding = finding_from_json(f)) out.push_back(std::move(*finding));
  return out;
}

json to_json(const records::IssueNote& issue) {
  if (!issue.gap.empty()) return {{"gap", issue.gap}, {"form_instance_id", issue.path}, {"message", issue.message}};
  return {{"path", issue.path}, {"message", issue.message}};
}

std::vector<records::IssueNote> issues_from_json(const json& j) {
  std::vector<records::IssueNote> out;
  if (!j.is_array()) return out;
  for (const auto& i : j) {
    if (!i.is_object()) continue;
    const std::string gap = text(i, "gap");
    out.push_back({gap.empty() ? text(i, "path") : text(i, "form_instance_id"), gap, text(i, "message")});
  }
  return out;
}

// [SECTION] records on the wire
json to_json(const RecordEnvelope& e, bool with_address) {
  json j = {{"revision", e.revision}, {"content_hash", e.content_hash}, {"data", e.data}};
  j["server_seq"] = e.server_seq ? json(*e.server_seq) : json(nullptr);
  if (with_address) {
    j["kind"] = e.kind;
    j["id"] = e.id;
  }
  return j;
}

Result<RecordEnvelope> record_envelope_from_json(const json& j) {
  if (!j.is_object()) return Error::make(ErrorCode::InvalidInput, "Posten skal være et JSON-objekt.", "");
  RecordEnvelope e;
  e.kind = text(j, "kind");
  e.id = text(j, "id");
  const auto revision = optional_integer(j, "revision");
  if (!revision || *revision < 1) return Error::make(ErrorCode::InvalidInput, "Posten mangler sin revision.", "revision");
  e.revision = *revision;
  e.content_hash = text(j, "content_hash");
  e.server_seq = optional_integer(j, "server_seq");
  const json& data = member(j, "data");
  if (!data.is_object()) return Error::make(ErrorCode::InvalidInput, "Posten mangler sine data.", "data");
  e.data = data;
  if (e.id.empty()) e.id = text(data, "id");
  return e;
}

// [SECTION] upload
std::string to_body(const UploadRequest& r) {
  return json{{"revision", r.revision}, {"content_hash", r.content_hash}, {"data", r.data}}.dump();
}

Result<UploadRequest> upload_request_from_body(std::string_view body) {
  auto obj = parse_json_object(body);
  if (!obj) return obj.error();
  UploadRequest r;
  long long protocol = k_protocol_version;
  JsonReader rd(*obj);
  rd.integer("revision", r.revision, 1, 1'000'000'000'000LL)
      .text("content_hash", r.content_hash)
      .object("data", r.data);
  if (obj->contains("protocol")) rd.integer("protocol", protocol, 0, 1'000'000);
  if (auto st = rd.finish(); !st) return st.error();
  if (protocol != k_protocol_version)
    return Error::make(ErrorCode::InvalidInput,
                       "Appen bruger en anden protokolversion (" + std::to_string(protocol) + ") end serveren (" +
                           std::to_string(k_protocol_version) + "). Genindlæs appen.",
                       "protocol");
  return r;
}

json to_json(const UploadAnswer& a) {
  return {{"status", "accepted"},
          {"kind", a.kind},
          {"id", a.id},
          {"revision", a.revision},
          {"content_hash", a.content_hash},
          {"server_seq", a.server_seq ? json(*a.server_seq) : json(nullptr)},
          {"findings", findings_to_json(a.findings)}};
}

Result<UploadAnswer> upload_answer_from_json(const json& j) {
  if (!j.is_object() || text(j, "status") != "accepted")
    return Error::make(ErrorCode::InvalidInput, "Serverens svar på en sendt post kan ikke læses.", "status");
  UploadAnswer a;
  a.kind = text(j, "kind");
  a.id = text(j, "id");
  a.revision = optional_integer(j, "revision").value_or(0);
  a.content_hash = text(j, "content_hash");
  a.server_seq = optional_integer(j, "server_seq");
  a.findings = findings_from_json(member(j, "findings"));
  return a;
}

// [SECTION] errors
json to_json(const ApiError& e) {
  json err = {{"code", std::string(to_string(e.error.code))}, {"message", e.error.message}};
  if (!e.error.field.empty()) err["field"] = e.error.field;
  json j = {{"error", std::move(err)}};
  if (!e.issues.empty()) {
    json issues = json::array();
    for (const auto& i : e.issues) issues.push_back(to_json(i));
    j["issues"] = std::move(issues);
  }
  if (!e.findings.empty()) j["findings"] = findings_to_json(e.findings);
  if (e.current) j["current"] = to_json(*e.current, false);
  return j;
}

ApiError api_error_from_body(std::string_view body, std::string fallback_message) {
  ApiError out;
  out.error = Error::make(ErrorCode::Internal, std::move(fallback_message));
  const json j = parse_json_or_discarded(body);
  const json& err = member(j, "error");
  if (!err.is_object()) return out;
  ErrorCode code = ErrorCode::Internal;
  if (error_code_from_string(text(err, "code"), code)) out.error.code = code;
  if (const std::string m = text(err, "message"); !m.empty()) out.error.message = m;
  out.error.field = text(err, "field");
  out.issues = issues_from_json(member(j, "issues"));
  out.findings = findings_from_json(member(j, "findings"));
  if (auto c = record_envelope_from_json(member(j, "current"))) out.current = std::move(*c);
  return out;
}

std::string describe(const ApiError& e) {
  std::string s = e.error.message;
  for (const auto& i : e.issues)
    if (!i.message.empty()) s += "\n• " + i.message;
  return s;
}

// [SECTION] download
json to_json(const ChangesPage& page) {
  json records = json::array();
  for (const auto& r : page.records) records.push_back(to_json(r, true));
  return {{"records", std::move(records)}, {"next_after", page.next_after}, {"has_more", page.has_more}};
}

Result<ChangesPage> changes_page_from_json(const json& j) {
  const json& records = member(j, "records");
  if (!records.is_array()) return Error::make(ErrorCode::InvalidInput, "Serverens svar mangler poster.", "records");
  ChangesPage page;
  for (const auto& r : records) {
    auto e = record_envelope_from_json(r);
    if (!e || e->kind.empty() || e->id.empty()) continue;  // a malformed entry is skipped, never half-applied
    page.records.push_back(std::move(*e));
  }
  const auto next = optional_integer(j, "next_after");
  if (!next) return Error::make(ErrorCode::InvalidInput, "Serverens svar mangler markøren.", "next_after");
  page.next_after = *next;
  const json& more = member(j, "has_more");
  page.has_more = more.is_boolean() && more.get<bool>();
  return page;
}

json to_json(const VisibleCitizens& v) { return {{"ids", v.ids}}; }

json to_json(const CitizenList& l) {
  json list = json::array();
  for (const auto& c : l.citizens) list.push_back(model::to_json(c));
  return {{"citizens", std::move(list)}};
}

Result<CitizenList> citizen_list_from_json(const json& j) {
  const json& list = member(j, "citizens");
  if (!list.is_array()) return Error::make(ErrorCode::InvalidInput, "Serverens svar mangler borgerlisten.", "citizens");
  CitizenList out;
  for (const auto& c : list)
    if (auto citizen = model::citizen_from_json(c)) out.citizens.push_back(std::move(*citizen));
  return out;
}

json to_json(const CitizenAnswer& a) {
  return {{"citizen", model::to_json(a.citizen)},
          {"revision", a.citizen.sync.revision},
          {"content_hash", a.citizen.sync.content_hash}};
}

Result<CitizenAnswer> citizen_answer_from_json(const json& j) {
  auto c = model::citizen_from_json(member(j, "citizen"));
  if (!c) return c.error();
  CitizenAnswer out{std::move(*c)};
  if (auto r = json_read::optional_integer(j, "revision")) out.citizen.sync.revision = *r;
  out.citizen.sync.content_hash = text(j, "content_hash");
  return out;
}

Result<VisibleCitizens> visible_citizens_from_json(const json& j) {
  const json& ids = member(j, "ids");
  if (!ids.is_array()) return Error::make(ErrorCode::InvalidInput, "Serverens svar mangler borgerlisten.", "ids");
  VisibleCitizens v;
  for (const auto& id : ids)
    if (id.is_string()) v.ids.push_back(id.get<std::string>());
  return v;
}

json to_json(const FormDefinitions& d) {
  json out = {{"tag", d.tag}, {"unchanged", d.unchanged}};
  if (!d.unchanged) {
    out["definitions"] = json::array();
    for (const auto& b : d.bodies) out["definitions"].push_back({{"body", b}});
  }
  return out;
}

Result<FormDefinitions> form_definitions_from_json(const json& j) {
  FormDefinitions d;
  const json& tag = member(j, "tag");
  const json& unchanged = member(j, "unchanged");
  if (!tag.is_string() || !unchanged.is_boolean())
    return Error::make(ErrorCode::InvalidInput, "Serverens svar om skemakataloget kan ikke læses.", "tag");
  d.tag = tag.get<std::string>();
  d.unchanged = unchanged.get<bool>();
  if (d.unchanged) return d;
  const json& list = member(j, "definitions");
  if (!list.is_array()) return Error::make(ErrorCode::InvalidInput, "Serverens svar mangler skemaerne.", "definitions");
  for (const auto& item : list) {
    const json& body = member(item, "body");
    if (!body.is_string()) return Error::make(ErrorCode::InvalidInput, "Et skema i serverens svar kan ikke læses.", "definitions");
    d.bodies.push_back(body.get<std::string>());
  }
  return d;
}

}  // namespace magtreg::core::sync
