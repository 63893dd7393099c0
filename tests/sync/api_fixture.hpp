// An in-process server on a free port over a fresh SQLite file seeded with the small, known world of
// tests/sync/world.hpp. Tests talk to it over real sockets with httplib's client.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "sync/db_pool.hpp"
#include "sync/server.hpp"
#include "tests/sync/server_fixture.hpp"
#include "tests/sync/world.hpp"

namespace magtreg::tests {

class ApiServer {
 public:
  // `access_log`: the request log's file (ServerOptions::access_log), none when empty. `configure` changes
  // the server's options before it starts (limits, trusted proxies).
  explicit ApiServer(const std::string& access_log = {},
                     const std::function<void(sync::ServerOptions&)>& configure = {}) {
    m_db = ChildServer::temp_path("api.db");
    m_dir = std::filesystem::path(m_db).parent_path().string();
    auto world = seed_world(m_db);
    REQUIRE_MESSAGE(world.ok(), (world.ok() ? "" : world.error().message));
    m_world = std::move(*world);
    sync::ServerOptions o;
    o.port = 0;
    o.db_path = m_db;
    o.public_dir = std::string(MAGTREG_SOURCE_DIR) + "/public";
    o.app_dir = app_dir();
    o.quiet = true;
    o.access_log = access_log;
    if (configure) configure(o);
    m_server = std::make_unique<sync::Server>(o);
    m_port = m_server->bind();
    m_thread = std::thread([this] { m_server->run(); });
    // Wait until it answers.
    for (int i = 0; i < 200; ++i) {
      httplib::Client c("127.0.0.1", m_port);
      if (auto r = c.Get("/api/health"); r && r->status == 200) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~ApiServer() {
    m_server->request_stop();
    if (m_thread.joinable()) m_thread.join();
    m_server.reset();
    std::filesystem::remove_all(m_dir);
  }

  int port() const { return m_port; }
  const sync::Server& server() const { return *m_server; }
  const std::string& db_path() const { return m_db; }
  const World& world() const { return m_world; }
  std::string user_id(const std::string& username) const { return m_world.users.at(username); }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", m_port);
    c.set_read_timeout(30, 0);
    return c;
  }

  // Logs in and returns the token (empty on failure).
  std::string login(const std::string& username, const std::string& password = k_test_password) const {
    auto c = client();
    auto r = c.Post("/api/v1/login", nlohmann::json{{"username", username}, {"password", password}}.dump(),
                    "application/json");
    if (!r || r->status != 200) return {};
    return nlohmann::json::parse(r->body)["token"].get<std::string>();
  }

  // A second connection to the same file, for checks behind the API's back.
  core::storage::Database open_db() const {
    auto db = core::storage::Database::open(m_db, sync::server_database_options());
    REQUIRE(db.ok());
    return std::move(*db);
  }

 private:
  World m_world;
  std::string m_db, m_dir;
  std::unique_ptr<sync::Server> m_server;
  std::thread m_thread;
  int m_port = -1;
};

// The first column of the first row of a query (counts and single values in checks).
inline long long scalar(core::storage::Database& db, const std::string& sql) {
  auto q = db.prepare(sql);
  REQUIRE(q.ok());
  auto has = q->step();
  REQUIRE(has.ok());
  return q->column_int64(0);
}

// The same as text.
inline std::string scalar_text(core::storage::Database db, const std::string& sql) {
  auto q = db.prepare(sql);
  REQUIRE(q.ok());
  auto has = q->step();
  REQUIRE(has.ok());
  return q->column_text(0);
}

inline httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

inline nlohmann::json body_of(const httplib::Result& r) {
  if (!r) return nullptr;
  return nlohmann::json::parse(r->body, nullptr, false);
}

inline std::string error_code(const httplib::Result& r) {
  auto j = body_of(r);
  if (!j.is_object() || !j.contains("error")) return {};
  return j["error"].value("code", "");
}

}  // namespace magtreg::tests
