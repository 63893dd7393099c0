// The action plan editor.
#include "shell/views/action_plan_view.hpp"

#include <imgui.h>

#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/views/workflow_common.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_muted(0.35f, 0.35f, 0.38f, 1.0f);
}

void ActionPlanView::draw(float top, const PlatformState&, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##actionplan", top);
  MAGTREG_HOOK_FACT("screen", "action_plan");
  const auto& v = model.follow_up;
  if (big_button("‹ Opgaver")) out.push_back(WorkflowCommand{OpenWork{}});
  MAGTREG_HOOK_ITEM("plan.back");
  ImGui::SameLine();
  if (big_button("Opfølgning")) out.push_back(WorkflowCommand{OpenFollowUp{v.plan_citizen}});
  MAGTREG_HOOK_ITEM("plan.follow_up");
  std::string citizen;
  for (const auto& c : model.citizens)
    if (c.id == v.plan_citizen) citizen = c.name;
  screen_title("Handleplan (§ 141)" + (citizen.empty() ? std::string() : " – " + citizen));
  status_lines(v.status);
  if (!v.plan) {
    ImGui::End();
    return;
  }
  const auto& p = *v.plan;
  const std::string key = p.id + "/" + std::to_string(p.sync.revision);
  if (key != m_loaded) {
    m_loaded = key;
    m_purpose = p.purpose;
    m_effort = p.effort;
    m_duration = p.expected_duration;
    m_other = p.other_matters;
  }
  MAGTREG_HOOK_FACT("plan_revision", std::to_string(p.sync.revision));
  if (p.sync.revision > 0) ImGui::TextColored(k_muted, "Senest opdateret %s", local_time_text(p.updated_at).c_str());
  else ImGui::TextColored(k_muted, "Ny handleplan – ikke gemt endnu.");
  ImGui::TextWrapped("Planen beskriver, hvordan fremtidig magtanvendelse undgås og begrænses.");
  const float w = std::min(760.0f, ImGui::GetContentRegionAvail().x);
  ImGui::TextUnformatted("1. Formålet med indsatsen");
  text_area("##purpose", &m_purpose, w, 80);
  MAGTREG_HOOK_ITEM("plan.purpose");
  field_error(v.status, "purpose");
  ImGui::TextUnformatted("2. Den nødvendige indsats");
  text_area("##effort", &m_effort, w, 80);
  MAGTREG_HOOK_ITEM("plan.effort");
  field_error(v.status, "effort");
  ImGui::TextUnformatted("3. Forventet varighed");
  text_field("##duration", &m_duration, std::min(360.0f, w));
  MAGTREG_HOOK_ITEM("plan.duration");
  field_error(v.status, "expected_duration");
  ImGui::TextWrapped("4. Andre særlige forhold (bolig, beskæftigelse, personlig hjælp, behandling, hjælpemidler)");
  text_area("##other", &m_other, w, 80);
  MAGTREG_HOOK_ITEM("plan.other");
  field_error(v.status, "other_matters");
  ImGui::BeginDisabled(v.status.busy);
  if (big_button("Gem handleplan")) {
    core::model::ActionPlan next = p;
    next.purpose = m_purpose;
    next.effort = m_effort;
    next.expected_duration = m_duration;
    next.other_matters = m_other;
    out.push_back(WorkflowCommand{SaveActionPlan{next}});
  }
  ImGui::EndDisabled();
  MAGTREG_HOOK_ITEM("plan.save");
  ImGui::End();
}

}  // namespace magtreg::shell
