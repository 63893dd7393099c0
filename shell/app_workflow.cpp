// The app's side of the work after registration: routes the screens' commands to the feature clients
// (shell/clients/), completes or withdraws a form in the local database like every other form change,
// and starts roles with work on "Opgaver".
#include <algorithm>

#include "core/access/policy.hpp"
#include "core/forms/lifecycle.hpp"
#include "core/forms/withdrawal.hpp"
#include "core/model/role.hpp"
#include "shell/app.hpp"

namespace magtreg::shell {

namespace {
// Roles whose work follows registration (leader, committee, administration, caseworker).
bool has_work(const std::string& role_name) {
  using core::access::Action;
  auto role = core::role_from_string(role_name);
  if (!role) return false;
  for (Action a : {Action::CompleteLeaderPart, Action::DecideApplication, Action::ReviewReport,
                   Action::HandleComplaint, Action::RegisterMove, Action::WriteActionPlan})
    if (core::access::scope_of(*role, a) != core::access::Scope::None) return true;
  return false;
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;
}  // namespace

ClientContext App::client_context(const PlatformState& platform, PlatformRequests& requests) {
  return ClientContext{platform, requests, *m_records, m_api};
}

void App::persist_if_written(const ClientContext& ctx, PlatformRequests& requests) {
  if (!ctx.wrote) return;
  persist(requests);
  m_sync.request_now();
  m_dirty = true;
}

void App::copy_client_states() {
  auto copy = [](auto& to, const auto& from) {
    if (to.version != from.version) to = from;
  };
  copy(m_model.work, m_work.state());
  copy(m_model.report, m_report.state());
  copy(m_model.decision, m_decision.state());
  copy(m_model.complaint, m_complaint.state());
  copy(m_model.recommendation, m_recommendation.state());
  copy(m_model.follow_up, m_follow_up.state());
}

void App::reset_clients() {
  m_work.reset();
  m_report.reset();
  m_decision.reset();
  m_complaint.reset();
  m_recommendation.reset();
  m_follow_up.reset();
  m_model.work = {};
  m_model.report = {};
  m_model.decision = {};
  m_model.complaint = {};
  m_model.recommendation = {};
  m_model.follow_up = {};
}

void App::tick_workflow(const PlatformState& platform, PlatformRequests& requests) {
  if (!m_records || !m_model.unlocked || !m_session || !m_model.user) return;
  ClientContext ctx = client_context(platform, requests);
  if (m_open_work) {
    m_open_work = false;
    if (has_work(m_model.user->role) && platform.online != Tristate::No) {
      m_work_refreshed_at = platform.time_seconds;
      m_work.load(ctx);
      m_model.screen = Screen::Work;
    }
  }
  // "Opgaver" stays current while it is on screen: others' work (a lock, a report, a decision) changes it.
  constexpr double k_work_refresh_seconds = 60;
  if (m_model.screen == Screen::Work && platform.online == Tristate::Yes && !m_work.state().status.busy &&
      platform.time_seconds - m_work_refreshed_at >= k_work_refresh_seconds) {
    m_work_refreshed_at = platform.time_seconds;
    m_work.load(ctx);
  }
  bool any = m_work.tick(ctx);
  any = m_report.tick(ctx) || any;
  any = m_decision.tick(ctx) || any;
  any = m_complaint.tick(ctx) || any;
  any = m_recommendation.tick(ctx) || any;
  any = m_follow_up.tick(ctx) || any;
  if (any) m_dirty = true;
  persist_if_written(ctx, requests);
}

void App::apply_workflow(const WorkflowCommand& cmd, const PlatformState& platform, PlatformRequests& requests) {
  if (!m_records || !m_model.unlocked || !m_session || !m_model.user) return;
  ClientContext ctx = client_context(platform, requests);
  auto show = [&](Screen s) { m_model.screen = s; };
  std::visit(Overloaded{
                 [&](const OpenWork&) {
                   m_work_refreshed_at = platform.time_seconds;
                   m_work.load(ctx);
                   show(Screen::Work);
                 },
                 [&](const OpenReport& o) {
                   m_report.open(ctx, {o.institution_id, o.month, o.batch_id, o.moves});
                   show(Screen::Report);
                 },
                 [&](const CreateReport&) { m_report.create(ctx); },
                 [&](const MarkReportSent& m) { m_report.mark_sent(ctx, m.batch_id, m.recipient); },
                 [&](const PrintDocument& p) { requests.open_document(p.path, m_session->token); },
                 [&](const OpenDecision& o) {
                   m_decision.open(ctx, o.application_form_id);
                   show(Screen::Decision);
                 },
                 [&](const SaveDecision& s) { m_decision.save(ctx, s.decision); },
                 [&](const OpenComplaint& o) {
                   m_complaint.open(ctx, o.complaint_id);
                   show(Screen::Complaint);
                 },
                 [&](const NewComplaint& n) {
                   m_complaint.start(ctx, n.citizen_id, n.decision_id, n.form_id);
                   show(Screen::Complaint);
                 },
                 [&](const SaveComplaint& s) { m_complaint.save(ctx, s.complaint); },
                 [&](const OpenRecommendation& o) {
                   m_recommendation.open(ctx, o.recommendation_id);
                   show(Screen::Recommendation);
                 },
                 [&](const NewRecommendation& n) {
                   m_selected_citizen = n.citizen_id;
                   m_recommendation.start(ctx, n.citizen_id);
                   show(Screen::Recommendation);
                 },
                 [&](const SaveRecommendation& s) { m_recommendation.save(ctx, s.recommendation); },
                 [&](const OpenFollowUp& f) {
                   m_selected_citizen = f.citizen_id;
                   m_follow_up.open(ctx, f.citizen_id);
                   show(Screen::FollowUp);
                 },
                 [&](const SaveNote& n) { m_follow_up.save_note(ctx, n.note); },
                 [&](const OpenActionPlan& o) {
                   m_follow_up.open_action_plan(ctx, o.citizen_id, o.plan_id);
                   show(Screen::ActionPlan);
                 },
                 [&](const SaveActionPlan& s) { m_follow_up.save_action_plan(ctx, s.plan); },
                 [&](const CheckClosing& c) { m_follow_up.check_closing(ctx, c.case_id); },
                 [&](const CloseCase& c) { m_follow_up.close_case(ctx, c.case_id); },
                 [&](const TransitionForm& t) { transition_form(t, platform, requests); },
                 [&](const WithdrawForm& w) { withdraw_form(w, requests); },
             },
             cmd);
  persist_if_written(ctx, requests);
  m_dirty = true;
}

void App::transition_form(const TransitionForm& t, const PlatformState& platform, PlatformRequests& requests) {
  auto f = m_records->form(t.form_id);
  if (!f || !*f) return;
  core::model::FormInstance form = **f;
  form.content = t.content;
  form = core::forms::transitioned(std::move(form), t.to_state, m_model.user->id, core::client::utc_now_text(), t.comment);
  m_model.form_error.clear();
  // Core's checks (lifecycle, role, validation, findings) run in the save, as on the server.
  save_form(std::move(form), requests);
  // Done with this item: back to "Opgaver" (the tablet may purge the locked copy once the server has it).
  if (t.to_state == core::model::FormState::Locked && m_model.form_save != AppModel::FormSave::Failed && has_work(m_model.user->role)) {
    ClientContext ctx = client_context(platform, requests);
    m_work.load(ctx);
    m_work.notice("Skemaet er gemt som låst og sendes til serveren.");
    m_model.screen = Screen::Work;
  }
}

void App::withdraw_form(const WithdrawForm& w, PlatformRequests& requests) {
  auto f = m_records->form(w.form_id);
  if (!f || !*f) return;
  auto withdrawn = core::forms::withdraw_form(**f, w.reason, m_model.user->id, core::client::utc_now_text());
  if (!withdrawn) {
    m_model.form_error = withdrawn.error().message;
    return;
  }
  m_model.form_error.clear();
  save_form(std::move(*withdrawn), requests);
  if (m_model.form_save != AppModel::FormSave::Failed) {
    m_work.notice("Registreringen er tilbagekaldt. Udvalget ser tilbagekaldelsen og begrundelsen.");
    m_model.screen = Screen::Work;
  }
}

}  // namespace magtreg::shell
