// The audit log: an append-only table of every read and write of citizen data and every access
// decision (who, when in UTC, what, which citizen, outcome). Each row's hash covers the previous
// row's hash, so an edit or a deleted row anywhere breaks the chain from there on. Form content is
// never written here, only ids.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::sync {

struct AuditEntry {
  std::string user_id;      // empty for an unauthenticated caller
  std::string action;       // "read", "write", "login", "list", ...
  std::string object_kind;  // "citizen", "form", "session", "changes", ...
  std::string object_id;    // may be empty
  std::string citizen_id;   // may be empty
  std::string outcome;      // "ok", "denied", "conflict", "invalid", ...
};

struct AuditRow {
  long long seq = 0;
  std::string at;
  AuditEntry entry;
  std::string prev_hash;
  std::string hash;
};

inline constexpr const char* k_audit_genesis = "0000000000000000000000000000000000000000000000000000000000000000";

// Appends one row. Call inside the write transaction of what it records, so both commit or neither;
// on its own it opens an IMMEDIATE transaction (the chain needs the write lock to read the tip).
core::Status append_audit(core::storage::Database& db, const AuditEntry& entry, const std::string& at_utc);

// The hash a row must carry.
std::string audit_row_hash(const AuditRow& row);

// Rows about one citizen, oldest first.
core::Result<std::vector<AuditRow>> audit_of_citizen(core::storage::Database& db, const std::string& citizen_id);

// Walks the whole chain. Empty when intact, else the seq of the first row that does not verify.
core::Result<std::optional<long long>> verify_audit_chain(core::storage::Database& db);

}  // namespace magtreg::sync
