// A bound on concurrent password hashing: each Argon2id check takes 64 MiB and ~80 ms of a core, so
// unbounded parallel logins exhaust memory (issue #12, finding 9). A counting semaphore with a short
// wait; it counts what it admitted, so tests can see the bound hold.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace magtreg::sync {

class HashGate {
 public:
  explicit HashGate(int max_concurrent) : m_max(max_concurrent) {}
  HashGate(const HashGate&) = delete;
  HashGate& operator=(const HashGate&) = delete;

  // Holds one place until destroyed.
  class Slot {
   public:
    explicit Slot(HashGate& gate) : m_gate(&gate) {}
    Slot(Slot&& o) noexcept : m_gate(o.m_gate) { o.m_gate = nullptr; }
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (m_gate) m_gate->leave();
    }

   private:
    HashGate* m_gate;
  };

  // A place, waiting at most `wait` for one; nullopt when all stayed taken.
  std::optional<Slot> enter(std::chrono::milliseconds wait);

  int max_concurrent() const { return m_max; }
  // The most places ever held at once, and how many were given out in all.
  int peak() const;
  long long admitted() const;

 private:
  void leave();
  const int m_max;
  mutable std::mutex m_mutex;
  std::condition_variable m_freed;
  int m_in_use = 0;
  int m_peak = 0;
  long long m_admitted = 0;
};

}  // namespace magtreg::sync
