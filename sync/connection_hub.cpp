// The plain-HTTP server's connections: one watcher thread, a pool of workers (see connection_hub.hpp).
#include "sync/connection_hub.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

#include "core/util/error.hpp"
#include "sync/http_json.hpp"

namespace magtreg::sync {

struct ConnectionHub::Connection {
  Connection(int sock, std::string from, bool exempt_from_limits, const ConnectionLimits& limits)
      : fd(sock), address(std::move(from)), exempt(exempt_from_limits),
        stream(sock, limits.read_timeout, limits.write_timeout) {}
  int fd;
  std::string address;
  bool exempt;
  DeadlineStream stream;
  std::size_t served = 0;
  // While waiting: when the connection is closed (no request within the keep-alive idle, or a head that
  // did not arrive whole within the request's budget).
  Clock::time_point deadline{};
  Clock::time_point head_started{};  // the current request's first byte; epoch while none has come
};

namespace {

std::string peer_address(int sock) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return {};
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(addr).sin_addr, text, sizeof text);
  else if (addr.ss_family == AF_INET6)
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(addr).sin6_addr, text, sizeof text);
  return text;
}

// The answer to a connection over a limit: complete, closing, with the API's error body.
std::string busy_answer() {
  const std::string body =
      error_json(core::Error::make(core::ErrorCode::ServerBusy, "Serveren har for mange forbindelser. Prøv igen om lidt."))
          .dump();
  return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
         std::to_string(body.size()) +
         "\r\nRetry-After: 5\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n" +
         body;
}

}  // namespace

ConnectionHub::ConnectionHub(ConnectionLimits limits, Serve serve, Exempt exempt)
    : m_limits(limits), m_serve(std::move(serve)), m_exempt(std::move(exempt)) {
  m_wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  m_watcher = std::thread([this] { watch(); });
  for (std::size_t i = 0; i < std::max<std::size_t>(1, m_limits.workers); ++i)
    m_workers.emplace_back([this] { work(); });
}

ConnectionHub::~ConnectionHub() { stop(); }

void ConnectionHub::wake_watcher() const {
  const std::uint64_t one = 1;
  (void)!::write(m_wake, &one, sizeof one);
}

void ConnectionHub::refuse(int sock) const {
  // What the client has sent already is read first: closing over unread bytes would reset the
  // connection, and the client might lose the answer.
  char scratch[4096];
  for (int i = 0; i < 16 && ::recv(sock, scratch, sizeof scratch, MSG_DONTWAIT) > 0; ++i) {
  }
  static const std::string answer = busy_answer();
  (void)::send(sock, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  ::shutdown(sock, SHUT_WR);
  ::close(sock);
}

void ConnectionHub::add(int sock) {
  std::string address = peer_address(sock);
  const bool exempt = m_exempt && m_exempt(address);
  {
    std::lock_guard lock(m_mutex);
    if (!m_stopping) {
      auto& per = m_addresses[address];
      if (m_open < m_limits.max_open && (exempt || per.open < m_limits.max_open_per_address)) {
        ++per.open;
        ++m_open;
        auto c = std::make_unique<Connection>(sock, std::move(address), exempt, m_limits);
        c->deadline = Clock::now() + m_limits.keep_alive_idle;
        m_waiting.emplace(sock, std::move(c));
        wake_watcher();
        return;
      }
      if (per.open == 0 && per.busy == 0) m_addresses.erase(address);
      ++m_refused;
    }
  }
  refuse(sock);
}

void ConnectionHub::close_locked(std::unique_ptr<Connection> c) {
  if (auto it = m_addresses.find(c->address); it != m_addresses.end()) {
    --it->second.open;
    if (it->second.open == 0 && it->second.busy == 0) m_addresses.erase(it);
  }
  --m_open;
  ::shutdown(c->fd, SHUT_RDWR);
  ::close(c->fd);
}

void ConnectionHub::watch() {
  std::vector<pollfd> fds;
  for (;;) {
    auto next = Clock::now() + std::chrono::seconds(1);
    {
      std::lock_guard lock(m_mutex);
      if (m_stopping) return;
      fds.assign(1, pollfd{m_wake, POLLIN, 0});
      for (const auto& [fd, c] : m_waiting) {
        fds.push_back(pollfd{fd, POLLIN, 0});
        next = std::min(next, c->deadline);
      }
    }
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()).count() + 1;
    if (::poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(0, wait))) < 0 && errno != EINTR) continue;
    if (fds[0].revents) {
      std::uint64_t count = 0;
      (void)!::read(m_wake, &count, sizeof count);
    }
    const auto now = Clock::now();
    std::lock_guard lock(m_mutex);
    if (m_stopping) return;
    bool readied = false;
    for (std::size_t i = 1; i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      auto it = m_waiting.find(fds[i].fd);  // only this thread removes from m_waiting: still the same one
      if (it == m_waiting.end()) continue;
      auto& c = *it->second;
      const auto filled = c.stream.fill(m_limits.max_head);
      if (filled == DeadlineStream::Fill::Closed) {
        auto gone = std::move(it->second);
        m_waiting.erase(it);
        close_locked(std::move(gone));
        continue;
      }
      if (c.head_started == Clock::time_point{} && c.stream.has_buffered()) {
        c.head_started = now;
        c.deadline = now + m_limits.request_budget;
      }
      if (c.stream.head_ready(m_limits.max_head)) {
        m_ready.push_back(std::move(it->second));
        m_waiting.erase(it);
        readied = true;
      }
    }
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
      if (now < it->second->deadline) {
        ++it;
        continue;
      }
      auto gone = std::move(it->second);
      it = m_waiting.erase(it);
      close_locked(std::move(gone));
    }
    if (readied) m_ready_cv.notify_all();
  }
}

std::deque<std::unique_ptr<ConnectionHub::Connection>>::iterator ConnectionHub::eligible() {
  return std::find_if(m_ready.begin(), m_ready.end(), [this](const std::unique_ptr<Connection>& c) {
    if (c->exempt) return true;
    const auto it = m_addresses.find(c->address);
    return it == m_addresses.end() || it->second.busy < m_limits.max_busy_per_address;
  });
}

void ConnectionHub::work() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    auto it = m_ready.end();
    m_ready_cv.wait(lock, [&] { return m_stopping || (it = eligible()) != m_ready.end(); });
    if (m_stopping) return;
    std::unique_ptr<Connection> c = std::move(*it);
    m_ready.erase(it);
    auto& per = m_addresses[c->address];
    ++per.busy;
    ++m_busy;
    lock.unlock();

    ++c->served;
    // The body has what is left of the request's budget, and at least one read timeout after a wait in
    // the queue.
    c->stream.start_request(std::max(c->head_started + m_limits.request_budget, Clock::now() + m_limits.read_timeout));
    const bool keep = m_serve(c->stream, c->served >= m_limits.max_requests_per_connection);

    lock.lock();
    --per.busy;  // the address's entry stays while this connection is open
    --m_busy;
    if (!keep || m_stopping) {
      close_locked(std::move(c));
    } else {
      const auto now = Clock::now();
      const bool more = c->stream.has_buffered();  // a pipelined request, whole or in part
      c->head_started = more ? now : Clock::time_point{};
      c->deadline = now + (more ? m_limits.request_budget : m_limits.keep_alive_idle);
      if (c->stream.head_ready(m_limits.max_head)) {
        m_ready.push_back(std::move(c));
      } else {
        const int fd = c->fd;
        m_waiting.emplace(fd, std::move(c));
        wake_watcher();
      }
    }
    if (!m_ready.empty()) m_ready_cv.notify_all();
  }
}

void ConnectionHub::stop() {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping && !m_watcher.joinable()) return;
    m_stopping = true;
  }
  wake_watcher();
  m_ready_cv.notify_all();
  if (m_watcher.joinable()) m_watcher.join();
  for (auto& t : m_workers)
    if (t.joinable()) t.join();
  m_workers.clear();
  std::lock_guard lock(m_mutex);
  for (auto& [fd, c] : m_waiting) close_locked(std::move(c));
  m_waiting.clear();
  for (auto& c : m_ready) close_locked(std::move(c));
  m_ready.clear();
  if (m_wake >= 0) ::close(m_wake);
  m_wake = -1;
}

ConnectionHub::Counts ConnectionHub::counts() const {
  std::lock_guard lock(m_mutex);
  return Counts{m_open, m_busy, m_refused};
}

}  // namespace magtreg::sync
