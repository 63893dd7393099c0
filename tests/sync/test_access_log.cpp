// Issue #12: the request log, over real sockets against a real file. One JSON line per request with its
// time, method, route pattern, status, duration, user and bytes; never a CPR number, a token, a password, a
// report ticket, a query string or form content.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "sync/access_log.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;

namespace {

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The log's lines once it has `count` of them (a line is written just after its answer is sent).
std::vector<std::string> wait_for_lines(const std::string& path, std::size_t count) {
  for (int i = 0; i < 200 && lines_of(path).size() < count; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return lines_of(path);
}

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// One request on a raw connection; returns once the server closed it (or after 3 s).
void raw_request(int port, const std::string& text) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  (void)::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
  timeval tv{3, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[4096];
  while (::recv(fd, buf, sizeof buf, 0) > 0) {
  }
  ::close(fd);
}

}  // namespace

TEST_CASE("the access log has one JSON line per request with its route pattern and user, and nothing secret") {
  const std::string log_path = ChildServer::temp_path("access.log");
  ApiServer s(log_path);
  const std::size_t before = wait_for_lines(log_path, 1).size();  // the fixture's readiness checks
  REQUIRE(before >= 1);
  auto c = s.client();
  const std::string staff_id = s.user_id("staff_a"), drift_id = s.user_id("drift");

  struct Expect {
    std::string method, route;
    int status;
    std::string user;
  };
  std::vector<Expect> expected;
  std::vector<std::size_t> body_sizes;
  const auto note = [&](const httplib::Result& r, Expect e) {
    REQUIRE(r);
    CHECK_MESSAGE(r->status == e.status, e.route, " ", r->body.substr(0, 200));
    expected.push_back(std::move(e));
    body_sizes.push_back(r->body.size());
    // A line is written after its answer is sent, by the worker that sent it: wait for it, so the lines of
    // requests on different connections keep the order they were sent in.
    wait_for_lines(log_path, before + expected.size());
  };

  note(c.Get("/api/health"), {"GET", "/api/health", 200, ""});
  auto login = c.Post("/api/v1/login", json{{"username", "staff_a"}, {"password", k_test_password}}.dump(),
                      "application/json");
  note(login, {"POST", "/api/v1/login", 200, staff_id});
  const std::string token = body_of(login)["token"];
  note(c.Post("/api/v1/login", json{{"username", "staff_a"}, {"password", "Forkert-Hemmeligt-Ord"}}.dump(),
              "application/json"),
       {"POST", "/api/v1/login", 401, ""});
  auto citizen = c.Get(("/api/v1/citizens/" + s.world().citizen_a).c_str(), bearer(token));
  note(citizen, {"GET", "/api/v1/citizens/{id}", 200, staff_id});
  REQUIRE(citizen->body.find("010190-1234") != std::string::npos);  // the answer has the CPR number; the log not
  note(c.Get("/api/v1/citizens?q=Anders", bearer(token)), {"GET", "/api/v1/citizens", 200, staff_id});
  auto form = skema_1a(s.world(), s.world().citizen_a, s.world().inst_a, staff_id);
  note(c.Put(("/api/v1/records/form/" + form.id).c_str(), bearer(token), upload_body(form, 1), "application/json"),
       {"PUT", "/api/v1/records/{kind}/{id}", 200, staff_id});
  note(c.Get(("/api/v1/records/form/" + form.id).c_str(), bearer(token)),
       {"GET", "/api/v1/records/{kind}/{id}", 200, staff_id});
  note(c.Get("/api/v1/me", bearer("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")),
       {"GET", "/api/v1/me", 401, ""});
  const std::string drift = s.login("drift");
  expected.push_back({"POST", "/api/v1/login", 200, drift_id});
  body_sizes.push_back(std::string::npos);
  wait_for_lines(log_path, before + expected.size());
  auto link = c.Post("/api/v1/stats/report-link", bearer(drift), R"({"year": 2025})", "application/json");
  note(link, {"POST", "/api/v1/stats/report-link", 200, drift_id});
  const std::string report_url = body_of(link)["url"];
  note(c.Get(report_url.c_str()), {"GET", "/rapport", 200, ""});
  note(c.Get("/index.html?v=0101901234"), {"GET", "/static", 200, ""});
  note(c.Delete("/api/v1/login"), {"DELETE", "/api/v1/login", 405, ""});
  note(c.Get(("/api/v1/nope/" + s.world().citizen_a).c_str()), {"GET", "/api/unknown", 404, ""});
  raw_request(s.port(), "BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
  expected.push_back({"OTHER", "/api/health", 501, ""});
  body_sizes.push_back(std::string::npos);

  const auto lines = wait_for_lines(log_path, before + expected.size());
  REQUIRE(lines.size() == before + expected.size());
  const std::regex utc(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& e = expected[i];
    CAPTURE(lines[before + i]);
    const json line = json::parse(lines[before + i], nullptr, false);
    REQUIRE(line.is_object());
    CHECK(line.size() == 8);
    // An error answer names its stable code; a success has none.
    if (e.status >= 400)
      CHECK((line["code"].is_string() && std::regex_match(line["code"].get<std::string>(), std::regex("[A-Z_]+"))));
    else
      CHECK(line["code"].is_null());
    CHECK(std::regex_match(line.value("time", ""), utc));
    CHECK(line["method"] == e.method);
    CHECK(line["route"] == e.route);
    CHECK(line["status"] == e.status);
    CHECK(line["ms"].is_number());
    CHECK(line["ms"].get<double>() >= 0);
    if (e.user.empty())
      CHECK(line["user"].is_null());
    else
      CHECK(line["user"] == e.user);
    if (body_sizes[i] != std::string::npos) CHECK(line["bytes"] == body_sizes[i]);
  }
  const std::string text = read_all(log_path);
  const std::string ticket = report_url.substr(report_url.find('=') + 1);
  std::vector<std::string> secrets = {"010190-1234", "0101901234", "Anders", token, drift, ticket, k_test_password,
                                      "Forkert-Hemmeligt-Ord", "?", "q=", "Bearer", s.world().citizen_a, form.id};
  for (const auto& [field, value] : form.content.items())  // the form's free text and choices
    if (value.is_string() && value.get<std::string>().size() >= 6) secrets.push_back(value.get<std::string>());
  REQUIRE(secrets.size() > 14);
  for (const std::string& secret : secrets) {
    CAPTURE(secret);
    CHECK(text.find(secret) == std::string::npos);
  }
  std::filesystem::remove_all(std::filesystem::path(log_path).parent_path());
}

TEST_CASE("an access log line is one JSON object, a user only when there is one") {
  sync::AccessEntry e{"2026-12-03T10:15:30.123Z", "GET", "/api/v1/me", 200, 1.5, "", 42};
  CHECK(sync::access_log_line(e) ==
        R"({"time":"2026-12-03T10:15:30.123Z","method":"GET","route":"/api/v1/me","status":200,"ms":1.5,"user":null,"bytes":42,"code":null})");
  e.user_id = "u1";
  CHECK(json::parse(sync::access_log_line(e))["user"] == "u1");
  e.status = 429;
  e.code = "RATE_LIMITED";
  CHECK(json::parse(sync::access_log_line(e))["code"] == "RATE_LIMITED");
}

TEST_CASE("serve refuses to start when its --access-log file cannot be opened (ACCESS_LOG_UNAVAILABLE)") {
  ChildServer server;
  CHECK_FALSE(server.start({"--access-log", "/nonexistent-dir/access.log"}));
  CHECK(server.output().find("ACCESS_LOG_UNAVAILABLE") != std::string::npos);
}
