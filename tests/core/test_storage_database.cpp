// One SQLite connection and its transactions on real files: durability settings, RAII transactions and
// savepoints, failed saves leaving nothing behind, integrity check and online backup.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/storage/form_repository.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/transaction.hpp"
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

std::string text(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE_MESSAGE(st.ok(), sql);
  auto row = st->step();
  REQUIRE_MESSAGE(row.ok(), sql);
  REQUIRE(*row);
  return st->column_text(0);
}

Database open_plain(const std::string& path) {
  auto db = Database::open(path);
  REQUIRE_MESSAGE(db.ok(), test::describe(db));
  REQUIRE(db->exec("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)").ok());
  return std::move(db).value();
}

}  // namespace

TEST_CASE("opening: durability settings as asked, clear errors for unusable paths") {
  test::TempDir dir;
  SUBCASE("tablet default: rollback journal, synchronous=FULL, foreign keys on") {
    auto db = Database::open(dir.file("tablet.db"));
    REQUIRE(db.ok());
    CHECK(text(*db, "PRAGMA journal_mode") == "delete");
    CHECK(scalar(*db, "PRAGMA synchronous") == 2);  // FULL
    CHECK(scalar(*db, "PRAGMA foreign_keys") == 1);
  }
  SUBCASE("other synchronous levels are applied") {
    DatabaseOptions o;
    o.synchronous = Synchronous::Normal;
    auto db = Database::open(dir.file("normal.db"), o);
    REQUIRE(db.ok());
    CHECK(scalar(*db, "PRAGMA synchronous") == 1);
  }
  SUBCASE("a missing folder is a STORAGE_ERROR naming the path") {
    const std::string path = dir.file("no/such/folder/x.db");
    auto db = Database::open(path);
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().code == ErrorCode::StorageError);
    CHECK(db.error().message.find(path) != std::string::npos);
  }
  SUBCASE("create=false does not create a missing file") {
    DatabaseOptions o;
    o.create = false;
    auto db = Database::open(dir.file("missing.db"), o);
    REQUIRE_FALSE(db.ok());
    CHECK_FALSE(std::filesystem::exists(dir.file("missing.db")));
  }
  SUBCASE("read-only refuses writes") {
    { open_plain(dir.file("ro.db")); }
    DatabaseOptions o;
    o.read_only = true;
    auto db = Database::open(dir.file("ro.db"), o);
    REQUIRE(db.ok());
    CHECK(scalar(*db, "SELECT count(*) FROM t") == 0);
    Status st = db->exec("INSERT INTO t(v) VALUES ('x')");
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == ErrorCode::StorageError);
  }
}

TEST_CASE("server setting: WAL with synchronous=FULL") {
  test::TempDir dir;
  DatabaseOptions o;
  o.wal = true;
  auto db = Database::open(dir.file("server.db"), o);
  REQUIRE_MESSAGE(db.ok(), test::describe(db));
  CHECK(text(*db, "PRAGMA journal_mode") == "wal");
  CHECK(scalar(*db, "PRAGMA synchronous") == 2);
}

TEST_CASE("transaction: commit keeps, the destructor without commit rolls back") {
  test::TempDir dir;
  const std::string path = dir.file("tx.db");
  Database db = open_plain(path);
  {
    Transaction tx(db);
    REQUIRE(tx.begin_status().ok());
    CHECK(db.in_transaction());
    REQUIRE(db.exec("INSERT INTO t(v) VALUES ('kept')").ok());
    REQUIRE(tx.commit().ok());
    CHECK_FALSE(db.in_transaction());
    Status again = tx.commit();
    REQUIRE_FALSE(again.ok());  // already finished
    CHECK(again.error().code == ErrorCode::StorageError);
  }
  {
    Transaction tx(db);
    REQUIRE(db.exec("INSERT INTO t(v) VALUES ('dropped')").ok());
    CHECK(scalar(db, "SELECT count(*) FROM t") == 2);  // visible inside the transaction
  }
  CHECK_FALSE(db.in_transaction());
  CHECK(scalar(db, "SELECT count(*) FROM t") == 1);
  {
    Transaction tx(db);
    REQUIRE(db.exec("INSERT INTO t(v) VALUES ('rolled back explicitly')").ok());
    tx.rollback();
    CHECK_FALSE(db.in_transaction());
  }
  // What another connection sees is what was committed.
  Database other = open_plain(path);
  CHECK(scalar(other, "SELECT count(*) FROM t") == 1);
  CHECK(text(other, "SELECT v FROM t") == "kept");
}

TEST_CASE("nested transactions are savepoints: the inner one rolls back alone") {
  test::TempDir dir;
  Database db = open_plain(dir.file("nested.db"));
  {
    Transaction outer(db);
    REQUIRE(db.exec("INSERT INTO t(v) VALUES ('outer')").ok());
    {
      Transaction inner(db);
      REQUIRE(inner.begin_status().ok());
      REQUIRE(db.exec("INSERT INTO t(v) VALUES ('inner, dropped')").ok());
    }
    CHECK(db.in_transaction());
    {
      Transaction inner(db);
      REQUIRE(db.exec("INSERT INTO t(v) VALUES ('inner, kept')").ok());
      REQUIRE(inner.commit().ok());
      CHECK(db.in_transaction());  // released into the outer transaction, not committed
    }
    REQUIRE(outer.commit().ok());
  }
  CHECK(scalar(db, "SELECT count(*) FROM t") == 2);
  CHECK(scalar(db, "SELECT count(*) FROM t WHERE v = 'inner, dropped'") == 0);

  SUBCASE("an inner commit does not survive the outer rollback") {
    {
      Transaction outer(db);
      Transaction inner(db);
      REQUIRE(db.exec("INSERT INTO t(v) VALUES ('gone')").ok());
      REQUIRE(inner.commit().ok());
    }
    CHECK(scalar(db, "SELECT count(*) FROM t") == 2);
  }
}

TEST_CASE("nothing half-written survives a failed save") {
  test::TempDir dir;
  auto opened = open_database(dir.file("save.db"));
  REQUIRE(opened.ok());
  Database& db = *opened;
  FormRepository forms(db);
  FormEventRepository events(db);
  const test::Ids ids;
  auto form = test::sample_form(ids);
  auto event = test::sample_form_event(ids);

  SUBCASE("form + event: the event fails, so the new form is not stored either") {
    auto clash = event;
    clash.comment = "En anden hændelse med samme id";
    REQUIRE(events.insert(clash).ok());
    auto r = forms.save_with_event(form, std::nullopt, event);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::RevisionConflict);
    CHECK_FALSE(forms.find(form.id)->has_value());
    CHECK(scalar(db, "SELECT count(*) FROM form_instances") == 0);
    CHECK_FALSE(db.in_transaction());
  }
  SUBCASE("form + event: an update whose event fails leaves the stored revision as it was") {
    REQUIRE(forms.save_with_event(form, std::nullopt, event).ok());
    auto changed = form;
    changed.content["beskrivelse"] = "Rettet";
    auto second = event;
    second.id = test::tid("second-event");
    second.comment = "Rettet af leder";
    REQUIRE(forms.save_with_event(changed, 1, second).ok());
    auto changed_again = changed;
    changed_again.content["beskrivelse"] = "Rettet igen";
    auto clash = second;
    clash.comment = "samme id, andet indhold";
    auto bad = forms.save_with_event(changed_again, 2, clash);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::RevisionConflict);
    auto stored = forms.get(form.id);
    REQUIRE(stored.ok());
    CHECK(stored->sync.revision == 2);
    CHECK(stored->content["beskrivelse"] == "Rettet");
    CHECK(events.of_form(form.id)->size() == 2);
  }
  SUBCASE("an event for another form is refused before anything is written") {
    auto other = event;
    other.form_instance_id = test::tid("another-form");
    auto r = forms.save_with_event(form, std::nullopt, other);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::InvalidInput);
    CHECK(r.error().field == "form_instance_id");
    CHECK(scalar(db, "SELECT count(*) FROM form_instances") == 0);
  }
  SUBCASE("a repository write inside a caller's transaction that is then abandoned") {
    {
      Transaction tx(db);
      REQUIRE(forms.insert(form).ok());
      CHECK(forms.find(form.id)->has_value());
    }
    CHECK_FALSE(forms.find(form.id)->has_value());
  }
  SUBCASE("a schema constraint failing mid-save: the insert is refused and nothing is stored") {
    auto broken = form;
    broken.state = magtreg::core::model::FormState::Filled;  // the table requires locked_at/locked_by exactly when laast
    auto r = forms.insert(broken);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::StorageError);
    CHECK(scalar(db, "SELECT count(*) FROM form_instances") == 0);
    CHECK_FALSE(db.in_transaction());
  }
}

TEST_CASE("integrity_check passes on a sound file and reports a damaged one") {
  test::TempDir dir;
  const std::string path = dir.file("damaged.db");
  {
    Database db = open_plain(path);
    REQUIRE(db.exec("CREATE INDEX t_by_v ON t(v)").ok());
    Transaction tx(db);
    auto st = db.prepare("INSERT INTO t(v) VALUES (?1)");
    REQUIRE(st.ok());
    for (int i = 0; i < 2000; ++i) {
      st->bind(1, "række " + std::to_string(i * 7919 % 2000));
      REQUIRE(st->run().ok());
      REQUIRE(st->reset().ok());
    }
    REQUIRE(tx.commit().ok());
    CHECK(db.integrity_check().ok());
  }
  // Overwrite the middle of the file (index and table pages) with garbage, leaving the header intact.
  const auto size = std::filesystem::file_size(path);
  REQUIRE(size > 16384);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2));
    const std::string garbage(8192, '\x5a');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto db = Database::open(path);
  REQUIRE(db.ok());
  Status st = db->integrity_check();
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::StorageError);
}

TEST_CASE("backup_to writes a consistent copy that opens and reads back") {
  test::TempDir dir;
  auto opened = open_database(dir.file("live.db"));
  REQUIRE(opened.ok());
  Database& db = *opened;
  FormRepository forms(db);
  const auto form = test::sample_form();
  REQUIRE(forms.insert(form).ok());
  const std::string copy_path = dir.file("copy.db");
  { std::ofstream(copy_path) << "not a database, overwritten by the backup"; }
  REQUIRE(db.backup_to(copy_path).ok());
  CHECK_FALSE(std::filesystem::exists(copy_path + ".part"));
  // The live database goes on changing; the copy does not.
  auto changed = form;
  changed.content["beskrivelse"] = "Efter backup";
  REQUIRE(forms.update(changed, 1).ok());

  auto copy = open_database(copy_path);
  REQUIRE_MESSAGE(copy.ok(), test::describe(copy));
  CHECK(copy->integrity_check().ok());
  CHECK(*schema_version(*copy) == latest_schema_version());
  FormRepository copied(*copy);
  auto got = copied.get(form.id);
  REQUIRE(got.ok());
  CHECK(got->sync.revision == 1);
  auto expected = form;
  expected.sync = got->sync;
  CHECK(*got == expected);

  SUBCASE("a WAL database copies too") {
    DatabaseOptions o;
    o.wal = true;
    auto wal = open_database(dir.file("wal.db"), o);
    REQUIRE(wal.ok());
    FormRepository wal_forms(*wal);
    REQUIRE(wal_forms.insert(form).ok());
    REQUIRE(wal->backup_to(dir.file("wal-copy.db")).ok());
    auto wal_copy = open_database(dir.file("wal-copy.db"));
    REQUIRE(wal_copy.ok());
    CHECK(FormRepository(*wal_copy).get(form.id).ok());
  }
  SUBCASE("a later backup replaces the earlier one") {
    REQUIRE(db.backup_to(copy_path).ok());
    auto again = open_database(copy_path);
    REQUIRE(again.ok());
    CHECK(FormRepository(*again).get(form.id)->sync.revision == 2);
  }
  SUBCASE("an unwritable destination is a STORAGE_ERROR") {
    Status st = db.backup_to(dir.file("no/such/folder/copy.db"));
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == ErrorCode::StorageError);
  }
}
