// The server's form catalogue (issue 17): the table form_definitions (core/catalogue) installed as the
// process's catalogue at start, and again after `magtreg forms import` added a version while it runs.
// A change is noticed by the number of stored versions (a version is never deleted), looked at no more
// often than every few seconds, before a request's work.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::sync {

class CatalogueWatch {
 public:
  // Adds the embedded versions the table lacks (printing any that differ from the stored ones), loads
  // the table and installs it. A table that does not load stops the start.
  core::Status start(core::storage::Database& db, const std::string& now);
  // Installs the table again when it holds another number of versions than the installed catalogue.
  void refresh(core::storage::Database& db);

  static constexpr std::chrono::seconds k_check_every{5};

 private:
  core::Status install(core::storage::Database& db, long long count);

  std::mutex m_mutex;
  long long m_count = -1;
  std::chrono::steady_clock::time_point m_checked{};
};

}  // namespace magtreg::sync
