// The decision client.
#include "shell/clients/decision_client.hpp"

#include "core/time/utc.hpp"

namespace magtreg::shell {

namespace {
std::optional<std::string> local_decision_of(core::client::ClientStore& store, const core::model::FormInstance& application) {
  auto decisions = store.decisions_of(application.citizen_id);
  if (!decisions) return std::nullopt;
  for (const auto& d : *decisions)
    if (d.application_form_id == application.id) return d.id;
  return std::nullopt;
}
}  // namespace

void DecisionClient::open(ClientContext& ctx, const std::string& application_form_id) {
  const auto version = m_state.version;
  m_state = DecisionState{};
  m_state.version = version + 1;
  m_pending.reset();
  m_application_id = application_form_id;
  load(ctx, application_form_id);
}

void DecisionClient::load(ClientContext& ctx, const std::string& application_form_id) {
  load_record<core::model::FormInstance>(
      ctx, m_exchanges, m_state.status, application_form_id, "Henter ansøgningen …",
      [this](ClientContext& c, std::optional<core::model::FormInstance> app) {
        m_state.application = std::move(app);
        ++m_state.version;
        if (!m_state.application) return;
        load_record<core::model::Case>(
            c, m_exchanges, m_state.status, m_state.application->case_id, "Henter sagen …",
            [this](ClientContext& c2, std::optional<core::model::Case> k) {
              m_state.approval_case = std::move(k);
              ++m_state.version;
              // The case names its decision once the server has joined them (and the case has come back by
              // sync); until then the tablet's own decision on the application is the one.
              auto decision_id = m_state.approval_case ? m_state.approval_case->decision_id : std::nullopt;
              if (!decision_id && m_state.application) decision_id = local_decision_of(c2.store, *m_state.application);
              load_record<core::model::Decision>(c2, m_exchanges, m_state.status, decision_id, "Henter afgørelsen …",
                                                 [this](ClientContext&, std::optional<core::model::Decision> d) {
                                                   m_state.decision = std::move(d);
                                                   m_state.decision_loaded = true;
                                                   ++m_state.version;
                                                 });
            });
      });
}

void DecisionClient::save(ClientContext& ctx, core::model::Decision d) {
  m_state.status.notice.clear();
  // Deciding (granting or refusing) records who decided and when; later saves only add notifications.
  if (d.status != core::model::DecisionStatus::Pending && (!m_state.decision || m_state.decision->status == core::model::DecisionStatus::Pending)) {
    d.decided_by = ctx.session.user.user.id;
    d.decided_at = core::time::utc_now_text();
  }
  save_record(ctx, std::move(d), "Afgørelsen er gemt.", m_state.status, m_pending);
  if (m_pending) {
    // The decision stands on the tablet now; the case joins it on the server (and comes back by sync).
    if (auto stored = ctx.store.find<core::model::Decision>(m_pending->id); stored && *stored) m_state.decision = **stored;
  }
  ++m_state.version;
}

bool DecisionClient::tick(ClientContext& ctx) {
  if (!m_exchanges.deliver(ctx, m_state.status)) return false;
  ++m_state.version;
  return true;
}

void DecisionClient::refresh_local(ClientContext& ctx) {
  if (!follow_write(ctx.store, m_pending, m_state.status)) return;
  ++m_state.version;
  if (!m_application_id.empty()) load(ctx, m_application_id);
}

}  // namespace magtreg::shell
