// The demo municipality for `magtreg seed-demo` and `scripts/run.sh`: institutions of all three kinds,
// one user per role (and more), citizens of all three target groups, and two years of history.
#pragma once

#include <string>

#include "core/storage/database.hpp"
#include "core/time/date.hpp"
#include "core/util/result.hpp"

namespace magtreg::sync {

struct SeedReport {
  bool already_seeded = false;  // the database had users: nothing was written
  int forms = 0;
  int decisions = 0;
  int complaints = 0;
  int reports = 0;       // monthly report batches, sent and reviewed
  int notes = 0;
  int action_plans = 0;
};

// Seeds an empty database (one transaction: all or nothing). A database that already has users is left
// as it is (already_seeded). `today` ends the generated history.
core::Result<SeedReport> seed_demo(core::storage::Database& db, const core::time::Date& today);

// The logins to print: username, role and name, and the shared demo password.
std::string demo_logins_text();

}  // namespace magtreg::sync
