// The complaint client.
#include "shell/clients/complaint_client.hpp"

#include "core/time/utc.hpp"
#include "core/util/uuid.hpp"

namespace magtreg::shell {

void ComplaintClient::open(ClientContext& ctx, const std::string& complaint_id) {
  const auto version = m_state.version;
  m_state = ComplaintState{};
  m_state.version = version + 1;
  m_pending.reset();
  load_record<core::model::Complaint>(ctx, m_exchanges, m_state.status, complaint_id, "Henter klagen …",
                                      [this](ClientContext& c, std::optional<core::model::Complaint> k) {
                                        m_state.complaint = std::move(k);
                                        ++m_state.version;
                                        load_subject(c);
                                      });
}

// The decision or the registration the complaint is about.
void ComplaintClient::load_subject(ClientContext& ctx) {
  if (!m_state.complaint) return;
  load_record<core::model::Decision>(ctx, m_exchanges, m_state.status, m_state.complaint->decision_id,
                                     "Henter afgørelsen …", [this](ClientContext&, std::optional<core::model::Decision> d) {
                                       m_state.complaint_decision = std::move(d);
                                       // The complaint deadline runs from the notification: the first recorded is
                                       // the likely one.
                                       if (m_state.complaint_decision && m_state.complaint &&
                                           m_state.complaint->sync.revision == 0 && !m_state.complaint->notified_at &&
                                           !m_state.complaint_decision->notifications.empty())
                                         m_state.complaint->notified_at =
                                             m_state.complaint_decision->notifications.front().at;
                                       ++m_state.version;
                                     });
  load_record<core::model::FormInstance>(ctx, m_exchanges, m_state.status, m_state.complaint->form_instance_id,
                                         "Henter registreringen …",
                                         [this](ClientContext&, std::optional<core::model::FormInstance> f) {
                                           m_state.complaint_form = std::move(f);
                                           ++m_state.version;
                                         });
}

void ComplaintClient::start(ClientContext& ctx, const std::string& citizen_id, const std::string& decision_id,
                            const std::string& form_id) {
  const auto version = m_state.version;
  m_state = ComplaintState{};
  m_state.version = version + 1;
  m_pending.reset();
  core::model::Complaint c;
  c.id = core::new_uuid();
  c.citizen_id = citizen_id;
  c.received_at = core::time::utc_now_text();
  if (!decision_id.empty()) c.decision_id = decision_id;
  else c.form_instance_id = form_id;
  c.sync.revision = 0;
  m_state.complaint = c;
  load_subject(ctx);
}

void ComplaintClient::save(ClientContext& ctx, const core::model::Complaint& complaint) {
  m_state.status.notice.clear();
  if (save_record(ctx, complaint, "Klagen er gemt.", m_state.status, m_pending))
    if (auto stored = ctx.store.find<core::model::Complaint>(complaint.id); stored && *stored) m_state.complaint = **stored;
  ++m_state.version;
}

bool ComplaintClient::tick(ClientContext& ctx) {
  if (!m_exchanges.deliver(ctx, m_state.status)) return false;
  ++m_state.version;
  return true;
}

void ComplaintClient::refresh_local(ClientContext& ctx) {
  if (!follow_write(ctx.store, m_pending, m_state.status)) return;
  ++m_state.version;
  if (m_state.complaint)
    if (auto stored = ctx.store.find<core::model::Complaint>(m_state.complaint->id); stored && *stored)
      m_state.complaint = **stored;
}

}  // namespace magtreg::shell
