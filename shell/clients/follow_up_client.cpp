// The follow-up client.
#include "shell/clients/follow_up_client.hpp"

#include <algorithm>

#include "core/forms/catalogue.hpp"
#include "core/time/utc.hpp"
#include "core/util/uuid.hpp"
#include "shell/api.hpp"

namespace magtreg::shell {

namespace model = core::model;

void FollowUpClient::load_local(ClientContext& ctx) {
  CitizenRecords c;
  c.citizen_id = m_state.citizen.citizen_id;
  if (!c.citizen_id.empty()) {
    auto& s = ctx.store;
    if (auto v = s.cases_of(c.citizen_id)) c.cases = *v;
    if (auto v = s.decisions_of(c.citizen_id)) c.decisions = *v;
    if (auto v = s.complaints_of(c.citizen_id)) c.complaints = *v;
    if (auto v = s.notes_of(c.citizen_id)) c.notes = *v;
    if (auto v = s.action_plans_of(c.citizen_id)) c.action_plans = *v;
    if (auto v = s.forms_of(c.citizen_id))
      for (const auto& f : *v) {
        const auto* meta = core::forms::Catalogue::current().find_form(f.form_id, f.form_version);
        if (meta && meta->kind == core::forms::FormKind::Application) c.applications.push_back(f);
      }
  }
  m_state.citizen = std::move(c);
  ++m_state.version;
}

void FollowUpClient::open(ClientContext& ctx, const std::string& citizen_id) {
  m_state.status = {};
  m_state.closing_case.clear();
  m_state.closable.reset();
  m_state.closing_issues.clear();
  m_state.citizen.citizen_id = citizen_id;
  load_local(ctx);
}

void FollowUpClient::save_note(ClientContext& ctx, model::Note n) {
  m_state.status.notice.clear();
  if (n.id.empty()) n.id = core::new_uuid();
  n.author = ctx.session.user.user.id;
  n.at = core::time::utc_now_text();
  if (std::find(n.tags.begin(), n.tags.end(), model::k_note_tag_use_of_force) == n.tags.end())
    n.tags.push_back(std::string(model::k_note_tag_use_of_force));
  std::sort(n.tags.begin(), n.tags.end());
  if (save_record(ctx, std::move(n), "Notatet er gemt.", m_state.status, m_pending)) load_local(ctx);
  ++m_state.version;
}

void FollowUpClient::open_action_plan(ClientContext& ctx, const std::string& citizen_id, const std::string& plan_id) {
  m_state.status = {};
  m_state.plan_citizen = citizen_id;
  m_state.plan.reset();
  m_state.plan_loaded = false;
  std::string id = plan_id;
  if (id.empty())
    if (auto plans = ctx.store.action_plans_of(citizen_id))
      for (const auto& p : *plans)
        if (id.empty() || p.updated_at > m_state.plan->updated_at) {
          id = p.id;
          m_state.plan = p;
        }
  if (id.empty()) {
    model::ActionPlan p;
    p.id = core::new_uuid();
    p.citizen_id = citizen_id;
    p.sync.revision = 0;
    m_state.plan = p;
    m_state.plan_loaded = true;
  } else {
    load_record<model::ActionPlan>(ctx, m_exchanges, m_state.status, id, "Henter handleplanen …",
                                   [this](ClientContext&, std::optional<model::ActionPlan> p) {
                                     if (p) m_state.plan = std::move(p);
                                     m_state.plan_loaded = true;
                                     ++m_state.version;
                                   });
  }
  ++m_state.version;
}

void FollowUpClient::save_action_plan(ClientContext& ctx, model::ActionPlan p) {
  m_state.status.notice.clear();
  p.author = ctx.session.user.user.id;
  p.updated_at = core::time::utc_now_text();
  const std::string id = p.id;
  if (save_record(ctx, std::move(p), "Handleplanen er gemt.", m_state.status, m_pending))
    if (auto stored = ctx.store.find<model::ActionPlan>(id); stored && *stored) m_state.plan = **stored;
  ++m_state.version;
}

void FollowUpClient::check_closing(ClientContext& ctx, const std::string& case_id) {
  m_state.status = {};
  m_state.closing_case = case_id;
  m_state.closable.reset();
  m_state.closing_issues.clear();
  m_exchanges.send(ctx, api::closing(ctx.session.token, case_id), "Undersøger sagen …", m_state.status, "Sagen",
                   [this](ClientContext&, const HttpResponse& r) {
                     auto a = api::closing_answer(r);
                     if (!a) {
                       m_state.status.error = action_error_of(a.error());
                       return;
                     }
                     m_state.closable = a->closable;
                     for (const auto& g : a->gaps) m_state.closing_issues.push_back(g.message);
                   });
  ++m_state.version;
}

void FollowUpClient::close_case(ClientContext& ctx, const std::string& case_id) {
  m_state.status.notice.clear();
  m_state.closing_case = case_id;
  load_record<model::Case>(ctx, m_exchanges, m_state.status, case_id, "Henter sagen …",
                           [this](ClientContext& c, std::optional<model::Case> k) {
                             if (!k) return;
                             k->closed_at = core::time::utc_now_text();
                             if (save_record(c, *k, "Sagen er lukket.", m_state.status, m_pending)) {
                               m_state.closable.reset();
                               m_state.closing_issues.clear();
                               load_local(c);
                             }
                             ++m_state.version;
                           });
}

bool FollowUpClient::tick(ClientContext& ctx) {
  if (!m_exchanges.deliver(ctx, m_state.status)) return false;
  ++m_state.version;
  return true;
}

void FollowUpClient::refresh_local(ClientContext& ctx) {
  if (follow_write(ctx.store, m_pending, m_state.status)) ++m_state.version;
  if (!m_state.citizen.citizen_id.empty()) load_local(ctx);
}

}  // namespace magtreg::shell
