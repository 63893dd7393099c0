// The screens of the work after registration, owned together so the app holds one member for them.
#pragma once

#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"
#include "shell/views/action_plan_view.hpp"
#include "shell/views/complaint_view.hpp"
#include "shell/views/decision_view.hpp"
#include "shell/views/follow_up_view.hpp"
#include "shell/views/recommendation_view.hpp"
#include "shell/views/report_view.hpp"
#include "shell/views/work_view.hpp"

namespace magtreg::shell {

struct AppModel;

class WorkflowScreens {
 public:
  // Draws `screen` when it is one of these; false otherwise.
  bool draw(Screen screen, float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
    switch (screen) {
      case Screen::Work: m_work.draw(top, platform, model, out); return true;
      case Screen::Report: m_report.draw(top, platform, model, out); return true;
      case Screen::Decision: m_decision.draw(top, platform, model, out); return true;
      case Screen::Complaint: m_complaint.draw(top, platform, model, out); return true;
      case Screen::FollowUp: m_follow_up.draw(top, platform, model, out); return true;
      case Screen::ActionPlan: m_action_plan.draw(top, platform, model, out); return true;
      case Screen::Recommendation: m_recommendation.draw(top, platform, model, out); return true;
      default: return false;
    }
  }

 private:
  WorkView m_work;
  ReportView m_report;
  DecisionView m_decision;
  ComplaintView m_complaint;
  FollowUpView m_follow_up;
  ActionPlanView m_action_plan;
  RecommendationView m_recommendation;
};

}  // namespace magtreg::shell
