// The øjeoverblik.
#include "shell/views/work_view.hpp"

#include <imgui.h>

#include "core/time/format.hpp"
#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/views/workflow_common.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_red(0.75f, 0.08f, 0.08f, 1.0f);
const ImVec4 k_orange(0.70f, 0.40f, 0.00f, 1.0f);
}  // namespace

using core::workflow::WorkKind;

Command open_work_item(const core::workflow::WorkItem& w) {
  if (w.kind == WorkKind::ApplicationUndecided || w.kind == WorkKind::DecisionNotNotified)
    return WorkflowCommand{OpenDecision{w.record_id}};
  // The citizen's overview offers "Ansøg om forhåndsgodkendelse: Skema 3".
  if (w.kind == WorkKind::ApplicationRequired) return Navigate{Screen::Citizen, w.citizen_id};
  // The overview offers the Skema 2 under the decision.
  if (w.kind == WorkKind::PreApprovedDue) return Navigate{Screen::Citizen, w.citizen_id};
  if (w.record_kind == "form") return Navigate{Screen::Form, w.record_id};
  if (w.record_kind == "report") return WorkflowCommand{OpenReport{w.institution_id, w.month, ""}};
  if (w.record_kind == "move_report") return WorkflowCommand{OpenReport{w.institution_id, w.month, "", true}};
  if (w.record_kind == "report_batch") return WorkflowCommand{OpenReport{"", "", w.record_id}};
  if (w.record_kind == "complaint") return WorkflowCommand{OpenComplaint{w.record_id}};
  if (w.record_kind == "move_recommendation") return WorkflowCommand{OpenRecommendation{w.record_id}};
  if (w.record_kind == "action_plan") return WorkflowCommand{OpenActionPlan{w.citizen_id, w.record_id}};
  if (w.kind == WorkKind::ActionPlanMissing) return WorkflowCommand{OpenActionPlan{w.citizen_id, ""}};
  return WorkflowCommand{OpenFollowUp{w.citizen_id}};
}

void WorkView::draw(float top, const PlatformState&, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##work", top);
  MAGTREG_HOOK_FACT("screen", "work");
  const auto& v = model.work;
  screen_title("Opgaver");
  ImGui::SameLine(0, 24);
  ImGui::BeginDisabled(v.status.busy);
  if (big_button("Opdatér")) out.push_back(WorkflowCommand{OpenWork{}});
  ImGui::EndDisabled();
  MAGTREG_HOOK_ITEM("work.reload");
  status_lines(v.status);
  if (v.work_loaded && v.work.empty()) ImGui::TextUnformatted("Ingen opgaver lige nu.");
  MAGTREG_HOOK_FACT("work_items", std::to_string(v.work.size()));
  std::string kinds;
  // No clipper: the list holds what needs attention now (tens of items), and every item stays
  // addressable for the browser tests.
  for (int i = 0; i < static_cast<int>(v.work.size()); ++i) {
      const auto& w = v.work[static_cast<std::size_t>(i)];
      std::vector<std::string> lines{w.title, w.detail};
      if (!w.citizen_name.empty()) lines[0] += " – " + w.citizen_name;
      using core::time::DeadlineStatus;
      // Every row has three lines, the deadline's empty when there is none: one height for all rows.
      lines.push_back(!w.due ? std::string()
                             : "Frist " + core::time::format_danish(*w.due) +
                                   (w.status == DeadlineStatus::Overdue ? " – overskredet"
                                    : w.status == DeadlineStatus::DueToday ? " – i dag" : ""));
      ImGui::PushID(i);
      const ImVec4* colour = w.status == DeadlineStatus::Overdue ? &k_red : w.status == DeadlineStatus::DueToday ? &k_orange : nullptr;
      if (list_row("##row", lines, colour, 1)) out.push_back(open_work_item(w));
      MAGTREG_HOOK_ITEM("work." + std::to_string(i));
      ImGui::PopID();
    }
  for (std::size_t i = 0; i < v.work.size(); ++i) kinds += (i ? "," : "") + std::string(core::workflow::to_string(v.work[i].kind));
  MAGTREG_HOOK_FACT("work_kinds", kinds);
  ImGui::End();
}

}  // namespace magtreg::shell
