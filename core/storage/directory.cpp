// The directory's municipalities and institutions (see directory.hpp).
#include "core/storage/directory.hpp"

namespace magtreg::core::storage {

namespace {

constexpr const char* k_municipality_columns =
    "SELECT id, name, report_day_of_month, suppression_threshold, region, socialtilsyn FROM municipalities";
constexpr const char* k_institution_columns =
    "SELECT id, municipality_id, name, kind, operator, operating_department, target_area FROM institutions";

model::Municipality read_municipality(const Statement& q) {
  model::Municipality m;
  m.id = q.column_text(0);
  m.name = q.column_text(1);
  m.report_day_of_month = static_cast<int>(q.column_int64(2));
  m.suppression_threshold = static_cast<int>(q.column_int64(3));
  m.region = q.column_text(4);
  m.socialtilsyn = q.column_text(5);
  return m;
}

model::Institution read_institution(const Statement& q) {
  model::Institution i;
  i.id = q.column_text(0);
  i.municipality_id = q.column_text(1);
  i.name = q.column_text(2);
  i.kind = q.column_text(3);
  i.operator_kind = q.column_text(4);
  i.operating_department = q.column_text(5);
  i.target_area = q.column_text(6);
  return i;
}

}  // namespace

Status add_municipality(Database& db, const model::Municipality& m) {
  auto q = db.prepare(
      "INSERT INTO municipalities(id, name, report_day_of_month, suppression_threshold, region, socialtilsyn)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!q) return q.error();
  q->bind(1, m.id).bind(2, m.name).bind(3, m.report_day_of_month).bind(4, m.suppression_threshold);
  q->bind(5, m.region).bind(6, m.socialtilsyn);
  return q->run();
}

Status add_institution(Database& db, const model::Institution& i) {
  auto q = db.prepare(
      "INSERT INTO institutions(id, municipality_id, name, kind, operator, operating_department, target_area)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!q) return q.error();
  q->bind(1, i.id).bind(2, i.municipality_id).bind(3, i.name).bind(4, i.kind).bind(5, i.operator_kind);
  q->bind(6, i.operating_department).bind(7, i.target_area);
  return q->run();
}

Result<std::optional<model::Municipality>> find_municipality(Database& db, const std::string& id) {
  auto q = db.prepare(std::string(k_municipality_columns) + " WHERE id = ?1");
  if (!q) return q.error();
  q->bind(1, id);
  return q->first<model::Municipality>(read_municipality);
}

Result<std::vector<model::Municipality>> list_municipalities(Database& db) {
  auto q = db.prepare(std::string(k_municipality_columns) + " ORDER BY name");
  if (!q) return q.error();
  return q->collect<model::Municipality>(read_municipality);
}

Result<std::vector<model::Institution>> list_institutions(Database& db, const std::string& municipality_id) {
  auto q = db.prepare(std::string(k_institution_columns) + " WHERE ?1 = '' OR municipality_id = ?1 ORDER BY name");
  if (!q) return q.error();
  q->bind(1, municipality_id);
  return q->collect<model::Institution>(read_institution);
}

Result<std::optional<model::Institution>> find_institution(Database& db, const std::string& id) {
  auto q = db.prepare(std::string(k_institution_columns) + " WHERE id = ?1");
  if (!q) return q.error();
  q->bind(1, id);
  return q->first<model::Institution>(read_institution);
}

Result<std::optional<access::CitizenPlacement>> citizen_placement(Database& db, const std::string& citizen_id) {
  auto q = db.prepare(
      "SELECT c.institution_id, coalesce(i.municipality_id, '') FROM citizens c"
      " LEFT JOIN institutions i ON i.id = c.institution_id WHERE c.id = ?1");
  if (!q) return q.error();
  q->bind(1, citizen_id);
  return q->first<access::CitizenPlacement>(
      [](const Statement& r) { return access::CitizenPlacement{r.column_text(0), r.column_text(1)}; });
}

}  // namespace magtreg::core::storage
