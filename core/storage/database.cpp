// Opening, configuring, backing up and checking one SQLite connection.
#include "core/storage/database.hpp"

#include <sqlite3.h>

#include "core/util/sha256.hpp"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace magtreg::core::storage {

Error storage_error(std::string_view what, std::string_view sqlite_message) {
  return Error::make(ErrorCode::StorageError,
                     "Databasefejl (" + std::string(what) + "): " + std::string(sqlite_message));
}

Error storage_error(std::string_view what, std::string_view sqlite_message, int result_code) {
  Error e = storage_error(what, sqlite_message);
  const int primary = result_code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) e.code = ErrorCode::StorageBusy;
  return e;
}

Error Database::error(std::string_view what) const {
  if (!m_db) return storage_error(what, "no connection");
  return storage_error(what, sqlite3_errmsg(m_db), sqlite3_extended_errcode(m_db));
}

namespace {
// SQLite3 Multiple Ciphers takes a raw key (no key derivation: the key is random, not a password) as
// "raw:" and 64 hex digits.
Result<std::string> raw_key_text(const std::string& key) {
  if (key.size() != k_database_key_bytes)
    return Error::make(ErrorCode::Internal, "Nøglen til tablettens data har forkert længde.");
  return "raw:" + to_hex(key);
}

Error key_wrong() {
  return Error::make(ErrorCode::StoreKeyWrong,
                     "Tablettens data kan ikke åbnes med denne nøgle: forkert nøgle, eller filen er ændret.");
}
Error store_damaged(std::string_view detail) {
  return Error::make(ErrorCode::StoreDamaged,
                     "Tablettens data er ændret eller beskadiget og kan ikke læses (" + std::string(detail) + ").");
}

// Applies the key, then reads every page once: ChaCha20-Poly1305 authenticates each page as it is
// read, so a wrong key or a changed byte anywhere in the file is found now, not by a later query.
Status unlock_and_verify(sqlite3* db, const std::string& key) {
  auto text = raw_key_text(key);
  if (!text) return text.error();
  if (sqlite3_key_v2(db, "main", text->data(), static_cast<int>(text->size())) != SQLITE_OK)
    return store_damaged(sqlite3_errmsg(db));
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, nullptr);
  std::string verdict;
  if (rc == SQLITE_OK) {
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
      if (verdict.empty()) verdict = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  const std::string message = sqlite3_errmsg(db);
  sqlite3_finalize(st);
  if ((rc & 0xff) == SQLITE_NOTADB) return key_wrong();
  if (rc != SQLITE_OK) return store_damaged(message);
  if (verdict != "ok") return store_damaged(verdict);
  return {};
}
}  // namespace

bool Database::is_plain_file(const std::string& path) {
  // stdio, not iostreams: the tablet's wasm would carry the whole iostream library for these 16 bytes.
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char header[16] = {};
  const bool read = std::fread(header, 1, sizeof header, f) == sizeof header;
  std::fclose(f);
  return read && std::memcmp(header, "SQLite format 3", 16) == 0;
}

Result<Database> Database::open(const std::string& path, const DatabaseOptions& options) {
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create && !options.read_only) flags |= SQLITE_OPEN_CREATE;
  // Each connection belongs to one thread at a time (see the header), so SQLite's own per-connection
  // mutex is not needed; FULLMUTEX would only cost.
  flags |= SQLITE_OPEN_NOMUTEX;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(raw, path);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) return storage_error("åbning af " + path, raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  if (!options.key.empty())
    if (Status st = unlock_and_verify(raw, options.key); !st) return st.error();
  // Takes effect only while the file is still empty (set before anything is written).
  if (options.page_size > 0)
    if (Status st = db.exec("PRAGMA page_size = " + std::to_string(options.page_size)); !st) return st.error();

  if (Status st = db.exec(options.foreign_keys ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF"); !st)
    return st.error();
  if (!options.read_only) {
    const char* mode = options.wal ? "wal" : "delete";
    Result<Statement> st = db.prepare(std::string("PRAGMA journal_mode=") + mode);
    if (!st) return st.error();
    Result<bool> row = st->step();
    if (!row) return row.error();
    // SQLite answers with the mode in force; it does not fail when it cannot switch.
    if (!*row || st->column_text(0) != mode)
      return storage_error("journal_mode", "could not switch to " + std::string(mode) + " (now " +
                                               (*row ? st->column_text(0) : std::string("?")) + ")");
  }
  const char* sync = "FULL";
  switch (options.synchronous) {
    case Synchronous::Off: sync = "OFF"; break;
    case Synchronous::Normal: sync = "NORMAL"; break;
    case Synchronous::Full: sync = "FULL"; break;
    case Synchronous::Extra: sync = "EXTRA"; break;
  }
  if (Status st = db.exec(std::string("PRAGMA synchronous=") + sync); !st) return st.error();
  return db;
}

Status Database::encrypt(const std::string& key) {
  auto text = raw_key_text(key);
  if (!text) return text.error();
  if (sqlite3_rekey_v2(m_db, "main", text->data(), static_cast<int>(text->size())) != SQLITE_OK)
    return error("kryptering af " + m_path);
  return {};
}

Database::Database(Database&& other) noexcept : m_db(other.m_db), m_path(std::move(other.m_path)) {
  other.m_db = nullptr;
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(m_db);
    m_db = other.m_db;
    m_path = std::move(other.m_path);
    other.m_db = nullptr;
  }
  return *this;
}

// close_v2 defers the close until every statement is finalised, so destruction order cannot fail.
Database::~Database() { sqlite3_close_v2(m_db); }

Status Database::exec(std::string_view sql) {
  if (m_db == nullptr) return storage_error("exec", "no connection");
  char* message = nullptr;
  const std::string text(sql);
  if (const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message); rc != SQLITE_OK) {
    Error e = storage_error("exec", message ? message : sqlite3_errmsg(m_db), rc);
    sqlite3_free(message);
    return e;
  }
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  if (m_db == nullptr) return storage_error("prepare", "no connection");
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return error("prepare");
  }
  return Statement(m_db, stmt);
}

Status Database::integrity_check() {
  Result<Statement> st = prepare("PRAGMA integrity_check");
  if (!st) return st.error();
  std::string problems;
  Status read = st->for_each_row([&](Statement& r) {
    const std::string line = r.column_text(0);
    if (line == "ok") return;
    if (!problems.empty()) problems += "; ";
    problems += line;
  });
  if (!read) return read;
  if (problems.empty()) return {};
  return storage_error("integritetstjek", problems);
}

Status Database::backup_to(const std::string& path) {
  // The copy is written beside the destination and renamed over it when complete: whatever was at
  // `path` (an older backup, or any other file) is replaced whole, and a failed backup leaves it as it was.
  const std::string part = path + ".part";
  std::error_code ec;
  std::filesystem::remove(part, ec);
  sqlite3* dest = nullptr;
  if (sqlite3_open_v2(part.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    Error e = storage_error("backup til " + path, dest ? sqlite3_errmsg(dest) : "cannot open");
    sqlite3_close_v2(dest);
    std::filesystem::remove(part, ec);
    return e;
  }
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", m_db, "main");
  if (backup == nullptr) {
    Error e = storage_error("backup til " + path, sqlite3_errmsg(dest));
    sqlite3_close_v2(dest);
    std::filesystem::remove(part, ec);
    return e;
  }
  // Copy everything in one step: a consistent snapshot, and writers on other connections only wait
  // (busy timeout) for the duration of the copy.
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  Status result;
  if (rc != SQLITE_DONE) result = storage_error("backup til " + path, sqlite3_errmsg(dest));
  if (sqlite3_close(dest) != SQLITE_OK && result.ok()) result = storage_error("backup til " + path, "close failed");
  if (result.ok()) {
    std::filesystem::rename(part, path, ec);
    if (ec) result = storage_error("backup til " + path, ec.message());
  }
  if (!result.ok()) std::filesystem::remove(part, ec);
  return result;
}

long long Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }
bool Database::in_transaction() const { return m_db != nullptr && sqlite3_get_autocommit(m_db) == 0; }

}  // namespace magtreg::core::storage
