// The three states of a stored form (issue 27 item 6): an enum everywhere in the code, text only where
// it crosses JSON and SQL ("kladde", "udfyldt", "laast"), through to_string and form_state_from_string.
#pragma once

#include <optional>
#include <string_view>

namespace magtreg::core::model {

enum class FormState {
  Draft,   // Kladde
  Filled,  // Udfyldt
  Locked,  // Låst: immutable; corrections are addenda
};

inline constexpr FormState k_all_form_states[] = {FormState::Draft, FormState::Filled, FormState::Locked};

// The wire and column text: "kladde", "udfyldt", "laast".
constexpr std::string_view to_string(FormState state) {
  switch (state) {
    case FormState::Draft: return "kladde";
    case FormState::Filled: return "udfyldt";
    case FormState::Locked: return "laast";
  }
  return "kladde";
}

constexpr std::optional<FormState> form_state_from_string(std::string_view text) {
  for (FormState s : k_all_form_states)
    if (to_string(s) == text) return s;
  return std::nullopt;
}

}  // namespace magtreg::core::model
