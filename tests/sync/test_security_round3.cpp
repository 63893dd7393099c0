// Issue #29, security round 3, over real sockets: request smuggling, slow clients from one address, login
// throttling behind a municipality's proxy, oversized fields, and the audit key gone.
#include <doctest/doctest.h>

#include <string>

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
