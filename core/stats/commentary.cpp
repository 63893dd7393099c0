// report_commentary reads and writes.
#include "core/stats/commentary.hpp"

#include <algorithm>

#include "core/storage/statement.hpp"

namespace magtreg::core::stats {
namespace {

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (int k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    i += n;
  }
  return true;
}

}  // namespace

Result<std::vector<std::string>> departments_of(storage::Database& db, const std::string& municipality_id) {
  auto q = db.prepare("SELECT DISTINCT operating_department FROM institutions WHERE municipality_id = ?1 ORDER BY 1");
  if (!q) return q.error();
  q->bind(1, municipality_id);
  return q->collect<std::string>([](storage::Statement& r) { return r.column_text(0); });
}

Result<std::vector<Commentary>> commentary_of(storage::Database& db, const std::string& municipality_id, int year) {
  auto q = db.prepare(
      "SELECT r.department, r.commentary, r.positive_examples, r.updated_by, coalesce(u.display_name, ''),"
      " r.updated_at FROM report_commentary r LEFT JOIN users u ON u.id = r.updated_by"
      " WHERE r.municipality_id = ?1 AND r.year = ?2 ORDER BY r.department");
  if (!q) return q.error();
  q->bind(1, municipality_id).bind(2, static_cast<long long>(year));
  return q->collect<Commentary>([](storage::Statement& r) {
    return Commentary{r.column_text(0), r.column_text(1), r.column_text(2), r.column_text(3), r.column_text(4),
                      r.column_text(5)};
  });
}

Status save_commentary(storage::Database& db, const std::string& municipality_id, int year, const Commentary& c) {
  if (year < 2000 || year > 2100) return Error::make(ErrorCode::InvalidInput, "Året skal være mellem 2000 og 2100.", "year");
  auto depts = departments_of(db, municipality_id);
  if (!depts) return depts.error();
  if (std::find(depts->begin(), depts->end(), c.department) == depts->end())
    return Error::make(ErrorCode::InvalidInput, "Driftsafdelingen »" + c.department + "« findes ikke i kommunen.",
                       "department");
  for (const auto& [text, field] : {std::pair{&c.commentary, "commentary"}, std::pair{&c.positive_examples,
                                                                                   "positive_examples"}}) {
    if (text->size() > k_max_commentary_bytes)
      return Error::make(ErrorCode::InvalidInput, "Teksten er for lang (højst 20.000 tegn).", field);
    if (!valid_utf8(*text)) return Error::make(ErrorCode::InvalidInput, "Teksten er ikke gyldig UTF-8.", field);
  }
  auto q = db.prepare(
      "INSERT INTO report_commentary(municipality_id, year, department, commentary, positive_examples, updated_by,"
      " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO UPDATE SET commentary = excluded.commentary,"
      " positive_examples = excluded.positive_examples, updated_by = excluded.updated_by,"
      " updated_at = excluded.updated_at");
  if (!q) return q.error();
  q->bind(1, municipality_id).bind(2, static_cast<long long>(year)).bind(3, c.department).bind(4, c.commentary);
  q->bind(5, c.positive_examples).bind(6, c.updated_by).bind(7, c.updated_at);
  return q->run();
}

}  // namespace magtreg::core::stats
