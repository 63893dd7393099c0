// The personal hygiene situations in which § 136 a / § 136 c holds may be used
// (magtanvendelsesbekendtgørelsen § 7): stable ids for form content and for `magtreg check` (the ids
// are part of the check contract, docs/rules.md), Danish labels for the UI.
#pragma once

#include <string_view>

namespace magtreg::core::forms {

struct HygieneSituation {
  std::string_view id;
  std::string_view label;
};

inline constexpr HygieneSituation k_hygiene_situations[] = {
    {"tandboerstning", "Tandbørstning"},
    {"barbering", "Barbering"},
    {"haarvask_bad_haandvask_toejskift", "Hårvask, badning, håndvask og tøjskift"},
    {"klipning_haar_negle", "Klipning af hår og negle"},
    {"skift_bleer_bind", "Skift af bleer og bind"},
    {"fjernelse_madrester_genstande", "Fjernelse af madrester og andre genstande i kindpose, mundhule, øre og næse"},
    {"saarpleje", "Almindelig sårpleje"},
};

// nullptr when `id` is not one of the situations above.
inline const HygieneSituation* find_hygiene_situation(std::string_view id) {
  for (const auto& h : k_hygiene_situations)
    if (h.id == id) return &h;
  return nullptr;
}

}  // namespace magtreg::core::forms
