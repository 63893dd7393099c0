// The top bar: connection (online/offline), local storage and persistence state.
#pragma once

#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class StatusBar {
 public:
  // Draws at the top of the viewport; returns the bar's height in CSS pixels.
  float draw(const PlatformState& platform, const AppModel& model);
};

}  // namespace magtreg::shell
