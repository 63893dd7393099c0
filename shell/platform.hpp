// What the shell knows of the platform it runs on: a plain state snapshot the platform layer fills in
// before each frame, and the few requests the shell may make of it. The shell never calls JS itself.
#pragma once

#include <cstdint>
#include <string>

namespace magtreg::shell {

enum class Tristate { Unknown, No, Yes };

struct PlatformState {
  bool storage_ready = false;       // local database loaded from IndexedDB
  bool storage_failed = false;      // IndexedDB could not be read: nothing will persist
  Tristate online = Tristate::Unknown;  // the sync server answers
  Tristate persisted = Tristate::Unknown;  // navigator.storage.persist() granted
  std::uint64_t saved_token = 0;    // last save token whose IndexedDB write completed
  bool save_failed = false;
  std::string today;                // "YYYY-MM-DD", Europe/Copenhagen
  double time_seconds = 0;          // monotonic
};

class PlatformRequests {
 public:
  virtual ~PlatformRequests() = default;
  // Writes the local database to IndexedDB; returns a token that PlatformState::saved_token reaches
  // once the write has completed (saves are queued, never run concurrently).
  virtual std::uint64_t request_save() = 0;
};

}  // namespace magtreg::shell
