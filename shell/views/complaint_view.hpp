// A complaint, handled by the committee or the administration: against a decision (4-week window from
// the notification; reassessment within 4 weeks; upheld -> forwarded to Ankestyrelsen; outcome) or
// against an acute intervention (the committee's statement); the court/lawyer mark.
#pragma once

#include <string>
#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class ComplaintView {
 public:
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);

 private:
  std::string m_loaded;  // "<id>/<revision>" the fields were filled from
  std::string m_received, m_notified, m_assessment, m_outcome, m_complainant;
  bool m_court = false;
  std::string m_local_error;
};

}  // namespace magtreg::shell
