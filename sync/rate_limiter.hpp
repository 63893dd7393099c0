// Login throttling: failed attempts per key (an account or an address) in a sliding window. Pure state
// with an injected clock, so it is testable; the server keeps one per key kind behind a mutex.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace magtreg::sync {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  RateLimiter(int max_failures, std::chrono::seconds window) : m_max(max_failures), m_window(window) {}

  // True when another attempt may be made now.
  bool allowed(const std::string& key, Clock::time_point now);
  void record_failure(const std::string& key, Clock::time_point now);
  // A successful login clears the account's failures.
  void reset(const std::string& key);
  // Seconds until an attempt is allowed again (0 when allowed).
  long retry_after(const std::string& key, Clock::time_point now);

 private:
  void prune(std::deque<Clock::time_point>& q, Clock::time_point now) const;
  int m_max;
  std::chrono::seconds m_window;
  std::mutex m_mutex;
  std::map<std::string, std::deque<Clock::time_point>> m_failures;
};

}  // namespace magtreg::sync
