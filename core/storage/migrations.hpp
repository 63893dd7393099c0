// Numbered schema migrations tracked with PRAGMA user_version: each applied in its own transaction,
// re-running is a no-op, and a database newer than the code is refused (MIGRATION_FAILED).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::storage {

struct Migration {
  int version = 0;         // 1, 2, 3, ... without gaps
  std::string_view name;   // for messages and docs
  std::string_view sql;
};

// The forms registered within 24 hours (the children's), whose late class the statistics' triggers leave
// to the rule engine's deadline (migration 7). Equal to rules::registered_within_24_hours over the
// catalogue (a test holds them equal); storage does not depend on the rules.
const std::vector<std::string_view>& forms_registered_within_24_hours();
// The same as an SQL list, "'boern-1a', 'boern-supplement'", for the migration and the statistics' queries.
const std::string& forms_registered_within_24_hours_sql();

// The statistics' late classes (migrations 3 and 7; docs/statistics.md): a first completion is classed by
// its seconds after a reference point — surely in time below `in_time_below`, surely late from `late_from`,
// decided form by form by the rule engine's deadline in the hour between. The values are what
// rules::registration_due and rules::registered_late give over every day and hour of a decade (test_stats
// derives them so; issue 27 item 2); storage does not depend on the rules.
struct LateClassBounds {
  long long in_time_below = 0, late_from = 0;
};
// Acute registrations: seconds after the intervention's day, its midnight read as UTC.
inline constexpr LateClassBounds k_late_after_intervention_day{338400, 342000};
// A child's (forms_registered_within_24_hours): seconds after form_filled.due_from read as UTC.
inline constexpr LateClassBounds k_late_after_child_due_from{79260, 85500};
// "BETWEEN 338400 AND 341999": the undecided hour, as the partial indexes and the statistics' queries that
// read them spell it (alike, or SQLite cannot use the index).
std::string undecided_between(const LateClassBounds& bounds);

// The product's migrations (schema.cpp), oldest first.
const std::vector<Migration>& schema_migrations();
int latest_schema_version();

Result<int> schema_version(Database& db);
// Applies the migrations above the database's version. MIGRATION_FAILED when the list is malformed,
// the database is newer than the list, or a migration fails (that migration is rolled back whole).
Status migrate(Database& db, const std::vector<Migration>& migrations);
Status migrate(Database& db);

// Opens and migrates to the current schema: what the server and the tablet call at start.
Result<Database> open_database(const std::string& path, const DatabaseOptions& options = {});

}  // namespace magtreg::core::storage
