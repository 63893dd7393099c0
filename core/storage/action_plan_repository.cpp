// Action plan queries.
#include "core/storage/action_plan_repository.hpp"

namespace magtreg::core::storage {

Result<std::optional<model::ActionPlan>> ActionPlanRepository::current_of_citizen(std::string_view citizen_id) {
  auto rows = query("t.citizen_id = ?1 AND t.deleted = 0 ORDER BY t.updated_at DESC, t.id LIMIT 1",
                    [&](Statement& st) { st.bind(1, citizen_id); });
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<model::ActionPlan>{};
  return std::optional<model::ActionPlan>{rows->front()};
}

Result<std::vector<model::ActionPlan>> ActionPlanRepository::of_citizen(std::string_view citizen_id) {
  return query("t.citizen_id = ?1 AND t.deleted = 0 ORDER BY t.updated_at DESC, t.id",
               [&](Statement& st) { st.bind(1, citizen_id); });
}

}  // namespace magtreg::core::storage
