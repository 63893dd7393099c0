// Concurrent password hashing, bounded (see hash_gate.hpp).
#include "sync/hash_gate.hpp"

#include <algorithm>

namespace magtreg::sync {

std::optional<HashGate::Slot> HashGate::enter(std::chrono::milliseconds wait) {
  std::unique_lock lock(m_mutex);
  if (!m_freed.wait_for(lock, wait, [&] { return m_in_use < m_max; })) return std::nullopt;
  ++m_in_use;
  ++m_admitted;
  m_peak = std::max(m_peak, m_in_use);
  return Slot(*this);
}

void HashGate::leave() {
  {
    std::lock_guard lock(m_mutex);
    --m_in_use;
  }
  m_freed.notify_one();
}

int HashGate::peak() const {
  std::lock_guard lock(m_mutex);
  return m_peak;
}

long long HashGate::admitted() const {
  std::lock_guard lock(m_mutex);
  return m_admitted;
}

}  // namespace magtreg::sync
