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
#include "sync/client_address.hpp"
#include "sync/server.hpp"

namespace magtreg::sync {
namespace {

void print_usage() {
  std::fputs(
      "usage: magtreg <command> [options]\n"
      "  serve [--db FILE] [--port N] [--bind ADDR] [--public DIR] [--app DIR] [--tls-cert F --tls-key F]\n"
      "        [--audit-key FILE] [--audit-anchor FILE] [--access-log FILE|-] [--trusted-proxy ADDR]...\n"
      "        [--offline-unlock-hours N]\n"
      "        serve the API and the app's static files from one origin; the audit chain's key and anchor\n"
      "        default to DB.audit-key and DB.audit-anchor beside the database (docs/security.md); the\n"
      "        request log (one JSON line per request, appended; - for stderr) is off unless given; a\n"
      "        reverse proxy's address given with --trusted-proxy has its X-Forwarded-For believed\n"
      "  check FILE|-\n"
      "        evaluate one registration (JSON, docs/rules.md); exit 0 no error finding,\n"
      "        1 one or more error findings, 2 unreadable or invalid input\n"
      "  seed-demo [--db FILE]\n"
      "        create the demo municipality, users and two years of history (once) and print the logins\n"
      "  user add NAME --role ROLE --name \"FULL NAME\" [--institution ID|NAME]... [--db FILE]\n"
      "  user disable|enable|passwd NAME [--db FILE]   (passwords are read from stdin or prompted)\n"
      "  import citizens FILE.csv [--db FILE]   (cpr;navn;maalgruppe;tilbud;handlekommune;kan_klage_selv)\n"
      "  export [--out FILE] [--db FILE]        every record as JSON lines\n"
      "  backup FILE [--db FILE]                online backup, integrity-checked\n"
      "  audit --citizen CPR [--db FILE]        a citizen's access report\n"
      "  device list [--db FILE]                the tablets known to the server, their users and last contact\n"
      "  device revoke ID [--municipality ID] [--db FILE]\n"
      "        the tablet uploads what its logged-in user holds at its next contact, then erases its stores\n"
      "  audit --verify [--db FILE]             check the whole audit chain against its key and anchor\n"
      "  audit --reanchor [--db FILE]           acknowledge a cut-off or unanchored log (after a restore)\n"
      "  audit --adopt-unkeyed [--db FILE]      key a log written before keys existed (never done by itself)\n"
      "        every command that opens the database takes [--audit-key FILE] [--audit-anchor FILE]\n"
      "  stats --year YYYY [--quarter Q] [--department NAME | --institution ID] [--format json|csv] [--pseudonymised]\n"
      "        [--db FILE]\n"
      "        quarterly/yearly figures with the previous period\n"
      "  version\n",
      stderr);
}

int cmd_serve(const std::vector<std::string_view>& args) {
  ServerOptions opt;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto a = args[i];
    auto next = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = std::string(args[++i]);
      return true;
    };
    std::string v;
    if (a == "--port" && next(v)) {
      opt.port = std::atoi(v.c_str());
    } else if (a == "--bind" && next(v)) {
      opt.bind = v;
    } else if (a == "--db" && next(v)) {
      opt.db_path = v;
    } else if (a == "--public" && next(v)) {
      opt.public_dir = v;
    } else if (a == "--app" && next(v)) {
      opt.app_dir = v;
    } else if (a == "--tls-cert" && next(v)) {
      opt.tls_cert = v;
    } else if (a == "--tls-key" && next(v)) {
      opt.tls_key = v;
    } else if (a == "--audit-key" && next(v)) {
      opt.audit_key = v;
    } else if (a == "--audit-anchor" && next(v)) {
      opt.audit_anchor = v;
    } else if (a == "--access-log" && next(v)) {
      opt.access_log = v;
    } else if (a == "--offline-unlock-hours" && next(v)) {
      const int hours = std::atoi(v.c_str());
      if (hours < 1 || hours > 720 || v.find_first_not_of("0123456789") != std::string::npos) {
        std::fprintf(stderr, "magtreg serve: --offline-unlock-hours must be 1 to 720 (USAGE)\n");
        return 2;
      }
      opt.offline_unlock_hours = hours;
    } else if (a == "--trusted-proxy" && next(v)) {
      auto ip = canonical_ip(v);
      if (!ip) {
        std::fprintf(stderr, "magtreg serve: --trusted-proxy '%s' is not an IPv4 or IPv6 address (USAGE)\n", v.c_str());
        return 2;
      }
      opt.trusted_proxies.push_back(*ip);
    } else {
      std::fprintf(stderr, "magtreg serve: unknown or incomplete option '%.*s' (USAGE)\n",
                   static_cast<int>(a.size()), a.data());
      return 2;
    }
  }
  if (opt.tls_cert.empty() != opt.tls_key.empty()) {
    std::fputs("magtreg serve: --tls-cert and --tls-key go together (USAGE)\n", stderr);
    return 2;
  }
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
  if (int rc = run_admin_command(cmd, args); rc >= 0) return rc;
  if (cmd == "version" || cmd == "--version") {
    std::puts("magtreg 0.1.0");
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
