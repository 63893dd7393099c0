// Action plans (handleplaner, § 141) of a citizen.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/storage/record_repository.hpp"

namespace magtreg::core::storage {

class ActionPlanRepository : public RecordRepository<model::ActionPlan> {
 public:
  using RecordRepository::RecordRepository;

  // The most recently updated plan of the citizen, if any.
  Result<std::optional<model::ActionPlan>> current_of_citizen(std::string_view citizen_id);
  Result<std::vector<model::ActionPlan>> of_citizen(std::string_view citizen_id);
};

}  // namespace magtreg::core::storage
