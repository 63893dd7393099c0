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

template <class T, class Read>
Result<std::vector<T>> collect(st::Statement& q, Read read) {
  std::vector<T> out;
  for (;;) {
    auto has = q.step();
    if (!has) return has.error();
    if (!*has) return out;
    out.push_back(read(q));
  }
}

core::model::Municipality read_municipality(st::Statement& q) {
  core::model::Municipality m;
  m.id = q.column_text(0);
  m.name = q.column_text(1);
  m.report_day_of_month = static_cast<int>(q.column_int64(2));
  m.suppression_threshold = static_cast<int>(q.column_int64(3));
  m.region = q.column_text(4);
  m.socialtilsyn = q.column_text(5);
  return m;
}

core::model::Institution read_institution(st::Statement& q) {
  core::model::Institution i;
  i.id = q.column_text(0);
  i.municipality_id = q.column_text(1);
  i.name = q.column_text(2);
  i.kind = q.column_text(3);
  i.operator_kind = q.column_text(4);
  i.operating_department = q.column_text(5);
  i.target_area = q.column_text(6);
  return i;
}

constexpr const char* k_user_columns =
    "SELECT u.id, u.username, u.display_name, u.role, u.municipality_id, u.password_hash, u.disabled,"
    " (SELECT coalesce(json_group_array(institution_id), '[]') FROM"
    "    (SELECT institution_id FROM user_institutions WHERE user_id = u.id ORDER BY institution_id))"
    " FROM users u";

core::model::User read_user(st::Statement& q) {
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

template <class T, class Read>
Result<std::optional<T>> first(st::Database& db, const std::string& sql, const std::string& arg, Read read) {
  auto q = db.prepare(sql);
  if (!q) return q.error();
  q->bind(1, arg);
  auto rows = collect<T>(*q, read);
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<T>();
  return std::optional<T>(std::move(rows->front()));
}

}  // namespace

Status add_municipality(st::Database& db, const core::model::Municipality& m) {
  auto q = db.prepare(
      "INSERT INTO municipalities(id, name, report_day_of_month, suppression_threshold, region, socialtilsyn)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!q) return q.error();
  q->bind(1, m.id).bind(2, m.name).bind(3, m.report_day_of_month).bind(4, m.suppression_threshold);
  q->bind(5, m.region).bind(6, m.socialtilsyn);
  return q->run();
}

Status add_institution(st::Database& db, const core::model::Institution& i) {
  auto q = db.prepare(
      "INSERT INTO institutions(id, municipality_id, name, kind, operator, operating_department, target_area)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!q) return q.error();
  q->bind(1, i.id).bind(2, i.municipality_id).bind(3, i.name).bind(4, i.kind).bind(5, i.operator_kind);
  q->bind(6, i.operating_department).bind(7, i.target_area);
  return q->run();
}

Result<std::optional<core::model::Municipality>> find_municipality(st::Database& db, const std::string& id) {
  return first<core::model::Municipality>(
      db, "SELECT id, name, report_day_of_month, suppression_threshold, region, socialtilsyn FROM municipalities"
      " WHERE id = ?1", id,
      read_municipality);
}

Result<std::vector<core::model::Municipality>> list_municipalities(st::Database& db) {
  auto q = db.prepare("SELECT id, name, report_day_of_month, suppression_threshold, region, socialtilsyn FROM municipalities"
      " ORDER BY name");
  if (!q) return q.error();
  return collect<core::model::Municipality>(*q, read_municipality);
}

Result<std::vector<core::model::Institution>> list_institutions(st::Database& db, const std::string& municipality_id) {
  auto q = db.prepare(
      "SELECT id, municipality_id, name, kind, operator, operating_department, target_area FROM institutions"
      " WHERE ?1 = '' OR municipality_id = ?1 ORDER BY name");
  if (!q) return q.error();
  q->bind(1, municipality_id);
  return collect<core::model::Institution>(*q, read_institution);
}

Result<std::optional<core::model::Institution>> find_institution(st::Database& db, const std::string& id) {
  return first<core::model::Institution>(
      db,
      "SELECT id, municipality_id, name, kind, operator, operating_department, target_area FROM institutions"
      " WHERE id = ?1",
      id, read_institution);
}

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
  return first<core::model::User>(db, std::string(k_user_columns) + " WHERE u.id = ?1", id, read_user);
}

Result<std::optional<core::model::User>> find_user_by_username(st::Database& db, const std::string& username) {
  return first<core::model::User>(db, std::string(k_user_columns) + " WHERE u.username = ?1", username, read_user);
}

Result<std::vector<core::model::User>> list_users(st::Database& db) {
  auto q = db.prepare(std::string(k_user_columns) + " ORDER BY u.username");
  if (!q) return q.error();
  return collect<core::model::User>(*q, read_user);
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

Result<std::optional<core::access::CitizenPlacement>> citizen_placement(st::Database& db,
                                                                        const std::string& citizen_id) {
  auto q = db.prepare(
      "SELECT c.institution_id, coalesce(i.municipality_id, '') FROM citizens c"
      " LEFT JOIN institutions i ON i.id = c.institution_id WHERE c.id = ?1");
  if (!q) return q.error();
  q->bind(1, citizen_id);
  auto has = q->step();
  if (!has) return has.error();
  if (!*has) return std::optional<core::access::CitizenPlacement>();
  return std::optional(core::access::CitizenPlacement{q->column_text(0), q->column_text(1)});
}

}  // namespace magtreg::sync
