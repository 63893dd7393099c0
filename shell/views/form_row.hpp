// One form as a touch-sized row: short title, state, intervention time, sync status and, for a draft,
// the three-day countdown (red when overdue). Used by the citizen overview and the client benchmark.
#pragma once

#include <vector>

#include "shell/commands.hpp"

namespace magtreg::shell {

struct FormRow;

// The row's height at `width` (from the width alone: see list_row).
float form_row_height(float width);
// Draws the row; a tap opens the form (Navigate to Screen::Form).
void form_row_button(const FormRow& row, std::vector<Command>& out);

}  // namespace magtreg::shell
