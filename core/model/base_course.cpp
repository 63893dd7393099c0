// JSON of base courses.
#include "core/model/base_course.hpp"

#include "core/util/json_util.hpp"
#include "core/util/uuid.hpp"

namespace magtreg::core::model {

std::string base_course_id_for(std::string_view citizen_id) {
  return derived_uuid("magtreg:base_course:" + std::string(citizen_id));
}

BaseCourse new_base_course(std::string_view citizen_id) {
  BaseCourse b;
  b.id = base_course_id_for(citizen_id);
  b.citizen_id = std::string(citizen_id);
  return b;
}

nlohmann::json to_json(const BaseCourse& b) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = b.id;
  j["citizen_id"] = b.citizen_id;
  j["title"] = b.title;
  j["deleted"] = b.sync.deleted;
  return j;
}

Result<BaseCourse> base_course_from_json(const nlohmann::json& j) {
  BaseCourse b;
  JsonReader r(j);
  r.text("id", b.id, TextFormat::Uuid)
      .text("citizen_id", b.citizen_id, TextFormat::Uuid)
      .text("title", b.title, TextFormat::NonEmpty)
      .boolean("deleted", b.sync.deleted);
  if (Status st = r.finish(); !st) return st.error();
  if (b.id != base_course_id_for(b.citizen_id))
    return invalid_input("Grundforløbets id skal udledes af borgerens id.", "id");
  return b;
}

}  // namespace magtreg::core::model
