// One SQLite connection (RAII), the same code natively and in wasm. Threading rule: a Database is
// used by one thread at a time; the server opens one connection per worker thread (WAL lets readers
// run beside the one writer; writers wait up to busy_timeout_ms).
#pragma once

#include <string>
#include <string_view>

#include "core/storage/statement.hpp"
#include "core/util/result.hpp"

struct sqlite3;

namespace magtreg::core::storage {

enum class Synchronous { Off, Normal, Full, Extra };

struct DatabaseOptions {
  // WAL: concurrent readers beside one writer (the server). The tablet keeps the rollback journal:
  // IDBFS persists whole files, and one file is simpler to persist than a database plus its -wal.
  bool wal = false;
  // FULL: a commit that returned is on disk (nothing acknowledged may be lost).
  Synchronous synchronous = Synchronous::Full;
  int busy_timeout_ms = 5000;
  bool foreign_keys = true;
  bool create = true;      // create the file when missing
  bool read_only = false;
  // A tablet's database is encrypted at rest (issue 16; docs/client.md "At rest"): every page with
  // ChaCha20-Poly1305 (SQLite3 Multiple Ciphers) under this raw 256-bit data key, 32 bytes. Empty: a
  // plain database (the server's). A wrong key gives STORE_KEY_WRONG, a changed page STORE_DAMAGED.
  std::string key;
  // The page size of a database created by this open (0: SQLite's default). An existing file keeps its
  // own; an encrypted one cannot change it later (VACUUM keeps an encrypted database's page size).
  int page_size = 0;
};

inline constexpr std::size_t k_database_key_bytes = 32;

class Database {
 public:
  static Result<Database> open(const std::string& path, const DatabaseOptions& options = {});

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more statements without results.
  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);

  // PRAGMA integrity_check: ok, or STORAGE_ERROR listing what SQLite found.
  Status integrity_check();
  // Encrypts a plain database in place under `key` (32 bytes; see DatabaseOptions::key), keeping its
  // content: the upgrade of a tablet whose store was written before encryption. Rollback journal only.
  Status encrypt(const std::string& key);
  // True when the file at `path` is a plain (unencrypted) SQLite database: its header is readable.
  static bool is_plain_file(const std::string& path);

  // Online backup of the whole database into `path`, consistent even while others write. Written to
  // `path`.part and renamed over `path` when complete: an existing file is replaced whole, never half.
  Status backup_to(const std::string& path);

  long long last_insert_rowid() const;
  int changes() const;  // rows changed by the last statement
  bool in_transaction() const;
  const std::string& path() const { return m_path; }

  // A STORAGE_ERROR carrying SQLite's current (English) message, prefixed with what we were doing.
  Error error(std::string_view what) const;

 private:
  Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
  sqlite3* m_db = nullptr;
  std::string m_path;
};

// STORAGE_ERROR with a Danish lead-in and SQLite's English text (internal: the UI maps the code).
Error storage_error(std::string_view what, std::string_view sqlite_message);
// The same for a failed SQLite call with its result code: STORAGE_BUSY when another connection held the
// lock past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED), else STORAGE_ERROR.
Error storage_error(std::string_view what, std::string_view sqlite_message, int result_code);

}  // namespace magtreg::core::storage
