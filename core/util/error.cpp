// Wire names of core error codes.
#include "core/util/error.hpp"

#include <array>
#include <utility>

namespace magtreg::core {
namespace {
constexpr std::array<std::pair<ErrorCode, std::string_view>, 41> k_names{{
    {ErrorCode::InvalidInput, "INVALID_INPUT"},
    {ErrorCode::UnknownField, "UNKNOWN_FIELD"},
    {ErrorCode::PayloadTooLarge, "PAYLOAD_TOO_LARGE"},
    {ErrorCode::MethodNotAllowed, "METHOD_NOT_ALLOWED"},
    {ErrorCode::NotImplemented, "NOT_IMPLEMENTED"},
    {ErrorCode::BadFraming, "BAD_FRAMING"},
    {ErrorCode::LengthRequired, "LENGTH_REQUIRED"},
    {ErrorCode::NotFound, "NOT_FOUND"},
    {ErrorCode::Unauthenticated, "UNAUTHENTICATED"},
    {ErrorCode::SessionExpired, "SESSION_EXPIRED"},
    {ErrorCode::SessionRevoked, "SESSION_REVOKED"},
    {ErrorCode::SsoFailed, "SSO_FAILED"},
    {ErrorCode::SsoRoleUnknown, "SSO_ROLE_UNKNOWN"},
    {ErrorCode::Forbidden, "FORBIDDEN"},
    {ErrorCode::RateLimited, "RATE_LIMITED"},
    {ErrorCode::DeviceRevoked, "DEVICE_REVOKED"},
    {ErrorCode::UnknownForm, "UNKNOWN_FORM"},
    {ErrorCode::FormInvalid, "FORM_INVALID"},
    {ErrorCode::FieldTooLong, "FIELD_TOO_LONG"},
    {ErrorCode::FormLocked, "FORM_LOCKED"},
    {ErrorCode::TransitionNotAllowed, "TRANSITION_NOT_ALLOWED"},
    {ErrorCode::RoleNotAllowed, "ROLE_NOT_ALLOWED"},
    {ErrorCode::CaseNotClosable, "CASE_NOT_CLOSABLE"},
    {ErrorCode::RecordFinal, "RECORD_FINAL"},
    {ErrorCode::RevisionConflict, "REVISION_CONFLICT"},
    {ErrorCode::RevisionStale, "REVISION_STALE"},
    {ErrorCode::StorageError, "STORAGE_ERROR"},
    {ErrorCode::StorageBusy, "STORAGE_BUSY"},
    {ErrorCode::AuditUnavailable, "AUDIT_UNAVAILABLE"},
    {ErrorCode::ServerBusy, "SERVER_BUSY"},
    {ErrorCode::MigrationFailed, "MIGRATION_FAILED"},
    {ErrorCode::StoreKeyWrong, "STORE_KEY_WRONG"},
    {ErrorCode::StoreDamaged, "STORE_DAMAGED"},
    {ErrorCode::DefinitionInvalid, "DEFINITION_INVALID"},
    {ErrorCode::DefinitionDuplicateId, "DEFINITION_DUPLICATE_ID"},
    {ErrorCode::DefinitionUnknownReference, "DEFINITION_UNKNOWN_REFERENCE"},
    {ErrorCode::DefinitionEmptyChoices, "DEFINITION_EMPTY_CHOICES"},
    {ErrorCode::DefinitionUnknownBasis, "DEFINITION_UNKNOWN_BASIS"},
    {ErrorCode::DefinitionUnknownSet, "DEFINITION_UNKNOWN_SET"},
    {ErrorCode::DefinitionVersionPublished, "DEFINITION_VERSION_PUBLISHED"},
    {ErrorCode::Internal, "INTERNAL"},
}};
}  // namespace

std::string_view to_string(ErrorCode code) {
  for (const auto& [c, name] : k_names)
    if (c == code) return name;
  return "INTERNAL";
}

bool error_code_from_string(std::string_view name, ErrorCode& out) {
  for (const auto& [c, n] : k_names)
    if (n == name) {
      out = c;
      return true;
    }
  return false;
}

}  // namespace magtreg::core
