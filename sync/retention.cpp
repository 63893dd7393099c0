#include "sync/retention.hpp"

#include <set>

#include "core/util/error.hpp"

namespace magtreg::sync {

namespace st = core::storage;

core::Result<std::optional<int>> retention_years(st::Database& db, const std::string& municipality_id) {
  auto q = db.prepare("SELECT retention_years FROM municipalities WHERE id = ?1");
  if (!q) return q.error();
  q->bind(1, municipality_id);
  auto has = q->step();
  if (!has) return has.error();
  if (!*has || q->column_is_null(0)) return std::optional<int>();
  return std::optional<int>(static_cast<int>(q->column_int64(0)));
}

core::Status set_retention_years(st::Database& db, const std::string& municipality_id, std::optional<int> years) {
  if (years && (*years < 1 || *years > 100))
    return core::Error::make(core::ErrorCode::InvalidInput, "Antal år skal være fra 1 til 100.", "years");
  auto q = db.prepare("UPDATE municipalities SET retention_years = ?2 WHERE id = ?1");
  if (!q) return q.error();
  q->bind(1, municipality_id);
  q->bind(2, years ? std::optional<long long>(*years) : std::optional<long long>());
  if (auto r = q->run(); !r) return r;
  if (db.changes() == 0) return core::Error::make(core::ErrorCode::NotFound, "Kommunen findes ikke.", "municipality");
  return {};
}

std::string retention_cutoff(UnixSeconds now, int years) {
  std::string t = utc_text(now);  // 2026-12-07T01:30:00Z
  const int year = std::stoi(t.substr(0, 4)) - years;
  t.replace(0, 4, std::to_string(year));
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (t.compare(5, 5, "02-29") == 0 && !leap) t.replace(8, 2, "28");
  return t;
}

core::Result<RetentionPlan> plan_retention(st::Database& db, const std::string& municipality_id, UnixSeconds now) {
  RetentionPlan plan;
  auto years = retention_years(db, municipality_id);
  if (!years) return years.error();
  if (!*years) return plan;
  plan.years = **years;
  plan.cutoff = retention_cutoff(now, plan.years);
  auto q = db.prepare(
      "SELECT c.id, c.citizen_id, z.name, c.closed_at,"
      " (SELECT count(*) FROM form_instances f WHERE f.case_id = c.id AND f.deleted = 0),"
      " (SELECT count(*) FROM decisions d WHERE d.case_id = c.id AND d.deleted = 0),"
      " (SELECT count(*) FROM complaints k WHERE k.deleted = 0 AND"
      "   (k.form_instance_id IN (SELECT f.id FROM form_instances f WHERE f.case_id = c.id) OR"
      "    k.decision_id IN (SELECT d.id FROM decisions d WHERE d.case_id = c.id))),"
      " (SELECT count(*) FROM notes n WHERE n.case_id = c.id AND n.deleted = 0)"
      " FROM cases c JOIN citizens z ON z.id = c.citizen_id JOIN institutions i ON i.id = z.institution_id"
      " WHERE i.municipality_id = ?1 AND c.deleted = 0 AND c.closed_at IS NOT NULL AND c.closed_at < ?2"
      " ORDER BY c.closed_at, c.id");
  if (!q) return q.error();
  q->bind(1, municipality_id).bind(2, plan.cutoff);
  auto read = q->for_each_row([&](st::Statement& r) {
    plan.cases.push_back({r.column_text(0), r.column_text(1), r.column_text(2), r.column_text(3), r.column_int64(4),
                          r.column_int64(5), r.column_int64(6), r.column_int64(7)});
  });
  if (!read) return read.error();
  // A citizen goes whole when no case of theirs is open or closed after the cutoff.
  std::set<std::string> citizens;
  for (const auto& c : plan.cases) citizens.insert(c.citizen_id);
  for (const auto& id : citizens) {
    auto rest = db.prepare(
        "SELECT count(*) FROM cases WHERE citizen_id = ?1 AND deleted = 0 AND (closed_at IS NULL OR closed_at >= ?2)");
    if (!rest) return rest.error();
    rest->bind(1, id).bind(2, plan.cutoff);
    auto has = rest->step();
    if (!has) return has.error();
    if (*has && rest->column_int64(0) == 0) plan.whole_citizens.push_back(id);
  }
  return plan;
}

}  // namespace magtreg::sync
