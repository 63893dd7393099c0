// The administration's recommendations to Familieretshuset on a move without consent, and its refusals to
// recommend one (issue 14 item 12): a new one begins on the tablet, a stored one comes from the tablet's records
// (or the server); saves go through the outbox.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/model/move_recommendation.hpp"
#include "shell/clients/client_base.hpp"

namespace magtreg::shell {

struct RecommendationState {
  std::uint64_t version = 0;
  ActionStatus status;
  std::optional<core::model::MoveRecommendation> recommendation;  // a new one has revision 0
};

class RecommendationClient {
 public:
  void open(ClientContext& ctx, const std::string& id);
  // A new recommendation for the citizen, by the logged-in user, sent today until the screen says otherwise.
  void start(ClientContext& ctx, const std::string& citizen_id);
  void save(ClientContext& ctx, const core::model::MoveRecommendation& r);
  bool tick(ClientContext& ctx);
  void refresh_local(ClientContext& ctx);
  const RecommendationState& state() const { return m_state; }
  void reset() { *this = RecommendationClient(); }

 private:
  RecommendationState m_state;
  Exchanges m_exchanges;
  std::optional<PendingWrite> m_pending;
};

}  // namespace magtreg::shell
