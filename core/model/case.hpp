// A case (sag) under the citizen's base course: one per registration when not pre-approved
// (enkeltsagsprincip), or one per pre-approval holding the application, decision and registrations.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/model/case_kind.hpp"
#include "core/model/sync_meta.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::model {

inline constexpr std::string_view k_case_title_adults =
    "Sag: Magtanvendelse, voksne SEL § 123-129, § 131, § 136-136d, § 136f, § 137e-i";
inline constexpr std::string_view k_case_title_children = "Sag: Magtanvendelse, børn og unge";

// The case title for a citizen's target group ("boern" gets the children's title).
std::string_view case_title_for(std::string_view target_group);

struct Case {
  std::string id;              // UUID
  std::string citizen_id;      // UUID
  std::string base_course_id;  // UUID
  CaseKind kind = CaseKind::Single;
  std::string title;           // k_case_title_adults / k_case_title_children
  std::optional<std::string> decision_id;  // the decision, on an approval case
  std::string opened_at;                   // UTC instant
  std::optional<std::string> closed_at;    // UTC instant, when processing is complete
  SyncMeta sync;

  bool operator==(const Case&) const = default;
};

nlohmann::json to_json(const Case& c);
Result<Case> case_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::model
