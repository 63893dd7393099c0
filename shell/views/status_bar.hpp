// The top bar: connection, storage persistence, the user, sync progress and the actions that are
// always at hand (citizens, outbox, "Synkroniser nu", lock, log out with its warning).
#pragma once

#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class StatusBar {
 public:
  // Returns the bar's height.
  float draw(const PlatformState& platform, const AppModel& model, std::vector<Command>& out);

 private:
  bool m_confirm_logout = false;
};

}  // namespace magtreg::shell
