// The caseworker's action plan (handleplan, § 141) with its four elements: purpose, effort, expected
// duration, other special matters.
#pragma once

#include <string>
#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class ActionPlanView {
 public:
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);

 private:
  std::string m_loaded;  // "<id>/<revision>"
  std::string m_purpose, m_effort, m_duration, m_other;
};

}  // namespace magtreg::shell
