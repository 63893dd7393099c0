// The plain-HTTP server's connections (issue #29, finding 1: about 100 idle connections from one host made
// every request wait 23-29 s, each holding one of the 32 workers). One thread watches every open
// connection and gathers each request's head without blocking; a worker is taken only once a request line
// and its headers have arrived whole, and gives the connection back after the answer. So an idle or
// trickling connection costs a file descriptor, never a worker. Limits, each refused with 503 SERVER_BUSY
// and the connection closed before it is read:
// - open connections in all and per client address (a trusted proxy's address has no per-address limit:
//   its own limits stand in front);
// - requests being read or answered at once per address, so one address's slow bodies hold at most a
//   share of the workers and the rest stay free for everyone else's login and upload.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "sync/deadline_stream.hpp"

namespace magtreg::sync {

struct ConnectionLimits {
  std::size_t workers = 32;
  std::size_t max_open = 1024;             // connections open at once, all addresses together
  std::size_t max_open_per_address = 256;  // from one address (NAT: a ward's or a town hall's tablets share one)
  std::size_t max_busy_per_address = 16;   // requests one address has in the workers at once
  std::chrono::milliseconds keep_alive_idle{5000};  // waiting for the next request on a kept connection
  std::chrono::milliseconds request_budget{10000};  // from a request's first byte to its whole body
  std::chrono::milliseconds read_timeout{5000};
  std::chrono::milliseconds write_timeout{5000};
  std::size_t max_requests_per_connection = 1000;
  std::size_t max_head = 64 * 1024;  // a head this long without its end goes to httplib, which refuses it
};

class ConnectionHub {
 public:
  using Clock = std::chrono::steady_clock;
  // Answers one request whose head is buffered in the stream; `last` is the connection's last request.
  // Returns true when the connection may carry another request.
  using Serve = std::function<bool(DeadlineStream&, bool last)>;
  // True for an address the per-address limits do not apply to (a trusted proxy).
  using Exempt = std::function<bool(const std::string& address)>;

  ConnectionHub(ConnectionLimits limits, Serve serve, Exempt exempt);
  ~ConnectionHub();
  ConnectionHub(const ConnectionHub&) = delete;
  ConnectionHub& operator=(const ConnectionHub&) = delete;

  // Takes an accepted socket (closes it when refused). Called on the accepting thread; never blocks.
  void add(int sock);
  // Closes every connection after the requests being answered; joins the threads. Idempotent.
  void stop();

  struct Counts {
    std::size_t open = 0, busy = 0, refused = 0;
  };
  Counts counts() const;

 private:
  struct Connection;
  struct PerAddress {
    std::size_t open = 0, busy = 0;
  };
  void watch();
  void work();
  // With the lock held: the first ready connection a worker may take (its address under its busy limit).
  std::deque<std::unique_ptr<Connection>>::iterator eligible();
  void close_locked(std::unique_ptr<Connection> c);
  void wake_watcher() const;
  void refuse(int sock) const;

  ConnectionLimits m_limits;
  Serve m_serve;
  Exempt m_exempt;
  int m_wake = -1;  // eventfd: the watcher polls it beside the connections
  mutable std::mutex m_mutex;
  std::condition_variable m_ready_cv;
  std::unordered_map<int, std::unique_ptr<Connection>> m_waiting;  // the watcher's: no request head yet
  std::deque<std::unique_ptr<Connection>> m_ready;                 // a whole head, waiting for a worker
  std::map<std::string, PerAddress> m_addresses;
  std::size_t m_open = 0, m_busy = 0, m_refused = 0;
  bool m_stopping = false;
  std::thread m_watcher;
  std::vector<std::thread> m_workers;
};

}  // namespace magtreg::sync
