// The three states of a stored form (issue 27 item 6): an enum everywhere in the code, text only where
// it crosses JSON and SQL ("kladde", "udfyldt", "laast"), through to_string and form_state_from_string.
#pragma once

#include <optional>
#include <string_view>

#include "core/util/enum_text.hpp"

namespace magtreg::core::model {

enum class FormState {
  Draft,   // Kladde
  Filled,  // Udfyldt
  Locked,  // Låst: immutable; corrections are addenda
};

inline constexpr FormState k_all_form_states[] = {FormState::Draft, FormState::Filled, FormState::Locked};

// The wire and column text: "kladde", "udfyldt", "laast".
inline constexpr EnumText<FormState> k_form_state_texts[] = {
    {FormState::Draft, "kladde"}, {FormState::Filled, "udfyldt"}, {FormState::Locked, "laast"}};
constexpr std::string_view to_string(FormState state) { return enum_text(k_form_state_texts, state); }
constexpr std::optional<FormState> form_state_from_string(std::string_view text) {
  return enum_from_text(k_form_state_texts, text);
}

}  // namespace magtreg::core::model
