// Monthly report batches of an institution.
#pragma once

#include <string_view>
#include <vector>

#include "core/storage/record_repository.hpp"

namespace magtreg::core::storage {

class ReportBatchRepository : public RecordRepository<model::ReportBatch> {
 public:
  using RecordRepository::RecordRepository;

  // Newest month first; with `month` ("YYYY-MM") only that month's batches.
  Result<std::vector<model::ReportBatch>> of_institution(std::string_view institution_id, std::string_view month = {});
  // Whether a form instance was already in a batch (so it is not reported twice).
  Result<bool> form_reported(std::string_view form_instance_id);
};

}  // namespace magtreg::core::storage
