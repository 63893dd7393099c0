// Installs the stored form catalogue at start and after an import.
#include "sync/catalogue_watch.hpp"

#include <cstdio>

#include "core/catalogue/definition_store.hpp"

namespace magtreg::sync {

namespace {

core::Result<long long> stored_versions(core::storage::Database& db) {
  auto q = db.prepare("SELECT count(*) FROM form_definitions");
  if (!q) return q.error();
  auto row = q->step();
  if (!row) return row.error();
  return q->column_int64(0);
}

}  // namespace

core::Status CatalogueWatch::install(core::storage::Database& db, long long count) {
  auto cat = core::catalogue::load_catalogue(db);
  if (!cat) return cat.error();
  core::forms::Catalogue::install(std::move(*cat));
  m_count = count;
  return {};
}

core::Status CatalogueWatch::start(core::storage::Database& db, const std::string& now) {
  std::lock_guard lock(m_mutex);
  auto installed = core::catalogue::install_stored_catalogue(db, now);
  if (!installed) return installed.error();
  for (const auto& n : installed->noticed)
    std::fprintf(stderr, "magtreg serve: %s (DEFINITION_VERSION_PUBLISHED)\n", n.c_str());
  m_count = installed->versions;
  m_checked = std::chrono::steady_clock::now();
  return {};
}

void CatalogueWatch::refresh(core::storage::Database& db) {
  std::lock_guard lock(m_mutex);
  if (m_count < 0) return;  // not started (tests that mount the API without a server)
  const auto now = std::chrono::steady_clock::now();
  if (now - m_checked < k_check_every) return;
  m_checked = now;
  auto count = stored_versions(db);
  if (!count || *count == m_count) return;
  if (auto s = install(db, *count); !s)
    std::fprintf(stderr, "magtreg: the form catalogue could not be loaded again: %s (%s)\n", s.error().message.c_str(),
                 std::string(core::to_string(s.error().code)).c_str());
  else
    std::fprintf(stderr, "magtreg: the form catalogue now holds %lld versions\n", *count);
}

}  // namespace magtreg::sync
