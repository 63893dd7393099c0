// Which form a new registration uses: the form set in force on the intervention day and the
// registration form of the citizen's target group, or a Danish explanation of why there is none.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/forms/catalogue.hpp"

namespace magtreg::core::client {

struct FormChoice {
  std::vector<const forms::FormMeta*> forms;  // newest versions, registration forms only; empty = refused
  std::string set_name;                       // the set in force that day
  std::string refusal;                        // Danish, when `forms` is empty
};

// `day` and `today` are "YYYY-MM-DD" (Copenhagen). A day after today, before every set, or a target
// group no form of the set covers is refused with the reason.
FormChoice choose_registration_forms(const forms::Catalogue& catalogue, std::string_view target_group,
                                     std::string_view day, std::string_view today);
// The newest forms of `kind` for the target group in the sets in force on `day` (applications for the
// leader, moves without consent for the administration), refused like the registration forms.
FormChoice choose_forms(const forms::Catalogue& catalogue, std::string_view target_group, std::string_view day,
                        std::string_view today, forms::FormKind kind);
// For an intervention under a pre-approval: the set's form for pre-approved interventions
// (Skema 2 from July 2024) where the set has one for the target group; otherwise its registration forms
// (the 2020 set registers pre-approved interventions on Skema 1 a/1 b, "under a decision" answered yes).
FormChoice choose_forms_under_decision(const forms::Catalogue& catalogue, std::string_view target_group,
                                       std::string_view day, std::string_view today);

std::string_view target_group_label(std::string_view target_group);

}  // namespace magtreg::core::client
