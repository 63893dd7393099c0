// JSON over HTTP for the API: error bodies with stable codes and the right status, and request-body
// parsing that names the offending field (malformed JSON, wrong types, unknown fields).
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/util/error.hpp"
#include "core/util/object_reader.hpp"
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

// Request bodies are read member by member with core's ObjectReader (core/util/object_reader.hpp), the
// reader core's message parsers use too.
using core::ObjectReader;

}  // namespace magtreg::sync
