// JSON of the administration's recommendations to Familieretshuset.
#include "core/model/move_recommendation.hpp"

#include "core/util/json_util.hpp"

namespace magtreg::core::model {

nlohmann::json to_json(const MoveRecommendation& r) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = r.id;
  j["citizen_id"] = r.citizen_id;
  j["basis"] = r.basis;
  j["subsection"] = r.subsection;
  j["status"] = r.status;
  j["decided_on"] = r.decided_on;
  j["lawyer_appointed_on"] = optional_json(r.lawyer_appointed_on);
  j["guardian_requested_on"] = optional_json(r.guardian_requested_on);
  j["familieretshuset_decided_on"] = optional_json(r.familieretshuset_decided_on);
  j["familieretshuset_outcome"] = r.familieretshuset_outcome;
  j["cohabitant"] = r.cohabitant;
  j["cohabitant_advised_on"] = optional_json(r.cohabitant_advised_on);
  j["author"] = r.author;
  j["at"] = r.at;
  j["deleted"] = r.sync.deleted;
  return j;
}

Result<MoveRecommendation> move_recommendation_from_json(const nlohmann::json& j) {
  MoveRecommendation r;
  JsonReader rd(j);
  rd.text("id", r.id, TextFormat::Uuid)
      .text("citizen_id", r.citizen_id, TextFormat::Uuid)
      .one_of("basis", r.basis, {"129", "129a"})
      .one_of("subsection", r.subsection, {"", "stk1", "stk2"})
      .one_of("status", r.status, {k_recommendation_sent, k_recommendation_refused})
      .text("decided_on", r.decided_on, TextFormat::Day)
      .optional_text("lawyer_appointed_on", r.lawyer_appointed_on, TextFormat::Day)
      .optional_text("guardian_requested_on", r.guardian_requested_on, TextFormat::Day)
      .optional_text("familieretshuset_decided_on", r.familieretshuset_decided_on, TextFormat::Day)
      .one_of("familieretshuset_outcome", r.familieretshuset_outcome, {"", "granted", "refused"})
      .text("cohabitant", r.cohabitant)
      .optional_text("cohabitant_advised_on", r.cohabitant_advised_on, TextFormat::Day)
      .text("author", r.author, TextFormat::Uuid)
      .text("at", r.at, TextFormat::UtcInstant)
      .boolean("deleted", r.sync.deleted);
  if (Status st = rd.finish(); !st) return st.error();
  return r;
}

}  // namespace magtreg::core::model
