// Loads every record a set of institutions holds (their citizens and everything about them, the forms
// that happened there, their report batches): what the øjeoverblik, the monthly report and case closing
// read. Plain reads; the caller audits.
#pragma once

#include <string>
#include <vector>

#include "core/cases/cases.hpp"
#include "core/model/case.hpp"
#include "core/storage/database.hpp"
#include "core/util/result.hpp"
#include "core/workflow/reporting.hpp"
#include "core/workflow/work.hpp"

namespace magtreg::core::records {

// `input.institutions`, citizens, forms, cases, decisions, batches, notes, complaints and action plans of
// the institutions (tombstones left out). role, municipality and now are left for the caller.
Result<workflow::WorkInput> load_scope(storage::Database& db,
                                                    const std::vector<std::string>& institution_ids);

// The institution with its municipality (report recipients); NOT_FOUND naming "institution_id".
Result<workflow::ReportingUnit> reporting_unit(storage::Database& db,
                                                          const std::string& institution_id);

// What stands in the way of closing the (open) case: its forms, the report batches holding them, its
// notes and its decision, read and passed to cases::closing_gaps. Empty when it may close.
Result<std::vector<cases::Missing>> closing_gaps_of(storage::Database& db,
                                                                const model::Case& open_case);

}  // namespace magtreg::core::records
