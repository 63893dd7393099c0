// Issue #20, backups: `magtreg backup --dir DIR --keep N` and `magtreg restore`, with the real binary, a real
// server and real database files. A restore brings back every record and an audit chain that verifies, and
// refuses a backup that is not an earlier state of this server's log, or a server that is running.
#include <doctest/doctest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

CommandRun magtreg_cmd(const std::string& args) {
  return run_command(std::string(MAGTREG_BINARY) + " " + args + " 2>&1");
}

struct Folder {
  Folder() : dir(fs::path(ChildServer::temp_path("x")).parent_path()) {}
  ~Folder() { fs::remove_all(dir); }
  std::string at(const std::string& name) const { return (dir / name).string(); }
  fs::path dir;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string login(int port, const std::string& user) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Post("/api/v1/login", json{{"username", user}, {"password", k_test_password}}.dump(), "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return json::parse(r->body)["token"];
}

void upload(int port, const std::string& token, const core::model::FormInstance& f, long long revision) {
  httplib::Client c("127.0.0.1", port);
  auto r = c.Put(("/api/v1/records/form/" + f.id).c_str(), bearer(token), upload_body(f, revision), "application/json");
  REQUIRE(r);
  REQUIRE_MESSAGE(r->status == 200, r->body);
}

long long count_of(const std::string& db_path, const std::string& sql) {
  auto db = core::storage::Database::open(db_path, sync::server_database_options());
  REQUIRE(db.ok());
  return scalar(*db, sql);
}

std::vector<std::string> backups_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind("magtreg-", 0) == 0 && e.path().extension() == ".db")
      names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("backup --dir --keep N writes a time-stamped, checked copy and keeps only the newest N") {
  Folder f;
  const std::string db = f.at("m.db");
  REQUIRE(seed_world(db).ok());
  const fs::path dir = f.dir / "backups";
  // An unrelated file in the folder is never touched.
  fs::create_directories(dir);
  std::ofstream(dir / "notes.txt") << "keep me";
  std::vector<std::string> made;
  for (int i = 0; i < 4; ++i) {
    auto run = magtreg_cmd("backup --dir '" + dir.string() + "' --keep 2 --db '" + db + "'");
    REQUIRE_MESSAGE(run.exit_code == 0, run.out);
    std::smatch m;
    REQUIRE(std::regex_search(run.out, m, std::regex(R"((magtreg-\d{8}T\d{6}Z(-\d+)?\.db))")));
    made.push_back(m[1]);
    CHECK(run.out.find("integritetstjek ok") != std::string::npos);
  }
  // The two made last remain (several made within one second are told apart and ordered by their suffix).
  auto left = backups_in(dir);
  std::vector<std::string> expected = {made[2], made[3]};
  std::sort(expected.begin(), expected.end());
  CHECK(left == expected);
  CHECK(fs::exists(dir / "notes.txt"));
  CHECK(count_of((dir / made[3]).string(), "SELECT count(*) FROM users") ==
        count_of(db, "SELECT count(*) FROM users"));
  // Each backup is audited under its file name.
  CHECK(count_of(db, "SELECT count(*) FROM audit_log WHERE action = 'backup' AND object_id LIKE 'magtreg-%'") == 4);

  // The timer's command: the folder and the count from the configuration file.
  const std::string config = f.at("magtreg.toml");
  std::ofstream(config) << "db = \"m.db\"\nbackup_dir = \"scheduled\"\nbackup_keep = 2\n";
  for (int i = 0; i < 3; ++i) {
    auto run = magtreg_cmd("backup --config '" + config + "'");
    REQUIRE_MESSAGE(run.exit_code == 0, run.out);
  }
  CHECK(backups_in(f.dir / "scheduled").size() == 2);

  CHECK(magtreg_cmd("backup --dir '" + dir.string() + "' --keep 0 --db '" + db + "'").exit_code == 2);
  CHECK(magtreg_cmd("backup '" + f.at("x.db") + "' --keep 3 --db '" + db + "'").exit_code == 2);
  CHECK(magtreg_cmd("backup --db '" + db + "'").exit_code == 2);
}

TEST_CASE("restore brings back every record as it was at the backup, with the audit chain intact and anchored") {
  Folder f;
  const std::string db = f.at("m.db");
  auto world = seed_world(db);
  REQUIRE(world.ok());
  const World& w = *world;
  ChildServer server;
  server.set_db(db);
  REQUIRE_MESSAGE(server.start(), server.output());
  const std::string token = login(server.port(), "staff_a");
  auto first = skema_1a(w, w.citizen_a, w.inst_a, w.users.at("staff_a"));
  upload(server.port(), token, first, 1);

  // Online, beside the running server.
  const std::string copy = f.at("copy.db");
  auto backup = magtreg_cmd("backup '" + copy + "' --db '" + db + "'");
  REQUIRE_MESSAGE(backup.exit_code == 0, backup.out);
  REQUIRE(magtreg_cmd("export --out '" + f.at("at-backup.jsonl") + "' --db '" + db + "'").exit_code == 0);

  // After the backup: a second form and a change to the first.
  auto second = skema_1a(w, w.citizen_a, w.inst_a, w.users.at("staff_a"));
  upload(server.port(), token, second, 1);
  first.content["place"] = "Fællesstuen, ændret efter kopien";
  upload(server.port(), token, first, 2);
  const long long seq_before = count_of(db, "SELECT value FROM counters WHERE name = 'server_seq'");

  // Not under a running server.
  auto refused = magtreg_cmd("restore '" + copy + "' --db '" + db + "'");
  CHECK(refused.exit_code == 1);
  CHECK_MESSAGE(refused.out.find("(DB_IN_USE)") != std::string::npos, refused.out);
  CHECK(count_of(db, "SELECT count(*) FROM form_instances") == 2);
  {
    ChildServer second;  // nor does a second server share the file
    second.set_db(db);
    CHECK_FALSE(second.start());
    CHECK(second.output().find("bruges af en kørende 'magtreg serve' (DB_IN_USE)") != std::string::npos);
  }
  REQUIRE(server.terminate() == 0);

  auto restored = magtreg_cmd("restore '" + copy + "' --db '" + db + "'");
  REQUIRE_MESSAGE(restored.exit_code == 0, restored.out);
  CHECK(restored.out.find("er gendannet fra") != std::string::npos);

  // Every record as it was at the backup.
  REQUIRE(magtreg_cmd("export --out '" + f.at("after.jsonl") + "' --db '" + db + "'").exit_code == 0);
  CHECK(slurp(f.at("after.jsonl")) == slurp(f.at("at-backup.jsonl")));
  CHECK(count_of(db, "SELECT count(*) FROM form_instances") == 1);
  // The chain verifies, names the acknowledgement and the restore, and carries on.
  auto verify = magtreg_cmd("audit --verify --db '" + db + "'");
  CHECK_MESSAGE(verify.exit_code == 0, verify.out);
  CHECK(count_of(db, "SELECT count(*) FROM audit_log WHERE action = 'audit_reanchor' AND object_id LIKE 'AUDIT_TRUNCATED:%'") == 1);
  CHECK(count_of(db, "SELECT count(*) FROM audit_log WHERE action = 'restore' AND object_id = 'copy.db'") == 1);
  // The change feed numbers new changes after everything the replaced database handed out.
  CHECK(count_of(db, "SELECT value FROM counters WHERE name = 'server_seq'") >= seq_before);
  // What came after the backup is kept beside it, not lost.
  std::smatch m;
  REQUIRE(std::regex_search(restored.out, m, std::regex(R"(gemt som (\S+)\.)")));
  CHECK(count_of(m[1], "SELECT count(*) FROM form_instances") == 2);

  // The server starts on it, and a change made now reaches a tablet whose place in the feed is past the backup.
  ChildServer after;
  after.set_db(db);
  REQUIRE_MESSAGE(after.start(), after.output());
  const std::string again = login(after.port(), "staff_a");
  auto third = skema_1a(w, w.citizen_a, w.inst_a, w.users.at("staff_a"));
  upload(after.port(), again, third, 1);
  httplib::Client c("127.0.0.1", after.port());
  auto feed = c.Get(("/api/v1/changes?after=" + std::to_string(seq_before)).c_str(), bearer(again));
  REQUIRE(feed);
  REQUIRE_MESSAGE(feed->status == 200, feed->body);
  CHECK(feed->body.find(third.id) != std::string::npos);
}

TEST_CASE("restore refuses a backup that is not an earlier state of this server's log, and leaves the database as it was") {
  Folder f;
  const std::string db = f.at("m.db");
  REQUIRE(seed_world(db).ok());
  const long long users = count_of(db, "SELECT count(*) FROM users");
  // Another server's database: its own key, so its rows do not verify with this one's.
  const std::string other = f.at("other/o.db");
  fs::create_directories(f.dir / "other");
  REQUIRE(seed_world(other).ok());
  auto foreign = magtreg_cmd("restore '" + other + "' --db '" + db + "'");
  CHECK(foreign.exit_code == 1);
  CHECK_MESSAGE(foreign.out.find("(AUDIT_CHAIN_BROKEN)") != std::string::npos, foreign.out);

  // A backup of this one, edited afterwards: a row changed and its chain recomputed without the key.
  const std::string copy = f.at("copy.db");
  REQUIRE(magtreg_cmd("backup '" + copy + "' --db '" + db + "'").exit_code == 0);
  {
    auto c = core::storage::Database::open(copy, sync::server_database_options());
    REQUIRE(c.ok());
    REQUIRE(c->exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET outcome = 'denied' WHERE seq = (SELECT max(seq) FROM audit_log)").ok());
  }
  auto edited = magtreg_cmd("restore '" + copy + "' --db '" + db + "'");
  CHECK(edited.exit_code == 1);
  CHECK_MESSAGE(edited.out.find("(AUDIT_CHAIN_BROKEN)") != std::string::npos, edited.out);

  // Not a database at all.
  std::ofstream(f.at("junk.db")) << "not a database";
  CHECK(magtreg_cmd("restore '" + f.at("junk.db") + "' --db '" + db + "'").exit_code == 1);
  CHECK(magtreg_cmd("restore '" + f.at("missing.db") + "' --db '" + db + "'").exit_code == 1);

  CHECK(count_of(db, "SELECT count(*) FROM users") == users);
  CHECK(magtreg_cmd("audit --verify --db '" + db + "'").exit_code == 0);
  for (const auto& e : fs::directory_iterator(f.dir)) CHECK(e.path().string().find("before-restore") == std::string::npos);
}
