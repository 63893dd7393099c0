// Issue 12, medium 6: the audit chain is keyed (HMAC-SHA-256, key beside the database, 0600) and its head
// is anchored outside the database. Through the real binary on real files, as an attacker holding only
// the database file would leave it: a deleted row with the chain recomputed, a cut-off tail, a missing
// key; and the migration of a log written before keys existed.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/storage/migrations.hpp"
#include "sync/audit.hpp"
#include "sync/db_pool.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using magtreg::tests::scalar;

namespace {

tests::CommandRun cli(const std::string& args) {
  return tests::run_command(std::string(MAGTREG_BINARY) + " " + args + " < /dev/null 2>&1");
}

struct Fixture {
  Fixture() : path(tests::ChildServer::temp_path("chain.db")) {
    REQUIRE(tests::seed_world(path).ok());
  }
  ~Fixture() { std::filesystem::remove_all(std::filesystem::path(path).parent_path()); }
  std::string db() const { return " --db '" + path + "'"; }
  std::string key() const { return path + ".audit-key"; }
  std::string anchor() const { return path + ".audit-anchor"; }
  // A connection behind the product's back: what someone with the database file can do.
  core::storage::Database raw() const {
    auto d = core::storage::Database::open(path, sync::server_database_options());
    REQUIRE(d.ok());
    return std::move(*d);
  }
  // Rows written the ordinary way: each `export` audits itself.
  void write_rows(int n) const {
    for (int i = 0; i < n; ++i) REQUIRE(cli("export --out /dev/null" + db()).exit_code == 0);
  }
  std::string path;
};

std::vector<sync::AuditRow> all_rows(core::storage::Database& db) {
  auto q = db.prepare("SELECT seq, at, coalesce(user_id, ''), action, object_kind, coalesce(object_id, ''),"
                      " coalesce(citizen_id, ''), outcome, prev_hash, hash FROM audit_log ORDER BY seq");
  REQUIRE(q.ok());
  std::vector<sync::AuditRow> rows;
  for (;;) {
    auto has = q->step();
    REQUIRE(has.ok());
    if (!*has) break;
    sync::AuditRow r;
    r.seq = q->column_int64(0);
    r.at = q->column_text(1);
    r.entry = {q->column_text(2), q->column_text(3), q->column_text(4), q->column_text(5), q->column_text(6),
               q->column_text(7)};
    r.prev_hash = q->column_text(8);
    r.hash = q->column_text(9);
    rows.push_back(r);
  }
  return rows;
}

// Rewrites the whole log as the unkeyed chain of today's code computes it (SHA-256, no key).
void rewrite_unkeyed(core::storage::Database& db, std::vector<sync::AuditRow> rows) {
  REQUIRE(db.exec("DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TRIGGER IF EXISTS audit_log_no_update;"
                  " DELETE FROM audit_log;").ok());
  std::string prev = sync::k_audit_genesis;
  long long seq = 0;
  for (auto& r : rows) {
    r.seq = ++seq;
    r.prev_hash = prev;
    r.hash = sync::audit_row_hash(r);
    prev = r.hash;
    auto ins = db.prepare("INSERT INTO audit_log(seq, at, user_id, action, object_kind, object_id, citizen_id, outcome,"
                          " prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    REQUIRE(ins.ok());
    ins->bind(1, r.seq).bind(2, r.at).bind(3, r.entry.user_id).bind(4, r.entry.action).bind(5, r.entry.object_kind)
        .bind(6, r.entry.object_id).bind(7, r.entry.citizen_id).bind(8, r.entry.outcome).bind(9, r.prev_hash)
        .bind(10, r.hash);
    REQUIRE(ins->run().ok());
  }
}

bool has(const tests::CommandRun& r, const char* text) { return r.out.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("audit chain: a valid keyed chain verifies intact; the key is 0600 beside the database") {
  Fixture f;
  f.write_rows(3);
  auto v = cli("audit --verify" + f.db());
  CHECK_MESSAGE(v.exit_code == 0, v.out);
  CHECK(has(v, "intakt"));
  struct stat sb {};
  REQUIRE(::stat(f.key().c_str(), &sb) == 0);
  CHECK((sb.st_mode & 0777) == 0600);
  CHECK(std::filesystem::exists(f.anchor()));
  auto db = f.raw();
  // The first row is the marker from which rows are keyed; every row after it carries an HMAC.
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE seq = 1 AND action = 'audit_key' AND object_id = 'new'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM audit_log") == 4);
  // A row's stored MAC is not the unkeyed hash today's code computes.
  auto rows = all_rows(db);
  CHECK(rows.back().hash != sync::audit_row_hash(rows.back()));
}

TEST_CASE("audit chain: a deleted row with the chain recomputed without the key is detected") {
  Fixture f;
  f.write_rows(4);
  {
    auto db = f.raw();
    auto rows = all_rows(db);
    rows.erase(rows.begin() + 2);
    SUBCASE("every row recomputed, the marker too") { rewrite_unkeyed(db, rows); }
    SUBCASE("the marker dropped as well, so the log looks unkeyed") {
      rows.erase(rows.begin());
      rewrite_unkeyed(db, rows);
    }
  }
  auto v = cli("audit --verify" + f.db());
  CHECK(v.exit_code == 1);
  CHECK_MESSAGE((has(v, "AUDIT_CHAIN_BROKEN") || has(v, "AUDIT_TRUNCATED")), v.out);
  // Every command refuses to work on it, the server does not start, and nothing re-keys it quietly.
  auto e = cli("export --out /dev/null" + f.db());
  CHECK(e.exit_code == 1);
  tests::ChildServer server;
  server.set_db(f.path);
  CHECK_FALSE(server.start());
}

TEST_CASE("audit chain: a cut-off tail is detected; the operator's reanchor is itself audited") {
  Fixture f;
  f.write_rows(4);
  {
    auto db = f.raw();
    REQUIRE(db.exec("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > 3").ok());
  }
  auto v = cli("audit --verify" + f.db());
  CHECK(v.exit_code == 1);
  CHECK_MESSAGE(has(v, "AUDIT_TRUNCATED"), v.out);
  {
    tests::ChildServer server;
    server.set_db(f.path);
    CHECK_FALSE(server.start());
    CHECK(server.output().find("AUDIT_TRUNCATED") != std::string::npos);
  }
  auto r = cli("audit --reanchor" + f.db());
  CHECK_MESSAGE(r.exit_code == 0, r.out);
  CHECK(cli("audit --verify" + f.db()).exit_code == 0);
  auto db = f.raw();
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'audit_reanchor' AND object_id = 'AUDIT_TRUNCATED:4'") == 1);
  tests::ChildServer server;
  server.set_db(f.path);
  CHECK(server.start());
}

TEST_CASE("audit chain: a missing or exposed key stops every command with a stable code and is never re-created") {
  Fixture f;
  f.write_rows(2);
  SUBCASE("missing") {
    std::filesystem::remove(f.key());
    auto v = cli("audit --verify" + f.db());
    CHECK(v.exit_code == 1);
    CHECK_MESSAGE(has(v, "AUDIT_KEY_MISSING"), v.out);
    auto e = cli("export --out /dev/null" + f.db());
    CHECK(e.exit_code == 1);
    CHECK(has(e, "AUDIT_KEY_MISSING"));
    tests::ChildServer server;
    server.set_db(f.path);
    CHECK_FALSE(server.start());
    CHECK(server.output().find("AUDIT_KEY_MISSING") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(f.key()));
  }
  SUBCASE("readable by others") {
    std::filesystem::permissions(f.key(), std::filesystem::perms::others_read, std::filesystem::perm_options::add);
    auto v = cli("audit --verify" + f.db());
    CHECK(v.exit_code == 1);
    CHECK_MESSAGE(has(v, "AUDIT_KEY_INVALID"), v.out);
  }
  SUBCASE("the anchor missing") {
    std::filesystem::remove(f.anchor());
    auto v = cli("audit --verify" + f.db());
    CHECK(v.exit_code == 1);
    CHECK_MESSAGE(has(v, "AUDIT_ANCHOR_MISSING"), v.out);
  }
  SUBCASE("kept elsewhere with --audit-key and --audit-anchor") {
    const auto dir = std::filesystem::path(f.path).parent_path();
    std::filesystem::rename(f.key(), dir / "k");
    std::filesystem::rename(f.anchor(), dir / "a");
    const std::string opts = " --audit-key '" + (dir / "k").string() + "' --audit-anchor '" + (dir / "a").string() + "'";
    CHECK(cli("export --out /dev/null" + f.db() + opts).exit_code == 0);
    CHECK(cli("audit --verify" + f.db() + opts).exit_code == 0);
    tests::ChildServer server;
    server.set_db(f.path);
    CHECK(server.start({"--audit-key", (dir / "k").string(), "--audit-anchor", (dir / "a").string()}));
  }
}

TEST_CASE("audit chain: a log of unkeyed rows without its key is never keyed by itself; --adopt-unkeyed keys it once from a verified state") {
  Fixture f;
  // A log from before keys existed: three unkeyed rows, no key, no anchor.
  std::filesystem::remove(f.key());
  std::filesystem::remove(f.anchor());
  {
    auto db = f.raw();
    std::vector<sync::AuditRow> rows(3);
    for (int i = 0; i < 3; ++i) rows[i] = {0, "2026-01-0" + std::to_string(i + 1) + "T10:00:00Z", {"", "export", "database", "", "", "ok"}, "", ""};
    SUBCASE("intact: refused until the operator adopts it, then a marker row names the unkeyed rows") {
      rewrite_unkeyed(db, rows);
      auto v = cli("audit --verify" + f.db());
      CHECK(v.exit_code == 1);
      CHECK_MESSAGE(has(v, "AUDIT_KEY_MISSING"), v.out);
      CHECK(has(v, "række 1–3"));
      CHECK_FALSE(std::filesystem::exists(f.key()));  // before: verify made a key and called the log keyed
      tests::ChildServer server;
      server.set_db(f.path);
      CHECK_FALSE(server.start());
      CHECK(server.output().find("AUDIT_KEY_MISSING") != std::string::npos);

      auto adopted = cli("audit --adopt-unkeyed" + f.db());
      CHECK_MESSAGE(adopted.exit_code == 0, adopted.out);
      CHECK(std::filesystem::exists(f.key()));
      CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE seq = 4 AND action = 'audit_key' AND object_id = 'legacy:3'") == 1);
      f.write_rows(1);
      auto after = cli("audit --verify" + f.db());
      CHECK(after.exit_code == 0);
      CHECK_MESSAGE(has(after, "række 1–3 er fra før nøglen"), after.out);
    }
    SUBCASE("already broken: refused, not keyed") {
      rewrite_unkeyed(db, rows);
      REQUIRE(db.exec("UPDATE audit_log SET outcome = 'denied' WHERE seq = 2").ok());
      auto v = cli("audit --adopt-unkeyed" + f.db());
      CHECK(v.exit_code == 1);
      CHECK_MESSAGE(has(v, "AUDIT_CHAIN_BROKEN"), v.out);
      CHECK_FALSE(std::filesystem::exists(f.key()));
    }
  }
}

TEST_CASE("audit chain: with the key and anchor deleted, a keyed log rewritten unkeyed or emptied stops serve and verify with AUDIT_KEY_MISSING") {
  Fixture f;
  f.write_rows(4);
  {
    auto db = f.raw();
    auto rows = all_rows(db);
    REQUIRE(rows.size() >= 5);
    SUBCASE("rewritten as an unkeyed log without the marker row") {
      rows.erase(std::remove_if(rows.begin(), rows.end(), [](const sync::AuditRow& r) { return r.entry.action == "audit_key"; }),
                 rows.end());
      rows.pop_back();  // and a read hidden
      rewrite_unkeyed(db, rows);
    }
    SUBCASE("emptied") {
      REQUIRE(db.exec("DROP TRIGGER IF EXISTS audit_log_no_delete; DELETE FROM audit_log;").ok());
    }
  }
  std::filesystem::remove(f.key());
  std::filesystem::remove(f.anchor());
  auto v = cli("audit --verify" + f.db());
  CHECK(v.exit_code == 1);
  CHECK_MESSAGE(has(v, "AUDIT_KEY_MISSING"), v.out);
  CHECK_FALSE(has(v, "intakt"));
  CHECK(cli("export --out /dev/null" + f.db()).exit_code == 1);
  tests::ChildServer server;
  server.set_db(f.path);
  CHECK_FALSE(server.start());
  CHECK(server.output().find("AUDIT_KEY_MISSING") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(f.key()));
}
