// Citizens: the records plus the lists staff and leaders browse (an institution's citizens, searched
// by name or CPR).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/storage/record_repository.hpp"

namespace magtreg::core::storage {

class CitizenRepository : public RecordRepository<model::Citizen> {
 public:
  using RecordRepository::RecordRepository;

  // Citizens of the institutions (not deleted), by name. `search` matches a part of the name
  // (case-insensitive for ASCII letters only: SQLite's LIKE does not fold æ/Æ) or the start of the
  // CPR number with or without the dash.
  Result<std::vector<model::Citizen>> of_institutions(const std::vector<std::string>& institution_ids,
                                                      std::string_view search = {}, int limit = 500);
};

}  // namespace magtreg::core::storage
