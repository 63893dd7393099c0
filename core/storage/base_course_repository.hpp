// The citizen's base course, created the first time it is needed.
#pragma once

#include <optional>
#include <string_view>

#include "core/storage/record_repository.hpp"

namespace magtreg::core::storage {

class BaseCourseRepository : public RecordRepository<model::BaseCourse> {
 public:
  using RecordRepository::RecordRepository;

  Result<std::optional<model::BaseCourse>> of_citizen(std::string_view citizen_id);
  // The citizen's base course, inserted now when there is none (in one transaction).
  Result<model::BaseCourse> ensure_for_citizen(std::string_view citizen_id);
};

}  // namespace magtreg::core::storage
