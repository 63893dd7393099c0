// JSON of cases.
#include "core/model/case.hpp"

#include "core/util/json_util.hpp"

namespace magtreg::core::model {

std::string_view case_title_for(std::string_view target_group) {
  return target_group == "boern" ? k_case_title_children : k_case_title_adults;
}

nlohmann::json to_json(const Case& c) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = c.id;
  j["citizen_id"] = c.citizen_id;
  j["base_course_id"] = c.base_course_id;
  j["kind"] = to_string(c.kind);
  j["title"] = c.title;
  j["decision_id"] = optional_json(c.decision_id);
  j["opened_at"] = c.opened_at;
  j["closed_at"] = optional_json(c.closed_at);
  j["deleted"] = c.sync.deleted;
  return j;
}

Result<Case> case_from_json(const nlohmann::json& j) {
  Case c;
  JsonReader r(j);
  r.text("id", c.id, TextFormat::Uuid)
      .text("citizen_id", c.citizen_id, TextFormat::Uuid)
      .text("base_course_id", c.base_course_id, TextFormat::Uuid)
      .one_of("kind", c.kind, k_case_kind_texts)
      .text("title", c.title, TextFormat::NonEmpty)
      .optional_text("decision_id", c.decision_id, TextFormat::Uuid)
      .text("opened_at", c.opened_at, TextFormat::UtcInstant)
      .optional_text("closed_at", c.closed_at, TextFormat::UtcInstant)
      .boolean("deleted", c.sync.deleted);
  if (Status st = r.finish(); !st) return st.error();
  if (c.kind == CaseKind::Single && c.decision_id)
    return invalid_input("Kun en sag om forhåndsgodkendelse har en afgørelse.", "decision_id");
  if (c.closed_at && *c.closed_at < c.opened_at)
    return invalid_input("Sagen kan ikke lukkes før den er oprettet.", "closed_at");
  return c;
}

}  // namespace magtreg::core::model
