// The magtreg command line. Each sub-command parses its own options and returns an exit code:
// 0 ok, 1 a rule or validation failed, 2 unusable input or usage.
#include "sync/cli.hpp"

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/rules/check.hpp"
#include "core/util/error.hpp"
#include "sync/cli_admin.hpp"
#include "sync/serve_config.hpp"
#include "sync/server.hpp"

namespace magtreg::sync {
namespace {

void print_usage() {
  std::fputs(
      "usage: magtreg <command> [options]\n"
      "  serve [--config FILE] [--SETTING VALUE]...\n"
      "        serve the API and the app's static files from one origin; settings come from the TOML file\n"
      "        (docs/operations.md), each overridden by its flag; the audit chain's key and anchor default to\n"
      "        DB.audit-key and DB.audit-anchor beside the database (docs/security.md)\n"
      "  config [--config FILE] [--SETTING VALUE]...\n"
      "        check the settings and print those in effect as a configuration file (exit 2 naming a bad one)\n"
      "  check FILE|-\n"
      "        evaluate one registration (JSON, docs/rules.md); exit 0 no error finding,\n"
      "        1 one or more error findings, 2 unreadable or invalid input\n"
      "  seed-demo [--db FILE]\n"
      "        create the demo municipality, users and two years of history (once) and print the logins\n"
      "  municipality add NAME --region REGION --socialtilsyn TILSYN [--report-day 1-28] [--suppression N]\n"
      "  municipality list [--db FILE]\n"
      "  institution add NAME --kind KIND --department DEPT --target handicap|demens|boern\n"
      "        [--operator municipal|regional|private] [--municipality ID|NAME]\n"
      "  institution list [--municipality ID|NAME] [--db FILE]\n"
      "  user add NAME --role ROLE --name \"FULL NAME\" [--institution ID|NAME]... [--db FILE]\n"
      "  user disable|enable|passwd NAME [--db FILE]   (passwords are read from stdin or prompted)\n"
      "  import citizens FILE.csv [--db FILE]   (cpr;navn;maalgruppe;tilbud;handlekommune;kan_klage_selv)\n"
      "  export [--out FILE] [--db FILE]        every record as JSON lines\n"
      "  backup FILE [--db FILE]                online backup, integrity-checked\n"
      "  backup --dir DIR [--keep N] [--db FILE]\n"
      "        a time-stamped backup in DIR (magtreg-YYYYMMDDTHHMMSSZ.db); the oldest beyond the newest N removed\n"
      "  restore BACKUP [--db FILE]             replace the database (server stopped) by a checked backup of it;\n"
      "        the database as it was is kept beside it, the audit log re-anchored and the restore audited\n"
      "  audit --citizen CPR [--db FILE]        a citizen's access report\n"
      "  sso map GROUP --role ROLE [--institution ID|NAME]... [--municipality ID|NAME] | sso unmap GROUP | sso list\n"
      "        single sign-on: which role and institutions a value of the provider's group claim gives\n"
      "  municipality set-retention ID|NAME --years N|none   the retention rule: years after a case's closing\n"
      "  retention --dry-run [--municipality ID|NAME]   what the rule would delete today (deleting: not built yet)\n"
      "  insight --citizen CPR [--out FILE.html] [--db FILE]\n"
      "        the citizen's insight (GDPR art. 15) as a printable document: every record held and every access\n"
      "  device list [--db FILE]                the tablets known to the server, their users and last contact\n"
      "  device revoke ID [--municipality ID] [--db FILE]\n"
      "        the tablet uploads what its logged-in user holds at its next contact, then erases its stores\n"
      "  forms list | forms show ID[@VERSION] | forms diff ID@A ID@B [--db FILE]\n"
      "        the form catalogue: every definition version, its status, first day in force and hash\n"
      "  forms import FILE.json|- [--db FILE]\n"
      "        add a definition version (checked strictly; a published version never changes; audited)\n"
      "  audit --verify [--db FILE]             check the whole audit chain against its key and anchor\n"
      "  audit --reanchor [--db FILE]           acknowledge a cut-off or unanchored log (after a restore)\n"
      "  audit --adopt-unkeyed [--db FILE]      key a log written before keys existed (never done by itself)\n"
      "        every command that opens the database takes [--audit-key FILE] [--audit-anchor FILE]\n"
      "  stats --year YYYY [--quarter Q] [--department NAME | --institution ID] [--format json|csv] [--pseudonymised]\n"
      "        [--db FILE]\n"
      "        quarterly/yearly figures with the previous period\n"
      "  version\n"
      "serve's settings (flag / key in the configuration file):\n",
      stderr);
  for (const auto& s : serve_settings())
    std::fprintf(stderr, "  %-32s %-28s %s\n", std::string(s.flag).c_str(), std::string(s.key).c_str(),
                 help_text(s).c_str());
}

int cmd_config(const std::vector<std::string_view>& args) {
  auto parsed = parse_serve_args(args);
  if (!parsed.ok()) {
    std::fprintf(stderr, "magtreg config: %s\n", parsed.error.c_str());
    return 2;
  }
  std::fputs(serve_config_text(parsed.options).c_str(), stdout);
  return 0;
}

int cmd_serve(const std::vector<std::string_view>& args) {
  auto parsed = parse_serve_args(args);
  if (!parsed.ok()) {
    std::fprintf(stderr, "magtreg serve: %s\n", parsed.error.c_str());
    return 2;
  }
  ServerOptions opt = std::move(parsed.options);
  // SIGTERM/SIGINT are taken by a watcher thread (sigwait), not a handler: stopping the server is not
  // async-signal-safe. Blocked before any server thread starts so every thread inherits the mask.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  Server server(opt);
  if (server.bind() < 0) return 1;
  std::atomic<bool> finished{false};
  std::thread watcher([&] {
    int sig = 0;
    sigwait(&set, &sig);
    // A signal can arrive before the listener runs, when stop() has nothing to stop yet: repeat until
    // run() has returned.
    while (!finished.load()) {
      server.request_stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  int rc = server.run();
  finished.store(true);
  // run() also returns when listening fails; wake the watcher so it can be joined.
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  return rc;
}

// Reads a whole file, or stdin for "-". Empty optional when it cannot be read.
std::optional<std::string> read_input(std::string_view name) {
  std::FILE* f = name == "-" ? stdin : std::fopen(std::string(name).c_str(), "rb");
  if (!f) return std::nullopt;
  std::string text;
  char buf[65536];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  bool ok = !std::ferror(f);
  if (f != stdin) std::fclose(f);
  if (!ok) return std::nullopt;
  return text;
}

int cmd_check(const std::vector<std::string_view>& args) {
  if (args.size() != 1) {
    std::fputs("magtreg check: expected one argument, a file or - for stdin (USAGE)\n", stderr);
    return 2;
  }
  auto text = read_input(args[0]);
  if (!text) {
    auto e = core::Error::make(core::ErrorCode::InvalidInput,
                               "Filen kunne ikke læses: " + std::string(args[0]), "FILE");
    std::puts(core::rules::error_to_json(e).dump(2).c_str());
    return 2;
  }
  auto run = core::rules::run_check(*text);
  std::fwrite(run.output_json.data(), 1, run.output_json.size(), stdout);
  return run.exit_code;
}

}  // namespace

int run_cli(int argc, char** argv) {
  if (argc < 2) {
    print_usage();
    return 2;
  }
  std::string_view cmd = argv[1];
  std::vector<std::string_view> args(argv + 2, argv + argc);
  if (cmd == "serve") return cmd_serve(args);
  if (cmd == "check") return cmd_check(args);
  if (cmd == "config") return cmd_config(args);
  if (int rc = run_admin_command(cmd, args); rc >= 0) return rc;
  if (cmd == "version" || cmd == "--version") {
    std::puts("magtreg " MAGTREG_VERSION);
    return 0;
  }
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    print_usage();
    return 0;
  }
  std::fprintf(stderr, "magtreg: unknown command '%s' (USAGE)\n", argv[1]);
  print_usage();
  return 2;
}

}  // namespace magtreg::sync
