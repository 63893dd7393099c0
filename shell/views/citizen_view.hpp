// The citizen overview (mirrors "Magtanvendelse Socialområdet"): base course, a new registration with
// the form chosen for the intervention day and target group, drafts with their deadlines, sent forms
// and open cases.
#pragma once

#include <string>
#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class CitizenView {
 public:
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);

 private:
  std::string m_day_text;  // the intervention day as typed, dd.mm.åååå
  std::string m_citizen;   // whose overview the day belongs to
};

}  // namespace magtreg::shell
