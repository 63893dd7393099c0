// A connection's socket with a per-request deadline (see deadline_stream.hpp).
#include "sync/deadline_stream.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace magtreg::sync {
namespace {

void ip_and_port(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
    port = ntohs(a.sin6_port);
  }
  ip = text;
}

}  // namespace

bool DeadlineStream::wait(short events, std::chrono::milliseconds timeout) const {
  pollfd p{m_sock, events, 0};
  for (;;) {
    const int n = ::poll(&p, 1, static_cast<int>(std::max<long long>(0, timeout.count())));
    if (n < 0 && errno == EINTR) continue;
    return n > 0;
  }
}

std::chrono::milliseconds DeadlineStream::read_wait() const {
  if (m_deadline == Clock::time_point::max()) return m_read_timeout;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(m_deadline - Clock::now());
  return std::max(std::chrono::milliseconds(0), std::min(m_read_timeout, left));
}

bool DeadlineStream::next_request(std::chrono::milliseconds idle, std::chrono::milliseconds budget) {
  m_deadline = Clock::time_point::max();
  if (m_begin == m_end && !wait(POLLIN, idle)) return false;
  m_deadline = Clock::now() + budget;
  return true;
}

DeadlineStream::Fill DeadlineStream::fill(std::size_t limit) {
  if (m_begin > 0) {  // keep the unread bytes at the front
    std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
    m_end -= m_begin;
    m_begin = 0;
  }
  if (m_end >= limit) return Fill::Nothing;
  if (m_end == m_buffer.size()) m_buffer.resize(std::min(limit, m_buffer.size() * 2));
  const std::size_t room = std::min(limit, m_buffer.size()) - m_end;
  for (;;) {
    const ssize_t n = ::recv(m_sock, m_buffer.data() + m_end, room, MSG_DONTWAIT);
    if (n > 0) {
      m_end += static_cast<std::size_t>(n);
      return Fill::Read;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Fill::Nothing;
    return Fill::Closed;
  }
}

bool DeadlineStream::head_ready(std::size_t limit) const {
  if (m_end - m_begin >= limit) return true;
  const std::string_view text(m_buffer.data() + m_begin, m_end - m_begin);
  return text.find("\r\n\r\n") != std::string_view::npos;
}

bool DeadlineStream::is_readable() const {
  return m_begin < m_end || (Clock::now() < m_deadline && wait(POLLIN, read_wait()));
}

bool DeadlineStream::is_writable() const { return wait(POLLOUT, m_write_timeout); }

ssize_t DeadlineStream::read(char* ptr, size_t size) {
  if (m_begin == m_end) {
    // Silent for the read timeout, or out of the request's budget (even while bytes keep trickling in).
    if (Clock::now() >= m_deadline || !wait(POLLIN, read_wait())) {
      m_timed_out = true;
      return -1;
    }
    const ssize_t n = ::recv(m_sock, m_buffer.data(), m_buffer.size(), 0);
    if (n <= 0) return n;
    m_begin = 0;
    m_end = static_cast<size_t>(n);
  }
  const size_t n = std::min(size, m_end - m_begin);
  std::memcpy(ptr, m_buffer.data() + m_begin, n);
  m_begin += n;
  return static_cast<ssize_t>(n);
}

ssize_t DeadlineStream::write(const char* ptr, size_t size) {
  if (!is_writable()) return -1;
  return ::send(m_sock, ptr, size, MSG_NOSIGNAL);
}

void DeadlineStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(m_sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0) ip_and_port(addr, ip, port);
}

void DeadlineStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(m_sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0) ip_and_port(addr, ip, port);
}

}  // namespace magtreg::sync
