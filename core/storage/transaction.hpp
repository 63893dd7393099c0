// A transaction scope: begins in the constructor and rolls back in the destructor unless commit()
// succeeded. Nested scopes become SAVEPOINTs, so repository calls compose into one atomic save.
#pragma once

#include <string>

#include "core/util/result.hpp"

namespace magtreg::core::storage {

class Database;

enum class TransactionMode {
  Deferred,   // BEGIN: takes the write lock at the first write
  Immediate,  // BEGIN IMMEDIATE: takes the write lock now (use for every write: no upgrade deadlocks)
};

class Transaction {
 public:
  explicit Transaction(Database& db, TransactionMode mode = TransactionMode::Immediate);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // Whether BEGIN (or SAVEPOINT) succeeded; commit() reports the same error when it did not.
  const Status& begin_status() const { return m_begin; }
  Status commit();
  // Explicit rollback (the destructor does the same when nothing was committed).
  void rollback();

 private:
  Database& m_db;
  Status m_begin;
  std::string m_savepoint;  // empty for a top-level transaction
  bool m_active = false;
};

}  // namespace magtreg::core::storage
