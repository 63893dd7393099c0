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
  // Unlocking without the server (issue #29, finding 6): wrong passwords typed offline since the last
  // login with the server; the last contact with the server under this user (UTC text); how long after
  // it the store may be opened offline (the server's policy, sent at login); and why the server said
  // this user must log in online (empty: it did not).
  int failed_unlocks = 0;
  std::string last_contact_at;
  int offline_hours = 72;
  std::string online_only;
  bool sso = false;  // the user logs in with the municipality's login: a passcode set at that login opens the store
};

// Wrong offline passwords after which only a login with the server opens the store.
inline constexpr int k_max_offline_unlock_failures = 10;
// The shortest passcode a user may set at a single sign-on login to open their store on the tablet.
inline constexpr int k_min_passcode_chars = 6;
// The Danish reason the store may not be opened offline now, or nothing when it may. `now` is UTC text.
std::optional<std::string> offline_unlock_refusal(const StoreOwner& owner, std::string_view now);

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
