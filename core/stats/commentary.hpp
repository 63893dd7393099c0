// The yearly report's written part: per operating department and year, a commentary on volume and
// development and positive examples of reduced use (seed 003: figures alone mislead). Stored on the
// server (report_commentary, migration 3); who may write which department is the access policy's
// WriteReportCommentary, checked by the caller.
#pragma once

#include <string>
#include <vector>

#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::stats {

inline constexpr std::size_t k_max_commentary_bytes = 20000;

struct Commentary {
  std::string department;
  std::string commentary;
  std::string positive_examples;
  std::string updated_by;       // user id
  std::string updated_by_name;  // display name (read only)
  std::string updated_at;       // UTC instant
};

// The year's commentary of the municipality's departments, by department name.
Result<std::vector<Commentary>> commentary_of(storage::Database& db, const std::string& municipality_id, int year);

// Writes (replaces) one department's commentary. INVALID_INPUT for a year outside 2000..2100, a department
// the municipality does not have, text over k_max_commentary_bytes or not valid UTF-8.
Status save_commentary(storage::Database& db, const std::string& municipality_id, int year, const Commentary& c);

// The operating departments of the municipality (from its institutions), sorted.
Result<std::vector<std::string>> departments_of(storage::Database& db, const std::string& municipality_id);

}  // namespace magtreg::core::stats
