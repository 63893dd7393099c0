// Local device settings in SQLite (key/value), with transactional counters.
#include "core/client/local_store.hpp"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "core/util/json_text.hpp"

namespace magtreg::core::client {
namespace {

Error storage_error(sqlite3* db, const char* what) {
  return Error::make(ErrorCode::StorageError,
                     std::string("Lokal lagring fejlede (") + what + "): " + (db ? sqlite3_errmsg(db) : "ukendt"));
}

struct Stmt {
  sqlite3_stmt* s = nullptr;
  ~Stmt() { sqlite3_finalize(s); }
};

}  // namespace

Result<LocalStore> LocalStore::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    Error e = storage_error(db, "åbn");
    sqlite3_close(db);
    return e;
  }
  const char* schema =
      "PRAGMA foreign_keys=ON;"
      "CREATE TABLE IF NOT EXISTS device_settings(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;";
  if (sqlite3_exec(db, schema, nullptr, nullptr, nullptr) != SQLITE_OK) {
    Error e = storage_error(db, "skema");
    sqlite3_close(db);
    return e;
  }
  return LocalStore(db);
}

LocalStore::LocalStore(LocalStore&& o) noexcept : m_db(o.m_db) { o.m_db = nullptr; }
LocalStore& LocalStore::operator=(LocalStore&& o) noexcept {
  if (this != &o) {
    sqlite3_close(m_db);
    m_db = o.m_db;
    o.m_db = nullptr;
  }
  return *this;
}
LocalStore::~LocalStore() { sqlite3_close(m_db); }

std::optional<std::string> LocalStore::setting(std::string_view key) const {
  Stmt st;
  if (sqlite3_prepare_v2(m_db, "SELECT value FROM device_settings WHERE key=?1", -1, &st.s, nullptr) != SQLITE_OK)
    return std::nullopt;
  sqlite3_bind_text(st.s, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(st.s) != SQLITE_ROW) return std::nullopt;
  auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0));
  return std::string(text ? text : "");
}

Status LocalStore::set_setting(std::string_view key, std::string_view value) {
  Stmt st;
  if (sqlite3_prepare_v2(m_db,
                         "INSERT INTO device_settings(key,value) VALUES(?1,?2) "
                         "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                         -1, &st.s, nullptr) != SQLITE_OK)
    return storage_error(m_db, "forbered");
  sqlite3_bind_text(st.s, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(st.s, 2, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(st.s) != SQLITE_DONE) return storage_error(m_db, "gem");
  return {};
}

Status LocalStore::remove_setting(std::string_view key) {
  Stmt st;
  if (sqlite3_prepare_v2(m_db, "DELETE FROM device_settings WHERE key=?1", -1, &st.s, nullptr) != SQLITE_OK)
    return storage_error(m_db, "forbered");
  sqlite3_bind_text(st.s, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(st.s) != SQLITE_DONE) return storage_error(m_db, "slet");
  return {};
}

std::optional<StoreOwner> LocalStore::store_owner() const {
  auto text = setting(k_store_owner_key);
  if (!text) return std::nullopt;
  const nlohmann::json j = parse_json_or_discarded(*text);
  if (!j.is_object()) return std::nullopt;
  auto str = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  StoreOwner owner{str("username"), str("display_name"), str("envelope")};
  if (owner.username.empty() || owner.envelope.empty()) return std::nullopt;
  return owner;
}

Status LocalStore::set_store_owner(const StoreOwner& owner) {
  const nlohmann::json j = {
      {"username", owner.username}, {"display_name", owner.display_name}, {"envelope", owner.envelope}};
  return set_setting(k_store_owner_key, j.dump());
}

Result<long long> LocalStore::increment(std::string_view key) {
  Stmt st;
  if (sqlite3_prepare_v2(m_db,
                         "INSERT INTO device_settings(key,value) VALUES(?1,'1') "
                         "ON CONFLICT(key) DO UPDATE SET value=CAST(CAST(value AS INTEGER)+1 AS TEXT) "
                         "RETURNING CAST(value AS INTEGER)",
                         -1, &st.s, nullptr) != SQLITE_OK)
    return storage_error(m_db, "forbered");
  sqlite3_bind_text(st.s, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(st.s) != SQLITE_ROW) return storage_error(m_db, "tæl");
  long long v = sqlite3_column_int64(st.s, 0);
  if (sqlite3_step(st.s) != SQLITE_DONE) return storage_error(m_db, "tæl");
  return v;
}

}  // namespace magtreg::core::client
