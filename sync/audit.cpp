#include "sync/audit.hpp"

#include "core/storage/transaction.hpp"
#include "core/util/sha256.hpp"

namespace magtreg::sync {

namespace st = core::storage;

std::string audit_row_hash(const AuditRow& row) {
  // Unit separators keep field boundaries unambiguous ("ab"+"c" differs from "a"+"bc").
  std::string s = row.prev_hash;
  for (const std::string* f : {&row.at, &row.entry.user_id, &row.entry.action, &row.entry.object_kind,
                               &row.entry.object_id, &row.entry.citizen_id, &row.entry.outcome}) {
    s += '\x1f';
    s += *f;
  }
  s += '\x1f';
  s += std::to_string(row.seq);
  return core::sha256_hex(s);
}

core::Status append_audit(st::Database& db, const AuditEntry& entry, const std::string& at_utc) {
  st::Transaction tx(db);
  if (!tx.begin_status()) return tx.begin_status();
  auto tip = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!tip) return tip.error();
  auto has = tip->step();
  if (!has) return has.error();
  AuditRow row;
  row.seq = *has ? tip->column_int64(0) + 1 : 1;
  row.prev_hash = *has ? tip->column_text(1) : k_audit_genesis;
  row.at = at_utc;
  row.entry = entry;
  row.hash = audit_row_hash(row);
  auto ins = db.prepare(
      "INSERT INTO audit_log(seq, at, user_id, action, object_kind, object_id, citizen_id, outcome, prev_hash, hash)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!ins) return ins.error();
  auto opt = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : std::optional(s); };
  ins->bind(1, row.seq)
      .bind(2, row.at)
      .bind(3, opt(entry.user_id))
      .bind(4, entry.action)
      .bind(5, entry.object_kind)
      .bind(6, opt(entry.object_id))
      .bind(7, opt(entry.citizen_id))
      .bind(8, entry.outcome)
      .bind(9, row.prev_hash)
      .bind(10, row.hash);
  if (auto r = ins->run(); !r) return r;
  return tx.commit();
}

namespace {

AuditRow read_row(st::Statement& s) {
  AuditRow r;
  r.seq = s.column_int64(0);
  r.at = s.column_text(1);
  r.entry.user_id = s.column_text(2);
  r.entry.action = s.column_text(3);
  r.entry.object_kind = s.column_text(4);
  r.entry.object_id = s.column_text(5);
  r.entry.citizen_id = s.column_text(6);
  r.entry.outcome = s.column_text(7);
  r.prev_hash = s.column_text(8);
  r.hash = s.column_text(9);
  return r;
}

constexpr const char* k_columns =
    "SELECT seq, at, user_id, action, object_kind, object_id, citizen_id, outcome, prev_hash, hash FROM audit_log";

}  // namespace

core::Result<std::vector<AuditRow>> audit_of_citizen(st::Database& db, const std::string& citizen_id) {
  auto q = db.prepare(std::string(k_columns) + " WHERE citizen_id = ?1 ORDER BY seq");
  if (!q) return q.error();
  q->bind(1, citizen_id);
  return q->collect<AuditRow>(read_row);
}

core::Result<std::optional<long long>> verify_audit_chain(st::Database& db) {
  auto q = db.prepare(std::string(k_columns) + " ORDER BY seq");
  if (!q) return q.error();
  std::string prev = k_audit_genesis;
  long long expected_seq = 1;
  for (;;) {
    auto has = q->step();
    if (!has) return has.error();
    if (!*has) break;
    AuditRow r = read_row(*q);
    if (r.seq != expected_seq || r.prev_hash != prev || audit_row_hash(r) != r.hash)
      return std::optional<long long>(r.seq != expected_seq ? expected_seq : r.seq);
    prev = r.hash;
    ++expected_seq;
  }
  return std::optional<long long>();
}

}  // namespace magtreg::sync
