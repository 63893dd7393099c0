// A decision (afgørelse) on an application for pre-approval: status, period of validity, conditions,
// the complaint guidance given, and who was notified when (the complaint deadline runs from that).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/decision_status.hpp"
#include "core/model/sync_meta.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::model {

struct Notification {
  std::string recipient;  // "borger", "værge", a name, ...
  std::string at;         // UTC instant

  bool operator==(const Notification&) const = default;
};

struct Decision {
  std::string id;                                   // UUID
  std::string citizen_id;                           // UUID
  std::string case_id;                              // UUID (the approval case)
  std::optional<std::string> application_form_id;   // the Skema 3 it decides
  std::string basis;                                // legal basis id, e.g. "125"
  DecisionStatus status = DecisionStatus::Pending;
  std::optional<std::string> valid_from;            // day; required when granted
  std::optional<std::string> valid_to;              // day (inclusive); required when granted
  std::string conditions;
  std::string complaint_guidance;                   // klagevejledning as given
  std::optional<std::string> decided_by;            // user UUID; required unless pending
  std::optional<std::string> decided_at;            // UTC instant; required unless pending
  std::vector<Notification> notifications;
  SyncMeta sync;

  bool operator==(const Decision&) const = default;
};

nlohmann::json to_json(const Notification& n);
nlohmann::json to_json(const Decision& d);
Result<Decision> decision_from_json(const nlohmann::json& j);
// Reads one notification at `path` ({"recipient", "at"}) onto `out`.
Status read_notification(const nlohmann::json& e, const std::string& path, std::vector<Notification>& out);
Result<std::vector<Notification>> notifications_from_json(const nlohmann::json& j, const std::string& path);

}  // namespace magtreg::core::model
