// Statistics against a small world counted by hand: two municipalities (only one counted), two
// departments, forms of every kind that must and must not count, a late registration decided across
// the spring summer-time change, suppression of small counts in the pseudonymised view.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "core/forms/catalogue.hpp"
#include "core/rules/check.hpp"
#include "core/stats/report_html.hpp"
#include "core/stats/statistics.hpp"
#include "core/storage/migrations.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "core/util/uuid.hpp"

using namespace magtreg::core;

namespace {

class StatsWorld {
 public:
  // `schema_version` 0 = the current schema; else the database stops at that migration (to test upgrades).
  explicit StatsWorld(int schema_version = 0) {
    dir = std::filesystem::temp_directory_path() / ("magtreg-stats-" + new_uuid());
    std::filesystem::create_directories(dir);
    auto opened = storage::Database::open((dir / "stats.db").string());
    REQUIRE(opened.ok());
    db.emplace(std::move(*opened));
    const auto& all = storage::schema_migrations();
    const std::vector<storage::Migration> some(all.begin(), schema_version ? all.begin() + schema_version : all.end());
    REQUIRE(storage::migrate(*db, some).ok());
    exec("INSERT INTO municipalities(id, name, report_day_of_month, suppression_threshold)"
         " VALUES ('M', 'Testkommune', 10, 3), ('M2', 'Nabokommune', 10, 5)");
    exec("INSERT INTO institutions(id, municipality_id, name, kind, operator, operating_department, target_area) VALUES"
         " ('I1', 'M', 'Bostedet Ahorn', 'botilbud', 'municipal', 'Handicap', 'handicap'),"
         " ('I2', 'M', 'Plejecentret Birk', 'plejecenter', 'municipal', 'Ældre', 'demens'),"
         " ('I3', 'M2', 'Nabohjemmet', 'botilbud', 'municipal', 'Handicap', 'handicap')");
    for (auto [id, inst, group] : {std::tuple{"c1", "I1", "handicap"}, std::tuple{"c2", "I1", "handicap"},
                                   std::tuple{"c3", "I2", "demens"}, std::tuple{"c4", "I3", "handicap"}})
      exec(std::string("INSERT INTO citizens(id, cpr, name, target_group, acting_municipality, institution_id,"
                       " can_complain_unaided, revision, content_hash) VALUES ('") +
           id + "', '010101-0000', 'Navn', '" + group + "', 'Testkommune', '" + inst + "', 1, 1, 'h')");
  }
  ~StatsWorld() {
    db.reset();
    std::filesystem::remove_all(dir);
  }

  void exec(const std::string& sql) {
    auto r = db->exec(sql);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message), " in ", sql);
  }

  // A form; `state` kladde/udfyldt/laast; `deleted` a tombstone.
  std::string form(const std::string& citizen, const std::string& inst, const std::string& form_id,
                   const std::string& basis, const std::string& started, const std::string& state = "laast",
                   bool deleted = false) {
    std::string id = "f";  // built stepwise: g++ 12 warns falsely (-Wrestrict) on "f" + to_string(n)
    id += std::to_string(++m_forms);
    const bool locked = state == "laast";
    exec("INSERT INTO form_instances(id, form_id, form_version, citizen_id, case_id, institution_id, state, content,"
         " legal_basis, started_at, created_by, created_at, updated_at, locked_at, locked_by, revision, content_hash,"
         " deleted) VALUES ('" +
         id + "', '" + form_id + "', 1, '" + citizen + "', 'case', '" + inst + "', '" + state + "', '{}', '" + basis +
         "', '" + started + "', 'u', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', " +
         (locked ? "'2025-01-01T00:00:00Z', 'u'" : "NULL, NULL") + ", 1, 'h', " + (deleted ? "1" : "0") + ")");
    return id;
  }

  void filled_at(const std::string& form_id, const std::string& utc) {
    exec("INSERT INTO form_events(id, form_instance_id, from_state, to_state, by_user, at, revision, content_hash)"
         " VALUES ('e" + form_id + "', '" + form_id + "', 'kladde', 'udfyldt', 'u', '" + utc + "', 1, 'h')");
  }

  stats::Statistics stats(int year, std::optional<int> quarter = std::nullopt, bool pseudonymised = false) {
    auto s = stats::compute_statistics(*db, {year, quarter, "M", pseudonymised});
    REQUIRE(s.ok());
    return *s;
  }

  stats::Statistics stats_of(const stats::StatsQuery& q) {
    auto s = stats::compute_statistics(*db, q);
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
    return *s;
  }

  std::filesystem::path dir;
  std::optional<storage::Database> db;

 private:
  int m_forms = 0;
};

using stats::Statistics;

const stats::Row* row(const Statistics& s, const std::string& table, const std::string& key) {
  for (const auto& t : s.tables)
    if (t.id == table)
      for (const auto& r : t.rows)
        if (r.key == key) return &r;
  return nullptr;
}

long long count(const Statistics& s, const std::string& table, const std::string& key) {
  const auto* r = row(s, table, key);
  return r ? r->figure.count : -1;
}

void build(StatsWorld& w) {
  // 2025, municipality M: c1 has 5, c2 1, c3 3 -> 9.
  w.form("c1", "I1", "2024-1", "124d", "2025-02-10T08:00");
  const std::string on_time = w.form("c1", "I1", "2024-1", "124d", "2025-03-27T10:00");
  const std::string late = w.form("c1", "I1", "2024-1", "124d", "2025-03-27T11:00");
  w.form("c1", "I1", "2024-1", "136a", "2025-03-02T09:00");  // pre-approvable, registered as acute (Q1)
  w.form("c1", "I1", "2024-1", "124d", "2025-05-02T09:00", "udfyldt");
  w.form("c2", "I1", "2024-1", "124c", "2025-11-20T09:00");
  w.form("c3", "I2", "2024-1", "136c", "2025-04-11T07:30");
  w.form("c3", "I2", "2024-1", "136c", "2025-06-30T23:59");
  w.form("c3", "I2", "2024-2", "125", "2025-08-01T00:00");  // under a decision: not acute
  // Not counted: a draft, a tombstone, an application, another municipality, another year's edge.
  w.form("c1", "I1", "2024-1", "124d", "2025-06-01T10:00", "kladde");
  w.form("c1", "I1", "2024-1", "124d", "2025-06-02T10:00", "laast", true);
  w.form("c1", "I1", "2024-3", "125", "2025-06-03T10:00");
  for (int i = 0; i < 3; ++i) w.form("c4", "I3", "2024-1", "124d", "2025-07-01T10:00");
  w.form("c1", "I1", "2024-1", "124d", "2026-01-01T00:00");
  // 2024: 3 registrations (2 on the 2020 forms before 1 July, 1 on the 2024 forms after).
  w.form("c1", "I1", "2020-1a", "124d", "2024-03-05T14:30");
  w.form("c1", "I1", "2020-1a", "124d", "2024-06-30T23:59");
  w.form("c3", "I2", "2024-1", "124d", "2024-12-31T23:59");
  // A move without consent in 2025.
  w.form("c3", "I2", "2024-4", "", "2025-09-15T10:00");
  // Summer time starts 2025-03-30: the end of day 3 after 27 March is 23:59 CEST = 21:59 UTC.
  w.filled_at(on_time, "2025-03-30T21:59:59Z");
  w.filled_at(late, "2025-03-30T22:00:00Z");
  w.exec("INSERT INTO complaints(id, citizen_id, decision_id, received_at, status, revision, content_hash) VALUES"
         " ('k1', 'c1', 'd1', '2025-05-01T10:00:00Z', 'forwarded', 1, 'h'),"
         " ('k2', 'c4', 'd2', '2025-05-01T10:00:00Z', 'received', 1, 'h')");
}

}  // namespace

TEST_CASE("statistics for a year: totals, breakdowns and the previous year, counted by hand") {
  StatsWorld w;
  build(w);
  const Statistics s = w.stats(2025);
  CHECK(s.period_label == "2025");
  CHECK(s.previous_label == "2024");
  CHECK(s.registrations.count == 9);
  CHECK(s.registrations.previous == 3);
  CHECK(count(s, "department", "Handicap") == 6);
  CHECK(row(s, "department", "Handicap")->figure.previous == 2);
  CHECK(count(s, "department", "Ældre") == 3);
  CHECK(count(s, "institution", "I1") == 6);
  CHECK(row(s, "institution", "I3") == nullptr);  // another municipality
  CHECK(count(s, "target_group", "handicap") == 6);
  CHECK(row(s, "target_group", "demens")->label == "Demens");
  CHECK(count(s, "basis", "124d") == 4);
  CHECK(row(s, "basis", "124d")->figure.previous == 3);
  CHECK(count(s, "basis", "136c") == 2);
  CHECK(count(s, "basis", "125") == 1);
  CHECK(count(s, "form_set", "2024") == 9);
  CHECK(row(s, "form_set", "2020")->figure.previous == 2);
  CHECK(count(s, "quarter", "1") == 4);
  CHECK(count(s, "quarter", "2") == 3);
  CHECK(count(s, "quarter", "3") == 1);
  CHECK(count(s, "quarter", "4") == 1);
  CHECK(row(s, "quarter", "1")->figure.previous == 1);
  CHECK(s.citizens == 3);
  CHECK(s.top_citizens == 1);
  CHECK(s.top_share == doctest::Approx(5.0 / 9.0));
  CHECK(s.preapprovable_as_acute.count == 1);
  CHECK(s.late_registrations.count == 1);
  CHECK(s.moves.count == 1);
  CHECK(s.complaints.count == 1);
  REQUIRE(s.complaints_by_status.size() == 1);
  CHECK(s.complaints_by_status[0].label == "Sendt til Ankestyrelsen");
  // The largest first within a table.
  const auto& basis = s.tables[3];
  REQUIRE(basis.id == "basis");
  CHECK(basis.rows.front().key == "124d");
}

TEST_CASE("statistics for a quarter compare with the quarter before") {
  StatsWorld w;
  build(w);
  const Statistics q2 = w.stats(2025, 2);
  CHECK(q2.period_label == "2. kvartal 2025");
  CHECK(q2.previous_label == "1. kvartal 2025");
  CHECK(q2.registrations.count == 3);
  CHECK(q2.registrations.previous == 4);
  const Statistics q1 = w.stats(2025, 1);
  CHECK(q1.previous_label == "4. kvartal 2024");
  CHECK(q1.registrations.previous == 1);
  CHECK(q1.late_registrations.count == 1);
  for (const auto& t : q1.tables) CHECK(t.id != "quarter");
}

TEST_CASE("the pseudonymised view suppresses counts below the municipality's threshold") {
  StatsWorld w;
  build(w);
  const Statistics s = w.stats(2025, std::nullopt, true);
  CHECK(s.suppression_threshold == 3);
  CHECK_FALSE(s.registrations.suppressed);
  CHECK(row(s, "basis", "136c")->figure.suppressed);  // 2 < 3
  CHECK_FALSE(row(s, "basis", "124d")->figure.suppressed);
  CHECK_FALSE(row(s, "department", "Ældre")->figure.suppressed);  // 3 is not below 3
  CHECK(s.moves.suppressed);
  const auto j = stats::to_json(s);
  for (const auto& t : j["tables"])
    for (const auto& r : t["rows"])
      if (r["key"] == "136c") {
        CHECK(r["count"].is_null());
        CHECK(r["shown"] == "< 3");
      }
  const std::string csv = stats::to_csv(s);
  CHECK(csv.find("Hjemmel;136c;") != std::string::npos);
  CHECK(csv.find("< 3") != std::string::npos);
  CHECK(csv.find("010101") == std::string::npos);  // no CPR anywhere
  CHECK(csv.find("Navn") == std::string::npos);
  // Unsuppressed for the committee.
  CHECK_FALSE(row(w.stats(2025), "basis", "136c")->figure.suppressed);
}

TEST_CASE("statistics refuse a bad year, quarter or municipality") {
  StatsWorld w;
  CHECK(stats::compute_statistics(*w.db, {1999, std::nullopt, "M", false}).error().field == "year");
  CHECK(stats::compute_statistics(*w.db, {2025, 5, "M", false}).error().field == "quarter");
  CHECK(stats::compute_statistics(*w.db, {2025, std::nullopt, "nowhere", false}).error().code == ErrorCode::InvalidInput);
}

namespace {

// The aggregates of migration 3 hold exactly what a fresh count of the rows gives.
void check_aggregates_exact(StatsWorld& w) {
  const char* monthly =
      "SELECT substr(f.started_at, 1, 7), f.institution_id, f.form_id, coalesce(f.legal_basis, ''),"
      " coalesce((SELECT CASE WHEN d >= 342000 THEN 1 WHEN d >= 338400 THEN 2 ELSE 0 END FROM (SELECT"
      " unixepoch(ff.filled_at) - unixepoch(substr(f.started_at, 1, 10)) AS d FROM form_filled ff"
      " WHERE ff.form_instance_id = f.id) WHERE d IS NOT NULL), 0), count(*) FROM form_instances f"
      " WHERE f.deleted = 0 AND f.state <> 'kladde' AND f.started_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5";
  const char* quarterly =
      "SELECT substr(started_at, 1, 5) || ((CAST(substr(started_at, 6, 2) AS INTEGER) + 2) / 3), institution_id,"
      " citizen_id, form_id, count(*) FROM form_instances WHERE deleted = 0 AND state <> 'kladde'"
      " AND started_at IS NOT NULL GROUP BY 1, 2, 3, 4";
  for (const auto& pair : {std::pair<std::string, std::string>{"stats_monthly", monthly},
                            std::pair<std::string, std::string>{"stats_citizen_quarterly", quarterly}}) {
    const std::string table = pair.first, fresh = pair.second;  // clang 14: no bindings in doctest's lambdas
    for (const std::string& sql : {"SELECT count(*) FROM (SELECT * FROM " + table + " EXCEPT " + fresh + ")",
                                   "SELECT count(*) FROM (" + fresh + " EXCEPT SELECT * FROM " + table + ")"}) {
      auto q = w.db->prepare(sql);
      REQUIRE(q.ok());
      REQUIRE(q->step().ok());
      CHECK_MESSAGE(q->column_int64(0) == 0, table, ": ", sql);
    }
  }
}

// Every period, unit and view: the aggregates and the rows give the same figures, to the last field.
void check_same_figures(StatsWorld& w) {
  check_aggregates_exact(w);
  for (int year : {2024, 2025})
    for (std::optional<int> quarter : {std::optional<int>(), std::optional<int>(1), std::optional<int>(2),
                                       std::optional<int>(3), std::optional<int>(4)})
      for (bool pseudonymised : {false, true})
        for (const auto& unit : {std::pair<std::string, std::string>{"", ""}, std::pair<std::string, std::string>{"Handicap", ""},
                                 std::pair<std::string, std::string>{"", "I2"}}) {
          const std::string dept = unit.first, inst = unit.second;
          stats::StatsQuery q{year, quarter, "M", pseudonymised, dept, inst, stats::Source::Aggregates};
          auto agg = stats::compute_statistics(*w.db, q);
          q.source = stats::Source::Rows;
          auto rows = stats::compute_statistics(*w.db, q);
          REQUIRE(agg.ok());
          REQUIRE(rows.ok());
          CHECK_MESSAGE(stats::to_json(*agg) == stats::to_json(*rows), year, " q", quarter.value_or(0), " ", dept, inst,
                        "\naggregates: ", stats::to_json(*agg).dump(), "\nrows:       ", stats::to_json(*rows).dump());
        }
}

}  // namespace

TEST_CASE("the aggregates give the row path's figures, also after inserts, updates, deletes and state changes") {
  StatsWorld w;
  build(w);
  check_same_figures(w);
  const long long late_before = w.stats(2025).late_registrations.count;

  SUBCASE("state changes, tombstones, deletes and edits of the counted columns") {
    w.exec("UPDATE form_instances SET state = 'udfyldt', locked_at = NULL, locked_by = NULL WHERE id = 'f1'");
    w.exec("UPDATE form_instances SET state = 'kladde', locked_at = NULL, locked_by = NULL WHERE id = 'f2'");
    w.exec("UPDATE form_instances SET state = 'udfyldt' WHERE id = 'f10'");  // a draft now counts
    w.exec("UPDATE form_instances SET deleted = 1 WHERE id = 'f4'");
    w.exec("UPDATE form_instances SET deleted = 0 WHERE id = 'f11'");      // a tombstone back
    w.exec("DELETE FROM form_instances WHERE id = 'f6'");
    w.exec("UPDATE form_instances SET started_at = '2024-02-01T10:00' WHERE id = 'f7'");
    w.exec("UPDATE form_instances SET institution_id = 'I2' WHERE id = 'f5'");
    w.exec("UPDATE form_instances SET legal_basis = '136a' WHERE id = 'f8'");
    w.exec("UPDATE form_instances SET form_id = '2024-3' WHERE id = 'f9'");  // now an application
    w.exec("UPDATE form_instances SET citizen_id = 'c2' WHERE id = 'f1'");
    check_same_figures(w);
    CHECK(w.stats(2025).registrations.count == 9 - 1 /*f2*/ + 1 /*f10*/ - 1 /*f4*/ + 1 /*f11*/ - 1 /*f6*/ - 1 /*f7*/ - 1 /*f9*/);
  }
  SUBCASE("the sync upsert (INSERT ... ON CONFLICT DO UPDATE) moves a form between months") {
    w.exec("INSERT INTO form_instances(id, form_id, form_version, citizen_id, case_id, institution_id, state, content,"
           " legal_basis, started_at, created_by, created_at, updated_at, revision, content_hash) VALUES ('f1', '2024-1',"
           " 1, 'c1', 'case', 'I1', 'udfyldt', '{}', '124c', '2025-12-24T18:00', 'u', 'x', 'x', 2, 'h')"
           " ON CONFLICT(id) DO UPDATE SET state = excluded.state, locked_at = NULL, locked_by = NULL,"
           " legal_basis = excluded.legal_basis, started_at = excluded.started_at");
    check_same_figures(w);
    CHECK(count(w.stats(2025), "month", "12") == 1);
  }
  SUBCASE("completions decide lateness, summer and winter time in the undecided hour, before or after the form") {
    // Day 3 ends 22:00 UTC in summer: 22:30 UTC is late. In winter it ends 23:00 UTC: 22:30 is in time.
    const std::string summer = w.form("c2", "I1", "2024-1", "124d", "2025-07-10T09:00");
    const std::string winter = w.form("c2", "I1", "2024-1", "124d", "2025-01-10T09:00");
    w.filled_at(summer, "2025-07-13T22:30:00Z");
    w.filled_at(winter, "2025-01-13T22:30:00Z");
    // A completion that arrives before its form (the download feed orders by change, not by parent).
    w.filled_at("f99", "2025-10-20T12:00:00Z");
    w.exec("INSERT INTO form_instances(id, form_id, form_version, citizen_id, case_id, institution_id, state, content,"
           " legal_basis, started_at, created_by, created_at, updated_at, revision, content_hash) VALUES ('f99',"
           " '2024-1', 1, 'c3', 'case', 'I2', 'udfyldt', '{}', '124d', '2025-10-01T08:00', 'u', 'x', 'x', 1, 'h')");
    check_same_figures(w);
    CHECK(w.stats(2025).late_registrations.count == late_before + 2);  // summer and f99, not winter
    // Moving the intervention a day later makes the summer one in time; the copy in form_filled follows.
    w.exec("UPDATE form_instances SET started_at = '2025-07-11T09:00' WHERE id = '" + summer + "'");
    check_same_figures(w);
    CHECK(w.stats(2025).late_registrations.count == late_before + 1);
  }
}

TEST_CASE("migration 3 fills the aggregates from the rows of a database made before it") {
  StatsWorld w(2);
  build(w);  // form_filled is kept by migration 2's trigger; no aggregates yet
  REQUIRE(storage::migrate(*w.db).ok());
  check_same_figures(w);
  CHECK(w.stats(2025).registrations.count == 9);
  CHECK(w.stats(2025).late_registrations.count == 1);
}

TEST_CASE("a unit narrows every figure to one department or institution; unknown units are named") {
  StatsWorld w;
  build(w);
  const Statistics handicap = w.stats_of({2025, std::nullopt, "M", false, "Handicap", ""});
  CHECK(handicap.unit_label == "Driftsafdeling: Handicap");
  CHECK(handicap.registrations.count == 6);
  CHECK(handicap.registrations.previous == 2);
  CHECK(handicap.late_registrations.count == 1);
  CHECK(handicap.citizens == 2);
  CHECK(row(handicap, "institution", "I2") == nullptr);
  CHECK(handicap.complaints.count == 1);
  const Statistics birk = w.stats_of({2025, std::nullopt, "M", false, "", "I2"});
  CHECK(birk.unit_label == "Tilbud: Plejecentret Birk");
  CHECK(birk.registrations.count == 3);
  CHECK(birk.moves.count == 1);
  CHECK(birk.late_registrations.count == 0);
  CHECK(birk.complaints.count == 0);
  CHECK(birk.units.size() == 2);  // every institution of the municipality, for the filter
  CHECK(stats::compute_statistics(*w.db, {2025, std::nullopt, "M", false, "Ingen", ""}).error().field == "department");
  CHECK(stats::compute_statistics(*w.db, {2025, std::nullopt, "M", false, "", "I3"}).error().field == "institution");
  CHECK(stats::compute_statistics(*w.db, {2025, std::nullopt, "M", false, "Ældre", "I1"}).error().field == "institution");
}

TEST_CASE("months of a year beside the same months a year before; of a quarter beside the quarter before") {
  StatsWorld w;
  build(w);
  const Statistics y = w.stats(2025);
  CHECK(count(y, "month", "03") == 3);
  CHECK(row(y, "month", "03")->label == "marts");
  CHECK(row(y, "month", "03")->figure.previous == 1);
  CHECK(row(y, "month", "06")->figure.previous == 1);
  const Statistics q2 = w.stats(2025, 2);
  CHECK(count(q2, "month", "04") == 1);
  // Position by position: April beside January (0), May beside February (1), June beside March (3).
  CHECK(row(q2, "month", "04")->figure.previous == 0);
  CHECK(row(q2, "month", "05")->figure.previous == 1);
  CHECK(row(q2, "month", "06")->figure.previous == 3);
}

TEST_CASE("complementary suppression: a hidden count cannot be recomputed from its total, counted by hand") {
  SUBCASE("one small count in a sum hides the smallest other one, shown as a dash") {
    stats::Figure total{20}, a{2}, b{6}, c{12};
    a.suppressed = true;
    stats::complement({{&total, {&a, &b, &c}}});
    CHECK(b.suppressed);
    CHECK(b.secondary);
    CHECK_FALSE(c.suppressed);
    CHECK_FALSE(total.suppressed);
    CHECK(stats::shown(b.count, b.suppressed, 5, b.secondary) == "–");
    CHECK(stats::shown(a.count, a.suppressed, 5, a.secondary) == "< 5");
  }
  SUBCASE("two small counts protect each other; zeros are never chosen") {
    stats::Figure total{20}, a{2}, b{3}, c{15}, zero{0};
    a.suppressed = b.suppressed = true;
    stats::complement({{&total, {&a, &zero, &b, &c}}});
    CHECK_FALSE(c.suppressed);
    CHECK_FALSE(zero.suppressed);
    stats::Figure t2{20}, d{3}, z2{0}, e{17};
    d.suppressed = true;
    stats::complement({{&t2, {&d, &z2, &e}}});
    CHECK(e.suppressed);  // the only other non-zero count
    CHECK_FALSE(z2.suppressed);
  }
  SUBCASE("nested sums: departments and their institutions are resolved together") {
    // Total 17 = department A 10 (I1 8 + I2 2) + department B 7 (I3 7); I2 is small.
    stats::Figure total{17}, a{10}, b{7}, i1{8}, i2{2}, i3{7};
    i2.suppressed = true;
    stats::complement({{&total, {&a, &b}}, {&total, {&i1, &i2, &i3}}, {&a, {&i1, &i2}}, {&b, {&i3}}});
    // Institutions: I3 (7 < 8) hides with I2. A: I1 hides with I2. B: its only institution is hidden, so B
    // hides. Departments: B hidden alone, so A hides. The total stays.
    CHECK(i3.secondary);
    CHECK(i1.secondary);
    CHECK(b.secondary);
    CHECK(a.secondary);
    CHECK_FALSE(total.suppressed);
  }
  SUBCASE("the previous period is complemented on its own") {
    stats::Figure total{20, 20}, a{2, 10}, b{6, 10}, c{12, 0};
    a.suppressed = true;
    stats::complement({{&total, {&a, &b, &c}}});
    CHECK(b.suppressed);
    CHECK_FALSE(b.previous_suppressed);
  }
  SUBCASE("in the report: March hides beside February in the first quarter") {
    StatsWorld w;
    build(w);
    const Statistics s = w.stats(2025, std::nullopt, true);
    // Q1 = 4: January 0, February 1 (small), March 3 (not small, but it would give February away).
    CHECK(row(s, "month", "02")->figure.suppressed);
    CHECK_FALSE(row(s, "month", "02")->figure.secondary);
    CHECK(row(s, "month", "03")->figure.secondary);
    CHECK_FALSE(row(s, "quarter", "1")->figure.suppressed);
    const auto j = stats::to_json(s);
    for (const auto& t : j["tables"])
      if (t["id"] == "month")
        for (const auto& r : t["rows"])
          if (r["key"] == "03") {
            CHECK(r["count"].is_null());
            CHECK(r["shown"] == "–");
          }
    CHECK(stats::to_csv(s).find("Måned;03;marts;–;") != std::string::npos);
    // Every sum with a hidden count has at least two.
    for (const auto& t : s.tables) {
      int hidden = s.registrations.suppressed ? 1 : 0;
      for (const auto& r : t.rows) hidden += r.figure.suppressed ? 1 : 0;
      CHECK_MESSAGE(hidden != 1, t.id);
    }
  }
}

TEST_CASE("the report document: Danish numbers, hidden counts never drawn, text escaped") {
  CHECK(stats::da_count(0) == "0");
  CHECK(stats::da_count(1234567) == "1.234.567");
  CHECK(stats::da_count(-1200) == "−1.200");
  CHECK(stats::da_change_percent(12, 8) == "+50,0 %");
  CHECK(stats::da_change_percent(7, 8) == "−12,5 %");
  CHECK(stats::da_change_percent(3, 0).empty());

  stats::Statistics s;
  s.year = 2025;
  s.period_label = "2025";
  s.previous_label = "2024";
  s.municipality_name = "Testkommune";
  s.unit_label = "Hele kommunen";
  s.pseudonymised = true;
  s.suppression_threshold = 5;
  s.registrations = {13, 0};
  stats::Figure shown_one{10, 0}, hidden{3, 0};
  hidden.suppressed = true;
  s.tables.push_back({"department", "Driftsafdeling", {{"A", "Afdeling A", shown_one}, {"B", "Afdeling <B>", hidden}}});
  s.units = {{"i1", "Tilbud 1", "A"}, {"i2", "Tilbud 2", "Afdeling <B>"}};
  const std::string html = stats::report_html(s, {{"A", "Godt & skidt", "", "u", "Navn", "2026-01-05T10:00:00Z"}}, {});
  // One bar in the department chart: A's. B's 3 is only named.
  std::size_t bars = 0;
  for (auto at = html.find("height=\"12\" class=\"now\""); at != std::string::npos;
       at = html.find("height=\"12\" class=\"now\"", at + 1))
    ++bars;
  CHECK(bars == 1);
  CHECK(html.find("&lt; 5") != std::string::npos);
  CHECK(html.find("Afdeling &lt;B&gt;") != std::string::npos);
  CHECK(html.find("Afdeling <B>") == std::string::npos);
  CHECK(html.find("Godt &amp; skidt") != std::string::npos);
  CHECK(html.find("Skrevet af Navn (05.01.2026)") != std::string::npos);
}

// Issue 27 item 2: the statistics count a registration late exactly when the rule engine finds
// REGISTRATION_LATE on it: a child's 24 hours after the intervention ended (not the end of day 3), an
// adult's at the end of day 3, over the aggregates and over the rows alike.
TEST_CASE("the statistics' late registrations are the rule engine's REGISTRATION_LATE, a child's after 24 hours") {
  StatsWorld w;
  w.exec("INSERT INTO citizens(id, cpr, name, target_group, acting_municipality, institution_id, can_complain_unaided,"
         " revision, content_hash) VALUES ('c5', '010110-0000', 'Barn', 'boern', 'Testkommune', 'I1', 1, 1, 'h')");
  struct Row {
    const char* form;
    const char* basis;
    const char* started;
    const char* ended;   // nullptr: not given
    const char* filled;  // UTC
  };
  // 5 March 2025 is winter time: Copenhagen = UTC + 1.
  const Row rows[] = {
      {"boern-1a", "boern_fastholdelse", "2025-03-05T10:00", "2025-03-05T10:20", "2025-03-06T09:20:59Z"},  // 10:20: on time
      {"boern-1a", "boern_fastholdelse", "2025-03-05T10:00", "2025-03-05T10:20", "2025-03-06T09:21:00Z"},  // a minute late
      {"boern-1a", "boern_fastholdelse", "2025-03-05T10:00", nullptr, "2025-03-06T09:00:00Z"},             // 24 h after the start
      {"boern-1a", "boern_fastholdelse", "2025-03-05T10:00", nullptr, "2025-03-07T09:00:00Z"},             // day 2: late for a child
      {"2024-1", "124d", "2025-03-05T10:00", "2025-03-05T10:20", "2025-03-07T09:00:00Z"},                  // day 2: on time for an adult
      {"2024-1", "124d", "2025-03-05T10:00", nullptr, "2025-03-08T22:59:59Z"},                             // day 3 23:59
      {"2024-1", "124d", "2025-03-05T10:00", nullptr, "2025-03-08T23:00:00Z"},                             // day 4: late
  };
  int rule_late = 0;
  for (const auto& r : rows) {
    const std::string id = w.form(r.form[0] == 'b' ? "c5" : "c1", "I1", r.form, r.basis, r.started);
    if (r.ended) w.exec("UPDATE form_instances SET content = json_object('ended_at', '" + std::string(r.ended) +
                        "') WHERE id = '" + id + "'");
    w.filled_at(id, r.filled);
    rules::CheckInput in;
    in.target_group = r.form[0] == 'b' ? rules::TargetGroup::Boern : rules::TargetGroup::Handicap;
    in.registration.form = r.form;
    in.registration.basis = r.basis;
    in.registration.started_at = *time::parse_local_date_time(r.started);
    if (r.ended) in.registration.ended_at = *time::parse_local_date_time(r.ended);
    const auto at = time::to_local(*time::parse_utc(r.filled));
    in.registration.registered_at = at;
    if (rules::check_registration(in).has(rules::FindingCode::RegistrationLate)) ++rule_late;
  }
  CHECK(rule_late == 3);
  CHECK(w.stats(2025).late_registrations.count == rule_late);
  stats::StatsQuery q{2025, std::nullopt, "M", false};
  q.source = stats::Source::Rows;
  CHECK(w.stats_of(q).late_registrations.count == rule_late);
}

// The statistics' SQL leaves exactly the forms the rule engine gives 24 hours to the rule engine: the two
// lists may not drift apart when a form is added (the storage layer does not depend on the rules).
TEST_CASE("the forms the statistics' triggers treat as 24-hour forms are the rule engine's") {
  const auto& listed = storage::forms_registered_within_24_hours();
  std::vector<std::string> from_rules;
  for (const auto& meta : forms::Catalogue::builtin().forms())
    if (rules::registered_within_24_hours(meta) &&
        std::find(from_rules.begin(), from_rules.end(), meta.id) == from_rules.end())
      from_rules.push_back(meta.id);
  REQUIRE(from_rules.size() == listed.size());
  for (const auto& id : from_rules) CHECK(std::find(listed.begin(), listed.end(), id) != listed.end());
}

// Issue 27 item 2: the SQL's late classes are not a second deadline rule. For every day of 2020-2030 (and
// for a child every hour of it), the first late second is found from rules::registration_due and
// rules::registered_late alone; the bounds the migrations and the statistics' queries use must be exactly
// the earliest and latest of those seconds, read from the reference point the SQL reads them from.
TEST_CASE("the statistics' late classes are the rule engine's deadline, derived over every day of a decade") {
  const auto& catalogue = forms::Catalogue::builtin();
  // The first second a registration of `r` on `form` is late, as the rule engine judges it.
  auto first_late_second = [&](const char* form, const rules::RegistrationInput& r) {
    const auto due = rules::registration_due(*catalogue.find_form(form), r, nullptr);
    REQUIRE(due.has_value());
    time::UtcSeconds s = time::to_utc(*due);
    while (!rules::registered_late(*due, time::to_local(s))) s += 60;
    while (rules::registered_late(*due, time::to_local(s - 1))) --s;
    return s;
  };
  auto midnight_read_as_utc = [](const time::LocalDateTime& t) {
    return time::days_from_civil(t.date) * 86400 + t.hour * 3600 + t.minute * 60;
  };
  storage::LateClassBounds acute{1LL << 40, 0}, child{1LL << 40, 0};
  for (time::Date day{2020, 1, 1}; day.year <= 2030; day = time::add_days(day, 1)) {
    rules::RegistrationInput r;
    r.started_at = {day, 9, 30};
    const long long d = first_late_second("2024-1", r) - midnight_read_as_utc(time::start_of_day(day));
    acute.in_time_below = std::min(acute.in_time_below, d);
    acute.late_from = std::max(acute.late_from, d);
    for (int hour = 0; hour < 24; ++hour) {
      r.started_at = {day, hour, 15};
      const long long c = first_late_second("boern-1a", r) - midnight_read_as_utc(r.started_at);
      child.in_time_below = std::min(child.in_time_below, c);
      child.late_from = std::max(child.late_from, c);
    }
  }
  // Below the earliest first-late second every completion is in time; from the latest on, every one is late.
  CHECK(acute.in_time_below == storage::k_late_after_intervention_day.in_time_below);
  CHECK(acute.late_from == storage::k_late_after_intervention_day.late_from);
  CHECK(child.in_time_below == storage::k_late_after_child_due_from.in_time_below);
  CHECK(child.late_from == storage::k_late_after_child_due_from.late_from);
}

// Issue 14 item 15: a § 136 c hold is one intervention, registered on Skema 1 with its Bilag attached.
TEST_CASE("a § 136 c hold with its Bilag til § 136 c counts once, on its Skema 1") {
  StatsWorld w;
  const std::string skema1 = w.form("c3", "I2", "2024-1", "136c", "2025-04-11T07:30");
  const std::string bilag = w.form("c3", "I2", "2024-bilag136c", "136c", "2025-04-11T07:30");
  w.exec("UPDATE form_instances SET parent_id = '" + skema1 + "' WHERE id = '" + bilag + "'");
  w.filled_at(skema1, "2025-04-20T10:00:00Z");  // late, once
  w.filled_at(bilag, "2025-04-20T10:00:00Z");
  for (const auto source : {stats::Source::Aggregates, stats::Source::Rows}) {
    stats::StatsQuery q{2025, std::nullopt, "M", false};
    q.source = source;
    const auto s = w.stats_of(q);
    CHECK(s.registrations.count == 1);
    CHECK(count(s, "basis", "136c") == 1);
    CHECK(s.late_registrations.count == 1);
  }
}
