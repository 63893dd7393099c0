// Wire names and Danish labels of roles.
#include "core/model/role.hpp"

namespace magtreg::core {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::Staff: return "medarbejder";
    case Role::Leader: return "leder";
    case Role::Committee: return "udvalg";
    case Role::Authority: return "myndighed";
    case Role::Caseworker: return "sagsbehandler";
    case Role::Operations: return "driftsafdeling";
    case Role::Admin: return "admin";
  }
  return "medarbejder";
}

std::optional<Role> role_from_string(std::string_view name) {
  for (Role r : k_all_roles)
    if (to_string(r) == name) return r;
  return std::nullopt;
}

std::string_view role_label(Role role) {
  switch (role) {
    case Role::Staff: return "Medarbejder";
    case Role::Leader: return "Leder";
    case Role::Committee: return "Magtanvendelsesudvalget";
    case Role::Authority: return "Myndighed (Social og Familie)";
    case Role::Caseworker: return "Sagsbehandler";
    case Role::Operations: return "Driftsafdeling / ledelse";
    case Role::Admin: return "Administrator";
  }
  return "";
}

}  // namespace magtreg::core
