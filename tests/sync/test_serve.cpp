// `magtreg serve` over real sockets: the binary starts on a free port and serves the page, the app's
// JavaScript and WebAssembly, the service worker and the health endpoint from one origin.
#include <doctest/doctest.h>
#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "sync/server.hpp"
#include "tests/sync/server_fixture.hpp"

using magtreg::tests::ChildServer;

TEST_CASE("magtreg serve serves the app from one origin") {
  ChildServer server;
  REQUIRE_MESSAGE(server.start(), server.output());
  httplib::Client cli("127.0.0.1", server.port());

  SUBCASE("the page") {
    auto res = cli.Get("/");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(res->body.find("<canvas id=\"canvas\"") != std::string::npos);
    CHECK(res->body.find("lang=\"da\"") != std::string::npos);
  }
  SUBCASE("the WebAssembly with its MIME type, so browsers can stream-compile it") {
    auto res = cli.Get("/magtreg.wasm");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/wasm");
    REQUIRE(res->body.size() > 8);
    CHECK(res->body.compare(0, 4, std::string("\0asm", 4)) == 0);
  }
  SUBCASE("the JavaScript loader and the service worker, never cached stale") {
    auto js = cli.Get("/magtreg.js");
    REQUIRE(js);
    CHECK(js->status == 200);
    auto sw = cli.Get("/sw.js");
    REQUIRE(sw);
    CHECK(sw->status == 200);
    CHECK(sw->get_header_value("Cache-Control") == "no-cache");
    auto manifest = cli.Get("/manifest.webmanifest");
    REQUIRE(manifest);
    CHECK(manifest->get_header_value("Content-Type") == "application/manifest+json");
  }
  SUBCASE("health and unknown paths") {
    auto health = cli.Get("/api/health");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(health->body.find("\"status\":\"ok\"") != std::string::npos);
    auto missing = cli.Get("/no-such-file.js");
    REQUIRE(missing);
    CHECK(missing->status == 404);
  }
}

TEST_CASE("magtreg serve stops cleanly on SIGTERM") {
  ChildServer server;
  REQUIRE_MESSAGE(server.start(), server.output());
  CHECK(server.terminate() == 0);
}

TEST_CASE("magtreg rejects unknown commands and options with exit status 2") {
  std::string bin = MAGTREG_BINARY;
  CHECK(WEXITSTATUS(std::system((bin + " frobnicate >/dev/null 2>&1").c_str())) == 2);
  CHECK(WEXITSTATUS(std::system((bin + " serve --colour blue >/dev/null 2>&1").c_str())) == 2);
}
