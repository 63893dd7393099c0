// JSON of decisions, with the status rules (a granted decision has a period, a decided one a decider).
#include "core/model/decision.hpp"

#include "core/util/json_util.hpp"

namespace magtreg::core::model {
Status read_notification(const nlohmann::json& e, const std::string& path, std::vector<Notification>& out) {
  Notification n;
  JsonReader r(e, path);
  r.text("recipient", n.recipient, TextFormat::NonEmpty).text("at", n.at, TextFormat::UtcInstant);
  if (Status st = r.finish(); !st) return st;
  out.push_back(std::move(n));
  return {};
}

nlohmann::json to_json(const Notification& n) {
  nlohmann::json j = nlohmann::json::object();
  j["recipient"] = n.recipient;
  j["at"] = n.at;
  return j;
}

nlohmann::json to_json(const Decision& d) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = d.id;
  j["citizen_id"] = d.citizen_id;
  j["case_id"] = d.case_id;
  j["application_form_id"] = optional_json(d.application_form_id);
  j["basis"] = d.basis;
  j["status"] = to_string(d.status);
  j["valid_from"] = optional_json(d.valid_from);
  j["valid_to"] = optional_json(d.valid_to);
  j["conditions"] = d.conditions;
  j["complaint_guidance"] = d.complaint_guidance;
  j["decided_by"] = optional_json(d.decided_by);
  j["decided_at"] = optional_json(d.decided_at);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& n : d.notifications) list.push_back(to_json(n));
  j["notifications"] = std::move(list);
  j["deleted"] = d.sync.deleted;
  return j;
}

Result<std::vector<Notification>> notifications_from_json(const nlohmann::json& j, const std::string& path) {
  if (!j.is_array()) return invalid_input("Feltet skal være en liste.", path);
  std::vector<Notification> out;
  for (std::size_t i = 0; i < j.size(); ++i)
    if (Status st = read_notification(j[i], path + "[" + std::to_string(i) + "]", out); !st) return st.error();
  return out;
}

std::string_view decision_status_label(DecisionStatus s) {
  switch (s) {
    case DecisionStatus::Pending: return "afventer afgørelse";
    case DecisionStatus::Granted: return "bevilget";
    case DecisionStatus::Refused: return "afslået";
  }
  return "afventer afgørelse";
}

Result<Decision> decision_from_json(const nlohmann::json& j) {
  Decision d;
  JsonReader r(j);
  r.text("id", d.id, TextFormat::Uuid)
      .text("citizen_id", d.citizen_id, TextFormat::Uuid)
      .text("case_id", d.case_id, TextFormat::Uuid)
      .optional_text("application_form_id", d.application_form_id, TextFormat::Uuid)
      .text("basis", d.basis, TextFormat::NonEmpty)
      .one_of("status", d.status, k_decision_status_texts)
      .optional_text("valid_from", d.valid_from, TextFormat::Day)
      .optional_text("valid_to", d.valid_to, TextFormat::Day)
      .text("conditions", d.conditions)
      .text("complaint_guidance", d.complaint_guidance)
      .optional_text("decided_by", d.decided_by, TextFormat::Uuid)
      .optional_text("decided_at", d.decided_at, TextFormat::UtcInstant)
      .object_list("notifications",
                   [&d](const nlohmann::json& e, const std::string& path) {
                     return read_notification(e, path, d.notifications);
                   })
      .boolean("deleted", d.sync.deleted);
  if (Status st = r.finish(); !st) return st.error();
  if (d.status == DecisionStatus::Granted && !d.valid_from)
    return invalid_input("En godkendelse skal have en gyldighedsperiode.", "valid_from");
  if (d.status == DecisionStatus::Granted && !d.valid_to)
    return invalid_input("En godkendelse skal have en gyldighedsperiode.", "valid_to");
  if (d.valid_from && d.valid_to && *d.valid_to < *d.valid_from)
    return invalid_input("Perioden slutter før den begynder.", "valid_to");
  if (d.status != DecisionStatus::Pending && !d.decided_by)
    return invalid_input("En truffet afgørelse skal have en afgørende bruger.", "decided_by");
  if (d.status != DecisionStatus::Pending && !d.decided_at)
    return invalid_input("En truffet afgørelse skal have et tidspunkt.", "decided_at");
  return d;
}

}  // namespace magtreg::core::model
