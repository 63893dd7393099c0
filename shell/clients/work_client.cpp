// The work list client.
#include "shell/clients/work_client.hpp"

#include "shell/api.hpp"

namespace magtreg::shell {

void WorkClient::load(ClientContext& ctx) {
  m_state.status.error = {};
  m_exchanges.send(ctx, api::work(ctx.session.token), "Henter opgaver …", m_state.status, "Opgaverne",
                   [this](ClientContext&, const HttpResponse& r) {
                     auto list = api::work_answer(r);
                     if (!list) {
                       m_state.status.error = action_error_of(list.error());
                       return;
                     }
                     m_state.work = std::move(list->items);
                     m_state.work_loaded = true;
                   });
  ++m_state.version;
}

bool WorkClient::tick(ClientContext& ctx) {
  if (!m_exchanges.deliver(ctx, m_state.status)) return false;
  ++m_state.version;
  return true;
}

void WorkClient::notice(std::string text) {
  m_state.status.notice = std::move(text);
  ++m_state.version;
}

}  // namespace magtreg::shell
