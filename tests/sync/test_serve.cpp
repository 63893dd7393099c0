// `magtreg serve` over real sockets: the binary starts on a free port and serves the page, the app's
// JavaScript and WebAssembly, the service worker and the health endpoint from one origin.
#include <doctest/doctest.h>
#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "sync/security_headers.hpp"
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
    CHECK(sw->get_header_value("Cache-Control") == "no-store");  // a new build's worker always arrives whole
    CHECK(sw->body.find("const CACHE = 'magtreg-app-") != std::string::npos);
    auto page = cli.Get("/");
    REQUIRE(page);
    CHECK(page->get_header_value("Cache-Control") == "no-cache");
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

TEST_CASE("serve over HTTPS with --tls-cert/--tls-key; unreadable key files are refused at start") {
  const std::string dir = std::filesystem::path(magtreg::tests::ChildServer::temp_path("tls")).parent_path().string();
  const std::string cert = dir + "/cert.pem", key = dir + "/key.pem";
  const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout '" + key +
                          "' -out '" + cert + "' >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);

  magtreg::sync::ServerOptions o;
  o.port = 0;
  o.db_path = dir + "/tls.db";
  o.public_dir = std::string(MAGTREG_SOURCE_DIR) + "/public";
  o.app_dir = magtreg::tests::app_dir();
  o.quiet = true;
  o.tls_cert = cert;
  o.tls_key = key;
  {
    magtreg::sync::Server server(o);
    const int port = server.bind();
    REQUIRE(port > 0);
    std::thread t([&] { server.run(); });
    httplib::SSLClient c("127.0.0.1", port);
    c.enable_server_certificate_verification(false);
    auto r = c.Get("/api/health");
    for (int i = 0; i < 100 && !r; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      r = c.Get("/api/health");
    }
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->body.find("\"protocol\":1") != std::string::npos);
    CHECK(r->get_header_value("Strict-Transport-Security") == magtreg::sync::k_hsts);  // this process terminates TLS
    // Plain HTTP to the TLS port gets no answer.
    httplib::Client plain("127.0.0.1", port);
    plain.set_read_timeout(2, 0);
    auto p = plain.Get("/api/health");
    CHECK((!p || p->status != 200));
    server.request_stop();
    t.join();
  }
  o.tls_key = dir + "/missing.pem";
  magtreg::sync::Server bad(o);
  CHECK(bad.bind() < 0);
  std::filesystem::remove_all(dir);
}
