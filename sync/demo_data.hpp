// The demo municipality's fixed cast: institutions, users (one per role, and more), citizens of all
// three target groups. Fictitious people; CPR numbers are made up and marked as demo data.
#pragma once

#include <string_view>
#include <vector>

namespace magtreg::sync::demo {

inline constexpr std::string_view k_municipality = "Nyborg Kommune (demo)";
inline constexpr std::string_view k_region = "Region Syddanmark";
inline constexpr std::string_view k_socialtilsyn = "Socialtilsyn Syd";
inline constexpr std::string_view k_password = "Magtreg-demo-2026";

struct DemoInstitution {
  std::string_view key, name, kind, operator_kind, department, target_area;  // operator_kind: municipal / regional / private
};

struct DemoUser {
  std::string_view username, display_name, role;
  std::vector<std::string_view> institutions;  // institution keys
};

struct DemoRelative {
  std::string_view name, relation, contact;
};

struct DemoCitizen {
  std::string_view cpr, name, target_group, institution, acting_municipality;
  bool can_complain_unaided;
  std::vector<DemoRelative> relatives;
};

const std::vector<DemoInstitution>& institutions();
const std::vector<DemoUser>& users();
const std::vector<DemoCitizen>& citizens();

}  // namespace magtreg::sync::demo
