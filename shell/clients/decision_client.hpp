// The committee's decision on an application for pre-approval: the locked application (Skema 3), its
// approval case and the decision on it, from the tablet's records (or the server when the tablet does
// not hold them); the decision is saved through the outbox, checked by core as the server checks it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/model/case.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_instance.hpp"
#include "shell/clients/client_base.hpp"

namespace magtreg::shell {

struct DecisionState {
  std::uint64_t version = 0;
  ActionStatus status;
  std::optional<core::model::FormInstance> application;
  std::optional<core::model::Case> approval_case;
  std::optional<core::model::Decision> decision;
  bool decision_loaded = false;
};

class DecisionClient {
 public:
  void open(ClientContext& ctx, const std::string& application_form_id);
  void save(ClientContext& ctx, core::model::Decision decision);
  bool tick(ClientContext& ctx);
  void refresh_local(ClientContext& ctx);
  const DecisionState& state() const { return m_state; }
  void reset() { *this = DecisionClient(); }

 private:
  void load(ClientContext& ctx, const std::string& application_form_id);

  DecisionState m_state;
  Exchanges m_exchanges;
  std::optional<PendingWrite> m_pending;
  std::string m_application_id;
};

}  // namespace magtreg::shell
