// The roles of the product (DOMAIN.md "Who uses it"), with stable wire names and Danish labels.
#pragma once

#include <optional>
#include <string_view>

namespace magtreg::core {

enum class Role {
  Staff,          // medarbejder
  Leader,         // leder
  Committee,      // udvalg (Magtanvendelsesudvalget)
  Authority,      // myndighed (Social og Familie)
  Caseworker,     // sagsbehandler
  Operations,     // driftsafdeling / ledelse (pseudonymised statistics only)
  Admin,          // administrator
};

inline constexpr Role k_all_roles[] = {Role::Staff,      Role::Leader,     Role::Committee, Role::Authority,
                                       Role::Caseworker, Role::Operations, Role::Admin};

// "medarbejder", "leder", "udvalg", "myndighed", "sagsbehandler", "driftsafdeling", "admin"
std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view name);
// Danish label for the UI, e.g. "Medarbejder", "Magtanvendelsesudvalget".
std::string_view role_label(Role role);

}  // namespace magtreg::core
