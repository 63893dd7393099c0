// Repository form saves per second (FormRepository::insert, each in its own transaction, synchronous=FULL,
// a database file) beside raw SQLite commits of an equally sized blob on the same disk in the same run,
// and their ratio: the price of the repository layer (hashing, JSON, revision check) over the fsync
// floor. Both journal modes: WAL (the server) and the rollback journal (the tablet).
// Prints "name value unit" lines; never asserted. Usage: bench_storage [saves] [folder]
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/form_instance.hpp"
#include "core/storage/form_repository.hpp"
#include "core/storage/migrations.hpp"
#include "core/util/uuid.hpp"

using namespace magtreg::core;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A filled-in Skema 1 a as staff save it: a few hundred bytes of Danish free text plus choices.
model::FormInstance sample_form(int i) {
  model::FormInstance f;
  f.id = new_uuid();
  f.form_id = "2020-1a";
  f.form_version = 1;
  f.citizen_id = "6a1f1f0e-2c1b-4e43-9b7b-3f3f0c1d2e11";
  f.case_id = new_uuid();
  f.institution_id = "0b7d7d1c-5a55-4b8e-8f3a-1c2d3e4f5a6b";
  f.state = model::FormState::Filled;
  f.content = {
      {"basis", "124d"},
      {"started_at", "2024-03-05T14:30"},
      {"ended_at", "2024-03-05T14:40"},
      {"staff_names", {"Anna Ølgaard", "Bo Åkjær"}},
      {"situation", "Borgeren blev urolig under aftensmaden, råbte og slog ud efter en medbeboer. "
                    "Personalet forsøgte at aflede med samtale og tilbød at gå en tur, uden effekt."},
      {"measure", "Kortvarig fastholdelse af armene i ca. to minutter, indtil borgeren faldt til ro. "
                  "Borgeren blev derefter fulgt til sin lejlighed."},
      {"voluntary_tried", true},
      {"least_intrusive", true},
      {"injuries", "Ingen"},
      {"sequence", i},
  };
  f.legal_basis = "124d";
  f.started_at = "2024-03-05T14:30";
  f.created_by = "3c3c3c3c-1111-4222-8333-444455556666";
  f.created_at = "2024-03-05T14:50:00Z";
  f.updated_at = "2024-03-05T15:05:00Z";
  return f;
}

struct Figures {
  double saves_per_s = 0;
  double raw_per_s = 0;
};

bool check(int rc, sqlite3* db, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
  std::fprintf(stderr, "bench_storage: %s: %s\n", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  return false;
}

// Raw SQLite: BEGIN IMMEDIATE; INSERT one blob of `bytes`; COMMIT, with the same pragmas.
bool raw_commits(const std::string& path, bool wal, int count, std::size_t bytes, double& per_s) {
  sqlite3* db = nullptr;
  if (!check(sqlite3_open(path.c_str(), &db), db, "open")) return false;
  const std::string pragmas = std::string("PRAGMA journal_mode=") + (wal ? "wal" : "delete") +
                              "; PRAGMA synchronous=FULL; CREATE TABLE raw(id INTEGER PRIMARY KEY, data BLOB NOT NULL);";
  bool ok = check(sqlite3_exec(db, pragmas.c_str(), nullptr, nullptr, nullptr), db, "pragmas");
  sqlite3_stmt* begin = nullptr;
  sqlite3_stmt* insert = nullptr;
  sqlite3_stmt* commit = nullptr;
  ok = ok && check(sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, nullptr), db, "prepare");
  ok = ok && check(sqlite3_prepare_v2(db, "INSERT INTO raw(data) VALUES (?1)", -1, &insert, nullptr), db, "prepare");
  ok = ok && check(sqlite3_prepare_v2(db, "COMMIT", -1, &commit, nullptr), db, "prepare");
  std::vector<unsigned char> blob(bytes, 0x5a);
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; ok && i < count; ++i) {
    blob[i % blob.size()] = static_cast<unsigned char>(i);
    ok = check(sqlite3_step(begin), db, "begin") && check(sqlite3_reset(begin), db, "reset");
    sqlite3_bind_blob(insert, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    ok = ok && check(sqlite3_step(insert), db, "insert") && check(sqlite3_reset(insert), db, "reset");
    ok = ok && check(sqlite3_step(commit), db, "commit") && check(sqlite3_reset(commit), db, "reset");
  }
  per_s = static_cast<double>(count) / seconds_since(t0);
  sqlite3_finalize(begin);
  sqlite3_finalize(insert);
  sqlite3_finalize(commit);
  sqlite3_close(db);
  return ok;
}

bool form_saves(const std::string& path, bool wal, const std::vector<model::FormInstance>& forms, double& per_s) {
  storage::DatabaseOptions options;
  options.wal = wal;
  options.synchronous = storage::Synchronous::Full;
  auto db = storage::open_database(path, options);
  if (!db) {
    std::fprintf(stderr, "bench_storage: %s\n", db.error().message.c_str());
    return false;
  }
  storage::FormRepository repo(*db, wal ? storage::Side::Server : storage::Side::Client);
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& f : forms) {
    auto meta = repo.insert(f);  // its own transaction
    if (!meta) {
      std::fprintf(stderr, "bench_storage: save: %s\n", meta.error().message.c_str());
      return false;
    }
  }
  per_s = static_cast<double>(forms.size()) / seconds_since(t0);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 300;
  std::error_code ec;
  const std::filesystem::path dir = argc > 2 ? std::filesystem::path(argv[2])
                                             : std::filesystem::temp_directory_path() / ("magtreg_bench_" + new_uuid());
  std::filesystem::create_directories(dir, ec);

  std::vector<model::FormInstance> forms;
  for (int i = 0; i < count; ++i) forms.push_back(sample_form(i));
  // The row as stored: the content column plus the other columns' text, about the canonical JSON's size.
  const std::size_t bytes = model::canonical_json(forms.front()).size();
  std::printf("form_row_bytes %zu bytes\n", bytes);
  std::printf("saves_per_mode %d saves\n", count);

  int status = 0;
  for (const bool wal : {true, false}) {
    const char* mode = wal ? "wal" : "rollback";
    const std::string tag = std::string(mode) + "_" + new_uuid();
    Figures fig;
    // Interleave: raw, repository, raw again, and take the mean raw rate, so a drift in the disk's
    // speed during the run does not land on one side only.
    double raw_a = 0, raw_b = 0;
    const bool ok = raw_commits((dir / ("raw_a_" + tag + ".db")).string(), wal, count / 2, bytes, raw_a) &&
                    form_saves((dir / ("forms_" + tag + ".db")).string(), wal, forms, fig.saves_per_s) &&
                    raw_commits((dir / ("raw_b_" + tag + ".db")).string(), wal, count - count / 2, bytes, raw_b);
    if (!ok) {
      status = 1;
      continue;
    }
    fig.raw_per_s = (raw_a + raw_b) / 2;
    std::printf("form_saves_per_second_%s %.0f saves/s\n", mode, fig.saves_per_s);
    std::printf("raw_commits_per_second_%s %.0f commits/s\n", mode, fig.raw_per_s);
    std::printf("form_save_to_raw_ratio_%s %.2f ratio\n", mode, fig.saves_per_s / fig.raw_per_s);
  }
  if (argc <= 2) std::filesystem::remove_all(dir, ec);
  return status;
}
