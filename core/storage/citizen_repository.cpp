// Citizen list queries.
#include "core/storage/citizen_repository.hpp"

#include "core/storage/sql_text.hpp"

namespace magtreg::core::storage {

Result<std::vector<model::Citizen>> CitizenRepository::of_institutions(const std::vector<std::string>& institution_ids,
                                                                       std::string_view search, int limit) {
  std::string digits;
  for (char c : search)
    if (c >= '0' && c <= '9') digits.push_back(c);
  const std::string name_pattern = "%" + like_escape(search) + "%";
  return query(
      "t.deleted = 0 AND t.institution_id IN (SELECT value FROM json_each(?1))"
      " AND (?2 = '' OR t.name LIKE ?3 ESCAPE '\\' OR replace(t.cpr, '-', '') LIKE ?4 ESCAPE '\\')"
      " ORDER BY t.name, t.id LIMIT ?5",
      [&](Statement& st) {
        st.bind(1, ids_json(institution_ids)).bind(2, search).bind(3, name_pattern);
        // No digits: NULL never matches, so a name search does not match every CPR.
        if (digits.empty())
          st.bind(4, nullptr);
        else
          st.bind(4, digits + "%");
        st.bind(5, limit);
      });
}

}  // namespace magtreg::core::storage
