// A municipality (kommune) and its settings: the day the monthly report is due and the smallest
// count statistics may show (smaller counts are suppressed so no citizen can be recognised).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/util/result.hpp"

namespace magtreg::core::model {

struct Municipality {
  std::string id;                   // UUID
  std::string name;                 // "Nyborg Kommune"
  int report_day_of_month = 10;     // 1..28, so every month has the day
  int suppression_threshold = 5;    // counts below this are shown as "< 5"
  std::string region;               // "Region Syddanmark": operator of regional offers, recipient for children
  std::string socialtilsyn;         // "Socialtilsyn Syd": the supervising authority of the area

  bool operator==(const Municipality&) const = default;
};

nlohmann::json to_json(const Municipality& m);
Result<Municipality> municipality_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::model
