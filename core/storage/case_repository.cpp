// Case list queries.
#include "core/storage/case_repository.hpp"

namespace magtreg::core::storage {

Result<std::vector<model::Case>> CaseRepository::of_citizen(std::string_view citizen_id) {
  return query("t.citizen_id = ?1 AND t.deleted = 0 ORDER BY t.opened_at DESC, t.id",
               [&](Statement& st) { st.bind(1, citizen_id); });
}

Result<std::vector<model::Case>> CaseRepository::open_of_citizen(std::string_view citizen_id) {
  return query("t.citizen_id = ?1 AND t.deleted = 0 AND t.closed_at IS NULL ORDER BY t.opened_at DESC, t.id",
               [&](Statement& st) { st.bind(1, citizen_id); });
}

}  // namespace magtreg::core::storage
