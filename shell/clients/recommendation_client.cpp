// The recommendation client.
#include "shell/clients/recommendation_client.hpp"

#include "core/time/utc.hpp"
#include "core/util/uuid.hpp"

namespace magtreg::shell {

void RecommendationClient::open(ClientContext& ctx, const std::string& id) {
  const auto version = m_state.version;
  m_state = RecommendationState{};
  m_state.version = version + 1;
  m_pending.reset();
  load_record<core::model::MoveRecommendation>(ctx, m_exchanges, m_state.status, id, "Henter indstillingen …",
                                               [this](ClientContext&, std::optional<core::model::MoveRecommendation> r) {
                                                 m_state.recommendation = std::move(r);
                                                 ++m_state.version;
                                               });
}

void RecommendationClient::start(ClientContext& ctx, const std::string& citizen_id) {
  const auto version = m_state.version;
  m_state = RecommendationState{};
  m_state.version = version + 1;
  m_pending.reset();
  core::model::MoveRecommendation r;
  r.id = core::new_uuid();
  r.citizen_id = citizen_id;
  r.basis = "129";
  r.subsection = "stk1";
  r.decided_on = ctx.platform.today;
  r.author = ctx.session.user.user.id;
  r.at = core::time::utc_now_text();
  r.sync.revision = 0;
  m_state.recommendation = r;
}

void RecommendationClient::save(ClientContext& ctx, const core::model::MoveRecommendation& r) {
  m_state.status.notice.clear();
  if (save_record(ctx, r, "Indstillingen er gemt.", m_state.status, m_pending))
    if (auto stored = ctx.store.find<core::model::MoveRecommendation>(r.id); stored && *stored)
      m_state.recommendation = **stored;
  ++m_state.version;
}

bool RecommendationClient::tick(ClientContext& ctx) {
  if (!m_exchanges.deliver(ctx, m_state.status)) return false;
  ++m_state.version;
  return true;
}

void RecommendationClient::refresh_local(ClientContext& ctx) {
  if (!follow_write(ctx.store, m_pending, m_state.status)) return;
  ++m_state.version;
  if (m_state.recommendation)
    if (auto stored = ctx.store.find<core::model::MoveRecommendation>(m_state.recommendation->id); stored && *stored)
      m_state.recommendation = **stored;
}

}  // namespace magtreg::shell
