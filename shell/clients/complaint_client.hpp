// Complaints: against a decision (the committee re-assesses within 4 weeks; upheld, it goes to
// Ankestyrelsen) or against an acute intervention (the committee's statement). The complaint, its
// decision or registration come from the tablet's records (or the server); saves go through the outbox.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_instance.hpp"
#include "shell/clients/client_base.hpp"

namespace magtreg::shell {

struct ComplaintState {
  std::uint64_t version = 0;
  ActionStatus status;
  std::optional<core::model::Complaint> complaint;  // a new complaint has revision 0
  std::optional<core::model::Decision> complaint_decision;
  std::optional<core::model::FormInstance> complaint_form;
};

class ComplaintClient {
 public:
  void open(ClientContext& ctx, const std::string& complaint_id);
  // A new complaint against a decision (decision_id) or an acute intervention (form_id).
  void start(ClientContext& ctx, const std::string& citizen_id, const std::string& decision_id,
             const std::string& form_id);
  void save(ClientContext& ctx, const core::model::Complaint& complaint);
  bool tick(ClientContext& ctx);
  void refresh_local(ClientContext& ctx);
  const ComplaintState& state() const { return m_state; }
  void reset() { *this = ComplaintClient(); }

 private:
  void load_subject(ClientContext& ctx);

  ComplaintState m_state;
  Exchanges m_exchanges;
  std::optional<PendingWrite> m_pending;
};

}  // namespace magtreg::shell
