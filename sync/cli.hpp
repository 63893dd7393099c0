// The magtreg command line: serve, check, and the admin commands.
#pragma once

namespace magtreg::sync {

// Runs one sub-command; returns the process exit code.
int run_cli(int argc, char** argv);

}  // namespace magtreg::sync
