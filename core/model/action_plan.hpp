// The citizen's action plan (handleplan, Serviceloven § 141), kept by the caseworker: how future use
// of force is to be avoided and shortened.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/model/sync_meta.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::model {

struct ActionPlan {
  std::string id;                 // UUID
  std::string citizen_id;         // UUID
  std::string purpose;            // formålet med indsatsen
  std::string effort;             // den nødvendige indsats
  std::string expected_duration;  // forventet varighed (free text: "6 måneder")
  std::string other_matters;      // bolig, beskæftigelse, personlig hjælp, behandling, hjælpemidler
  std::string updated_at;         // UTC instant
  std::string author;             // user UUID
  SyncMeta sync;

  bool operator==(const ActionPlan&) const = default;
};

nlohmann::json to_json(const ActionPlan& p);
Result<ActionPlan> action_plan_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::model
