// Cases of a citizen.
#pragma once

#include <string_view>
#include <vector>

#include "core/storage/record_repository.hpp"

namespace magtreg::core::storage {

class CaseRepository : public RecordRepository<model::Case> {
 public:
  using RecordRepository::RecordRepository;

  // Newest first; not deleted.
  Result<std::vector<model::Case>> of_citizen(std::string_view citizen_id);
  // Cases not yet closed, newest first.
  Result<std::vector<model::Case>> open_of_citizen(std::string_view citizen_id);
};

}  // namespace magtreg::core::storage
