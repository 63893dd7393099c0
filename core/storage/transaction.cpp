// BEGIN / SAVEPOINT scopes with rollback on destruction.
#include "core/storage/transaction.hpp"

#include <atomic>

#include "core/storage/database.hpp"

namespace magtreg::core::storage {
namespace {
std::string next_savepoint_name() {
  static std::atomic<unsigned long long> counter{0};
  return "sp_" + std::to_string(++counter);
}
}  // namespace

Transaction::Transaction(Database& db, TransactionMode mode) : m_db(db) {
  if (db.in_transaction()) {
    m_savepoint = next_savepoint_name();
    m_begin = db.exec("SAVEPOINT " + m_savepoint);
  } else {
    m_begin = db.exec(mode == TransactionMode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
  }
  m_active = m_begin.ok();
}

Transaction::~Transaction() { rollback(); }

Status Transaction::commit() {
  if (!m_begin) return m_begin.error();
  if (!m_active) return storage_error("commit", "transaction already finished");
  Status st = m_db.exec(m_savepoint.empty() ? std::string("COMMIT") : "RELEASE " + m_savepoint);
  if (!st) {
    rollback();
    return st;
  }
  m_active = false;
  return {};
}

void Transaction::rollback() {
  if (!m_active) return;
  m_active = false;
  if (m_savepoint.empty()) {
    // After some errors SQLite has already rolled back; then this fails harmlessly.
    if (m_db.in_transaction()) (void)m_db.exec("ROLLBACK");
  } else {
    (void)m_db.exec("ROLLBACK TO " + m_savepoint);
    (void)m_db.exec("RELEASE " + m_savepoint);
  }
}

}  // namespace magtreg::core::storage
