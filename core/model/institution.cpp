// JSON of institutions.
#include "core/model/institution.hpp"

#include "core/util/json_util.hpp"

namespace magtreg::core::model {

nlohmann::json to_json(const Institution& i) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = i.id;
  j["municipality_id"] = i.municipality_id;
  j["name"] = i.name;
  j["kind"] = i.kind;
  j["operator"] = i.operator_kind;
  j["operating_department"] = i.operating_department;
  j["target_area"] = i.target_area;
  return j;
}

Result<Institution> institution_from_json(const nlohmann::json& j) {
  Institution i;
  JsonReader r(j);
  r.text("id", i.id, TextFormat::Uuid)
      .text("municipality_id", i.municipality_id, TextFormat::Uuid)
      .text("name", i.name, TextFormat::NonEmpty)
      .text("kind", i.kind, TextFormat::NonEmpty)
      .one_of("operator", i.operator_kind, {"municipal", "regional", "private"})
      .text("operating_department", i.operating_department)
      .one_of("target_area", i.target_area, {"handicap", "demens", "boern"});
  if (Status st = r.finish(); !st) return st.error();
  return i;
}

}  // namespace magtreg::core::model
