// Shared pieces of the workflow screens.
#include "shell/views/workflow_common.hpp"

#include <imgui.h>

#include "core/model/role.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/views/form_renderer.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_red(0.75f, 0.08f, 0.08f, 1.0f);
const ImVec4 k_green(0.10f, 0.50f, 0.20f, 1.0f);
const ImVec4 k_orange(0.70f, 0.40f, 0.00f, 1.0f);
const ImVec4 k_muted(0.35f, 0.35f, 0.38f, 1.0f);

bool same_field(const std::string& error_field, const char* field) {
  if (error_field == field) return true;
  // "notifications[0].at" belongs to "notifications".
  const std::string f(field);
  return error_field.size() > f.size() && error_field.compare(0, f.size(), f) == 0 &&
         (error_field[f.size()] == '[' || error_field[f.size()] == '.');
}
}  // namespace

bool user_may(const AppModel& model, core::access::Action action) {
  if (!model.user) return false;
  auto role = core::role_from_string(model.user->role);
  return role && core::access::scope_of(*role, action) != core::access::Scope::None &&
         core::access::scope_of(*role, action) != core::access::Scope::Pseudonymised;
}

bool user_has_work(const AppModel& model) {
  using core::access::Action;
  for (Action a : {Action::CompleteLeaderPart, Action::DecideApplication, Action::ReviewReport,
                   Action::HandleComplaint, Action::RegisterMove, Action::WriteActionPlan})
    if (user_may(model, a)) return true;
  return false;
}

void status_lines(const ActionStatus& view) {
  if (view.busy) wrapped_text(k_muted, view.busy_text);
  if (!view.notice.empty()) wrapped_text(k_green, view.notice);
  MAGTREG_HOOK_FACT("wf_notice", view.notice);
  MAGTREG_HOOK_FACT("wf_busy", view.busy ? "yes" : "no");
  MAGTREG_HOOK_FACT("wf_error", view.error.message);
  MAGTREG_HOOK_FACT("wf_error_field", view.error.field);
  if (!view.error.empty() && view.error.field.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, k_red);
    ImGui::TextWrapped("%s", view.error.message.c_str());
    for (const auto& i : view.error.issues) bullet_text(i);
    ImGui::PopStyleColor();
  } else if (!view.error.empty()) {
    wrapped_text(k_red, "Ikke gemt – se feltet markeret med rødt.");
  }
  for (const auto& f : view.findings) {
    ImGui::PushStyleColor(ImGuiCol_Text, k_orange);
    ImGui::TextWrapped("Advarsel: %s", f.c_str());
    ImGui::PopStyleColor();
  }
}

void field_error(const ActionStatus& view, const char* field) {
  if (view.error.empty() || !same_field(view.error.field, field)) return;
  ImGui::PushStyleColor(ImGuiCol_Text, k_red);
  ImGui::TextWrapped("%s", view.error.message.c_str());
  ImGui::PopStyleColor();
}

std::string local_time_text(const std::string& utc) {
  auto t = core::time::parse_utc(utc);
  return t ? core::time::format_danish(core::time::to_local(*t)) : utc;
}

std::string local_day_text(const std::string& utc) {
  auto t = core::time::parse_utc(utc);
  return t ? core::time::format_danish(core::time::to_local(*t).date) : utc;
}

std::string utc_for_day(const std::string& danish_day, const std::string& today) {
  const std::string iso = parse_danish_date(danish_day);
  if (iso.empty()) return {};
  if (iso == today) return core::time::utc_now_text();
  auto d = core::time::parse_date(iso);
  if (!d) return {};
  return core::time::format_utc(core::time::to_utc(core::time::LocalDateTime{*d, 12, 0}));
}

void screen_title(const std::string& text) {
  ImGui::PushFont(fonts().title);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopFont();
}

void section_title(const char* text) {
  ImGui::Spacing();
  ImGui::PushFont(fonts().bold);
  ImGui::TextWrapped("%s", text);
  ImGui::PopFont();
}

}  // namespace magtreg::shell
