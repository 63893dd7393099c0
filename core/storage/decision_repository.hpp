// Decisions (afgørelser) on pre-approval.
#pragma once

#include <string_view>
#include <vector>

#include "core/storage/record_repository.hpp"

namespace magtreg::core::storage {

class DecisionRepository : public RecordRepository<model::Decision> {
 public:
  using RecordRepository::RecordRepository;

  // All decisions of the citizen, newest period first (pending ones, without a period, first of all).
  Result<std::vector<model::Decision>> of_citizen(std::string_view citizen_id);
  // Granted decisions of the citizen in force on `day` ("YYYY-MM-DD"), optionally for one basis.
  Result<std::vector<model::Decision>> granted_on(std::string_view citizen_id, std::string_view day,
                                                  std::string_view basis = {});
};

}  // namespace magtreg::core::storage
