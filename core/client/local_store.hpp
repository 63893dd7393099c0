// The tablet's local database: device settings now; drafts and the outbox build on it. One SQLite
// file, in the browser inside an IndexedDB-backed folder that the platform layer persists after writes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/result.hpp"

struct sqlite3;

namespace magtreg::core::client {

// Whose encrypted record store is on this tablet (docs/client.md "At rest"): the user's name for the
// unlock screen, and the store's data key wrapped under the user's password (made and opened by the
// platform's WebCrypto; opaque here). Kept in this plain device database: it holds no citizen's data.
struct StoreOwner {
  std::string username, display_name;
  std::string envelope;
};

class LocalStore {
 public:
  static Result<LocalStore> open(const std::string& path);
  LocalStore(LocalStore&&) noexcept;
  LocalStore& operator=(LocalStore&&) noexcept;
  ~LocalStore();

  std::optional<std::string> setting(std::string_view key) const;
  Status set_setting(std::string_view key, std::string_view value);
  Status remove_setting(std::string_view key);
  // Increments and returns a counter setting (e.g. app starts), atomically.
  Result<long long> increment(std::string_view key);

  // The owner of the tablet's record store; nullopt when there is none (or its entry is unreadable).
  std::optional<StoreOwner> store_owner() const;
  Status set_store_owner(const StoreOwner& owner);
  Status clear_store_owner() { return remove_setting(k_store_owner_key); }

 private:
  static constexpr std::string_view k_store_owner_key = "store_owner";
  explicit LocalStore(sqlite3* db) : m_db(db) {}
  sqlite3* m_db = nullptr;
};

}  // namespace magtreg::core::client
