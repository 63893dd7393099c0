// An in-process server on a free port over a fresh SQLite file with a small, known world: one
// municipality, two institutions (A: handicap, B: demens), users per role and one citizen in each
// institution. Tests talk to it over real sockets with httplib's client.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "core/forms/catalogue.hpp"
#include "core/model/citizen.hpp"
#include "core/model/form_instance.hpp"
#include "core/storage/citizen_repository.hpp"
#include "core/storage/migrations.hpp"
#include "core/util/uuid.hpp"
#include "sync/db_pool.hpp"
#include "sync/directory.hpp"
#include "sync/password.hpp"
#include "sync/server.hpp"
#include "tests/core/test_forms_support.hpp"
#include "tests/sync/server_fixture.hpp"

namespace magtreg::tests {

inline constexpr const char* k_test_password = "Korrekt-Hest-Batteri-7";

struct World {
  std::string municipality = core::new_uuid();
  std::string inst_a = core::new_uuid();
  std::string inst_b = core::new_uuid();
  std::string citizen_a = core::new_uuid();  // handicap, institution A
  std::string citizen_b = core::new_uuid();  // demens, institution B
  // username -> user id
  std::map<std::string, std::string> users;
};

class ApiServer {
 public:
  ApiServer() {
    m_db = ChildServer::temp_path("api.db");
    m_dir = std::filesystem::path(m_db).parent_path().string();
    seed();
    sync::ServerOptions o;
    o.port = 0;
    o.db_path = m_db;
    o.public_dir = std::string(MAGTREG_SOURCE_DIR) + "/public";
    o.app_dir = app_dir();
    o.quiet = true;
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
  void seed() {
    auto db = core::storage::open_database(m_db, sync::server_database_options());
    REQUIRE(db.ok());
    auto& w = m_world;
    REQUIRE(sync::add_municipality(*db, {w.municipality, "Testkommune", 10, 5}).ok());
    REQUIRE(sync::add_institution(*db, {w.inst_a, w.municipality, "Bostedet Ahorn", "botilbud", "municipal",
                                        "Handicap", "handicap"})
                .ok());
    REQUIRE(sync::add_institution(*db, {w.inst_b, w.municipality, "Plejecentret Birk", "plejecenter", "municipal",
                                        "Ældre", "demens"})
                .ok());
    // One hash for everyone: Argon2id is deliberately slow.
    const std::string hash = sync::hash_password(k_test_password).value();
    auto add = [&](const std::string& name, core::Role role, std::vector<std::string> inst) {
      core::model::User u;
      u.id = core::new_uuid();
      u.username = name;
      u.display_name = name;
      u.role = role;
      u.municipality_id = w.municipality;
      u.institution_ids = std::move(inst);
      std::sort(u.institution_ids.begin(), u.institution_ids.end());
      u.password_hash = hash;
      REQUIRE(sync::add_user(*db, u).ok());
      w.users[name] = u.id;
    };
    add("staff_a", core::Role::Staff, {w.inst_a});
    add("staff_b", core::Role::Staff, {w.inst_b});
    add("leader_a", core::Role::Leader, {w.inst_a});
    add("udvalg", core::Role::Committee, {});
    add("drift", core::Role::Operations, {});
    core::storage::CitizenRepository citizens(*db, core::storage::Side::Server);
    core::model::Citizen a;
    a.id = w.citizen_a;
    a.cpr = "010190-1234";
    a.name = "Anders Ahorn";
    a.target_group = "handicap";
    a.acting_municipality = "Testkommune";
    a.institution_id = w.inst_a;
    REQUIRE(citizens.insert(a).ok());
    core::model::Citizen b = a;
    b.id = w.citizen_b;
    b.cpr = "020240-5678";
    b.name = "Birthe Birk";
    b.target_group = "demens";
    b.institution_id = w.inst_b;
    REQUIRE(citizens.insert(b).ok());
  }

  World m_world;
  std::string m_db, m_dir;
  std::unique_ptr<sync::Server> m_server;
  std::thread m_thread;
  int m_port = -1;
};

// Valid content for the given parts of a form (every visible field of those parts).
inline nlohmann::json content_for_parts(const core::forms::FormDefinition& def, std::string_view basis,
                                        std::initializer_list<core::forms::FormPart> parts) {
  nlohmann::json all = test::sample_content(def, basis, false);
  nlohmann::json out = nlohmann::json::object();
  for (const auto& s : def.sections)
    if (std::find(parts.begin(), parts.end(), s.part) != parts.end())
      for (const auto& f : s.fields)
        if (all.contains(f.id)) out[f.id] = all[f.id];
  return out;
}

// A Skema 1 a (2020) draft for a citizen, with a valid staff part.
inline core::model::FormInstance skema_1a(const World& w, const std::string& citizen, const std::string& institution,
                                          const std::string& created_by) {
  const auto* def = core::forms::Catalogue::builtin().definition("2020-1a");
  REQUIRE(def != nullptr);
  core::model::FormInstance f;
  f.id = core::new_uuid();
  f.form_id = "2020-1a";
  f.form_version = def->meta.version;
  f.citizen_id = citizen;
  f.case_id = core::new_uuid();
  f.institution_id = institution;
  f.state = "kladde";
  f.content = content_for_parts(*def, "124d", {core::forms::FormPart::Staff});
  f.content["started_at"] = "2024-03-01T10:15";
  f.content["ended_at"] = "2024-03-01T10:25";
  f.legal_basis = "124d";
  f.started_at = "2024-03-01T10:15";
  f.created_by = created_by;
  f.created_at = "2024-03-01T09:30:00Z";
  f.updated_at = "2024-03-01T09:30:00Z";
  (void)w;
  return f;
}

// The upload envelope for a record at `revision`.
template <class T>
std::string upload_body(T record, long long revision) {
  record.sync.revision = revision;
  return nlohmann::json{{"revision", revision},
                        {"content_hash", core::model::content_hash(record)},
                        {"data", core::model::to_json(record)}}
      .dump();
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
