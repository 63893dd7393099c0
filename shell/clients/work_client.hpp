// "Opgaver" (the øjeoverblik): the server's work list for the user (GET …/work), read through core's
// WorkList. Online only: the list is computed from everything the user's institutions hold.
#pragma once

#include <cstdint>
#include <vector>

#include "core/workflow/work.hpp"
#include "shell/clients/client_base.hpp"

namespace magtreg::shell {

struct WorkState {
  std::uint64_t version = 0;
  ActionStatus status;
  bool work_loaded = false;
  std::vector<core::workflow::WorkItem> work;
};

class WorkClient {
 public:
  void load(ClientContext& ctx);
  // Handles this frame's answers; true when the state changed.
  bool tick(ClientContext& ctx);
  // A notice shown on the list (e.g. after the leader locked a form and came back).
  void notice(std::string text);
  const WorkState& state() const { return m_state; }
  void reset() { *this = WorkClient(); }

 private:
  WorkState m_state;
  Exchanges m_exchanges;
};

}  // namespace magtreg::shell
