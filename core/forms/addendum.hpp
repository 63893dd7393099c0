// A correction to a locked form: a separate record linked to the form, with its own text, author
// and time. The locked content itself never changes (check_edit rejects that with FORM_LOCKED).
#pragma once

#include <string>

#include "core/forms/form_definition.hpp"
#include "core/forms/lifecycle.hpp"
#include "core/model/role.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::forms {

struct Addendum {
  std::string form_record_id;  // the stored form it corrects
  std::string text;            // Danish free text: what is corrected or added, and why
  std::string author;          // the user who wrote it
  Role author_role = Role::Staff;
  std::string created_at;      // "YYYY-MM-DDTHH:MM"
};

inline constexpr int k_addendum_max_length = 20000;

// Checks an addendum to a form in `form_state`: the form must be Låst (before that it is corrected
// directly: TRANSITION_NOT_ALLOWED), the author's role must be one that fills in a part of the
// form (ROLE_NOT_ALLOWED), and link, text, author and time must be present and well formed
// (INVALID_INPUT, `field` names which). `locked_at` ("YYYY-MM-DDTHH:MM", may be empty) is when
// the form was locked; an addendum cannot be older than that.
Status check_addendum(const FormDefinition& def, FormState form_state, const Addendum& addendum,
                      std::string_view locked_at = {});

}  // namespace magtreg::core::forms
