// The record half of the /api/v1 protocol as core types (issue #13): the upload request and its answer,
// the error body with what a refusal carries, record envelopes, the paged download. The server writes
// these and the tablet reads them through the same to_json/from_json, so neither end spells a member
// name by hand (docs/sync-protocol.md). Readers of answers ignore members they do not know (a newer
// server may add some); readers of requests refuse them (UNKNOWN_FIELD).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/citizen.hpp"
#include "core/model/sync_meta.hpp"
#include "core/records/accept.hpp"
#include "core/rules/finding.hpp"
#include "core/util/error.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::sync {

// [SECTION] findings and issues
nlohmann::json to_json(const rules::Finding& f);  // {"code", "severity", "message"}
// Lenient: an unknown code is skipped by the list reader (a newer server), not an error.
Result<rules::Finding> finding_from_json(const nlohmann::json& j);
nlohmann::json findings_to_json(const std::vector<rules::Finding>& findings);
std::vector<rules::Finding> findings_from_json(const nlohmann::json& j);

// Validation issues {"path", "message"}; closing gaps {"gap", "form_instance_id", "message"}.
nlohmann::json to_json(const records::IssueNote& issue);
std::vector<records::IssueNote> issues_from_json(const nlohmann::json& j);

// [SECTION] records on the wire
struct RecordEnvelope {
  std::string kind, id;          // in download pages; the address names them for single reads
  long long revision = 0;
  std::string content_hash;
  std::optional<long long> server_seq;
  nlohmann::json data;           // to_json of the record

  // The record, with the envelope's revision, hash and cursor (INVALID_INPUT naming "data.…").
  template <class T>
  Result<T> record() const {
    auto r = records::Kind<T>::parse(data);
    if (!r) return r.error();
    T out = std::move(r).value();
    out.sync.revision = revision;
    out.sync.content_hash = content_hash;
    out.sync.server_seq = server_seq;
    return out;
  }
};
template <class T>
RecordEnvelope envelope_of(const T& record) {
  return {std::string(records::Kind<T>::name), record.id, record.sync.revision, record.sync.content_hash,
          record.sync.server_seq, model::to_json(record)};
}
// {"revision", "content_hash", "server_seq", "data"} and, when `with_address`, "kind" and "id".
nlohmann::json to_json(const RecordEnvelope& e, bool with_address);
Result<RecordEnvelope> record_envelope_from_json(const nlohmann::json& j);

// [SECTION] upload: PUT /api/v1/records/{kind}/{id}
struct UploadRequest {
  long long revision = 0;
  std::string content_hash;
  nlohmann::json data;
};
template <class T>
UploadRequest upload_request_for(const T& record) {
  return {record.sync.revision, model::content_hash(record), model::to_json(record)};
}
// The body, byte for byte the same on every retry of the same entry.
std::string to_body(const UploadRequest& request);
// Strict: only "protocol" (must be k_protocol_version), "revision" (>= 1), "content_hash", "data".
Result<UploadRequest> upload_request_from_body(std::string_view body);

struct UploadAnswer {
  std::string kind, id;
  long long revision = 0;
  std::string content_hash;
  std::optional<long long> server_seq;
  std::vector<rules::Finding> findings;
};
nlohmann::json to_json(const UploadAnswer& a);  // with "status": "accepted"
Result<UploadAnswer> upload_answer_from_json(const nlohmann::json& j);

// [SECTION] errors: {"error": {"code", "message", "field"?}} and what a refusal carries beside it
struct ApiError {
  Error error;
  std::vector<records::IssueNote> issues;   // what is missing (validation, closing)
  std::vector<rules::Finding> findings;     // the rule engine's findings behind a refusal
  std::optional<RecordEnvelope> current;    // the server's version (conflicts), when the caller may see it
};
nlohmann::json to_json(const ApiError& e);
// Lenient: a body that is not an error object gives INTERNAL with `fallback_message`.
ApiError api_error_from_body(std::string_view body, std::string fallback_message);
// The Danish text a user sees for a refusal: the message, then each issue on its own line.
std::string describe(const ApiError& e);

// [SECTION] download: GET /api/v1/changes?after=N&limit=M
struct ChangesPage {
  std::vector<RecordEnvelope> records;
  long long next_after = 0;
  bool has_more = false;
};
nlohmann::json to_json(const ChangesPage& page);
Result<ChangesPage> changes_page_from_json(const nlohmann::json& j);

// GET /api/v1/citizens?q=…: the citizens the caller may see (each read audited by the server).
struct CitizenList {
  std::vector<model::Citizen> citizens;
};
nlohmann::json to_json(const CitizenList& l);
Result<CitizenList> citizen_list_from_json(const nlohmann::json& j);

// GET /api/v1/citizens/{id}: one citizen with its revision and content hash.
struct CitizenAnswer {
  model::Citizen citizen;  // citizen.sync holds the revision and hash
};
nlohmann::json to_json(const CitizenAnswer& a);
Result<CitizenAnswer> citizen_answer_from_json(const nlohmann::json& j);

// GET /api/v1/visible-citizens
struct VisibleCitizens {
  std::vector<std::string> ids;
};
nlohmann::json to_json(const VisibleCitizens& v);
Result<VisibleCitizens> visible_citizens_from_json(const nlohmann::json& j);

// GET /api/v1/form-definitions?have=TAG: the server's form catalogue (issue 17), every stored definition
// version's canonical JSON, or only the tag when the tablet already has that catalogue.
struct FormDefinitions {
  std::string tag;  // core::catalogue::catalogue_tag of the server's table
  bool unchanged = false;
  std::vector<std::string> bodies;  // canonical definition JSON texts
};
nlohmann::json to_json(const FormDefinitions& d);
Result<FormDefinitions> form_definitions_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::sync
