// Complaints (klager) and the committee's open work list.
#pragma once

#include <string_view>
#include <vector>

#include "core/storage/record_repository.hpp"

namespace magtreg::core::storage {

class ComplaintRepository : public RecordRepository<model::Complaint> {
 public:
  using RecordRepository::RecordRepository;

  // Complaints not closed, oldest received first (the 4-week clock runs from receipt).
  Result<std::vector<model::Complaint>> open_complaints();
  Result<std::vector<model::Complaint>> of_citizen(std::string_view citizen_id);
};

}  // namespace magtreg::core::storage
