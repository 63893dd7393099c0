// The administration's recommendation to Familieretshuset that a citizen be moved without consent
// (indstilling, §§ 129 and 129 a), or its refusal to recommend it (issue 14 item 12; seed 002, "Sagsgang ved
// indstilling til Familieretshuset"). Familieretshuset decides within two weeks of receiving the
// recommendation: the clock starts on the day it was sent, not on the move form filled after the move. A
// spouse or other close person sharing the citizen's home may complain to Familieretshuset of a refusal,
// and is to be told so.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/model/sync_meta.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::model {

inline constexpr std::string_view k_recommendation_sent = "recommended";
inline constexpr std::string_view k_recommendation_refused = "refused";
// `cohabitant` when no spouse or other close person shares the citizen's home.
inline constexpr std::string_view k_no_cohabitant = "ingen";

struct MoveRecommendation {
  std::string id;                                   // UUID
  std::string citizen_id;                           // UUID
  std::string basis;                                // "129" or "129a"
  std::string subsection;                           // § 129: "stk1" (a lawyer is appointed) or "stk2" (internal move); "" for § 129 a
  std::string status = std::string(k_recommendation_sent);  // recommended: sent to Familieretshuset; refused
  std::string decided_on;                           // day: sent to Familieretshuset, or the refusal
  std::optional<std::string> lawyer_appointed_on;   // § 129 stk. 1: by the day it is sent
  std::optional<std::string> guardian_requested_on; // unless the citizen has a guardian: by the day it is sent
  std::optional<std::string> familieretshuset_decided_on;  // day
  std::string familieretshuset_outcome;             // "" until decided; "granted" or "refused"
  std::string cohabitant;                           // a refusal: who shares the home (name, relation), or "ingen"
  std::optional<std::string> cohabitant_advised_on; // day they were told they may complain to Familieretshuset
  std::string author;                               // user UUID
  std::string at;                                   // UTC instant it was recorded
  SyncMeta sync;

  bool operator==(const MoveRecommendation&) const = default;
};

nlohmann::json to_json(const MoveRecommendation& r);
Result<MoveRecommendation> move_recommendation_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::model
