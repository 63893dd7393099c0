// The administration's recommendation to Familieretshuset on a move without consent (§§ 129, 129 a), or its
// refusal to recommend one (issue 14 item 12): the basis, the day it was sent or refused (Familieretshuset's
// two weeks run from the sending), the lawyer and the guardian the sending needs, Familieretshuset's
// decision, and on a refusal who shares the citizen's home and when they were told they may complain.
#pragma once

#include <string>
#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class RecommendationView {
 public:
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);

 private:
  std::string m_loaded;  // "<id>/<revision>" the fields were filled from
  std::string m_basis, m_subsection, m_status, m_outcome;
  std::string m_decided_on, m_lawyer, m_guardian, m_familieretshuset, m_cohabitant, m_advised;
  bool m_no_cohabitant = false;
  std::string m_local_error;
};

}  // namespace magtreg::shell
