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

namespace magtreg::sync {

// `input.institutions`, citizens, forms, cases, decisions, batches, notes, complaints and action plans of
// the institutions (tombstones left out). role, municipality and now are left for the caller.
core::Result<core::workflow::WorkInput> load_scope(core::storage::Database& db,
                                                    const std::vector<std::string>& institution_ids);

// The institution with its municipality (report recipients); NOT_FOUND naming "institution_id".
core::Result<core::workflow::ReportingUnit> reporting_unit(core::storage::Database& db,
                                                          const std::string& institution_id);

// What stands in the way of closing the (open) case: its forms, the report batches holding them, its
// notes and its decision, read and passed to cases::closing_gaps. Empty when it may close.
core::Result<std::vector<core::cases::Missing>> closing_gaps_of(core::storage::Database& db,
                                                                const core::model::Case& open_case);

}  // namespace magtreg::sync
