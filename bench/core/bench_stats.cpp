// The yearly report over many registrations (issue #7): generates N registrations (default 1,000,000)
// spread over three years, 40 institutions in 4 departments and 4,000 citizens into a database file
// (the triggers of migration 3 keep the aggregates while inserting), then times the server's path for one
// year (core::stats::compute_statistics from the aggregates, pseudonymised, and its JSON), the same report
// counted from the rows (Source::Rows, what the server did before migration 3), and in the same run the
// floor: one plain `SELECT ... count(*) ... GROUP BY` over the year's rows. Prints figures and ratios;
// never asserted. Usage: bench_stats [registrations] [folder (kept afterwards)]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "core/stats/statistics.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/transaction.hpp"

using namespace magtreg::core;

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

bool ok(const Status& s, const char* what) {
  if (!s) std::fprintf(stderr, "bench_stats: %s: %s\n", what, s.error().message.c_str());
  return s.ok();
}

}  // namespace

int main(int argc, char** argv) {
  const long long n = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const std::filesystem::path dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path() / "magtreg-bench-stats";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "stats.db").string();
  storage::DatabaseOptions options;
  options.wal = true;
  auto db = storage::open_database(path, options);
  if (!db) return ok(db.error(), "open"), 1;

  const auto t_gen = std::chrono::steady_clock::now();
  {
    storage::Transaction tx(*db);
    if (!ok(db->exec("INSERT INTO municipalities(id, name) VALUES ('M', 'Benchkommune')"), "municipality")) return 1;
    for (int i = 0; i < 40; ++i) {
      const std::string group = i % 3 == 0 ? "handicap" : i % 3 == 1 ? "demens" : "boern";
      if (!ok(db->exec("INSERT INTO institutions(id, municipality_id, name, kind, operator, operating_department,"
                       " target_area) VALUES ('I" + std::to_string(i) + "', 'M', 'Tilbud " + std::to_string(i) +
                       "', 'botilbud', 'municipal', 'Afdeling " + std::to_string(i % 4) + "', '" + group + "')"),
              "institution"))
        return 1;
    }
    for (int c = 0; c < 4000; ++c) {
      const int inst = c % 40;
      const std::string group = inst % 3 == 0 ? "handicap" : inst % 3 == 1 ? "demens" : "boern";
      if (!ok(db->exec("INSERT INTO citizens(id, cpr, name, target_group, acting_municipality, institution_id,"
                       " can_complain_unaided, revision, content_hash) VALUES ('C" + std::to_string(c) +
                       "', '010101-0000', 'X', '" + group + "', 'Benchkommune', 'I" + std::to_string(inst) +
                       "', 1, 1, 'h')"),
              "citizen"))
        return 1;
    }
    auto form = db->prepare(
        "INSERT INTO form_instances(id, form_id, form_version, citizen_id, case_id, institution_id, state, content,"
        " legal_basis, started_at, created_by, created_at, updated_at, locked_at, locked_by, revision, content_hash)"
        " VALUES (?1, ?2, 1, ?3, 'case', ?4, 'laast', '{}', ?5, ?6, 'u', 'x', 'x', 'x', 'u', 1, 'h')");
    auto event = db->prepare(
        "INSERT INTO form_events(id, form_instance_id, from_state, to_state, by_user, at, revision, content_hash)"
        " VALUES (?1, ?1, 'kladde', 'udfyldt', 'u', ?2, 1, 'h')");
    if (!form || !event) return 1;
    std::mt19937 rng(7);
    // A few citizens with many registrations: a skewed pick.
    std::discrete_distribution<int> citizen_weight({50, 20, 10, 10, 5, 5});
    static const char* k_bases[3][3] = {{"124d", "124c", "136a"}, {"124d", "136c", "124c"},
                                         {"boern_fastholdelse", "boern_foere_vaek", "noedvaerge"}};
    char started[32], filled[32];
    for (long long i = 0; i < n; ++i) {
      const int band = citizen_weight(rng);
      const int c = (band * 667 + static_cast<int>(rng() % 667)) % 4000;
      const int inst = c % 40;
      const int group = inst % 3;
      const int year = 2023 + static_cast<int>(rng() % 3);
      const int month = 1 + static_cast<int>(rng() % 12), day = 1 + static_cast<int>(rng() % 28);
      std::snprintf(started, sizeof started, "%04d-%02d-%02dT%02d:%02d", year, month, day,
                    static_cast<int>(rng() % 24), static_cast<int>(rng() % 60));
      const bool new_set = year > 2024 || (year == 2024 && month >= 7);
      const char* form_id = group == 2 ? "boern-1a" : new_set ? "2024-1" : group == 0 ? "2020-1a" : "2020-1b";
      const std::string id = "F" + std::to_string(i);
      if (!ok(form->reset(), "reset")) return 1;
      form->bind(1, id).bind(2, form_id).bind(3, "C" + std::to_string(c)).bind(4, "I" + std::to_string(inst));
      form->bind(5, k_bases[group][rng() % 3]).bind(6, started);
      if (!ok(form->run(), "form")) return 1;
      const int delay_days = rng() % 10 == 0 ? 5 : 1;
      std::snprintf(filled, sizeof filled, "%04d-%02d-%02dT12:00:00Z", year, month, std::min(28, day + delay_days));
      if (!ok(event->reset(), "reset")) return 1;
      event->bind(1, id).bind(2, filled);
      if (!ok(event->run(), "event")) return 1;
    }
    if (!ok(tx.commit(), "commit")) return 1;
  }
  const double gen_ms = ms_since(t_gen);
  // As a running server would be: statistics gathered and the write-ahead log checkpointed into the file.
  if (!ok(db->exec("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);"), "analyze")) return 1;

  // Warm the page cache once, as a server that has been running would have it.
  const stats::StatsQuery year{2024, std::nullopt, "M", true};
  (void)stats::compute_statistics(*db, year);
  double report_ms = 1e18, quarter_ms = 1e18;
  long long counted = 0;
  std::size_t json_bytes = 0;
  for (int run = 0; run < 5; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    auto s = stats::compute_statistics(*db, year);
    if (!s) return ok(s.error(), "statistics"), 1;
    json_bytes = stats::to_json(*s).dump().size();  // the API answers with this
    const double ms = ms_since(t0);
    counted = s->registrations.count;
    report_ms = std::min(report_ms, ms);
    const auto t1 = std::chrono::steady_clock::now();
    auto q = stats::compute_statistics(*db, {2024, 3, "M", true, "Afdeling 1", ""});
    if (!q) return ok(q.error(), "statistics"), 1;
    quarter_ms = std::min(quarter_ms, ms_since(t1));
  }
  // The same yearly report counted from the rows (once: it reads every row of two years).
  auto by_rows = year;
  by_rows.source = stats::Source::Rows;
  const auto t_rows = std::chrono::steady_clock::now();
  auto rows = stats::compute_statistics(*db, by_rows);
  const double rows_ms = ms_since(t_rows);
  if (!rows) return ok(rows.error(), "statistics from rows"), 1;
  auto aggregated = stats::compute_statistics(*db, year);
  if (!aggregated) return 1;
  const bool same = stats::to_json(*rows) == stats::to_json(*aggregated);
  long long aggregate_rows = 0;
  if (auto q = db->prepare("SELECT (SELECT count(*) FROM stats_monthly) + (SELECT count(*) FROM stats_citizen_quarterly)")) {
    auto has = q->step();
    if (has && *has) aggregate_rows = q->column_int64(0);
  }
  double floor_ms = 1e18;
  for (int run = 0; run < 3; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    auto q = db->prepare(
        "SELECT institution_id, legal_basis, count(*) FROM form_instances WHERE started_at >= '2024-01-01T00:00'"
        " AND started_at < '2025-01-01T00:00' GROUP BY 1, 2");
    if (!q) return 1;
    for (;;) {
      auto has = q->step();
      if (!has || !*has) break;
    }
    floor_ms = std::min(floor_ms, ms_since(t0));
  }
  std::printf("stats.registrations_generated %lld rows\n", n);
  std::printf("stats.registrations_in_year %lld rows\n", counted);
  std::printf("stats.generate_ms %.0f ms\n", gen_ms);
  std::printf("stats.database_bytes %lld bytes\n", static_cast<long long>(std::filesystem::file_size(path)));
  std::printf("stats.aggregate_rows %lld rows\n", aggregate_rows);
  std::printf("stats.yearly_report_ms %.1f ms (target 300; aggregates, pseudonymised, with its %zu-byte JSON)\n",
              report_ms, json_bytes);
  std::printf("stats.quarter_department_report_ms %.1f ms\n", quarter_ms);
  std::printf("stats.yearly_report_from_rows_ms %.1f ms (%s figures)\n", rows_ms, same ? "the same" : "DIFFERENT");
  std::printf("stats.floor_group_by_ms %.1f ms\n", floor_ms);
  std::printf("stats.report_over_floor %.3f x\n", report_ms / floor_ms);
  std::printf("stats.rows_over_floor %.2f x\n", rows_ms / floor_ms);
  if (argc <= 2) std::filesystem::remove_all(dir);  // a folder given on the command line is kept for inspection
  return 0;
}
