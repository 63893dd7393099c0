// Retention (issue #20): the municipality's rule, "a closed case's records are deleted N years after it
// was closed", and what the rule would delete today. Deleting is not built yet (docs/operations.md says
// what it needs); `magtreg retention --dry-run` shows the plan, so a municipality can see its rule's effect
// and its data protection officer can check it before anything is deleted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/storage/database.hpp"
#include "core/util/result.hpp"
#include "sync/clock.hpp"

namespace magtreg::sync {

core::Result<std::optional<int>> retention_years(core::storage::Database& db, const std::string& municipality_id);
// `years` 1..100, or nothing to remove the rule.
core::Status set_retention_years(core::storage::Database& db, const std::string& municipality_id,
                                 std::optional<int> years);

// One closed case past the rule, with what belongs to it.
struct RetentionCase {
  std::string case_id, citizen_id, citizen_name, closed_at;
  long long forms = 0, decisions = 0, complaints = 0, notes = 0;
};

struct RetentionPlan {
  int years = 0;
  std::string cutoff;  // UTC text: cases closed before it are past the rule
  std::vector<RetentionCase> cases;
  // Citizens all of whose cases are past the rule: their master data, action plan and notes go too.
  std::vector<std::string> whole_citizens;
};

// The cutoff `years` before `now` (UTC text; 29 February becomes 28 February).
std::string retention_cutoff(UnixSeconds now, int years);
// What the municipality's rule would delete at `now`; nothing planned when it has no rule.
core::Result<RetentionPlan> plan_retention(core::storage::Database& db, const std::string& municipality_id,
                                           UnixSeconds now);

}  // namespace magtreg::sync
