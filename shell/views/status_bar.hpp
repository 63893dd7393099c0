// The top bar: the actions that are always at hand (citizens, work, outbox, "Synkroniser nu", lock, log
// out with its warning; what does not fit is in "Menu", with the user and the storage's state), then one
// line with the connection (a red band offline) and the sync. Its height is fixed: nothing moves under a
// finger while a sync runs (issue 30 item 2).
#pragma once

#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class StatusBar {
 public:
  // The bar's height, the same on every frame for a given font.
  static float height();
  // Returns the bar's height.
  float draw(const PlatformState& platform, const AppModel& model, std::vector<Command>& out);

 private:
  bool m_confirm_logout = false;
};

}  // namespace magtreg::shell
