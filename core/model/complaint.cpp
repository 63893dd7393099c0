// JSON of complaints (exactly one target: a decision or a form).
#include "core/model/complaint.hpp"

#include "core/util/json_util.hpp"

namespace magtreg::core::model {

nlohmann::json to_json(const Complaint& c) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = c.id;
  j["citizen_id"] = c.citizen_id;
  j["decision_id"] = optional_json(c.decision_id);
  j["form_instance_id"] = optional_json(c.form_instance_id);
  j["received_at"] = c.received_at;
  j["complainant"] = c.complainant;
  j["notified_at"] = optional_json(c.notified_at);
  j["status"] = to_string(c.status);
  j["committee_assessment"] = c.committee_assessment;
  j["forwarded_at"] = optional_json(c.forwarded_at);
  j["outcome"] = c.outcome;
  j["court_or_lawyer"] = c.court_or_lawyer;
  nlohmann::json sent = nlohmann::json::array();
  for (const auto& n : c.statement_sent_to) sent.push_back(to_json(n));
  j["statement_sent_to"] = std::move(sent);
  j["deleted"] = c.sync.deleted;
  return j;
}

std::string_view complaint_status_label(ComplaintStatus s) {
  switch (s) {
    case ComplaintStatus::Received: return "modtaget";
    case ComplaintStatus::InReview: return "under behandling";
    case ComplaintStatus::Forwarded: return "sendt til Ankestyrelsen";
    case ComplaintStatus::Closed: return "afsluttet";
  }
  return "modtaget";
}

Result<Complaint> complaint_from_json(const nlohmann::json& j) {
  Complaint c;
  JsonReader r(j);
  r.text("id", c.id, TextFormat::Uuid)
      .text("citizen_id", c.citizen_id, TextFormat::Uuid)
      .optional_text("decision_id", c.decision_id, TextFormat::Uuid)
      .optional_text("form_instance_id", c.form_instance_id, TextFormat::Uuid)
      .text("received_at", c.received_at, TextFormat::UtcInstant)
      .text("complainant", c.complainant)
      .optional_text("notified_at", c.notified_at, TextFormat::UtcInstant)
      .one_of("status", c.status, k_complaint_status_texts)
      .text("committee_assessment", c.committee_assessment)
      .optional_text("forwarded_at", c.forwarded_at, TextFormat::UtcInstant)
      .text("outcome", c.outcome)
      .boolean("court_or_lawyer", c.court_or_lawyer)
      .object_list("statement_sent_to",
                   [&c](const nlohmann::json& e, const std::string& path) {
                     return read_notification(e, path, c.statement_sent_to);
                   })
      .boolean("deleted", c.sync.deleted);
  if (Status st = r.finish(); !st) return st.error();
  if (c.decision_id.has_value() == c.form_instance_id.has_value())
    return invalid_input("En klage gælder enten en afgørelse eller en registreret magtanvendelse.", "decision_id");
  if (c.status == ComplaintStatus::Forwarded && !c.forwarded_at)
    return invalid_input("Angiv hvornår klagen blev videresendt til Ankestyrelsen.", "forwarded_at");
  return c;
}

}  // namespace magtreg::core::model
