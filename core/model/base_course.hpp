// The citizen's base course "Magtanvendelse (Grundforløb)": one per citizen, created the first time
// it is needed; every case of the citizen hangs under it. Its id and content follow from the citizen
// alone, so two tablets creating it offline create the identical record (the second upload is a replay).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/model/sync_meta.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::model {

inline constexpr std::string_view k_base_course_title = "Magtanvendelse (Grundforløb)";

struct BaseCourse {
  std::string id;          // base_course_id_for(citizen_id)
  std::string citizen_id;  // UUID; unique
  std::string title = std::string(k_base_course_title);
  SyncMeta sync;

  bool operator==(const BaseCourse&) const = default;
};

std::string base_course_id_for(std::string_view citizen_id);
// The citizen's base course as it is created on first need (revision 1).
BaseCourse new_base_course(std::string_view citizen_id);

nlohmann::json to_json(const BaseCourse& b);
Result<BaseCourse> base_course_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::model
