#include "sync/database_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace magtreg::sync {

DatabaseLock::~DatabaseLock() {
  if (m_fd >= 0) ::close(m_fd);
}

DatabaseLock& DatabaseLock::operator=(DatabaseLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = other.m_fd;
    other.m_fd = -1;
  }
  return *this;
}

bool DatabaseLock::take(const std::string& db_path, std::string& why) {
  const std::string path = db_path + ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    why = "låsefilen " + path + " kan ikke åbnes: " + std::strerror(errno);
    return false;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    why = errno == EWOULDBLOCK ? "databasen " + db_path + " bruges af en kørende 'magtreg serve'"
                               : "låsefilen " + path + " kan ikke låses: " + std::strerror(errno);
    ::close(fd);
    return false;
  }
  if (m_fd >= 0) ::close(m_fd);
  m_fd = fd;
  return true;
}

}  // namespace magtreg::sync
