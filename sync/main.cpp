// magtreg: the sync server and admin command line. Dispatches sub-commands.
#include "sync/cli.hpp"

int main(int argc, char** argv) { return magtreg::sync::run_cli(argc, argv); }
