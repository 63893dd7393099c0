// Citizen search: the citizens of the user's institutions, as downloaded to the tablet (also offline),
// filtered by name or CPR as the user types; a long list is clipped (ImGuiListClipper).
#pragma once

#include <string>
#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class CitizenListView {
 public:
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);

 private:
  std::string m_search;
};

}  // namespace magtreg::shell
