// Error mapping and typed JSON reading for API handlers.
#include "sync/http_json.hpp"

#include "core/util/json_text.hpp"
#include "sync/request_context.hpp"

#include <httplib.h>

#include <cstdio>

namespace magtreg::sync {

using core::Error;
using core::ErrorCode;
using nlohmann::json;

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidInput:
    case ErrorCode::BadFraming:
    case ErrorCode::UnknownField:
    case ErrorCode::UnknownForm: return 400;
    case ErrorCode::Unauthenticated:
    case ErrorCode::SessionExpired:
    case ErrorCode::SessionRevoked:
    case ErrorCode::SsoFailed: return 401;
    case ErrorCode::Forbidden:
    case ErrorCode::SsoRoleUnknown:
    case ErrorCode::DeviceRevoked:
    case ErrorCode::RoleNotAllowed: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::RevisionConflict:
    case ErrorCode::DefinitionVersionPublished:
    case ErrorCode::RevisionStale:
    case ErrorCode::FormLocked:
    case ErrorCode::TransitionNotAllowed:
    case ErrorCode::CaseNotClosable:
    case ErrorCode::RecordFinal: return 409;
    case ErrorCode::MethodNotAllowed: return 405;
    case ErrorCode::LengthRequired: return 411;
    case ErrorCode::PayloadTooLarge: return 413;
    case ErrorCode::FormInvalid:
    case ErrorCode::FieldTooLong:
    case ErrorCode::DefinitionInvalid:
    case ErrorCode::DefinitionDuplicateId:
    case ErrorCode::DefinitionUnknownReference:
    case ErrorCode::DefinitionEmptyChoices:
    case ErrorCode::DefinitionUnknownBasis:
    case ErrorCode::DefinitionUnknownSet: return 422;
    case ErrorCode::RateLimited: return 429;
    case ErrorCode::AuditUnavailable:
    case ErrorCode::StorageBusy:
    case ErrorCode::ServerBusy: return 503;
    case ErrorCode::StorageError:
    case ErrorCode::MigrationFailed:
    case ErrorCode::StoreKeyWrong:
    case ErrorCode::StoreDamaged:
    case ErrorCode::Internal: return 500;
    case ErrorCode::NotImplemented: return 501;
  }
  return 500;
}

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

json error_json(const Error& error) {
  json e = {{"code", std::string(core::to_string(error.code))}, {"message", error.message}};
  if (!error.field.empty()) e["field"] = error.field;
  return json{{"error", e}};
}

Error for_client(const Error& error, httplib::Response& res) {
  current_request().error_code = std::string(core::to_string(error.code));
  switch (error.code) {
    case ErrorCode::StorageBusy:
      std::fprintf(stderr, "magtreg: %s (STORAGE_BUSY)\n", error.message.c_str());
      res.set_header("Retry-After", "2");
      return Error::make(error.code, "Serveren er optaget lige nu. Prøv igen om et øjeblik.");
    case ErrorCode::StorageError:
    case ErrorCode::MigrationFailed:
    case ErrorCode::Internal:
      std::fprintf(stderr, "magtreg: %s (%s)\n", error.message.c_str(), std::string(core::to_string(error.code)).c_str());
      return Error::make(error.code, "Serveren kunne ikke læse eller gemme sine data. Prøv igen; hjælper det ikke, så"
                                     " kontakt driften.");
    default: return error;
  }
}

void send_error(httplib::Response& res, const Error& error) {
  const Error told = for_client(error, res);
  send_json(res, http_status(told.code), error_json(told));
}

void send_error(httplib::Response& res, const Error& error, const json& extra) {
  json body = error_json(for_client(error, res));
  for (auto it = extra.begin(); it != extra.end(); ++it) body[it.key()] = it.value();
  send_json(res, http_status(error.code), body);
}

core::Result<json> parse_object(std::string_view body) {
  return core::parse_json_object(body);
}

}  // namespace magtreg::sync
