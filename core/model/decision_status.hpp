// The status of a decision on pre-approval (issue 27 item 6): an enum in the code, text only in JSON and SQL.
#pragma once

#include <optional>
#include <string_view>

#include "core/util/enum_text.hpp"

namespace magtreg::core::model {

// What the committee decided: nothing yet, granted (bevilget) or refused (afslået). Text only in JSON and SQL.
enum class DecisionStatus { Pending, Granted, Refused };
inline constexpr EnumText<DecisionStatus> k_decision_status_texts[] = {
    {DecisionStatus::Pending, "pending"}, {DecisionStatus::Granted, "granted"}, {DecisionStatus::Refused, "refused"}};
constexpr std::string_view to_string(DecisionStatus s) { return enum_text(k_decision_status_texts, s); }
constexpr std::optional<DecisionStatus> decision_status_from_string(std::string_view text) {
  return enum_from_text(k_decision_status_texts, text);
}
// Danish, lower case: "afventer afgørelse", "bevilget", "afslået".
std::string_view decision_status_label(DecisionStatus s);

}  // namespace magtreg::core::model
