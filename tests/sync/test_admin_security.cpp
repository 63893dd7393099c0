// Issue 12, medium 10, through the real binary on real files: the password policy's blocklist checks,
// an empty username, a user attached to another municipality's institution (refused by the command
// line, and of no use if written to the table behind its back), and one audit row per user change.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/storage/citizen_repository.hpp"
#include "core/storage/migrations.hpp"
#include "core/util/uuid.hpp"
#include "sync/db_pool.hpp"
#include "sync/directory.hpp"
#include "sync/password.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;

namespace {

CommandRun magtreg_in(const std::string& args, const std::string& stdin_text) {
  const auto in_path = std::filesystem::temp_directory_path() / ("magtreg-sec-stdin-" + std::to_string(::getpid()));
  std::ofstream(in_path) << stdin_text;
  CommandRun r = run_command(std::string(MAGTREG_BINARY) + " " + args + " < '" + in_path.string() + "' 2>&1");
  std::filesystem::remove(in_path);
  return r;
}

bool has(const CommandRun& r, const char* text) { return r.out.find(text) != std::string::npos; }

// A second municipality with one institution and one citizen, written beside the world's.
struct Elsewhere {
  std::string municipality = core::new_uuid(), institution = core::new_uuid(), citizen = core::new_uuid();
};

Elsewhere add_elsewhere(core::storage::Database& db) {
  Elsewhere e;
  REQUIRE(sync::add_municipality(db, {e.municipality, "Fremmed Kommune", 10, 5, "Region Fremmed", "Socialtilsyn Fremmed"}).ok());
  REQUIRE(sync::add_institution(db, {e.institution, e.municipality, "Fremmedhjemmet", "botilbud", "municipal", "Handicap",
                                     "handicap"})
              .ok());
  core::storage::CitizenRepository citizens(db, core::storage::Side::Server);
  core::model::Citizen c;
  c.id = e.citizen;
  c.cpr = "111111-1118";
  c.name = "Frida Fremmed";
  c.target_group = "handicap";
  c.acting_municipality = "Fremmed Kommune";
  c.institution_id = e.institution;
  REQUIRE(citizens.insert(c).ok());
  return e;
}

}  // namespace

TEST_CASE("user add and passwd refuse common, repetitive and sequential passwords and the username") {
  const std::string path = ChildServer::temp_path("users.db");
  REQUIRE(seed_world(path).ok());
  const std::string db = " --db '" + path + "'";
  for (const char* pw : {"aaaaaaaaaa", "password12", "Password123!", "qwertyuiop", "1234567890", "abcabcabcabc",
                         "karen-jensen-2026"}) {
    CAPTURE(pw);
    auto r = magtreg_in("user add karen-jensen --role medarbejder --name 'Karen Jensen'" + db, std::string(pw) + "\n");
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(has(r, "PASSWORD_WEAK"), r.out);
  }
  auto ok = magtreg_in("user add karen-jensen --role medarbejder --name 'Karen Jensen'" + db, "Korrekt-Hest-Batteri-7\n");
  REQUIRE_MESSAGE(ok.exit_code == 0, ok.out);
  auto weak = magtreg_in("user passwd karen-jensen" + db, "password12\n");
  CHECK(weak.exit_code == 1);
  CHECK(has(weak, "PASSWORD_WEAK"));
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

TEST_CASE("user add refuses an empty username and an institution of another municipality") {
  const std::string path = ChildServer::temp_path("users.db");
  auto world = seed_world(path);
  REQUIRE(world.ok());
  Elsewhere e;
  {
    auto conn = core::storage::open_database(path, sync::server_database_options());
    REQUIRE(conn.ok());
    e = add_elsewhere(*conn);
  }
  const std::string db = " --db '" + path + "'";
  for (const char* name : {"''", "'  '", "'bo ek'"}) {
    CAPTURE(name);
    auto r = magtreg_in(std::string("user add ") + name + " --role medarbejder --name 'Bo Ek' --municipality Testkommune" + db,
                        "Korrekt-Hest-Batteri-7\n");
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(has(r, "USERNAME_INVALID"), r.out);
  }
  auto foreign = magtreg_in("user add bo --role medarbejder --name 'Bo Ek' --municipality Testkommune"
                            " --institution Fremmedhjemmet" + db,
                            "Korrekt-Hest-Batteri-7\n");
  CHECK(foreign.exit_code == 1);
  CHECK_MESSAGE(has(foreign, "INSTITUTION_OTHER_MUNICIPALITY"), foreign.out);
  auto conn = core::storage::open_database(path, sync::server_database_options());
  REQUIRE(conn.ok());
  CHECK(scalar(*conn, "SELECT count(*) FROM users WHERE trim(username) = '' OR username = 'bo'") == 0);
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

TEST_CASE("a user attached to another municipality's institution behind the CLI's back reads none of its citizens") {
  ApiServer s;
  Elsewhere e;
  {
    auto db = s.open_db();
    e = add_elsewhere(db);
    core::model::User u;
    u.id = core::new_uuid();
    u.username = "crossed";
    u.display_name = "Crossed";
    u.role = core::Role::Leader;
    u.municipality_id = s.world().municipality;
    u.institution_ids = {e.institution};
    u.password_hash = *sync::hash_password(k_test_password);
    REQUIRE(sync::add_user(db, u).ok());
  }
  const std::string token = s.login("crossed");
  REQUIRE_FALSE(token.empty());
  auto c = s.client();
  auto one = c.Get(("/api/v1/citizens/" + e.citizen).c_str(), bearer(token));
  REQUIRE(one);
  CHECK(one->status == 403);
  CHECK(one->body.find("Frida") == std::string::npos);
  auto list = c.Get("/api/v1/citizens", bearer(token));
  REQUIRE(list);
  CHECK(list->body.find("Frida") == std::string::npos);
  auto ids = c.Get("/api/v1/visible-citizens", bearer(token));
  REQUIRE(ids);
  CHECK(ids->body.find(e.citizen) == std::string::npos);
  auto letter = c.Get(("/api/v1/citizens/" + e.citizen + "/complaint-letter").c_str(), bearer(token));
  REQUIRE(letter);
  CHECK(letter->body.find("Frida") == std::string::npos);
}

TEST_CASE("user add, disable, enable and passwd each write one audit row naming who ran it, never the password") {
  const std::string path = ChildServer::temp_path("users.db");
  REQUIRE(seed_world(path).ok());
  const std::string db = " --db '" + path + "'";
  const std::string pw1 = "Korrekt-Hest-Batteri-7", pw2 = "Blaa-Kaffekande-Tirsdag-4";
  REQUIRE(magtreg_in("user add karen --role leder --name 'Karen J' --institution 'Bostedet Ahorn'" + db, pw1 + "\n").exit_code == 0);
  REQUIRE(magtreg_in("user disable karen" + db, "").exit_code == 0);
  REQUIRE(magtreg_in("user enable karen" + db, "").exit_code == 0);
  REQUIRE(magtreg_in("user passwd karen" + db, pw2 + "\n").exit_code == 0);
  auto conn = core::storage::open_database(path, sync::server_database_options());
  REQUIRE(conn.ok());
  auto u = sync::find_user_by_username(*conn, "karen");
  REQUIRE((u.ok() && u->has_value()));
  const std::string id = (*u)->id;
  for (const char* action : {"user_add", "user_disable", "user_enable", "user_passwd"}) {
    CAPTURE(action);
    CHECK(scalar(*conn, std::string("SELECT count(*) FROM audit_log WHERE action = '") + action +
                            "' AND object_kind = 'user' AND object_id LIKE '" + id + "%' AND user_id LIKE 'cli%'") == 1);
  }
  CHECK(scalar(*conn, "SELECT count(*) FROM audit_log WHERE action = 'user_add' AND object_id LIKE '%role=leder%'") == 1);
  for (const auto& pw : {pw1, pw2})
    CHECK(scalar(*conn, "SELECT count(*) FROM audit_log WHERE instr(coalesce(object_id, '') || coalesce(user_id, '') ||"
                        " action || outcome, '" + pw + "') > 0") == 0);
  CHECK(run_command(std::string(MAGTREG_BINARY) + " audit --verify" + db).exit_code == 0);
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}
