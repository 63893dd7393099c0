// The law as a table: every legal basis id a registration can name, with its paragraph, Danish
// name, chapter, target groups, who decides and whether a municipal decision is needed.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/forms/hygiene.hpp"
#include "core/rules/target_group.hpp"

namespace magtreg::core::rules {

// The hygiene situations live with the forms (one table for form content and for the check).
using forms::find_hygiene_situation;
using forms::HygieneSituation;
using forms::k_hygiene_situations;

enum class Law { Serviceloven, Straffeloven, Voksenansvarsloven, None };

enum class DecidedBy {
  StaffAcute,                 // staff in the acute situation (§§ 124 c, 124 d)
  Staff,                      // staff without a prior decision (§§ 136 c, 136 d, 136 e; children's bases)
  StaffOnceThenMunicipality,  // § 136 a: staff at most once in six months; the municipality beyond that
  Municipality,               // Magtanvendelsesudvalget on the leader's application
  Familieretshuset,           // on the municipality's recommendation (§§ 129, 129 a)
  SocialBoard,                // Det Socialfaglige Nævn vedrørende Magtanvendelse (§ 128 h)
  NotApplicable,              // nødværge, nødret, indgreb uden hjemmel
};

enum class DecisionRequirement {
  No,
  Yes,
  Conditional,  // § 136 a: needed beyond one hold in six months, and for every pre-approved use
};

struct LegalBasis {
  std::string_view id;         // stable wire id, "124d"
  std::string_view paragraph;  // "§ 124 d", "straffeloven § 13"; empty when none is shown
  std::string_view name;       // Danish; empty for §§ 128 d-g (names not confirmed)
  Law law = Law::None;
  std::string_view chapter;    // serviceloven chapter "24", "24 a", "24 b"; empty otherwise
  unsigned groups = 0;         // bit (1 << TargetGroup)
  DecidedBy decided_by = DecidedBy::NotApplicable;
  DecisionRequirement decision = DecisionRequirement::No;
  bool is_move = false;        // optagelse i særligt botilbud uden samtykke

  bool allows(TargetGroup group) const { return (groups & (1u << static_cast<unsigned>(group))) != 0; }
};

// Every basis, in the order of DOMAIN.md's table, then the children's bases.
std::span<const LegalBasis> legal_bases();
// nullptr when `id` is unknown.
const LegalBasis* find_legal_basis(std::string_view id);

// Danish text for messages and lists: "§ 124 d Fastholdelse m.v.", "§ 128 d",
// "Nødværge (straffeloven § 13)", "Indgreb uden hjemmel", "Fastholdelse".
std::string basis_label(const LegalBasis& basis);
// The paragraph alone when there is one, else the name: "§ 136 a", "Nødværge", "Fastholdelse".
std::string basis_short_label(const LegalBasis& basis);
std::string_view law_name(Law law);  // "serviceloven", "straffeloven", "voksenansvarsloven", ""
std::string_view decided_by_label(DecidedBy who);               // Danish
std::string_view decision_requirement_label(DecisionRequirement requirement);  // "Ja", "Nej", "Betinget"

}  // namespace magtreg::core::rules
