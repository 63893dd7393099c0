// Quarterly and yearly figures for management and politicians (issue #7): registrations by operating
// department, institution, target group, legal basis and form set with the previous period beside
// them; how concentrated they are on few citizens; pre-approvable measures registered as acute; late
// registrations; complaints; moves without consent. Computed in SQL over the same schema natively and
// in wasm. A pseudonymised view (management) holds no CPR or names and suppresses small counts, and
// complements them so a hidden count cannot be recomputed from a total and its siblings. The figures are
// read from the aggregates migration 3 keeps (Source::Aggregates); Source::Rows counts the rows themselves
// and exists to prove the two equal (tests) and to time the difference (bench_stats).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::stats {

enum class Source { Aggregates, Rows };

struct StatsQuery {
  int year = 2025;
  std::optional<int> quarter;   // 1..4; empty = the whole year
  std::string municipality_id;  // required
  bool pseudonymised = false;   // suppress counts below the municipality's threshold
  // The unit: empty = the whole municipality; else one operating department, or one institution.
  std::string department;
  std::string institution_id;
  Source source = Source::Aggregates;
};

// One figure for the period and the one before it. `suppressed` marks a count hidden in the
// pseudonymised view: its number is then not in the output at all. A count is hidden because it is small
// (0 < count < threshold, shown "< T") or, `secondary`, to protect a small one in the same sum (shown "–").
struct Figure {
  long long count = 0;
  long long previous = 0;
  bool suppressed = false;
  bool previous_suppressed = false;
  bool secondary = false;
  bool previous_secondary = false;
};

struct Row {
  std::string key;    // stable id: institution UUID, basis id, "handicap", "2024", ...
  std::string label;  // Danish
  Figure figure;
};

struct Table {
  std::string id;     // "department", "institution", "target_group", "basis", "form_set", "quarter", "month"
  std::string title;  // Danish
  std::vector<Row> rows;
};

// An institution of the municipality, for choosing the unit.
struct Unit {
  std::string institution_id, name, department;
};

struct Statistics {
  int year = 0;
  std::optional<int> quarter;
  std::string period_label;           // "2025", "3. kvartal 2025"
  std::string previous_label;         // "2024", "2. kvartal 2025"
  std::string municipality_name;
  std::string department;             // the unit asked for (empty = all)
  std::string institution_id;
  std::string unit_label;             // "Hele kommunen", "Driftsafdeling Ældre og Sundhed", "Tilbud …"
  std::vector<Unit> units;            // every institution of the municipality, by department and name
  int suppression_threshold = 0;      // applied when pseudonymised (else 0)
  bool pseudonymised = false;

  Figure registrations;               // all registrations (Udfyldt and Låst, not applications or moves)
  std::vector<Table> tables;
  // Concentration: how many citizens were registered, and the share of registrations on the ones with
  // the most (the top 10 % of them, at least one).
  long long citizens = 0;
  long long top_citizens = 0;
  double top_share = 0.0;             // 0..1
  Figure preapprovable_as_acute;      // a basis that can be pre-approved, on an acute form
  Figure late_registrations;          // staff part completed after the end of the third day
  Figure moves;                       // Skema 2 (2020) / Skema 4 (2024)
  Figure complaints;
  std::vector<Row> complaints_by_status;
};

// INVALID_INPUT for a year outside 2000..2100, a quarter outside 1..4, an unknown municipality,
// department or institution (field "year", "quarter", "municipality", "department", "institution").
Result<Statistics> compute_statistics(storage::Database& db, const StatsQuery& query);

nlohmann::json to_json(const Statistics& s);
// Every table as CSV (semicolon-separated, Danish header, UTF-8): table;nøgle;betegnelse;antal;forrige.
std::string to_csv(const Statistics& s);
// A count as shown: the number, "< T" when suppressed as small, "–" when suppressed to protect another.
std::string shown(long long count, bool suppressed, int threshold, bool secondary = false);
// Complementary suppression over the sums a table states: in every sum (a total and the rows that add up
// to it) where exactly one count is hidden, the smallest shown non-zero row is hidden too (or the total,
// when no row is left), repeated until no sum has exactly one hidden count. Applied by
// compute_statistics in the pseudonymised view; public for its tests.
struct Sum {
  Figure* total = nullptr;
  std::vector<Figure*> parts;
};
void complement(const std::vector<Sum>& sums);

}  // namespace magtreg::core::stats
