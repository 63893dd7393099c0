// Statistics against a small world counted by hand: two municipalities (only one counted), two
// departments, forms of every kind that must and must not count, a late registration decided across
// the spring summer-time change, suppression of small counts in the pseudonymised view.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "core/stats/statistics.hpp"
#include "core/storage/migrations.hpp"

using namespace magtreg::core;

namespace {

class StatsWorld {
 public:
  StatsWorld() {
    dir = std::filesystem::temp_directory_path() / ("magtreg-stats-" + std::to_string(std::rand()));
    std::filesystem::create_directories(dir);
    auto opened = storage::open_database((dir / "stats.db").string());
    REQUIRE(opened.ok());
    db.emplace(std::move(*opened));
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
