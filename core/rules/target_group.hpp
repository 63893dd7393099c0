// The citizen's target group (målgruppe), which decides the forms and legal bases that apply.
#pragma once

#include <optional>
#include <string_view>

namespace magtreg::core::rules {

enum class TargetGroup {
  Handicap,  // adults, serviceloven kap. 24 and 24 a
  Demens,    // adults with dementia or another acquired, progressive impairment: kap. 24 and 24 b
  Boern,     // children and young people at a døgninstitution / opholdssted
};

inline constexpr TargetGroup k_all_target_groups[] = {TargetGroup::Handicap, TargetGroup::Demens,
                                                      TargetGroup::Boern};

// Wire names "handicap", "demens", "boern" (the same ids the form catalogue uses).
std::string_view to_string(TargetGroup group);
std::optional<TargetGroup> target_group_from_string(std::string_view name);
// Danish phrase naming the people in the group, for messages: "borgere i handicapmålgruppen",
// "borgere i demensmålgruppen", "børn og unge på døgninstitutioner og opholdssteder".
std::string_view target_group_people(TargetGroup group);
// Short Danish label for lists: "Handicap", "Demens", "Børn og unge".
std::string_view target_group_label(TargetGroup group);

}  // namespace magtreg::core::rules
