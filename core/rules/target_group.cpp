// Wire names and Danish wording of the target groups.
#include "core/rules/target_group.hpp"

namespace magtreg::core::rules {

std::string_view to_string(TargetGroup group) {
  switch (group) {
    case TargetGroup::Handicap: return "handicap";
    case TargetGroup::Demens: return "demens";
    case TargetGroup::Boern: return "boern";
  }
  return "handicap";
}

std::optional<TargetGroup> target_group_from_string(std::string_view name) {
  for (TargetGroup g : k_all_target_groups)
    if (to_string(g) == name) return g;
  return std::nullopt;
}

std::string_view target_group_people(TargetGroup group) {
  switch (group) {
    case TargetGroup::Handicap: return "borgere i handicapmålgruppen";
    case TargetGroup::Demens: return "borgere i demensmålgruppen";
    case TargetGroup::Boern: return "børn og unge på døgninstitutioner og opholdssteder";
  }
  return {};
}

std::string_view target_group_label(TargetGroup group) {
  switch (group) {
    case TargetGroup::Handicap: return "Handicap";
    case TargetGroup::Demens: return "Demens";
    case TargetGroup::Boern: return "Børn og unge";
  }
  return {};
}

}  // namespace magtreg::core::rules
