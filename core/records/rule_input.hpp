// The rule engine's input for a stored form (issue #13): one function the tablet, the server, the demo
// seed and the tests call, so all of them judge a registration on the same facts — its citizen's target
// group, the citizen's other registrations and decisions, and the decision of the approval case it is
// filed on.
#pragma once

#include <optional>

#include "core/forms/catalogue.hpp"
#include "core/model/form_instance.hpp"
#include "core/rules/check.hpp"
#include "core/storage/database.hpp"
#include "core/time/local_date_time.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::records {

// When the form was registered, on the Copenhagen wall clock: its registered_at (the device's time of
// leaving Kladde); nullopt for a draft that was never filled and for a form filled by an app that did not
// record it. Both ends call check_form with this, so a form filled on day 2 and opened on day 5 is judged
// on day 2 everywhere.
std::optional<time::LocalDateTime> registration_time(const model::FormInstance& form);

// nullopt when the form carries too little to check (no intervention time yet) or its citizen is not in
// `db`. `registered_at` is when the form was registered (registration_time, absent for a draft).
Result<std::optional<rules::CheckInput>> rule_input_for(storage::Database& db, const model::FormInstance& form,
                                                        std::optional<time::LocalDateTime> registered_at);

// The findings and deadline for the form (an empty result when rule_input_for has nothing to check).
Result<rules::CheckResult> check_form(storage::Database& db, const model::FormInstance& form,
                                      std::optional<time::LocalDateTime> registered_at);

}  // namespace magtreg::core::records
