// A citizen (borger) subjected to, or at risk of, use of force: target group, institution, and the
// people to inform when the citizen cannot complain unaided (guardian and relatives).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/sync_meta.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::model {

struct Relative {
  std::string name;
  std::string relation;  // "værge", "mor", "søster og værge", ...; see is_guardian
  std::string contact;   // phone or e-mail as written

  bool operator==(const Relative&) const = default;
};

struct Citizen {
  std::string id;                   // UUID
  std::string cpr;                  // "DDMMYY-SSSS"
  std::string name;
  std::string target_group = "handicap";  // handicap / demens / boern (decides the forms)
  std::string acting_municipality;  // handlekommune, by name (may be another municipality)
  std::string institution_id;       // UUID of the current institution
  std::vector<Relative> relatives;  // guardian and relatives, in the order entered
  bool can_complain_unaided = true; // false: relatives/guardian are informed monthly
  SyncMeta sync;

  bool operator==(const Citizen&) const = default;
};

// "DDMMYY-SSSS" from "DDMMYYSSSS" or "DDMMYY-SSSS" (day 01-31, month 01-12); empty otherwise.
// The modulus-11 check is not applied: CPR numbers without it have been issued since 2007.
std::optional<std::string> normalize_cpr(std::string_view text);

// Whether `r` is the citizen's guardian (værge): its relation names "værge" as a word ("værge", "Værge",
// "søster og værge", "mor/værge").
bool is_guardian(const Relative& r);
// The citizen's guardian with a name (the first, when several are entered), or nullptr.
const Relative* guardian_of(const Citizen& c);

nlohmann::json to_json(const Relative& r);
nlohmann::json to_json(const Citizen& c);
Result<Citizen> citizen_from_json(const nlohmann::json& j);
Result<std::vector<Relative>> relatives_from_json(const nlohmann::json& j, const std::string& path);

}  // namespace magtreg::core::model
