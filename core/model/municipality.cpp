// JSON of municipalities.
#include "core/model/municipality.hpp"

#include "core/util/json_util.hpp"

namespace magtreg::core::model {

nlohmann::json to_json(const Municipality& m) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = m.id;
  j["name"] = m.name;
  j["report_day_of_month"] = m.report_day_of_month;
  j["suppression_threshold"] = m.suppression_threshold;
  j["region"] = m.region;
  j["socialtilsyn"] = m.socialtilsyn;
  return j;
}

Result<Municipality> municipality_from_json(const nlohmann::json& j) {
  Municipality m;
  JsonReader r(j);
  r.text("id", m.id, TextFormat::Uuid)
      .text("name", m.name, TextFormat::NonEmpty)
      .integer("report_day_of_month", m.report_day_of_month, 1, 28)
      .integer("suppression_threshold", m.suppression_threshold, 0, 1000)
      .text("region", m.region)
      .text("socialtilsyn", m.socialtilsyn);
  if (Status st = r.finish(); !st) return st.error();
  return m;
}

}  // namespace magtreg::core::model
