// Outbox and sync status: what is waiting, what was sent, what the server refused and why, and
// conflicts with both versions (nothing is dropped silently).
#pragma once

#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class OutboxView {
 public:
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);
};

}  // namespace magtreg::shell
