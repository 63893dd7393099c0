// Numbered migrations on real SQLite files: a fresh database reaches the latest version, re-running is a
// no-op, a newer database is refused, and a failing migration leaves nothing of itself behind.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/storage/migrations.hpp"
#include "test_storage_support.hpp"

using namespace magtreg;
using namespace magtreg::core;
using namespace magtreg::core::storage;

namespace {

long long scalar(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE_MESSAGE(st.ok(), sql);
  auto row = st->step();
  REQUIRE_MESSAGE(row.ok(), sql);
  REQUIRE(*row);
  return st->column_int64(0);
}

bool table_exists(Database& db, const std::string& name) {
  return scalar(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + name + "'") == 1;
}

}  // namespace

TEST_CASE("a fresh database reaches the latest schema version with every table") {
  test::TempDir dir;
  auto db = open_database(dir.file("fresh.db"));
  REQUIRE(db.ok());
  auto v = schema_version(*db);
  REQUIRE(v.ok());
  CHECK(*v == latest_schema_version());
  CHECK(latest_schema_version() == static_cast<int>(schema_migrations().size()));
  CHECK(latest_schema_version() >= 1);
  for (const char* table : {"counters", "municipalities", "institutions", "users", "user_institutions", "citizens",
                            "base_courses", "cases", "form_instances", "form_events", "decisions", "complaints",
                            "notes", "action_plans", "report_batches", "sessions", "audit_log", "outbox",
                            "sync_state"}) {
    CAPTURE(table);
    CHECK(table_exists(*db, table));
  }
  CHECK(scalar(*db, "SELECT value FROM counters WHERE name = 'server_seq'") == 0);
  CHECK(db->integrity_check().ok());
}

TEST_CASE("migrating again is a no-op, also after reopening") {
  test::TempDir dir;
  const std::string path = dir.file("again.db");
  {
    auto db = open_database(path);
    REQUIRE(db.ok());
    REQUIRE(db->exec("UPDATE counters SET value = 41 WHERE name = 'server_seq'").ok());
    const long long objects = scalar(*db, "SELECT count(*) FROM sqlite_schema");
    REQUIRE(migrate(*db).ok());
    CHECK(scalar(*db, "SELECT count(*) FROM sqlite_schema") == objects);
  }
  auto db = open_database(path);
  REQUIRE(db.ok());
  CHECK(*schema_version(*db) == latest_schema_version());
  CHECK(scalar(*db, "SELECT value FROM counters WHERE name = 'server_seq'") == 41);  // v1 did not run again
  CHECK(scalar(*db, "SELECT count(*) FROM counters") == 1);
}

TEST_CASE("a database newer than the code is refused with MIGRATION_FAILED and left untouched") {
  test::TempDir dir;
  const std::string path = dir.file("newer.db");
  {
    auto db = open_database(path);
    REQUIRE(db.ok());
    REQUIRE(db->exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1)).ok());
  }
  auto raw = Database::open(path);
  REQUIRE(raw.ok());
  Status st = migrate(*raw);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::MigrationFailed);
  CHECK(st.error().message.find("nyere version") != std::string::npos);
  CHECK(*schema_version(*raw) == latest_schema_version() + 1);

  auto opened = open_database(path);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().code == ErrorCode::MigrationFailed);
}

TEST_CASE("a failing migration is rolled back whole; earlier ones stay") {
  test::TempDir dir;
  auto db = Database::open(dir.file("failing.db"));
  REQUIRE(db.ok());
  const std::vector<Migration> migrations{
      {1, "a", "CREATE TABLE a(x INTEGER); INSERT INTO a VALUES (1);"},
      {2, "b, then a broken statement",
       "CREATE TABLE b(y INTEGER); INSERT INTO a VALUES (2); INSERT INTO no_such_table VALUES (1);"},
      {3, "c", "CREATE TABLE c(z INTEGER);"},
  };
  Status st = migrate(*db, migrations);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::MigrationFailed);
  CHECK(st.error().message.find("Migration 2") != std::string::npos);
  CHECK(*schema_version(*db) == 1);
  CHECK(table_exists(*db, "a"));
  CHECK_FALSE(table_exists(*db, "b"));
  CHECK_FALSE(table_exists(*db, "c"));
  CHECK(scalar(*db, "SELECT count(*) FROM a") == 1);
  CHECK_FALSE(db->in_transaction());

  SUBCASE("fixed, it continues from version 1") {
    std::vector<Migration> fixed = migrations;
    fixed[1].sql = "CREATE TABLE b(y INTEGER); INSERT INTO a VALUES (2);";
    REQUIRE(migrate(*db, fixed).ok());
    CHECK(*schema_version(*db) == 3);
    CHECK(scalar(*db, "SELECT count(*) FROM a") == 2);
    CHECK(table_exists(*db, "c"));
  }
}

TEST_CASE("a malformed migration list is refused before anything runs") {
  test::TempDir dir;
  auto db = Database::open(dir.file("list.db"));
  REQUIRE(db.ok());
  const std::vector<Migration> gap{{1, "a", "CREATE TABLE a(x);"}, {3, "c", "CREATE TABLE c(x);"}};
  Status st = migrate(*db, gap);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::MigrationFailed);
  CHECK(*schema_version(*db) == 0);
  CHECK_FALSE(table_exists(*db, "a"));
}
