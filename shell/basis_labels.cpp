// Legal basis labels for the UI, from core's legal-basis table (one source for the client, the
// server's messages and `magtreg check`).
#include "shell/basis_labels.hpp"

#include "core/rules/legal_basis.hpp"

namespace magtreg::shell {

std::string basis_label(std::string_view id) {
  const auto* basis = core::rules::find_legal_basis(id);
  return basis ? core::rules::basis_label(*basis) : std::string(id);
}

}  // namespace magtreg::shell
