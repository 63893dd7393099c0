// Login throttling: failed attempts per key (an account, an address, or both) in a sliding window. Pure
// state with an injected clock, so it is testable; the server keeps one per key kind.
//
// Two kinds (issue #29, finding 3): a Lock refuses once `max_failures` are in the window, until the oldest
// leaves it; a Delay lets `max_failures` through, then makes each further attempt wait 1 s, 2 s, 4 s ...
// (at most `max_delay`) after the previous failure, so whoever guesses is slowed down more and more, and
// the account's owner is never locked out for longer than that.
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
  enum class Kind { Lock, Delay };
  RateLimiter(int max_failures, std::chrono::seconds window, Kind kind = Kind::Lock,
              std::chrono::seconds max_delay = std::chrono::minutes(15))
      : m_max(max_failures), m_window(window), m_kind(kind), m_max_delay(max_delay) {}

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
  void keep_newest(std::deque<Clock::time_point>& q) const;
  // How long after the last failure the next attempt must wait (zero: at once); Clock::duration::max()
  // for a Lock that is full.
  Clock::duration wait_after(const std::deque<Clock::time_point>& q, Clock::time_point now) const;
  int m_max;
  std::chrono::seconds m_window;
  Kind m_kind;
  std::chrono::seconds m_max_delay;
  std::mutex m_mutex;
  std::map<std::string, std::deque<Clock::time_point>> m_failures;
};

}  // namespace magtreg::sync
