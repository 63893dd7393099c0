// A small pool of SQLite connections for the server's worker threads (a Database is used by one
// thread at a time). Every connection runs WAL with synchronous=FULL: an acknowledged write is on disk.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::sync {

core::storage::DatabaseOptions server_database_options();

class DbPool {
 public:
  explicit DbPool(std::string path) : m_path(std::move(path)) {}
  DbPool(const DbPool&) = delete;
  DbPool& operator=(const DbPool&) = delete;

  // Opens (creating and migrating) the database once, so a bad path fails at start, not per request.
  core::Status open();

  class Lease {
   public:
    Lease(DbPool& pool, core::storage::Database db) : m_pool(&pool), m_db(std::move(db)) {}
    Lease(Lease&& other) noexcept : m_pool(other.m_pool), m_db(std::move(other.m_db)) { other.m_pool = nullptr; }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    core::storage::Database& db() { return m_db; }

   private:
    DbPool* m_pool;
    core::storage::Database m_db;
  };

  core::Result<Lease> acquire();
  const std::string& path() const { return m_path; }

 private:
  void give_back(core::storage::Database db);
  std::string m_path;
  std::mutex m_mutex;
  std::vector<core::storage::Database> m_free;
};

}  // namespace magtreg::sync
