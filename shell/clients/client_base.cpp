// The shared pieces of the feature clients (see client_base.hpp).
#include "shell/clients/client_base.hpp"

#include "core/records/kinds.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/utc.hpp"
#include "shell/api.hpp"

namespace magtreg::shell {

core::records::Writer Session::writer() const {
  return {user.principal(), core::time::utc_now_text(), core::time::now_local()};
}

ActionError action_error_of(const core::Error& e, const std::vector<core::records::IssueNote>& issues) {
  ActionError out;
  out.code = std::string(core::to_string(e.code));
  out.message = e.message;
  out.field = e.field.rfind("data.", 0) == 0 ? e.field.substr(5) : e.field;
  for (const auto& i : issues)
    if (!i.message.empty()) out.issues.push_back(i.message);
  return out;
}

ActionError action_error_of(const core::sync::ApiError& e) { return action_error_of(e.error, e.issues); }

void Exchanges::send(ClientContext& ctx, const HttpRequest& request, std::string busy_text, ActionStatus& status,
                     std::string what, Handler on_ok) {
  const auto id = ctx.requests.http(request);
  m_pending[id] = Pending{std::move(on_ok), std::move(what)};
  status.busy = true;
  status.busy_text = std::move(busy_text);
}

bool Exchanges::deliver(ClientContext& ctx, ActionStatus& status) {
  bool any = false;
  for (const auto& r : ctx.platform.http_done) {
    auto it = m_pending.find(r.id);
    if (it == m_pending.end()) continue;
    Pending p = std::move(it->second);
    m_pending.erase(it);
    status.busy = !m_pending.empty();
    any = true;
    if (api::ok(r)) p.on_ok(ctx, r);
    else status.error = action_error_of(api::error_of(r, p.what));
  }
  return any;
}

bool follow_write(core::client::ClientStore& store, std::optional<PendingWrite>& pending, ActionStatus& status) {
  if (!pending) return false;
  const auto info = store.sync_info(pending->kind, pending->id);
  if (info.status == core::client::SyncStatus::Sent) {
    status.notice = pending->done_text;
    status.findings.clear();
    if (auto f = store.server_findings(pending->kind, pending->id))
      for (const auto& finding : f->findings) status.findings.push_back(finding.message);
    pending.reset();
    return true;
  }
  if (info.status == core::client::SyncStatus::Rejected) {
    status.notice.clear();
    status.error = {};
    status.error.message = "Serveren afviste det: " + info.message;
    pending.reset();
    return true;
  }
  return false;
}

template <class T>
void load_record(ClientContext& ctx, Exchanges& exchanges, ActionStatus& status, const std::optional<std::string>& id,
                 std::string busy_text, std::function<void(ClientContext&, std::optional<T>)> done) {
  if (!id || id->empty()) return done(ctx, std::nullopt);
  if (auto local = ctx.store.find<T>(*id); local && *local) return done(ctx, **local);
  exchanges.send(ctx, api::record(ctx.session.token, core::records::Kind<T>::name, *id), std::move(busy_text), status,
                 "Posten", [done](ClientContext& c, const HttpResponse& r) {
                   auto e = api::record_answer(r);
                   if (!e) return done(c, std::nullopt);
                   e->kind = std::string(core::records::Kind<T>::name);
                   auto record = e->template record<T>();
                   // Kept as a download would keep it, so the tablet's checks of a later save see it too.
                   if (record) (void)c.store.apply_records({*e});
                   done(c, record ? std::optional<T>(std::move(*record)) : std::nullopt);
                 });
}

// Every kind a user uploads can be loaded (core/records/kinds.hpp's list).
#define MAGTREG_LOAD_RECORD(T)                                                                                     \
  template void load_record<core::T>(ClientContext&, Exchanges&, ActionStatus&, const std::optional<std::string>&, \
                                     std::string, std::function<void(ClientContext&, std::optional<core::T>)>);
MAGTREG_UPLOADED_RECORD_KINDS(MAGTREG_LOAD_RECORD)
#undef MAGTREG_LOAD_RECORD

}  // namespace magtreg::shell
