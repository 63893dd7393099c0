// "Opfølgning" of one citizen: cases (close, with what is missing), applications and decisions,
// complaints, notes, the action plan, and for the leader the complaint letter with its hand-out note and
// the relatives' orientation note, for a child the three duties after a registration, and telling staff of a decision or a ruling. Lists come from the local database; actions go to the server.
#pragma once

#include <string>
#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;
struct FollowUpState;

class FollowUpView {
 public:
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);

 private:
  void child_duties(const FollowUpState& v, std::vector<Command>& out);

  std::string m_citizen;
  std::string m_letter_note, m_relatives_note, m_child_note;
};

}  // namespace magtreg::shell
