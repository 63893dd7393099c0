// Issue #12, the HTTP layer, over real sockets: security headers on every answer and a policy the app and
// the server's documents run under (finding 8); slow clients cannot hold the workers (finding 9);
// pipelined requests are answered; report links are single-use; a method a route does not take gets 405
// with Allow, an unknown one 501; a chunked body gets 411, one over the limit 413.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <regex>
#include <thread>
#include <vector>

#include "core/util/sha256.hpp"
#include "core/util/uuid.hpp"
#include "sync/api.hpp"
#include "sync/security_headers.hpp"
#include "tests/sync/api_fixture.hpp"
#include "tests/sync/raw_http.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;

namespace {

std::string read_text(const std::string& path) {
  std::string text;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
  }
  return text;
}

// The CSP hash source of an inline block, computed here independently of the server.
std::string csp_hash(const std::string& text) {
  core::Sha256 h;
  h.update(text);
  auto d = h.finish();
  char b64[64];
  sodium_bin2base64(b64, sizeof b64, d.data(), d.size(), sodium_base64_VARIANT_ORIGINAL);
  return "'sha256-" + std::string(b64) + "'";
}

void check_security_headers(const httplib::Result& r) {
  REQUIRE(r);
  CAPTURE(r->status);
  CHECK(r->get_header_value("Content-Security-Policy") == sync::content_security_policy());
  CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(r->get_header_value("X-Frame-Options") == "DENY");
  CHECK(r->get_header_value("Referrer-Policy") == "no-referrer");
  CHECK_FALSE(r->has_header("Strict-Transport-Security"));  // plain HTTP: HSTS belongs to the TLS end
}

}  // namespace

TEST_CASE("every answer carries the security headers, and API answers are never stored") {
  ApiServer s;
  auto c = s.client();
  const std::string token = s.login("staff_a");
  for (const char* path : {"/", "/index.html", "/boot.js", "/sw.js", "/api/health", "/api/v1/nope", "/nope.txt"}) {
    CAPTURE(path);
    auto r = c.Get(path);
    check_security_headers(r);
    if (std::string(path).rfind("/api/", 0) == 0) CHECK(r->get_header_value("Cache-Control") == "no-store");
  }
  const std::string policy = sync::content_security_policy();
  CHECK(policy.find("frame-ancestors 'none'") != std::string::npos);
  CHECK(policy.find("'wasm-unsafe-eval'") != std::string::npos);
  CHECK(policy.find("'unsafe-inline'") == std::string::npos);
  CHECK(policy.find("'unsafe-eval'") == std::string::npos);

  // The login answer (the token) and a citizen read (a CPR number): no-store, once.
  auto login = c.Post("/api/v1/login", json{{"username", "staff_a"}, {"password", k_test_password}}.dump(),
                      "application/json");
  check_security_headers(login);
  CHECK(login->get_header_value("Cache-Control") == "no-store");
  CHECK(login->get_header_value_count("Cache-Control") == 1);
  auto citizen = c.Get(("/api/v1/citizens/" + s.world().citizen_a).c_str(), bearer(token));
  REQUIRE(citizen->status == 200);
  check_security_headers(citizen);
  CHECK(citizen->get_header_value("Cache-Control") == "no-store");
  // A malformed request httplib answers itself.
  auto bad = c.Post("/api/v1/login", "{", "application/json");
  check_security_headers(bad);
}

TEST_CASE("the app's page has no inline script, style or handler, so the policy needs none") {
  const std::string html = read_text(std::string(MAGTREG_SOURCE_DIR) + "/public/index.html");
  REQUIRE_FALSE(html.empty());
  CHECK(html.find("<style") == std::string::npos);
  CHECK_FALSE(std::regex_search(html, std::regex(R"(<script(?![^>]*\bsrc=)[^>]*>)")));
  CHECK_FALSE(std::regex_search(html, std::regex(R"(\son[a-z]+\s*=)", std::regex::icase)));
  CHECK_FALSE(std::regex_search(html, std::regex(R"(\sstyle\s*=)", std::regex::icase)));
  // Every file the page and its worker load is served from this origin.
  const std::string sw = read_text(std::string(MAGTREG_SOURCE_DIR) + "/public/sw.js");
  for (const char* f : {"'/boot.js'", "'/app.css'"}) CHECK(sw.find(f) != std::string::npos);
}

TEST_CASE("the yearly report's inline style and print button are allowed by their hashes, and nothing else inline") {
  ApiServer s;
  auto c = s.client();
  const std::string drift = s.login("drift");
  auto link = c.Post("/api/v1/stats/report-link", bearer(drift), R"({"year": 2025})", "application/json");
  REQUIRE_MESSAGE(link->status == 200, link->body);
  auto page = c.Get(body_of(link)["url"].get<std::string>().c_str());
  REQUIRE(page->status == 200);
  check_security_headers(page);
  const std::string& html = page->body;
  const std::string policy = page->get_header_value("Content-Security-Policy");
  const std::regex style(R"(<style>([\s\S]*?)</style>)"), handler(R"(\son[a-z]+="([^"]*)\")");
  int inline_parts = 0;
  for (const auto& re : {style, handler})
    for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it, ++inline_parts)
      CHECK_MESSAGE(policy.find(csp_hash((*it)[1].str())) != std::string::npos, (*it)[1].str().substr(0, 60));
  CHECK(inline_parts == 2);
  CHECK(html.find("<script") == std::string::npos);
  // The error page of an expired link uses the same style.
  auto expired = c.Get("/rapport?ticket=forkert");
  REQUIRE(expired->status == 401);
  std::smatch m;
  REQUIRE(std::regex_search(expired->body, m, style));
  CHECK(policy.find(csp_hash(m[1].str())) != std::string::npos);
  CHECK(expired->body.find("style=") == std::string::npos);
}

TEST_CASE("a report ticket opens its page once; the page's CSV link is a fresh ticket, also single-use") {
  ApiServer s;
  auto c = s.client();
  const std::string drift = s.login("drift");
  auto link = c.Post("/api/v1/stats/report-link", bearer(drift), R"({"year": 2025})", "application/json");
  REQUIRE_MESSAGE(link->status == 200, link->body);
  const std::string url = body_of(link)["url"], csv_url = body_of(link)["csv_url"];
  CHECK(url.substr(url.find('=')) != csv_url.substr(csv_url.find('=')));
  auto page = c.Get(url.c_str());
  REQUIRE(page->status == 200);
  CHECK(c.Get(url.c_str())->status == 401);
  std::smatch m;
  REQUIRE(std::regex_search(page->body, m, std::regex(R"(href="(/rapport\.csv\?ticket=[0-9a-f]{64})\")")));
  const std::string page_csv = m[1].str();
  CHECK(page_csv != csv_url);
  CHECK(c.Get(page_csv.c_str())->status == 200);
  CHECK(c.Get(page_csv.c_str())->status == 401);
  CHECK(c.Get(csv_url.c_str())->status == 200);
  CHECK(c.Get(csv_url.c_str())->status == 401);
}

TEST_CASE("forty slow-loris connections do not hold the workers beyond a request's budget") {
  ApiServer s;
  std::vector<int> slow;
  for (int i = 0; i < 40; ++i) {
    const int fd = connect_to(s.port());
    REQUIRE(fd >= 0);
    send_all(fd, "GET /api/health HTTP/1.1\r\nHost: x\r\n");
    slow.push_back(fd);
  }
  // A header line every second: never silent for the 5 s read timeout, so only the 10 s budget ends them.
  std::atomic<bool> stop{false};
  std::thread trickle([&] {
    for (int t = 0; t < 30 && !stop.load(); ++t) {
      for (int fd : slow) send_all(fd, "X-Slow: " + std::to_string(t) + "\r\n");
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto t0 = std::chrono::steady_clock::now();
  httplib::Client c("127.0.0.1", s.port());
  c.set_read_timeout(30, 0);
  c.set_connection_timeout(30, 0);
  auto health = c.Get("/api/health");
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  stop.store(true);
  trickle.join();
  REQUIRE(health);
  CHECK(health->status == 200);
  CAPTURE(waited);
  CHECK(waited < 12.0);  // the 10 s budget and some slack; before, as long as the trickle lasted
  // The slow connections were cut off, not answered.
  for (int fd : slow) {
    CHECK(read_for(fd, 2000).find("HTTP/1.1 200") == std::string::npos);
    ::close(fd);
  }
}

TEST_CASE("two pipelined requests on one keep-alive connection both get their answer") {
  ApiServer s;
  const int fd = connect_to(s.port());
  REQUIRE(fd >= 0);
  send_all(fd, "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/nope HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::string answers = read_for(fd, 3000);
  ::close(fd);
  CHECK(count_of(answers, "HTTP/1.1 200") == 1);
  CHECK(count_of(answers, "HTTP/1.1 404") == 1);
  CHECK(answers.find("NOT_FOUND") != std::string::npos);
}

TEST_CASE("an unknown method gets 501 NOT_IMPLEMENTED, and the connection closes before its headers are read as requests") {
  ApiServer s;
  for (const char* line : {"BREW /api/health HTTP/1.1", "PROPFIND / HTTP/1.1", "PROPFIND /api/v1/nope?q=x HTTP/1.1"}) {
    CAPTURE(line);
    const int fd = connect_to(s.port());
    REQUIRE(fd >= 0);
    send_all(fd, std::string(line) + "\r\nHost: x\r\nX-Other: y\r\n\r\nGET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::string answer = read_for(fd, 3000);
    ::close(fd);
    CHECK(answer.rfind("HTTP/1.1 501 Not Implemented\r\n", 0) == 0);
    CHECK(count_of(answer, "HTTP/1.1 ") == 1);  // before: a 400 for the request line and one per header line
    CHECK(answer.find("Connection: close\r\n") != std::string::npos);
    CHECK(answer.find(R"({"error":{"code":"NOT_IMPLEMENTED")") != std::string::npos);
    CHECK(answer.find("Content-Security-Policy: ") != std::string::npos);
    const bool known_route = std::string(line).find("nope") == std::string::npos;
    CHECK((answer.find("\r\nAllow: GET, HEAD\r\n") != std::string::npos) == known_route);
  }
}

TEST_CASE("a method the route does not take gets 405 METHOD_NOT_ALLOWED with Allow; an unknown API path stays 404") {
  ApiServer s;
  auto c = s.client();
  struct Row {
    const char* method;
    const char* path;
    int status;
    const char* allow;
  };
  for (const Row& row : {Row{"DELETE", "/api/v1/login", 405, "POST"}, Row{"GET", "/api/v1/login", 405, "POST"},
                         Row{"PUT", "/api/v1/me", 405, "GET, HEAD"}, Row{"PATCH", "/api/health", 405, "GET, HEAD"},
                         Row{"OPTIONS", "/api/v1/records/form/abc", 405, "GET, HEAD, PUT"},
                         Row{"PUT", "/api/v1/stats/commentary", 0, ""},  // both GET and PUT: routed (401)
                         Row{"POST", "/index.html", 405, "GET, HEAD"}, Row{"DELETE", "/rapport", 405, "GET, HEAD"},
                         Row{"DELETE", "/api/v1/nope", 404, nullptr}, Row{"GET", "/api/v1/nope", 404, nullptr}}) {
    CAPTURE(row.method);
    CAPTURE(row.path);
    httplib::Request req;
    req.method = row.method;
    req.path = row.path;
    auto r = c.send(req);
    check_security_headers(r);
    if (row.status == 0) {
      CHECK(r->status == 401);
      continue;
    }
    CHECK(r->status == row.status);
    CHECK(error_code(r) == (row.status == 405 ? "METHOD_NOT_ALLOWED" : "NOT_FOUND"));
    CHECK(r->has_header("Allow") == (row.allow != nullptr));
    if (row.allow) CHECK(r->get_header_value("Allow") == row.allow);
  }
  // Without a body the connection stays usable; with one (left unread) it is closed, so the body is never
  // taken for a request.
  int fd = connect_to(s.port());
  send_all(fd, "DELETE /api/v1/login HTTP/1.1\r\nHost: x\r\n\r\nGET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string answers = read_for(fd, 3000);
  ::close(fd);
  CHECK(count_of(answers, "HTTP/1.1 405") == 1);
  CHECK(count_of(answers, "HTTP/1.1 200") == 1);
  const std::string smuggled = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
  fd = connect_to(s.port());
  send_all(fd, "POST /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(smuggled.size()) +
                   "\r\n\r\n" + smuggled);
  answers = read_for(fd, 3000);
  ::close(fd);
  CHECK(count_of(answers, "HTTP/1.1 405") == 1);
  CHECK(count_of(answers, "HTTP/1.1 ") == 1);
}

TEST_CASE("a chunked body is refused 411 LENGTH_REQUIRED before it is read, and the connection closes") {
  ApiServer s;
  const std::string token = s.login("staff_a");
  REQUIRE_FALSE(token.empty());
  const std::string login = json{{"username", "staff_a"}, {"password", k_test_password}}.dump();
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", login.size());
  const std::string chunked = size + login + "\r\n0\r\n\r\n";
  // A request after the body on the same connection is never answered: the body was not read.
  const std::string next = "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n";
  for (const std::string& head :
       {std::string("POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"),
        "PUT /api/v1/records/form/" + core::new_uuid() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
            "\r\nContent-Type: application/json\r\n"}) {
    CAPTURE(head.substr(0, 20));
    const int fd = connect_to(s.port());
    REQUIRE(fd >= 0);
    send_all(fd, head + "Transfer-Encoding: chunked\r\n\r\n" + chunked + next);
    const std::string answer = read_for(fd, 3000);
    ::close(fd);
    CHECK(answer.rfind("HTTP/1.1 411 Length Required\r\n", 0) == 0);  // before: the body was read, 200
    CHECK(answer.find(R"({"error":{"code":"LENGTH_REQUIRED")") != std::string::npos);
    CHECK(answer.find("Connection: close\r\n") != std::string::npos);
    CHECK(count_of(answer, "HTTP/1.1 ") == 1);
  }
  // A body over the limit with a Content-Length gets 413 before it is read.
  const std::string big(sync::k_max_request_body + 64 * 1024, ' ');
  auto c = s.client();
  auto big_length = c.Post("/api/v1/login", big, "application/json");
  REQUIRE(big_length);
  CHECK(big_length->status == 413);
  CHECK(error_code(big_length) == "PAYLOAD_TOO_LARGE");
}
