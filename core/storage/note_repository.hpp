// Notes on a citizen's cases, found by tag (e.g. the monthly orientation notes tagged "magtanvendelse").
#pragma once

#include <string_view>
#include <vector>

#include "core/storage/record_repository.hpp"

namespace magtreg::core::storage {

class NoteRepository : public RecordRepository<model::Note> {
 public:
  using RecordRepository::RecordRepository;

  // Notes of the case, oldest first; with a tag, only notes carrying it.
  Result<std::vector<model::Note>> of_case(std::string_view case_id, std::string_view tag = {});
  // Notes of the citizen (all cases and none), oldest first; optional tag filter.
  Result<std::vector<model::Note>> of_citizen(std::string_view citizen_id, std::string_view tag = {});
};

}  // namespace magtreg::core::storage
