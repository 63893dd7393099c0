// The app's side of the work after registration: hands the screens' commands to the WorkflowClient
// (online), completes the leader part of a form (Udfyldt -> Låst or back to staff) in the local
// database like every other form change, and starts roles with work on "Opgaver".
#include <algorithm>

#include "core/access/policy.hpp"
#include "core/forms/catalogue.hpp"
#include "core/forms/form_definition.hpp"
#include "core/forms/lifecycle.hpp"
#include "core/model/role.hpp"
#include "shell/app.hpp"

namespace magtreg::shell {

namespace {
WorkflowUser workflow_user(const UserInfo& u) { return {u.id, u.role, u.institutions}; }

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
}  // namespace

void App::tick_workflow(const PlatformState& platform, PlatformRequests& requests) {
  if (!m_records || !m_model.unlocked || !m_session || !m_model.user) return;
  const WorkflowUser user = workflow_user(*m_model.user);
  if (m_open_work) {
    m_open_work = false;
    if (has_work(m_model.user->role) && platform.online != Tristate::No) {
      m_work_refreshed_at = platform.time_seconds;
      if (auto screen = m_workflow.apply(OpenWork{}, platform, requests, *m_records, m_session->token, user))
        m_model.screen = *screen;
    }
  }
  // "Opgaver" stays current while it is on screen: others' work (a lock, a report, a decision) changes it.
  constexpr double k_work_refresh_seconds = 60;
  if (m_model.screen == Screen::Work && platform.online == Tristate::Yes && !m_workflow.view().busy &&
      platform.time_seconds - m_work_refreshed_at >= k_work_refresh_seconds) {
    m_work_refreshed_at = platform.time_seconds;
    (void)m_workflow.apply(OpenWork{}, platform, requests, *m_records, m_session->token, user);
    m_dirty = true;
  }
  if (m_workflow.tick(platform, requests, *m_records, m_session->token, user)) m_sync.request_now();
}

void App::apply_workflow(const WorkflowCommand& cmd, const PlatformState& platform, PlatformRequests& requests) {
  if (!m_records || !m_model.unlocked || !m_session || !m_model.user) return;
  if (const auto* t = std::get_if<TransitionForm>(&cmd)) return transition_form(*t, platform, requests);
  if (const auto* f = std::get_if<OpenFollowUp>(&cmd)) m_selected_citizen = f->citizen_id;
  if (std::holds_alternative<OpenWork>(cmd)) m_work_refreshed_at = platform.time_seconds;
  auto screen = m_workflow.apply(cmd, platform, requests, *m_records, m_session->token, workflow_user(*m_model.user));
  if (screen) m_model.screen = *screen;
  m_dirty = true;
}

void App::transition_form(const TransitionForm& t, const PlatformState& platform, PlatformRequests& requests) {
  auto f = m_records->form(t.form_id);
  if (!f || !*f) return;
  const auto* def = core::forms::Catalogue::builtin().definition((*f)->form_id, (*f)->form_version);
  auto role = core::role_from_string(m_model.user->role);
  auto from = core::forms::form_state_from_string((*f)->state);
  auto to = core::forms::form_state_from_string(t.to_state);
  if (!def || !role || !from || !to) return;
  nlohmann::json content = core::forms::strip_hidden(*def, t.content);
  auto ok = core::forms::check_transition(*def, *from, *to, *role, content, t.comment, platform.today);
  if (!ok) {
    m_model.form_error = ok.error().message;
    return;
  }
  core::model::FormInstance form = **f;
  form.content = content;
  form.state = t.to_state;
  if (*to == core::forms::FormState::Locked) {
    form.locked_at = core::client::utc_now_text();
    form.locked_by = m_model.user->id;
  }
  if (*to == core::forms::FormState::Draft) form.return_comment = t.comment;
  m_model.form_error.clear();
  save_form(std::move(form), requests);
  // Done with this item: back to "Opgaver" (the tablet may purge the locked copy once the server has it).
  if (*to == core::forms::FormState::Locked && m_model.form_save != AppModel::FormSave::Failed &&
      has_work(m_model.user->role)) {
    if (auto screen = m_workflow.apply(OpenWork{}, platform, requests, *m_records, m_session->token,
                                       workflow_user(*m_model.user)))
      m_model.screen = *screen;
    m_workflow.notice("Skemaet er gemt som låst og sendes til serveren.");
  }
}

}  // namespace magtreg::shell
