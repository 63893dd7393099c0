// "Opgaver" (øjeoverblik): what needs the user now, as the server lists it for the user's role
// (overdue first). Each item opens the thing to act on.
#pragma once

#include <vector>

#include "core/workflow/work.hpp"
#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

// The command that opens what a work item is about.
Command open_work_item(const core::workflow::WorkItem& item);

class WorkView {
 public:
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);
};

}  // namespace magtreg::shell
