// Issue #29, security round 3, over real sockets: request smuggling, slow clients from one address, login
// throttling behind a municipality's proxy, oversized fields, and the audit key gone.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "core/storage/transaction.hpp"
#include "sync/directory.hpp"
#include "sync/sessions.hpp"
#include "core/util/uuid.hpp"

#include "tests/sync/api_fixture.hpp"
#include "tests/sync/raw_http.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;

TEST_CASE("a request with both Content-Length and Transfer-Encoding is refused 400 BAD_FRAMING and its connection closed") {
  ApiServer s;
  const std::string victim = s.login("staff_b");
  REQUIRE_FALSE(victim.empty());
  // Read by Content-Length (as a proxy in front would), the body holds a second request with another
  // user's token; read as chunked, it ends at "0" and the rest is a request of its own.
  const std::string smuggled = "0\r\n\r\nGET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + victim + "\r\n\r\n";
  const std::string body_of_login = json{{"username", "nobody"}, {"password", "x"}}.dump();
  struct Case {
    const char* name;
    std::string request;
  };
  const Case cases[] = {
      {"both lengths", "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(smuggled.size()) +
                           "\r\nTransfer-Encoding: chunked\r\n\r\n" + smuggled},
      {"both lengths, TE first", "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: " +
                                     std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled},
      {"two Content-Length", "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: " +
                                 std::to_string(body_of_login.size()) + "\r\n\r\n" + body_of_login},
      {"a signed length", "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: +" +
                              std::to_string(body_of_login.size()) + "\r\n\r\n" + body_of_login},
      {"a GET with both", "GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(smuggled.size()) +
                              "\r\nTransfer-Encoding: chunked\r\n\r\n" + smuggled},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const int fd = connect_to(s.port());
    REQUIRE(fd >= 0);
    send_all(fd, c.request);
    const std::string answer = read_for(fd, 3000);
    CHECK(closed_within(fd, 0));
    ::close(fd);
    CHECK(answer.rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
    CHECK(answer.find(R"({"error":{"code":"BAD_FRAMING")") != std::string::npos);
    CHECK(answer.find("Connection: close\r\n") != std::string::npos);
    CHECK(count_of(answer, "HTTP/1.1 ") == 1);  // before: a second answer, 200 with staff_b's profile
    CHECK(answer.find("staff_b") == std::string::npos);
  }
}

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string login_request(const std::string& username, const std::string& password,
                          const std::string& extra_headers = {}) {
  const std::string body = json{{"username", username}, {"password", password}}.dump();
  return "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n" +
         extra_headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("250 idle and trickling connections from one address leave another address's login and upload within 1 s") {
  ApiServer s;
  const std::string token = s.login("staff_a");
  REQUIRE_FALSE(token.empty());
  const char* attacker = "127.0.0.3";
  std::vector<int> idle, heads, bodies;
  for (int i = 0; i < 190; ++i) idle.push_back(connect_to(s.port(), attacker));  // 250 in all, under 256
  for (int i = 0; i < 30; ++i) {
    heads.push_back(connect_to(s.port(), attacker));
    send_all(heads.back(), "GET /api/health HTTP/1.1\r\nHost: x\r\n");
    bodies.push_back(connect_to(s.port(), attacker));
    send_all(bodies.back(), "PUT /api/v1/records/form/" + core::new_uuid() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                                token + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
  }
  for (int fd : idle) REQUIRE(fd >= 0);
  // A header line and a few body bytes every 300 ms: never silent for the read timeout.
  std::atomic<bool> stop{false};
  std::thread trickle([&] {
    for (int t = 0; t < 30 && !stop.load(); ++t) {
      for (int fd : heads) send_all(fd, "X-Slow: " + std::to_string(t) + "\r\n");
      for (int fd : bodies) send_all(fd, "\"x\":1,");
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  const auto during = s.server().connections();
  CHECK(during.open >= 250);
  CHECK(during.refused == 0);
  CHECK(during.busy <= 16);  // one address's slow bodies hold at most its share of the 32 workers

  auto t0 = std::chrono::steady_clock::now();
  const std::string login = ask(s.port(), "127.0.0.2", login_request("staff_b", k_test_password));
  const double login_took = seconds_since(t0);
  CHECK(login.rfind("HTTP/1.1 200", 0) == 0);
  CAPTURE(login_took);
  CHECK(login_took < 1.0);  // before: 23-29 s behind the idle connections

  const std::string staff_b = json::parse(login.substr(login.find("\r\n\r\n") + 4))["token"].get<std::string>();
  const auto form = skema_1a(s.world(), s.world().citizen_b, s.world().inst_b, s.user_id("staff_b"));
  const std::string body = upload_body(form, 1);
  t0 = std::chrono::steady_clock::now();
  const std::string upload =
      ask(s.port(), "127.0.0.2",
          "PUT /api/v1/records/form/" + form.id + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + staff_b +
              "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) +
              "\r\n\r\n" + body);
  const double upload_took = seconds_since(t0);
  CHECK(upload.rfind("HTTP/1.1 200", 0) == 0);
  CAPTURE(upload_took);
  CHECK(upload_took < 1.0);

  stop.store(true);
  trickle.join();
  for (const auto* fds : {&idle, &heads, &bodies})
    for (int fd : *fds) ::close(fd);
}

TEST_CASE("a connection over the per-address limit is answered 503 SERVER_BUSY and closed; other addresses connect") {
  ApiServer s({}, [](sync::ServerOptions& o) { o.max_connections_per_address = 20; });
  std::vector<int> held;
  for (int i = 0; i < 20; ++i) held.push_back(connect_to(s.port(), "127.0.0.3"));
  for (int fd : held) REQUIRE(fd >= 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::string refused = ask(s.port(), "127.0.0.3", "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n", 2000);
  CHECK(refused.rfind("HTTP/1.1 503 Service Unavailable\r\n", 0) == 0);
  CHECK(refused.find(R"({"error":{"code":"SERVER_BUSY")") != std::string::npos);
  CHECK(refused.find("Retry-After: 5\r\n") != std::string::npos);
  CHECK(s.server().connections().refused == 1);
  const std::string other = ask(s.port(), "127.0.0.2", "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(other.rfind("HTTP/1.1 200", 0) == 0);
  // Once the held ones close, the address is served again.
  for (int fd : held) ::close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(ask(s.port(), "127.0.0.3", "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").rfind("HTTP/1.1 200", 0) == 0);
}

TEST_CASE("fifty failed logins through a trusted proxy from one forwarded address stop neither another user's login nor the owner's on a known tablet") {
  ApiServer s({}, [](sync::ServerOptions& o) { o.trusted_proxies = {"127.0.0.5"}; });
  const char* proxy = "127.0.0.5";
  const auto via = [](const std::string& forwarded) { return "X-Forwarded-For: " + forwarded + "\r\n"; };
  const auto status_of = [](const std::string& answer) {
    return answer.size() > 12 ? std::atoi(answer.substr(9, 3).c_str()) : 0;
  };
  // staff_a's tablet: a login that names it makes it known.
  const std::string tablet = R"("device":{"id":"tablet-0001-egebo","name":"Egebo 1"})";
  const auto login_on = [&](const std::string& username, const std::string& password, const std::string& device,
                            const std::string& forwarded) {
    std::string body = json{{"username", username}, {"password", password}}.dump();
    if (!device.empty()) body = body.substr(0, body.size() - 1) + "," + device + "}";
    return ask(s.port(), proxy,
               "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n" +
                   via(forwarded) + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  };
  REQUIRE(status_of(login_on("staff_a", k_test_password, tablet, "10.1.1.20")) == 200);

  // The attacker, behind the same proxy, forging an address to the left of the one the proxy appends.
  int refused = 0, checked = 0;
  for (int i = 0; i < 50; ++i) {
    const int status = status_of(ask(s.port(), proxy, login_request(i % 2 ? "staff_a" : "leader_a", "wrong-password-1",
                                                                    via("1.2.3." + std::to_string(i) + ", 203.0.113.7"))));
    if (status == 429) ++refused;
    if (status == 401) ++checked;
  }
  CHECK(checked == 10);  // five per account from that address, then its lock
  CHECK(refused == 40);
  // Another user behind the proxy: before, 429 for the whole municipality after 20 failures.
  CHECK(status_of(ask(s.port(), proxy, login_request("staff_b", k_test_password, via("198.51.100.2")))) == 200);
  // The owner on the known tablet, from another address: at once.
  CHECK(status_of(login_on("staff_a", k_test_password, tablet, "10.1.1.21")) == 200);
  // The attacker's address stays refused for the account, whatever it forges.
  CHECK(status_of(ask(s.port(), proxy, login_request("leader_a", k_test_password, via("9.9.9.9, 203.0.113.7")))) == 429);

  // From an untrusted peer, X-Forwarded-For is ignored: the socket's address is the client's.
  const char* direct = "127.0.0.6";
  int direct_refused = 0;
  for (int i = 0; i < 30; ++i)
    if (status_of(ask(s.port(), direct, login_request("user" + std::to_string(i), "wrong-password-1",
                                                      via("10.9.9." + std::to_string(i))))) == 429)
      ++direct_refused;
  CHECK(direct_refused == 10);  // twenty per address, then refused, one forged address or another
}

TEST_CASE("failures from many addresses slow the account down step by step, and a known tablet still logs in") {
  ApiServer s({}, [](sync::ServerOptions& o) { o.trusted_proxies = {"127.0.0.5"}; });
  const auto attempt = [&](const std::string& forwarded, const std::string& password) {
    return ask(s.port(), "127.0.0.5", login_request("leader_a", password, "X-Forwarded-For: " + forwarded + "\r\n"));
  };
  for (int i = 0; i < 5; ++i) CHECK(attempt("203.0.113." + std::to_string(i), "wrong-password-1").rfind("HTTP/1.1 401", 0) == 0);
  // The sixth, from yet another address, waits: the account's delay, not the address's lock.
  const std::string sixth = attempt("203.0.113.50", "wrong-password-1");
  CHECK(sixth.rfind("HTTP/1.1 429", 0) == 0);
  CHECK(sixth.find("Retry-After: 1\r\n") != std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK(attempt("203.0.113.51", "wrong-password-1").rfind("HTTP/1.1 401", 0) == 0);
  const std::string next = attempt("203.0.113.52", "wrong-password-1");
  CHECK(next.find("Retry-After: 2\r\n") != std::string::npos);  // doubled
  // The right password from an unknown client waits too; after the delay it is let in, and the count clears.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  CHECK(attempt("198.51.100.9", k_test_password).rfind("HTTP/1.1 200", 0) == 0);
  CHECK(attempt("198.51.100.9", "wrong-password-1").rfind("HTTP/1.1 401", 0) == 0);
}

TEST_CASE("a draft whose text is longer than its field allows is refused 422 FIELD_TOO_LONG, naming the field") {
  ApiServer s;
  const std::string token = s.login("staff_a");
  REQUIRE_FALSE(token.empty());
  auto c = s.client();
  auto form = skema_1a(s.world(), s.world().citizen_a, s.world().inst_a, s.user_id("staff_a"));
  // 0.9 MB in a long text (20,000 characters allowed), the state still Kladde.
  form.content["situation_before"] = std::string(900 * 1024, 'x');
  auto r = c.Put(("/api/v1/records/form/" + form.id).c_str(), bearer(token), upload_body(form, 1), "application/json");
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(error_code(r) == "FIELD_TOO_LONG");
  const auto body = json::parse(r->body);
  CHECK(body["error"]["field"] == "data.content.situation_before");
  CHECK(body["error"]["message"].get<std::string>().find("20000 tegn") != std::string::npos);
  // A short text (500 allowed) one character over; then at its limit the draft is stored.
  form.content["situation_before"] = "Kort.";
  form.content["place"] = std::string(501, 'a');
  r = c.Put(("/api/v1/records/form/" + form.id).c_str(), bearer(token), upload_body(form, 1), "application/json");
  REQUIRE(r);
  CHECK(error_code(r) == "FIELD_TOO_LONG");
  CHECK(json::parse(r->body)["error"]["field"] == "data.content.place");
  form.content["place"] = std::string(498, 'a') + "æø";  // 500 characters, 502 bytes: counted in characters
  r = c.Put(("/api/v1/records/form/" + form.id).c_str(), bearer(token), upload_body(form, 1), "application/json");
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("a malformed request line gets a JSON INVALID_INPUT answer and the connection closes; a body with NUL or a key twice is refused") {
  ApiServer s;
  for (const std::string& line : {std::string("GARBAGE\r\n\r\n"), std::string("GET\r\n\r\n"),
                                  std::string("GET /api/health HTTP/9.9 extra\r\n\r\n")}) {
    CAPTURE(line);
    const int fd = connect_to(s.port());
    send_all(fd, line + "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::string answer = read_for(fd, 3000);
    ::close(fd);
    CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(answer.find(R"({"error":{"code":"INVALID_INPUT")") != std::string::npos);  // before: an empty body
    CHECK(count_of(answer, "HTTP/1.1 ") == 1);
  }
  auto c = s.client();
  using namespace std::string_literals;
  const std::string nul = "{\"username\":\"staff_a\",\"password\":\""s + k_test_password + "\"}\0garbage"s;
  auto r = c.Post("/api/v1/login", nul, "application/json");
  REQUIRE(r);
  CHECK(r->status == 400);  // before: 200, the bytes after the NUL ignored
  CHECK(error_code(r) == "INVALID_INPUT");
  r = c.Post("/api/v1/login", R"({"username":"nobody","username":"staff_a","password":")" + std::string(k_test_password) + "\"}",
             "application/json");
  REQUIRE(r);
  CHECK(r->status == 400);  // before: 200 as staff_a, the last of the two
  CHECK(error_code(r) == "INVALID_INPUT");
}

TEST_CASE("a database held by another writer answers 503 STORAGE_BUSY with Retry-After, and never SQLite's text") {
  ApiServer s;
  const std::string token = s.login("staff_a");
  REQUIRE_FALSE(token.empty());
  auto form = skema_1a(s.world(), s.world().citizen_a, s.world().inst_a, s.user_id("staff_a"));
  auto holder = s.open_db();
  core::storage::Transaction lock(holder);  // BEGIN IMMEDIATE: the write lock, held past the server's wait
  REQUIRE(lock.begin_status().ok());
  auto r = s.client().Put(("/api/v1/records/form/" + form.id).c_str(), bearer(token), upload_body(form, 1),
                          "application/json");
  lock.rollback();
  REQUIRE(r);
  CHECK(r->status == 503);  // before: 500 STORAGE_ERROR "Databasefejl (...): database is locked"
  CHECK(error_code(r) == "STORAGE_BUSY");
  CHECK(r->get_header_value("Retry-After") == "2");
  CHECK(r->body.find("database is locked") == std::string::npos);
  CHECK(r->body.find("Databasefejl") == std::string::npos);
  // Once the lock is gone the same upload is taken.
  auto again = s.client().Put(("/api/v1/records/form/" + form.id).c_str(), bearer(token), upload_body(form, 1),
                              "application/json");
  REQUIRE(again);
  CHECK(again->status == 200);
}

TEST_CASE("a session an administrator ended answers 401 SESSION_REVOKED, a logged-out one does not; the login names the offline limit") {
  ApiServer s({}, [](sync::ServerOptions& o) { o.offline_unlock_hours = 48; });
  auto c = s.client();
  auto login = c.Post("/api/v1/login", json{{"username", "staff_a"}, {"password", k_test_password}}.dump(), "application/json");
  REQUIRE(login);
  REQUIRE(login->status == 200);
  CHECK(json::parse(login->body)["offline_unlock_hours"] == 48);
  const std::string staff_a = json::parse(login->body)["token"].get<std::string>();
  const std::string staff_b = s.login("staff_b"), leader = s.login("leader_a");
  {
    auto db = s.open_db();
    REQUIRE(sync::set_user_disabled(db, s.user_id("staff_a"), true).ok());
    REQUIRE(sync::revoke_user_sessions(db, s.user_id("staff_a"), "user_disabled").ok());
    REQUIRE(sync::revoke_user_sessions(db, s.user_id("staff_b"), "password_changed").ok());
  }
  REQUIRE(c.Post("/api/v1/logout", bearer(leader), "", "application/json")->status == 200);
  for (const auto& [token, code] : {std::pair{staff_a, "SESSION_REVOKED"}, std::pair{staff_b, "SESSION_REVOKED"},
                                    std::pair{leader, "UNAUTHENTICATED"}}) {
    auto me = c.Get("/api/v1/me", bearer(token));
    REQUIRE(me);
    CHECK(me->status == 401);
    CHECK(error_code(me) == code);  // before: UNAUTHENTICATED for all three, so the tablet could not tell
  }
}

TEST_CASE("a form out of the uploader's scope is refused on its scope, before its content is read, exactly as an unknown id") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff_a = s.login("staff_a"), staff_b = s.login("staff_b");
  auto c = s.client();
  auto theirs = skema_1a(w, w.citizen_b, w.inst_b, s.user_id("staff_b"));
  REQUIRE(c.Put(("/api/v1/records/form/" + theirs.id).c_str(), bearer(staff_b), upload_body(theirs, 1), "application/json")
              ->status == 200);
  {
    // Content the server's reader refuses (nested past its limit), written behind the API's back: a
    // refusal that read the stored content would fail on it.
    auto db = s.open_db();
    auto q = db.prepare("UPDATE form_instances SET content = ?2 WHERE id = ?1");
    REQUIRE(q.ok());
    q->bind(1, theirs.id).bind(2, std::string(70, '[') + std::string(70, ']'));
    REQUIRE(q->run().ok());
  }
  // staff_a writes to that id, and to an unknown id, each a form of the other institution's citizen.
  auto mine = skema_1a(w, w.citizen_b, w.inst_b, s.user_id("staff_a"));
  mine.id = theirs.id;
  auto foreign = c.Put(("/api/v1/records/form/" + mine.id).c_str(), bearer(staff_a), upload_body(mine, 2), "application/json");
  mine.id = core::new_uuid();
  auto unknown = c.Put(("/api/v1/records/form/" + mine.id).c_str(), bearer(staff_a), upload_body(mine, 1), "application/json");
  REQUIRE(foreign);
  REQUIRE(unknown);
  CHECK(foreign->status == 403);  // before: 500, the stored content read first
  CHECK(error_code(foreign) == "FORBIDDEN");
  CHECK(unknown->status == 403);
  CHECK(foreign->body == unknown->body);
}
