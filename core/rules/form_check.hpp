// The bridge from stored records to the rule engine: a form instance with its citizen, the citizen's
// other forms and decisions becomes a CheckInput. The server runs it on every accepted upload and
// the tablet on every change, so both show the same findings.
#pragma once

#include <optional>
#include <vector>

#include "core/model/citizen.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_instance.hpp"
#include "core/rules/check.hpp"
#include "core/time/local_date_time.hpp"

namespace magtreg::core::rules {

// nullopt when the form carries too little to check (no intervention time yet: an early draft).
// Basis and times come from the record's columns first, then its content ("basis", "started_at",
// "ended_at", "hygiene_situation", "approval_id", "period_start"). `registered_at` is when the staff
// part was completed (the Udfyldt time), or absent while it is a draft. `case_decision_id` is the
// decision of the form's case when it is an approval case: a registration filed there is under it.
std::optional<CheckInput> check_input_for(const model::FormInstance& form, const model::Citizen& citizen,
                                          const std::vector<model::FormInstance>& other_forms,
                                          const std::vector<model::Decision>& decisions,
                                          std::optional<time::LocalDateTime> registered_at,
                                          const std::optional<std::string>& case_decision_id = std::nullopt);

}  // namespace magtreg::core::rules
