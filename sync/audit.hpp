// The audit log: an append-only table of every read and write of citizen data and every access
// decision (who, when in UTC, what, which citizen, outcome). Each row's MAC covers the previous row's,
// so an edit or a deleted row anywhere breaks the chain from there on. The MAC is HMAC-SHA-256 under a
// key kept outside the database (`<db>.audit-key`, mode 0600), and the chain's head is written after
// each commit to an append-only anchor file (`<db>.audit-anchor`), so neither a chain recomputed by
// someone holding only the database file nor a cut-off tail verifies (issue 12, medium 6;
// docs/security.md, "The audit log"). Form content is never written here, only ids.
#pragma once

#include <optional>
#include <string>
#include <string_view>
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
// on its own it opens an IMMEDIATE transaction (the chain needs the write lock to read the tip) and
// anchors the new head after its commit. Fails (AUDIT_UNAVAILABLE) when the chain's key is missing.
core::Status append_audit(core::storage::Database& db, const AuditEntry& entry, const std::string& at_utc);

// The unkeyed SHA-256 a row written before the log was keyed carries (rows before the marker row).
std::string audit_row_hash(const AuditRow& row);

// Rows about one citizen, oldest first.
core::Result<std::vector<AuditRow>> audit_of_citizen(core::storage::Database& db, const std::string& citizen_id);

// Walks the whole chain and the anchor. Empty when intact, else the seq of the first row that does not
// verify (for a cut-off tail: the first missing row). A missing key is an error (AUDIT_UNAVAILABLE).
core::Result<std::optional<long long>> verify_audit_chain(core::storage::Database& db);

// [SECTION] the key and the anchor
// Where a database's chain key and anchor live: beside it unless the operator points elsewhere.
struct AuditFiles {
  std::string key_path;     // 32 random bytes as hex, mode 0600
  std::string anchor_path;  // append-only lines "SEQ MAC" (the head after a commit), "reset ..." lines
};
AuditFiles default_audit_files(const std::string& db_path);

// The state of a chain; the wire names are the stable codes the command line and the server print.
enum class AuditState {
  Intact,
  KeyMissing,     // AUDIT_KEY_MISSING: the log is keyed but its key file is gone: never re-created silently
  KeyInvalid,     // AUDIT_KEY_INVALID: unreadable, malformed, or readable by group/others
  AnchorMissing,  // AUDIT_ANCHOR_MISSING: the log is keyed but has no anchor file
  ChainBroken,    // AUDIT_CHAIN_BROKEN: a row does not verify (edited, deleted, recomputed)
  Truncated,      // AUDIT_TRUNCATED: the anchor names rows the log no longer has
};
std::string_view to_string(AuditState state);

struct AuditVerdict {
  AuditState state = AuditState::Intact;
  long long seq = 0;   // the first row that does not verify, or the first missing one
  long long rows = 0;  // rows in the log
  long long unkeyed = 0;  // rows 1..unkeyed carry only the unkeyed SHA-256 chain (written before the key)
  std::string detail;  // Danish, for the operator
  bool ok() const { return state == AuditState::Intact; }
};

// Opens the database's chain for this process (once per database path): loads the key; for a new log
// creates the key (0600) and appends the marker row "audit_key" from which rows are keyed, then anchors
// it. Checks that the anchor's last head is still in the log. A storage error is an Error; a bad chain
// is a verdict that is not ok().
//
// A missing key is never made anew where a log could have been rewritten (issue #29, finding 5): a log
// with a marker or an anchor, a log of unkeyed rows (someone holding the database file can write one that
// verifies), and an empty log in a database that holds citizens or forms (the rows and the key deleted
// together) all answer AUDIT_KEY_MISSING. Only `adopt_unkeyed` (`magtreg audit --adopt-unkeyed`, the
// operator vouching that the database predates keyed logs) keys a log of unkeyed rows, once, from a
// verified state.
core::Result<AuditVerdict> open_audit_chain(core::storage::Database& db, const AuditFiles& files,
                                            bool adopt_unkeyed = false);
// The whole walk behind verify_audit_chain, with the reason.
core::Result<AuditVerdict> check_audit_chain(core::storage::Database& db);
// Appends the committed head to the anchor when it moved (a no-op inside a transaction). The server
// calls it after every request; append_audit does it after a commit of its own.
core::Status anchor_audit_head(core::storage::Database& db);
// The operator's acknowledgement of a verdict (after restoring a backup, say): appends an
// "audit_reanchor" row naming what was acknowledged and a keyed reset line to the anchor, so the
// log verifies again from here while the old anchor lines stay in the file as evidence.
core::Result<AuditVerdict> reanchor_audit_chain(core::storage::Database& db, const AuditFiles& files);
// Before a restore: whether `backup` holds an earlier state of the log whose key and anchor are `files`.
// Every row verifies with the key, and the backup's last row is a head the anchor recorded (so it is
// this server's log as it once was, not a log written elsewhere or edited since). Reads only.
core::Result<AuditVerdict> check_backup_chain(core::storage::Database& backup, const AuditFiles& files);

}  // namespace magtreg::sync
