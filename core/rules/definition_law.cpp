// A form definition's legal bases and target groups checked against core's table of the law.
#include "core/rules/definition_law.hpp"

#include "core/rules/legal_basis.hpp"
#include "core/rules/target_group.hpp"

namespace magtreg::core::rules {

Status check_definition_law(const forms::FormMeta& meta) {
  std::vector<TargetGroup> groups;
  for (std::size_t i = 0; i < meta.target_groups.size(); ++i) {
    auto g = target_group_from_string(meta.target_groups[i]);
    if (!g)
      return Error::make(ErrorCode::DefinitionInvalid,
                         "Målgruppen »" + meta.target_groups[i] + "« findes ikke (handicap, demens eller boern).",
                         "target_groups[" + std::to_string(i) + "]");
    groups.push_back(*g);
  }
  for (std::size_t i = 0; i < meta.bases.size(); ++i) {
    const std::string at = "bases[" + std::to_string(i) + "]";
    const LegalBasis* basis = find_legal_basis(meta.bases[i]);
    if (!basis)
      return Error::make(ErrorCode::DefinitionUnknownBasis,
                         "Hjemlen »" + meta.bases[i] + "« kendes ikke af Magtreg; et skema kan kun nævne de hjemler, "
                         "reglerne kender.",
                         at);
    bool allowed = groups.empty();
    for (TargetGroup g : groups) allowed = allowed || basis->allows(g);
    if (!allowed)
      return Error::make(ErrorCode::DefinitionUnknownBasis,
                         basis_label(*basis) + " gælder ikke for skemaets målgrupper.", at);
  }
  return {};
}

}  // namespace magtreg::core::rules
