// The administration sub-commands (seed-demo, user, import, export, backup, audit).
#pragma once

#include <string_view>
#include <vector>

namespace magtreg::sync {

// The command's exit code, or -1 when `cmd` is not an administration command.
int run_admin_command(std::string_view cmd, const std::vector<std::string_view>& args);

}  // namespace magtreg::sync
