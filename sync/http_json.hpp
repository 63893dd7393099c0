// JSON over HTTP for the API: error bodies with stable codes and the right status, and request-body
// parsing that names the offending field (malformed JSON, wrong types, unknown fields).
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/util/error.hpp"
#include "core/util/result.hpp"

namespace httplib {
struct Response;
}

namespace magtreg::sync {

// The HTTP status for an error code (docs/sync-protocol.md, "Errors").
int http_status(core::ErrorCode code);
// {"error": {"code", "message", "field"?}}
nlohmann::json error_json(const core::Error& error);
// The error body with its status; `extra` members (e.g. "current", "issues") are added beside "error".
// What a client is told about an error: as it is, except a failure inside the server (STORAGE_ERROR,
// STORAGE_BUSY with Retry-After, MIGRATION_FAILED, INTERNAL), whose detail (SQLite's text, file names)
// goes to stderr for the operator and is replaced by a Danish sentence (issue #29, finding 7).
core::Error for_client(const core::Error& error, httplib::Response& res);
void send_error(httplib::Response& res, const core::Error& error);
void send_error(httplib::Response& res, const core::Error& error, const nlohmann::json& extra);
void send_json(httplib::Response& res, int status, const nlohmann::json& body);

// Parses a request body that must be a JSON object.
core::Result<nlohmann::json> parse_object(std::string_view body);

// Reads typed members with errors naming `prefix.key`. Each returns INVALID_INPUT when the member is
// missing (for required ones) or of the wrong type.
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& object, std::string prefix = {})
      : m_obj(object), m_prefix(std::move(prefix)) {}
  // Fails with UNKNOWN_FIELD on a member not in `allowed`.
  core::Status only(std::initializer_list<std::string_view> allowed) const;
  core::Result<std::string> string(std::string_view key) const;
  core::Result<std::string> optional_string(std::string_view key, std::string fallback = {}) const;
  core::Result<long long> integer(std::string_view key) const;
  core::Result<bool> boolean(std::string_view key) const;
  core::Result<const nlohmann::json*> object(std::string_view key) const;
  std::string path(std::string_view key) const;

 private:
  const nlohmann::json& m_obj;
  std::string m_prefix;
};

}  // namespace magtreg::sync
