// The life of a stored form: states Kladde / Udfyldt / Låst, the transitions each lifecycle kind
// allows and for which roles, and who may edit which part of a form in which state. The UI shows
// exactly available_transitions() as buttons; the server checks the same functions.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/forms/form_definition.hpp"
#include "core/forms/validation.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/form_state.hpp"
#include "core/model/role.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::forms {

// The states are the model's (core/model/form_state.hpp), named here as the lifecycle has always named them.
using model::FormState;
using model::form_state_from_string;
using model::k_all_form_states;
using model::to_string;
std::string_view state_label(FormState state);  // "Kladde", "Udfyldt", "Låst"

// Whether the lifecycle kind uses the state at all (DirectLock never is Udfyldt).
bool lifecycle_has_state(LifecycleKind kind, FormState state);

struct TransitionOption {
  FormState to = FormState::Filled;
  std::string_view label;         // Danish button text, e.g. "Gem som udfyldt"
  bool comment_required = false;  // "Send tilbage til medarbejderen" needs a comment
  Scope validates = Scope::All;   // the part that must be valid (All = every part)
};

// Checks a requested transition. `today` ("YYYY-MM-DD") matters only for Bilag 1 (Period): staff
// may lock the period from its last day. Errors, checked in this order:
//   FORM_LOCKED (from Låst) / TRANSITION_NOT_ALLOWED / ROLE_NOT_ALLOWED /
//   INVALID_INPUT (field "comment": a required comment is missing) / FORM_INVALID (field = the first
//   issue's path; call validate() for the full list).
Status check_transition(const FormDefinition& def, FormState from, FormState to, Role role,
                        const nlohmann::json& content, std::string_view comment = {}, std::string_view today = {});

// The form after the transition to `to` by `user_id` at `now_utc` (UTC instant text): its state; Låst
// carries who locked it and when; back to Kladde carries the leader's comment to staff. The one place a
// transition is made (issue 27 item 6): the tablet's "Markér som udfyldt", "Gem som låst" and "Send
// tilbage", and the demo seeder; check_transition and the server's acceptance judge it.
model::FormInstance transitioned(model::FormInstance form, FormState to, std::string_view user_id,
                                 std::string_view now_utc, std::string_view comment = {});

// The transitions `role` may make from `state` now (not filtered by content validity: pressing the
// button shows the issues). Empty for Låst.
std::vector<TransitionOption> available_transitions(const FormDefinition& def, FormState state, Role role,
                                                     const nlohmann::json& content, std::string_view today = {});

// The roles that may ever fill in a part: staff part medarbejder and leder, leader part leder,
// authority part myndighed.
std::vector<Role> part_roles(FormPart part);

// Whether `role` may edit `part` in `state`: FORM_LOCKED (Låst, or the part is closed in this
// state), ROLE_NOT_ALLOWED (the role never edits this part), INVALID_INPUT (no such part or state).
Status check_part_edit(const FormDefinition& def, FormState state, Role role, FormPart part);
std::vector<FormPart> editable_parts(const FormDefinition& def, FormState state, Role role);

// Whether one top-level field may be edited. Bilag 1 while Udfyldt: only the lines table, and
// only by appending rows (check_edit enforces the append).
Status check_field_edit(const FormDefinition& def, FormState state, Role role, std::string_view field_id);

// Checks a whole edit (content before -> after) field by field. A Låst form accepts no change at
// all (FORM_LOCKED); a saved Bilag 1 line can be neither changed nor removed (FORM_LOCKED).
Status check_edit(const FormDefinition& def, FormState state, Role role, const nlohmann::json& before,
                  const nlohmann::json& after);

}  // namespace magtreg::core::forms
