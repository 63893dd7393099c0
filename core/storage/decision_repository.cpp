// Decision list queries.
#include "core/storage/decision_repository.hpp"

namespace magtreg::core::storage {

Result<std::vector<model::Decision>> DecisionRepository::of_citizen(std::string_view citizen_id) {
  return query(
      "t.citizen_id = ?1 AND t.deleted = 0"
      " ORDER BY t.valid_from IS NOT NULL, t.valid_from DESC, t.decided_at DESC, t.id",
      [&](Statement& st) { st.bind(1, citizen_id); });
}

Result<std::vector<model::Decision>> DecisionRepository::granted_on(std::string_view citizen_id, std::string_view day,
                                                                   std::string_view basis) {
  return query(
      "t.citizen_id = ?1 AND t.deleted = 0 AND t.status = 'granted' AND t.valid_from <= ?2 AND t.valid_to >= ?2"
      " AND (?3 = '' OR t.basis = ?3) ORDER BY t.valid_from, t.id",
      [&](Statement& st) { st.bind(1, citizen_id).bind(2, day).bind(3, basis); });
}

}  // namespace magtreg::core::storage
