// Sliding-window failure counting for login throttling.
#include "sync/rate_limiter.hpp"

namespace magtreg::sync {

void RateLimiter::prune(std::deque<Clock::time_point>& q, Clock::time_point now) const {
  while (!q.empty() && now - q.front() >= m_window) q.pop_front();
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
  return static_cast<int>(it->second.size()) < m_max;
}

void RateLimiter::record_failure(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  auto& q = m_failures[key];
  prune(q, now);
  q.push_back(now);
  // Bound memory per key: only the newest m_max failures matter.
  while (static_cast<int>(q.size()) > m_max) q.pop_front();
}

bool RateLimiter::try_reserve(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  auto& q = m_failures[key];
  prune(q, now);
  if (static_cast<int>(q.size()) >= m_max) return false;
  q.push_back(now);
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
  if (static_cast<int>(it->second.size()) < m_max) return 0;
  auto wait = m_window - (now - it->second.front());
  return static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(wait).count()) + 1;
}

}  // namespace magtreg::sync
