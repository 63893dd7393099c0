// Local device settings in SQLite (key/value), with transactional counters.
#include "core/client/local_store.hpp"

#include "core/time/utc.hpp"

#include <sqlite3.h>

#include <cctype>

#include <nlohmann/json.hpp>

#include "core/util/json_text.hpp"
#include "core/util/sha256.hpp"

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

std::string store_file_for(std::string_view username) {
  std::string lower(username);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "magtreg-store-" + to_hex(lower) + ".db";
}

bool same_username(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::optional<std::string> offline_unlock_refusal(const StoreOwner& owner, std::string_view now) {
  if (!owner.online_only.empty()) return owner.online_only;
  if (owner.failed_unlocks >= k_max_offline_unlock_failures)
    return "Der er skrevet forkert adgangskode " + std::to_string(owner.failed_unlocks) +
           " gange uden forbindelse. Log ind, når tabletten har forbindelse til serveren.";
  // A store from before these limits has no contact time: its first offline unlock counts from now on.
  if (owner.last_contact_at.empty()) return std::nullopt;
  const auto last = time::parse_utc(owner.last_contact_at);
  const auto at = time::parse_utc(now);
  if (!last || !at) return std::nullopt;
  if (*at - *last > static_cast<long long>(owner.offline_hours) * 3600)
    return "Tabletten har ikke haft forbindelse til serveren under dit navn i over " +
           std::to_string(owner.offline_hours) + " timer. Log ind, når den har forbindelse; dine data bliver på tabletten.";
  return std::nullopt;
}

std::vector<StoreOwner> LocalStore::store_owners() const {
  std::vector<StoreOwner> out;
  auto text = setting(k_store_owners_key);
  if (!text) return out;
  const nlohmann::json j = parse_json_or_discarded(*text);
  if (!j.is_array()) return out;
  for (const auto& o : j) {
    if (!o.is_object()) continue;
    auto str = [&](const char* k) {
      auto it = o.find(k);
      return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto integer = [&](const char* k, int fallback) {
      auto it = o.find(k);
      return it != o.end() && it->is_number_integer() ? it->get<int>() : fallback;
    };
    StoreOwner owner{str("username"), str("display_name"), str("envelope"), str("file")};
    owner.failed_unlocks = integer("failed_unlocks", 0);
    owner.last_contact_at = str("last_contact_at");
    owner.offline_hours = integer("offline_hours", owner.offline_hours);
    owner.online_only = str("online_only");
    if (auto it = o.find("sso"); it != o.end() && it->is_boolean()) owner.sso = it->get<bool>();
    // A file name is one plain name in the local folder, never a path.
    const bool file_ok = !owner.file.empty() && owner.file.find('/') == std::string::npos && owner.file[0] != '.';
    if (!owner.username.empty() && !owner.envelope.empty() && file_ok) out.push_back(std::move(owner));
  }
  return out;
}

std::optional<StoreOwner> LocalStore::store_owner(std::string_view username) const {
  for (auto& o : store_owners())
    if (same_username(o.username, username)) return o;
  return std::nullopt;
}

Status LocalStore::write_store_owners(const std::vector<StoreOwner>& owners) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& o : owners)
    j.push_back({{"username", o.username},
                 {"display_name", o.display_name},
                 {"envelope", o.envelope},
                 {"file", o.file},
                 {"failed_unlocks", o.failed_unlocks},
                 {"last_contact_at", o.last_contact_at},
                 {"offline_hours", o.offline_hours},
                 {"online_only", o.online_only},
                 {"sso", o.sso}});
  return set_setting(k_store_owners_key, j.dump());
}

Status LocalStore::put_store_owner(const StoreOwner& owner) {
  std::vector<StoreOwner> owners{owner};
  for (auto& o : store_owners())
    if (!same_username(o.username, owner.username)) owners.push_back(std::move(o));
  return write_store_owners(owners);
}

Status LocalStore::remove_store_owner(std::string_view username) {
  std::vector<StoreOwner> owners;
  for (auto& o : store_owners())
    if (!same_username(o.username, username)) owners.push_back(std::move(o));
  return write_store_owners(owners);
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
