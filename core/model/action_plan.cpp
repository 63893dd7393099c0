// JSON of action plans.
#include "core/model/action_plan.hpp"

#include "core/util/json_util.hpp"

namespace magtreg::core::model {

nlohmann::json to_json(const ActionPlan& p) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = p.id;
  j["citizen_id"] = p.citizen_id;
  j["purpose"] = p.purpose;
  j["effort"] = p.effort;
  j["expected_duration"] = p.expected_duration;
  j["other_matters"] = p.other_matters;
  j["updated_at"] = p.updated_at;
  j["author"] = p.author;
  j["deleted"] = p.sync.deleted;
  return j;
}

Result<ActionPlan> action_plan_from_json(const nlohmann::json& j) {
  ActionPlan p;
  JsonReader r(j);
  r.text("id", p.id, TextFormat::Uuid)
      .text("citizen_id", p.citizen_id, TextFormat::Uuid)
      .text("purpose", p.purpose)
      .text("effort", p.effort)
      .text("expected_duration", p.expected_duration)
      .text("other_matters", p.other_matters)
      .text("updated_at", p.updated_at, TextFormat::UtcInstant)
      .text("author", p.author, TextFormat::Uuid)
      .boolean("deleted", p.sync.deleted);
  if (Status st = r.finish(); !st) return st.error();
  return p;
}

}  // namespace magtreg::core::model
