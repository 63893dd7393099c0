#include "sync/directory.hpp"

#include <functional>

#include "core/storage/transaction.hpp"
#include "core/util/json_text.hpp"

namespace magtreg::sync {

namespace st = core::storage;
using core::Error;
using core::ErrorCode;
using core::Result;
using core::Status;

namespace {

constexpr const char* k_user_columns =
    "SELECT u.id, u.username, u.display_name, u.role, u.municipality_id, u.password_hash, u.disabled,"
    " (SELECT coalesce(json_group_array(institution_id), '[]') FROM"
    "    (SELECT institution_id FROM user_institutions WHERE user_id = u.id ORDER BY institution_id))"
    " FROM users u";

core::model::User read_user(const st::Statement& q) {
  core::model::User u;
  u.id = q.column_text(0);
  u.username = q.column_text(1);
  u.display_name = q.column_text(2);
  u.role = core::role_from_string(q.column_text(3)).value_or(core::Role::Staff);
  u.municipality_id = q.column_text(4);
  u.password_hash = q.column_text(5);
  u.disabled = q.column_bool(6);
  auto ids = core::parse_json_or_discarded(q.column_text(7));
  if (ids.is_array())
    for (const auto& v : ids)
      if (v.is_string()) u.institution_ids.push_back(v.get<std::string>());
  return u;
}

// The user of the query's first row (`arg` bound to ?1).
Result<std::optional<core::model::User>> first_user(st::Database& db, const std::string& where, const std::string& arg) {
  auto q = db.prepare(std::string(k_user_columns) + where);
  if (!q) return q.error();
  q->bind(1, arg);
  return q->first<core::model::User>(read_user);
}

}  // namespace

Status add_user(st::Database& db, const core::model::User& user) {
  auto existing = find_user_by_username(db, user.username);
  if (!existing) return existing.error();
  if (*existing)
    return Error::make(ErrorCode::InvalidInput, "Brugernavnet »" + user.username + "« er allerede i brug.", "username");
  st::Transaction tx(db);
  if (!tx.begin_status()) return tx.begin_status();
  auto q = db.prepare(
      "INSERT INTO users(id, username, display_name, role, municipality_id, password_hash, disabled)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!q) return q.error();
  q->bind(1, user.id).bind(2, user.username).bind(3, user.display_name).bind(4, core::to_string(user.role));
  q->bind(5, user.municipality_id).bind(6, user.password_hash).bind(7, user.disabled);
  if (auto r = q->run(); !r) return r;
  for (const auto& inst : user.institution_ids) {
    auto link = db.prepare("INSERT INTO user_institutions(user_id, institution_id) VALUES (?1, ?2)");
    if (!link) return link.error();
    link->bind(1, user.id).bind(2, inst);
    if (auto r = link->run(); !r)
      return Error::make(ErrorCode::InvalidInput, "Ukendt institution: " + inst, "institutions");
  }
  return tx.commit();
}

Result<std::optional<core::model::User>> find_user(st::Database& db, const std::string& id) {
  return first_user(db, " WHERE u.id = ?1", id);
}

Result<std::optional<core::model::User>> find_user_by_username(st::Database& db, const std::string& username) {
  return first_user(db, " WHERE u.username = ?1", username);
}

Result<std::vector<core::model::User>> list_users(st::Database& db) {
  auto q = db.prepare(std::string(k_user_columns) + " ORDER BY u.username");
  if (!q) return q.error();
  return q->collect<core::model::User>(read_user);
}

namespace {
Status update_user(st::Database& db, const std::string& sql, const std::string& user_id,
                   const std::function<void(st::Statement&)>& bind) {
  auto q = db.prepare(sql);
  if (!q) return q.error();
  q->bind(1, user_id);
  bind(*q);
  if (auto r = q->run(); !r) return r;
  if (db.changes() == 0) return Error::make(ErrorCode::NotFound, "Brugeren findes ikke.", "user");
  return {};
}
}  // namespace

Status set_user_disabled(st::Database& db, const std::string& user_id, bool disabled) {
  return update_user(db, "UPDATE users SET disabled = ?2 WHERE id = ?1", user_id,
                     [&](st::Statement& q) { q.bind(2, disabled); });
}

Status set_user_password_hash(st::Database& db, const std::string& user_id, const std::string& password_hash) {
  return update_user(db, "UPDATE users SET password_hash = ?2 WHERE id = ?1", user_id,
                     [&](st::Statement& q) { q.bind(2, password_hash); });
}

core::access::Principal principal_of(const core::model::User& user) {
  core::access::Principal p;
  p.user_id = user.id;
  p.role = user.role;
  p.municipality_id = user.municipality_id;
  p.institution_ids = user.institution_ids;
  return p;
}

}  // namespace magtreg::sync
