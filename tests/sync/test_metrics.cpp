// Issue #20, monitoring: GET /metrics in Prometheus' text format, over real sockets, opened only by the
// token in `metrics_token_file`. Counters are the process's, so each check compares before and after.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/storage/transaction.hpp"
#include "sync/metrics.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using namespace magtreg::tests;

namespace {

const std::string k_token = "5f1c0a9e7d3b42c8a6e0f19d2b7c4e8a1d3f5b7c9e0a2c4e";

std::string token_file(const std::string& dir, const std::string& content) {
  const auto path = dir + "/metrics-token";
  std::ofstream(path) << content;
  return path;
}

struct MetricsServer {
  MetricsServer()
      : dir(std::filesystem::path(ChildServer::temp_path("x")).parent_path().string()),
        s({}, [this](sync::ServerOptions& o) { o.metrics_token_file = token_file(dir, k_token + "\n"); }) {}
  ~MetricsServer() { std::filesystem::remove_all(dir); }
  std::string scrape() {
    auto r = s.client().Get("/metrics", bearer(k_token));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return r->body;
  }
  std::string dir;
  ApiServer s;
};

// The value of the sample whose name and labels are exactly `series`; 0 when absent (a counter not yet
// incremented is not printed).
double value_of(const std::string& text, const std::string& series) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  return 0;
}

}  // namespace

TEST_CASE("/metrics answers only the scraper's token, and is not served without one configured") {
  {
    ApiServer plain;
    auto r = plain.client().Get("/metrics", bearer(k_token));
    REQUIRE(r);
    CHECK(r->status == 404);
  }
  MetricsServer m;
  auto c = m.s.client();
  auto none = c.Get("/metrics");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(none->get_header_value("WWW-Authenticate") == "Bearer");
  CHECK(none->body.find("magtreg_") == std::string::npos);
  auto wrong = c.Get("/metrics", bearer(k_token.substr(0, k_token.size() - 1) + "0"));
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  // A user's session token is not the scraper's.
  auto user = c.Get("/metrics", bearer(m.s.login("drift")));
  REQUIRE(user);
  CHECK(user->status == 401);
  auto ok = c.Get("/metrics", bearer(k_token));
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(ok->get_header_value("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
  CHECK(ok->body.find("# TYPE magtreg_http_request_duration_seconds histogram") != std::string::npos);
  CHECK(value_of(ok->body, "magtreg_database_bytes") > 4096);
  CHECK(value_of(ok->body, "magtreg_sessions_active") >= 1);  // drift's, just made
  CHECK(value_of(ok->body, "magtreg_build_info{version=\"" MAGTREG_VERSION "\"}") == 1);
}

TEST_CASE("/metrics counts requests by route pattern and uploads by outcome, and names no one") {
  MetricsServer m;
  const auto& w = m.s.world();
  const std::string token = m.s.login("staff_a");
  REQUIRE_FALSE(token.empty());
  auto c = m.s.client();
  const std::string before = m.scrape();
  const std::string route = "route=\"/api/v1/records/{kind}/{id}\"";

  auto form = skema_1a(w, w.citizen_a, w.inst_a, m.s.user_id("staff_a"));
  const std::string url = "/api/v1/records/form/" + form.id;
  auto stored = c.Put(url.c_str(), bearer(token), upload_body(form, 1), "application/json");
  REQUIRE(stored);
  REQUIRE(stored->status == 200);
  auto replay = c.Put(url.c_str(), bearer(token), upload_body(form, 1), "application/json");
  REQUIRE(replay);
  REQUIRE(replay->status == 200);
  form.content["place"] = "Et andet sted";
  auto conflict = c.Put(url.c_str(), bearer(token), upload_body(form, 1), "application/json");
  REQUIRE(conflict);
  REQUIRE(error_code(conflict) == "REVISION_CONFLICT");
  form.content["place"] = std::string(501, 'a');
  auto too_long = c.Put(url.c_str(), bearer(token), upload_body(form, 2), "application/json");
  REQUIRE(error_code(too_long) == "FIELD_TOO_LONG");
  auto anonymous = c.Put(url.c_str(), upload_body(form, 2), "application/json");
  REQUIRE(error_code(anonymous) == "UNAUTHENTICATED");

  const std::string after = m.scrape();
  auto delta = [&](const std::string& series) { return value_of(after, series) - value_of(before, series); };
  CHECK(delta("magtreg_uploads_total{outcome=\"stored\",code=\"\"}") == 1);
  CHECK(delta("magtreg_uploads_total{outcome=\"replay\",code=\"\"}") == 1);
  CHECK(delta("magtreg_uploads_total{outcome=\"conflict\",code=\"REVISION_CONFLICT\"}") == 1);
  CHECK(delta("magtreg_uploads_total{outcome=\"refused\",code=\"FIELD_TOO_LONG\"}") == 1);
  CHECK(delta("magtreg_uploads_total{outcome=\"error\",code=\"UNAUTHENTICATED\"}") == 1);
  CHECK(delta("magtreg_http_requests_total{method=\"PUT\"," + route + ",status=\"200\"}") == 2);
  CHECK(delta("magtreg_http_requests_total{method=\"PUT\"," + route + ",status=\"409\"}") == 1);
  CHECK(delta("magtreg_api_errors_total{code=\"FIELD_TOO_LONG\"}") == 1);
  CHECK(delta("magtreg_http_request_duration_seconds_count{" + route + "}") == 5);
  // The histogram is cumulative and ends at its count.
  double previous = 0;
  for (double le : sync::Metrics::k_buckets) {
    std::ostringstream bound;
    bound << le;
    const double n = value_of(after, "magtreg_http_request_duration_seconds_bucket{" + route + ",le=\"" + bound.str() + "\"}");
    CHECK(n >= previous);
    previous = n;
  }
  CHECK(value_of(after, "magtreg_http_request_duration_seconds_bucket{" + route + ",le=\"+Inf\"}") ==
        value_of(after, "magtreg_http_request_duration_seconds_count{" + route + "}"));
  // No path, id, user, citizen or CPR number.
  for (const std::string& secret : {form.id, m.s.user_id("staff_a"), w.citizen_a, std::string("010190"), token})
    CHECK(after.find(secret) == std::string::npos);
}

TEST_CASE("/metrics counts an audit row that could not be written") {
  MetricsServer m;
  const auto& w = m.s.world();
  const std::string staff = m.s.login("staff_a");
  const std::string before = m.scrape();
  {
    auto holder = m.s.open_db();
    core::storage::Transaction lock(holder);  // the write lock, held: the read's audit row cannot be written
    REQUIRE(lock.begin_status().ok());
    auto citizen = m.s.client().Get(("/api/v1/citizens/" + w.citizen_a).c_str(), bearer(staff));
    REQUIRE(citizen);
    CHECK(error_code(citizen) == "AUDIT_UNAVAILABLE");
  }
  const std::string after = m.scrape();
  CHECK(value_of(after, "magtreg_audit_write_failures_total") >= value_of(before, "magtreg_audit_write_failures_total") + 1);
  CHECK(value_of(after, "magtreg_api_errors_total{code=\"AUDIT_UNAVAILABLE\"}") ==
        value_of(before, "magtreg_api_errors_total{code=\"AUDIT_UNAVAILABLE\"}") + 1);
}

TEST_CASE("a metrics token file that is missing or too short stops the start") {
  const auto dir = std::filesystem::path(ChildServer::temp_path("x")).parent_path().string();
  for (const std::string& content : {std::string("short-token\n"), std::string()}) {
    ChildServer server;
    const auto path = content.empty() ? dir + "/missing" : token_file(dir, content);
    CHECK_FALSE(server.start({"--metrics-token-file", path}));
    CHECK(server.output().find("(METRICS_TOKEN_INVALID)") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("/metrics reports the scheduled backups in backup_dir: how many, and when the newest was written") {
  const auto dir = std::filesystem::path(ChildServer::temp_path("x")).parent_path();
  const auto backups = dir / "backups";
  std::filesystem::create_directories(backups);
  std::ofstream(backups / "magtreg-20261201T023000Z.db") << "x";
  std::ofstream(backups / "magtreg-20261202T023000Z.db") << "x";
  std::ofstream(backups / "notes.txt") << "not a backup";
  // Both times set: a file just written would be newer than either, whatever today's date is.
  const auto at = [](long long unix_seconds) {
    return std::chrono::file_clock::from_sys(std::chrono::sys_seconds(std::chrono::seconds(unix_seconds)));
  };
  std::filesystem::last_write_time(backups / "magtreg-20261201T023000Z.db", at(1796524200));
  std::filesystem::last_write_time(backups / "magtreg-20261202T023000Z.db", at(1796610600));
  ApiServer s({}, [&](sync::ServerOptions& o) {
    o.metrics_token_file = token_file(dir.string(), k_token);
    o.backup_dir = backups.string();
  });
  auto r = s.client().Get("/metrics", bearer(k_token));
  REQUIRE(r);
  REQUIRE(r->status == 200);
  CHECK(value_of(r->body, "magtreg_backups") == 2);
  CHECK(value_of(r->body, "magtreg_backup_newest_timestamp_seconds") == 1796610600);
  std::filesystem::remove_all(dir);
}
