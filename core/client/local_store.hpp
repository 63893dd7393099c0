// The tablet's local database: device settings now; drafts and the outbox build on it. One SQLite
// file, in the browser inside an IndexedDB-backed folder that the platform layer persists after writes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"

struct sqlite3;

namespace magtreg::core::client {

// A user with an encrypted record store on this tablet (docs/client.md "At rest"): the name for the
// unlock screen, the store's file in the local folder, and its data key wrapped under the user's
// password (made and opened by the platform's WebCrypto; opaque here). Kept in this plain device
// database: it holds no citizen's data.
struct StoreOwner {
  std::string username, display_name;
  std::string envelope;
  std::string file;  // e.g. "magtreg-store-6d65747465.db"
};

// The store file of a user new on this tablet: named after the username (hex of its lower case), which
// the owner list shows anyway.
std::string store_file_for(std::string_view username);
// True when two usernames name the same user (the server compares them without case).
bool same_username(std::string_view a, std::string_view b);

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

  // The users with a record store on this tablet, the most recently unlocked first; unreadable entries
  // are left out.
  std::vector<StoreOwner> store_owners() const;
  std::optional<StoreOwner> store_owner(std::string_view username) const;
  // Adds the owner, or replaces the entry of the same user, and puts it first.
  Status put_store_owner(const StoreOwner& owner);
  Status remove_store_owner(std::string_view username);

 private:
  Status write_store_owners(const std::vector<StoreOwner>& owners);
  static constexpr std::string_view k_store_owners_key = "store_owners";
  explicit LocalStore(sqlite3* db) : m_db(db) {}
  sqlite3* m_db = nullptr;
};

}  // namespace magtreg::core::client
