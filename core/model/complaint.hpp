// A complaint (klage) against a committee decision or against staff's acute use of force (a form),
// and how it was handled: the committee's assessment, forwarding to Ankestyrelsen, outcome.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/decision.hpp"
#include "core/model/sync_meta.hpp"
#include "core/util/enum_text.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::model {

// Where a complaint stands, in the only order it may move: received -> in_review -> (forwarded) -> closed;
// all but closed count as open. An enum in the code, text only in JSON and SQL.
enum class ComplaintStatus { Received, InReview, Forwarded, Closed };
inline constexpr EnumText<ComplaintStatus> k_complaint_status_texts[] = {{ComplaintStatus::Received, "received"},
                                                                         {ComplaintStatus::InReview, "in_review"},
                                                                         {ComplaintStatus::Forwarded, "forwarded"},
                                                                         {ComplaintStatus::Closed, "closed"}};
constexpr std::string_view to_string(ComplaintStatus s) { return enum_text(k_complaint_status_texts, s); }
constexpr std::optional<ComplaintStatus> complaint_status_from_string(std::string_view text) {
  return enum_from_text(k_complaint_status_texts, text);
}
// Danish, lower case: "modtaget", "under behandling", "sendt til Ankestyrelsen", "afsluttet".
std::string_view complaint_status_label(ComplaintStatus s);

struct Complaint {
  std::string id;                                // UUID
  std::string citizen_id;                        // UUID
  std::optional<std::string> decision_id;        // against a decision (4-week deadline) ...
  std::optional<std::string> form_instance_id;   // ... or against an acute intervention (no deadline)
  std::string received_at;                       // UTC instant
  std::string complainant;                       // who complained: "borger", "værge", a relative's name, ...
  std::optional<std::string> notified_at;        // when the complainant was notified of the decision
  ComplaintStatus status = ComplaintStatus::Received;
  std::string committee_assessment;              // udvalgets vurdering / udtalelse
  std::optional<std::string> forwarded_at;       // to Ankestyrelsen, UTC instant
  std::string outcome;
  bool court_or_lawyer = false;                  // court proceedings or a lawyer involved
  std::vector<Notification> statement_sent_to;   // who received the committee's statement (acute use), when
  SyncMeta sync;

  bool operator==(const Complaint&) const = default;
};

nlohmann::json to_json(const Complaint& c);
Result<Complaint> complaint_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::model
