// Quarterly and yearly figures for management and politicians (issue #7): registrations by operating
// department, institution, target group, legal basis and form set with the previous period beside
// them; how concentrated they are on few citizens; pre-approvable measures registered as acute; late
// registrations; complaints; moves without consent. Computed in SQL over the same schema natively and
// in wasm. A pseudonymised view (management) holds no CPR or names and suppresses small counts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::stats {

struct StatsQuery {
  int year = 2025;
  std::optional<int> quarter;   // 1..4; empty = the whole year
  std::string municipality_id;  // required
  bool pseudonymised = false;   // suppress counts below the municipality's threshold
};

// One figure for the period and the one before it. `suppressed` marks a count hidden in the
// pseudonymised view (0 < count < threshold): its number is then not in the output at all.
struct Figure {
  long long count = 0;
  long long previous = 0;
  bool suppressed = false;
  bool previous_suppressed = false;
};

struct Row {
  std::string key;    // stable id: institution UUID, basis id, "handicap", "2024", ...
  std::string label;  // Danish
  Figure figure;
};

struct Table {
  std::string id;     // "department", "institution", "target_group", "basis", "form_set", "quarter"
  std::string title;  // Danish
  std::vector<Row> rows;
};

struct Statistics {
  int year = 0;
  std::optional<int> quarter;
  std::string period_label;           // "2025", "3. kvartal 2025"
  std::string previous_label;         // "2024", "2. kvartal 2025"
  std::string municipality_name;
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

// CASE: INVALID_INPUT for a year outside 2000..2100, a quarter outside 1..4, an unknown municipality.
Result<Statistics> compute_statistics(storage::Database& db, const StatsQuery& query);

nlohmann::json to_json(const Statistics& s);
// Every table as CSV (semicolon-separated, Danish header, UTF-8): table;nøgle;betegnelse;antal;forrige.
std::string to_csv(const Statistics& s);
// A count as shown: the number, or "< T" when suppressed.
std::string shown(long long count, bool suppressed, int threshold);

}  // namespace magtreg::core::stats
