// Issue #20, deployment: `magtreg serve --config FILE`. Every flag has a key in the file, flags override the
// file, and a bad key or value stops the start with a message naming it and its line.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "core/sync/routes.hpp"
#include "sync/serve_config.hpp"
#include "tests/sync/server_fixture.hpp"

using namespace magtreg;
using magtreg::tests::ChildServer;
namespace fs = std::filesystem;

namespace {

struct ConfigDir {
  ConfigDir() : dir(fs::path(ChildServer::temp_path("x")).parent_path()) {}
  ~ConfigDir() { fs::remove_all(dir); }
  std::string write(const std::string& text, const char* name = "magtreg.toml") const {
    const auto path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  fs::path dir;
};

// A valid value per setting, as the file writes it and as the flag takes it.
struct Sample {
  std::string toml;
  std::string flag;
};

const std::map<std::string, Sample>& samples() {
  static const std::map<std::string, Sample> s = {
      {"bind", {"\"0.0.0.0\"", "0.0.0.0"}},
      {"port", {"8443", "8443"}},
      {"db", {"\"/var/lib/magtreg/magtreg.db\"", "/var/lib/magtreg/magtreg.db"}},
      {"public", {"\"/usr/share/magtreg/public\"", "/usr/share/magtreg/public"}},
      {"app", {"\"/usr/share/magtreg/app\"", "/usr/share/magtreg/app"}},
      {"tls_cert", {"\"/etc/magtreg/cert.pem\"", "/etc/magtreg/cert.pem"}},
      {"tls_key", {"\"/etc/magtreg/key.pem\"", "/etc/magtreg/key.pem"}},
      {"audit_key", {"\"/etc/magtreg/audit-key\"", "/etc/magtreg/audit-key"}},
      {"audit_anchor", {"\"/var/lib/magtreg/anchor\"", "/var/lib/magtreg/anchor"}},
      {"access_log", {"\"/var/log/magtreg/access.log\"", "/var/log/magtreg/access.log"}},
      {"trusted_proxy", {"[\"10.0.0.5\"]", "10.0.0.5"}},
      {"offline_unlock_hours", {"48", "48"}},
      {"metrics_token_file", {"\"/etc/magtreg/metrics-token\"", "/etc/magtreg/metrics-token"}},
      {"oidc_issuer", {"\"https://login.kommune.dk\"", "https://login.kommune.dk"}},
      {"oidc_client_id", {"\"magtreg\"", "magtreg"}},
      {"oidc_client_secret_file", {"\"/etc/magtreg/oidc-secret\"", "/etc/magtreg/oidc-secret"}},
      {"oidc_redirect_uri", {"\"https://magtreg.kommune.dk/api/v1/sso/callback\"", "https://magtreg.kommune.dk/api/v1/sso/callback"}},
      {"oidc_group_claim", {"\"roles\"", "roles"}},
      {"backup_dir", {"\"/var/lib/magtreg/backups\"", "/var/lib/magtreg/backups"}},
      {"backup_keep", {"30", "30"}},
      {"max_connections", {"2048", "2048"}},
      {"max_connections_per_address", {"64", "64"}},
  };
  return s;
}

std::string error_of(const std::string& text) {
  ConfigDir d;
  return sync::read_serve_config(d.write(text)).error;
}

}  // namespace

TEST_CASE("every serve flag has a key in the configuration file that sets the same option") {
  const ConfigDir d;
  const sync::ServerOptions defaults;
  for (const auto& s : sync::serve_settings()) {
    CAPTURE(s.key);
    REQUIRE_MESSAGE(samples().count(std::string(s.key)), "no sample value for a new setting");
    const Sample& sample = samples().at(std::string(s.key));
    // tls_cert and tls_key go together: give the other one the same way.
    std::string file = std::string(s.key) + " = " + sample.toml + "\n";
    std::vector<std::string_view> flags = {s.flag, sample.flag};
    if (s.key == "tls_cert") file += "tls_key = \"/k\"\n", flags.insert(flags.end(), {"--tls-key", "/k"});
    if (s.key == "tls_key") file += "tls_cert = \"/c\"\n", flags.insert(flags.end(), {"--tls-cert", "/c"});
    if (s.key == "oidc_issuer") {  // the issuer needs its client
      file += "oidc_client_id = \"m\"\noidc_client_secret_file = \"/s\"\noidc_redirect_uri = \"https://m/cb\"\n";
      flags.insert(flags.end(), {"--oidc-client-id", "m", "--oidc-client-secret-file", "/s", "--oidc-redirect-uri", "https://m/cb"});
    }
    auto by_file = sync::read_serve_config(d.write(file));
    auto by_flag = sync::parse_serve_args(flags);
    REQUIRE_MESSAGE(by_file.ok(), by_file.error);
    REQUIRE_MESSAGE(by_flag.ok(), by_flag.error);
    CHECK(s.get(by_file.options) == s.get(by_flag.options));
    CHECK(s.get(by_file.options) != s.get(defaults));  // the sample really changed something
    CHECK(sync::serve_config_text(by_file.options) == sync::serve_config_text(by_flag.options));
  }
  CHECK(samples().size() == sync::serve_settings().size());
}

TEST_CASE("a bad configuration file is refused with its key, its line and CONFIG_INVALID") {
  CHECK(error_of("bind = \"0.0.0.0\"\nprot = 80\n").find(":2: ukendt nøgle 'prot' (CONFIG_INVALID)") !=
        std::string::npos);
  CHECK(error_of("port = \"8080\"\n").find(":1: 'port' skal være et helt tal") != std::string::npos);
  CHECK(error_of("port = 70000\n").find("'port' skal være et helt tal fra 0 til 65535, ikke '70000'") !=
        std::string::npos);
  CHECK(error_of("\n\noffline_unlock_hours = 0\n").find(":3: 'offline_unlock_hours'") != std::string::npos);
  CHECK(error_of("trusted_proxy = [\"proxy.kommune.dk\"]\n").find("'trusted_proxy' skal være en IPv4") !=
        std::string::npos);
  CHECK(error_of("trusted_proxy = [5]\n").find("liste af tekster") != std::string::npos);
  CHECK(error_of("db = \"a.db\"\n[server]\nport = 1\n").find("ukendt nøgle 'server'") != std::string::npos);
  CHECK(error_of("port = \n").find(":1: ikke gyldig TOML") != std::string::npos);
  CHECK(error_of("tls_cert = \"/c\"\n").find("'tls_cert' og 'tls_key' skal angives sammen (CONFIG_INVALID)") !=
        std::string::npos);
  CHECK(sync::read_serve_config("/nonexistent/magtreg.toml").error ==
        "/nonexistent/magtreg.toml: filen kan ikke læses (CONFIG_INVALID)");
}

TEST_CASE("flags override the configuration file wherever they stand; relative paths are the file's folder's") {
  const ConfigDir d;
  const auto path = d.write("port = 8443\ndb = \"state/magtreg.db\"\naccess_log = \"-\"\ntrusted_proxy = [\"10.0.0.5\"]\n");
  auto r = sync::parse_serve_args({"--port", "9000", "--config", path, "--trusted-proxy", "10.0.0.6"});
  REQUIRE_MESSAGE(r.ok(), r.error);
  CHECK(r.options.port == 9000);
  CHECK(r.options.db_path == (d.dir / "state" / "magtreg.db").string());
  CHECK(r.options.access_log == "-");  // stderr, not a file named "-" in the folder
  CHECK(r.options.trusted_proxies == std::vector<std::string>{"10.0.0.5", "10.0.0.6"});
  CHECK(sync::parse_serve_args({"--port", "8o80"}).error.find("--port: 'port' skal være et helt tal") == 0);
  CHECK(sync::parse_serve_args({"--prot", "1"}).error == "ukendt eller ufuldstændig valgmulighed '--prot' (USAGE)");
  CHECK(sync::parse_serve_args({"--config"}).error == "--config mangler en fil (USAGE)");
}

TEST_CASE("the printed settings are a configuration file that reads back to the same settings") {
  const ConfigDir d;
  auto first = sync::parse_serve_args({"--port", "8443", "--db", "/srv/m.db", "--trusted-proxy", "::1",
                                       "--trusted-proxy", "10.1.2.3", "--access-log", "/var/log/a \"b\".log"});
  REQUIRE_MESSAGE(first.ok(), first.error);
  const std::string text = sync::serve_config_text(first.options);
  auto again = sync::read_serve_config(d.write(text));
  REQUIRE_MESSAGE(again.ok(), again.error);
  CHECK(sync::serve_config_text(again.options) == text);
  CHECK(again.options.access_log == "/var/log/a \"b\".log");
  // A route named in a setting's help is spelled from the route table, never as a placeholder.
  CHECK(text.find("{sso_callback}") == std::string::npos);
  CHECK(text.find("the public address of " + std::string(magtreg::core::sync::routes::sso_callback.name)) !=
        std::string::npos);
}

TEST_CASE("magtreg serve --config: the real server takes its settings from the file, and a bad file stops it") {
  const ConfigDir d;
  const auto log = (d.dir / "access.log").string();
  ChildServer server;
  REQUIRE_MESSAGE(server.start({"--config", d.write("access_log = \"access.log\"\noffline_unlock_hours = 24\n")}),
                  server.output());
  httplib::Client cli("127.0.0.1", server.port());
  auto res = cli.Get("/api/health");
  REQUIRE(res);
  CHECK(res->status == 200);
  std::string line;
  for (int i = 0; i < 200 && line.empty(); ++i) {
    std::ifstream in(log);
    std::getline(in, line);
    if (line.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(line.find("\"route\":\"/api/health\"") != std::string::npos);
  CHECK(server.terminate() == 0);

  const auto bad = d.write("port = 8080\nofline_unlock_hours = 24\n", "bad.toml");
  auto run = tests::run_command(std::string(MAGTREG_BINARY) + " serve --config '" + bad + "' 2>&1");
  CHECK(run.exit_code == 2);
  CHECK(run.out.find("bad.toml:2: ukendt nøgle 'ofline_unlock_hours' (CONFIG_INVALID)") != std::string::npos);
  auto checked = tests::run_command(std::string(MAGTREG_BINARY) + " config --config '" + bad + "' 2>&1");
  CHECK(checked.exit_code == 2);
  auto admin = tests::run_command(std::string(MAGTREG_BINARY) + " backup /tmp/x.db --config '" + bad + "' 2>&1");
  CHECK(admin.exit_code != 0);
  CHECK(admin.out.find("ukendt nøgle 'ofline_unlock_hours'") != std::string::npos);

  // The admin commands find the service's database through the same file.
  const auto good = d.write("db = \"state.db\"\n", "good.toml");
  auto listed = tests::run_command(std::string(MAGTREG_BINARY) + " device list --config '" + good + "' 2>&1");
  CHECK_MESSAGE(listed.exit_code == 0, listed.out);
  CHECK(fs::exists(d.dir / "state.db"));
  CHECK(fs::exists(d.dir / "state.db.audit-key"));
}
