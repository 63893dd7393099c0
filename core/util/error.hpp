// Error values returned across the core API: a stable code (seen by the UI, the API, the CLI
// and the tests), a Danish message for the user, and the offending field where there is one.
#pragma once

#include <string>
#include <string_view>

namespace magtreg::core {

enum class ErrorCode {
  // [SECTION] input
  InvalidInput,          // malformed or wrongly typed input; `field` names it
  UnknownField,          // a field the schema does not know
  PayloadTooLarge,
  MethodNotAllowed,      // the route exists, but not with this method (HTTP 405, with Allow)
  NotImplemented,        // a method the server never implements (HTTP 501)
  BadFraming,            // a request's length is ambiguous (Content-Length with Transfer-Encoding, two lengths)
  LengthRequired,        // a request body without Content-Length (chunked bodies are refused, HTTP 411)
  // [SECTION] lookup and access
  NotFound,
  Unauthenticated,
  SessionExpired,
  SessionRevoked,        // the account was disabled or its password changed: log in online again (HTTP 401)
  Forbidden,
  RateLimited,
  DeviceRevoked,         // an administrator revoked this tablet: it erases its stores
  SsoFailed,             // the identity provider's answer was not trusted (signature, audience, expiry, state, nonce)
  SsoRoleUnknown,        // signed in at the identity provider, but no role is mapped for its claims (HTTP 403)
  // [SECTION] forms and lifecycle
  UnknownForm,
  FormInvalid,           // required or conditional fields missing or wrong; see findings
  FieldTooLong,          // a text longer than its field allows (any state, drafts too); `field` names it
  FormLocked,            // a locked form is immutable
  TransitionNotAllowed,  // no such transition from the current state
  RoleNotAllowed,        // the transition exists, but not for this role
  CaseNotClosable,
  RecordFinal,           // a decided decision, a stored note, a sent report: only additions allowed
  // [SECTION] sync
  RevisionConflict,      // same id + revision, different content
  RevisionStale,         // revision older than the server's
  // [SECTION] storage and internals
  StorageError,
  StorageBusy,           // the database is locked by another writer for longer than the wait (HTTP 503)
  AuditUnavailable,      // the audit row of a read could not be written: the read is refused
  ServerBusy,            // too much at once (e.g. password checks): try again after Retry-After
  MigrationFailed,
  StoreKeyWrong,         // an encrypted local database does not open with this key (wrong password)
  StoreDamaged,          // an encrypted local database fails authentication: changed or damaged
  // A form definition refused by the catalogue (`magtreg forms import`); `field` is its JSON path.
  DefinitionInvalid,           // not the definition format: a wrong type, a missing or unknown key, a bad value
  DefinitionDuplicateId,       // two sections, fields, options or columns with one id
  DefinitionUnknownReference,  // a condition, not_before or period naming no earlier field
  DefinitionEmptyChoices,      // a choice field without options, a table without columns
  DefinitionUnknownBasis,      // a legal basis core does not know
  DefinitionUnknownSet,        // a form set the catalogue does not have
  DefinitionVersionPublished,  // that id and version exist with other content: a change is a new version
  Internal,
};

// Stable wire name, e.g. "INVALID_INPUT". Never rename an existing value.
std::string_view to_string(ErrorCode code);
// Parses a wire name; returns false when unknown.
bool error_code_from_string(std::string_view name, ErrorCode& out);

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;  // Danish, shown to the user
  std::string field;    // optional JSON path / field id

  static Error make(ErrorCode code, std::string message, std::string field = {}) {
    return Error{code, std::move(message), std::move(field)};
  }
};

}  // namespace magtreg::core
