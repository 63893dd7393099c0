// The start screen: login (online) or unlock of this tablet's session (offline too), the form sets in
// force today, and this device's name (stored locally).
#pragma once

#include <string>
#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class HomeView {
 public:
  // Draws below `top`; appends commands to `out`.
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);

 private:
  void draw_login(const AppModel& model, std::vector<Command>& out);
  void draw_passcode(const AppModel& model, std::vector<Command>& out);
  std::string m_name_edit;
  std::string m_username, m_password, m_old_password, m_passcode, m_passcode_repeat;
  std::string m_shown_user;  // the selected user the fields were last drawn for
  bool m_name_loaded = false;
};

}  // namespace magtreg::shell
