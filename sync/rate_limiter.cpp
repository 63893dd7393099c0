// Sliding-window failure counting for login throttling.
#include "sync/rate_limiter.hpp"

#include <algorithm>

namespace magtreg::sync {

void RateLimiter::prune(std::deque<Clock::time_point>& q, Clock::time_point now) const {
  while (!q.empty() && now - q.front() >= m_window) q.pop_front();
}

// A Delay keeps this many failures beyond its free ones: enough for the longest delay.
constexpr int k_delay_history = 32;

RateLimiter::Clock::duration RateLimiter::wait_after(const std::deque<Clock::time_point>& q, Clock::time_point now) const {
  const int n = static_cast<int>(q.size());
  if (n < m_max) return Clock::duration::zero();
  if (m_kind == Kind::Lock) return m_window - (now - q.front());
  const int doublings = std::min(n - m_max, 30);
  const Clock::duration delay = std::min<Clock::duration>(m_max_delay, std::chrono::seconds(1LL << doublings));
  return std::max(Clock::duration::zero(), delay - (now - q.back()));
}

// Bounds memory per key: only the newest failures matter (a Lock's m_max, a Delay's few more).
void RateLimiter::keep_newest(std::deque<Clock::time_point>& q) const {
  while (static_cast<int>(q.size()) > m_max + (m_kind == Kind::Delay ? k_delay_history : 0)) q.pop_front();
}

bool RateLimiter::allowed(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  auto it = m_failures.find(key);
  if (it == m_failures.end()) return true;
  prune(it->second, now);
  if (it->second.empty()) {
    m_failures.erase(it);
    return true;
  }
  return wait_after(it->second, now) <= Clock::duration::zero();
}

void RateLimiter::record_failure(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  auto& q = m_failures[key];
  prune(q, now);
  q.push_back(now);
  keep_newest(q);
}

bool RateLimiter::try_reserve(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  auto& q = m_failures[key];
  prune(q, now);
  if (wait_after(q, now) > Clock::duration::zero()) return false;
  q.push_back(now);
  keep_newest(q);
  return true;
}

void RateLimiter::release(const std::string& key, Clock::time_point reserved_at) {
  std::lock_guard lock(m_mutex);
  auto it = m_failures.find(key);
  if (it == m_failures.end()) return;
  auto& q = it->second;
  for (auto at = q.rbegin(); at != q.rend(); ++at)
    if (*at == reserved_at) {
      q.erase(std::next(at).base());
      break;
    }
  if (q.empty()) m_failures.erase(it);
}

void RateLimiter::reset(const std::string& key) {
  std::lock_guard lock(m_mutex);
  m_failures.erase(key);
}

long RateLimiter::retry_after(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  auto it = m_failures.find(key);
  if (it == m_failures.end()) return 0;
  prune(it->second, now);
  const auto wait = wait_after(it->second, now);
  if (wait <= Clock::duration::zero()) return 0;
  return static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(wait).count()) + 1;
}

}  // namespace magtreg::sync
