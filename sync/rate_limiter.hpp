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
  // Checks and counts in one step: when another attempt is allowed, counts it as a failure now and
  // returns true. A login reserves before its slow password check, so parallel attempts cannot pass the
  // limit while the checks run; a success gives its reservation back (release, or reset for an account).
  bool try_reserve(const std::string& key, Clock::time_point now);
  // Gives back one reservation made at `reserved_at` (an attempt that turned out not to be a failure).
  void release(const std::string& key, Clock::time_point reserved_at);
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
