// The committee (or administration) decides an application for pre-approval: granted or refused,
// valid from/to, conditions, complaint guidance; afterwards who was notified and when, and a complaint
// against the decision can be registered from here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/decision.hpp"
#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class DecisionView {
 public:
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);

 private:
  std::string m_loaded;  // application id the fields were filled for
  std::optional<bool> m_granted;  // nothing is preselected (issue 30 item 4)
  std::optional<core::model::Decision> m_pending;  // made, waiting for the confirmation that shows it
  std::string m_from, m_to, m_conditions, m_guidance;
  std::string m_notify_day;
  std::string m_local_error;
};

}  // namespace magtreg::shell
