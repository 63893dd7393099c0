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

class LocalStore {
 public:
  static Result<LocalStore> open(const std::string& path);
  LocalStore(LocalStore&&) noexcept;
  LocalStore& operator=(LocalStore&&) noexcept;
  ~LocalStore();

  std::optional<std::string> setting(std::string_view key) const;
  Status set_setting(std::string_view key, std::string_view value);
  // Increments and returns a counter setting (e.g. app starts), atomically.
  Result<long long> increment(std::string_view key);

 private:
  explicit LocalStore(sqlite3* db) : m_db(db) {}
  sqlite3* m_db = nullptr;
};

}  // namespace magtreg::core::client
