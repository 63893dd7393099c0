#include "sync/db_pool.hpp"

#include "core/storage/migrations.hpp"

namespace magtreg::sync {

core::storage::DatabaseOptions server_database_options() {
  core::storage::DatabaseOptions o;
  o.wal = true;
  o.synchronous = core::storage::Synchronous::Full;
  o.busy_timeout_ms = 10000;
  return o;
}

core::Status DbPool::open() {
  auto db = core::storage::open_database(m_path, server_database_options());
  if (!db) return db.error();
  give_back(std::move(*db));
  return {};
}

core::Result<DbPool::Lease> DbPool::acquire() {
  {
    std::lock_guard lock(m_mutex);
    if (!m_free.empty()) {
      core::storage::Database db = std::move(m_free.back());
      m_free.pop_back();
      return Lease(*this, std::move(db));
    }
  }
  // The schema was migrated by open(); later connections only open.
  auto db = core::storage::Database::open(m_path, server_database_options());
  if (!db) return db.error();
  return Lease(*this, std::move(*db));
}

void DbPool::give_back(core::storage::Database db) {
  std::lock_guard lock(m_mutex);
  if (m_free.size() < 16) m_free.push_back(std::move(db));
}

DbPool::Lease::~Lease() {
  if (m_pool) m_pool->give_back(std::move(m_db));
}

}  // namespace magtreg::sync
