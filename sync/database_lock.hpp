// The lock a running `magtreg serve` holds on its database (issue #20, backups): flock(2) on "<db>.lock".
// `magtreg restore` takes the same lock, so a database is never replaced under a running server, and a
// second server started on the same file stops at once instead of sharing it. The kernel drops the lock
// when its process ends, however it ends.
#pragma once

#include <string>

namespace magtreg::sync {

class DatabaseLock {
 public:
  DatabaseLock() = default;
  ~DatabaseLock();
  DatabaseLock(DatabaseLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
  DatabaseLock& operator=(DatabaseLock&& other) noexcept;
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

  // Takes the lock without waiting; false when another process holds it, or the lock file cannot be made
  // (`why` says which, in Danish).
  bool take(const std::string& db_path, std::string& why);
  bool held() const { return m_fd >= 0; }

 private:
  int m_fd = -1;
};

}  // namespace magtreg::sync
