// An institution (tilbud): where citizens live and staff work; the unit of access and of reporting.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/util/result.hpp"

namespace magtreg::core::model {

inline constexpr std::string_view k_operators[] = {"municipal", "regional", "private"};
inline constexpr std::string_view k_target_groups[] = {"handicap", "demens", "boern"};

struct Institution {
  std::string id;                    // UUID
  std::string municipality_id;       // UUID
  std::string name;                  // "Botilbuddet Skovly"
  std::string kind;                  // "botilbud", "plejecenter", "døgninstitution", ...
  std::string operator_kind = "municipal";  // municipal / regional / private (driftsherre)
  std::string operating_department;  // driftsafdeling, e.g. "Handicap og Psykiatri"
  std::string target_area = "handicap";     // handicap / demens / boern

  bool operator==(const Institution&) const = default;
};

nlohmann::json to_json(const Institution& i);
Result<Institution> institution_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::model
