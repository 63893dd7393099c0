// A form definition checked against the law core knows. The catalogue's loader checks a definition's
// shape (core/forms); this checks what it names in the law: every legal basis and every target group.
// `magtreg forms import` refuses a definition that fails it, so a rule never meets a paragraph it does
// not know.
#pragma once

#include "core/forms/catalogue.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::rules {

// DEFINITION_UNKNOWN_BASIS (field "bases[i]") for a basis id core does not know, or one not allowed for
// any of the form's target groups; DEFINITION_INVALID (field "target_groups[i]") for an unknown group.
Status check_definition_law(const forms::FormMeta& meta);

}  // namespace magtreg::core::rules
