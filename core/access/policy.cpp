// The access table (DOMAIN.md "Who uses it").
#include "core/access/policy.hpp"

#include <algorithm>

namespace magtreg::core::access {

std::string_view to_string(Action a) {
  switch (a) {
    case Action::ViewCitizen: return "view_citizen";
    case Action::ViewForms: return "view_forms";
    case Action::RegisterForm: return "register_form";
    case Action::CompleteLeaderPart: return "complete_leader_part";
    case Action::ApplyForApproval: return "apply_for_approval";
    case Action::DecideApplication: return "decide_application";
    case Action::ReviewReport: return "review_report";
    case Action::HandleComplaint: return "handle_complaint";
    case Action::RegisterMove: return "register_move";
    case Action::WriteActionPlan: return "write_action_plan";
    case Action::ViewStatistics: return "view_statistics";
    case Action::ManageUsers: return "manage_users";
    case Action::ManageCitizens: return "manage_citizens";
    case Action::ViewAudit: return "view_audit";
    case Action::WriteReportCommentary: return "write_report_commentary";
  }
  return "view_citizen";
}

std::string_view to_string(Scope s) {
  switch (s) {
    case Scope::None: return "none";
    case Scope::OwnInstitutions: return "own_institutions";
    case Scope::Municipality: return "municipality";
    case Scope::Pseudonymised: return "pseudonymised";
  }
  return "none";
}

Scope scope_of(Role role, Action action) {
  using A = Action;
  using S = Scope;
  switch (role) {
    case Role::Staff:
      switch (action) {
        case A::ViewCitizen: case A::ViewForms: case A::RegisterForm: return S::OwnInstitutions;
        default: return S::None;
      }
    case Role::Leader:
      switch (action) {
        case A::ViewCitizen: case A::ViewForms: case A::RegisterForm: case A::CompleteLeaderPart:
        case A::ApplyForApproval: case A::WriteReportCommentary: return S::OwnInstitutions;
        case A::ViewStatistics: return S::Pseudonymised;
        default: return S::None;
      }
    case Role::Committee:
      switch (action) {
        case A::ViewCitizen: case A::ViewForms: case A::DecideApplication: case A::ReviewReport:
        case A::HandleComplaint: return S::Municipality;
        case A::ViewStatistics: return S::Pseudonymised;
        default: return S::None;
      }
    case Role::Authority:
      switch (action) {
        // The administration registers moves and handles complaints; the committee alone decides
        // applications for pre-approval (seed 002, issue #14 item 8).
        case A::ViewCitizen: case A::ViewForms: case A::HandleComplaint:
        case A::RegisterMove: return S::Municipality;
        case A::ViewStatistics: return S::Pseudonymised;
        default: return S::None;
      }
    case Role::Caseworker:
      switch (action) {
        case A::ViewCitizen: case A::ViewForms: case A::WriteActionPlan: return S::Municipality;
        default: return S::None;
      }
    case Role::Operations:
      // The operating departments count, comment and tell the positive stories (seed 003).
      if (action == A::WriteReportCommentary) return S::Municipality;
      return action == A::ViewStatistics ? S::Pseudonymised : S::None;
    case Role::Admin:
      switch (action) {
        case A::ManageUsers: case A::ManageCitizens: case A::ViewCitizen: case A::ViewAudit:
          return S::Municipality;
        default: return S::None;
      }
  }
  return S::None;
}

bool allowed(const Principal& who, Action action, const CitizenPlacement& citizen) {
  switch (scope_of(who.role, action)) {
    case Scope::None:
    case Scope::Pseudonymised: return false;
    case Scope::Municipality:
      return !who.municipality_id.empty() && who.municipality_id == citizen.municipality_id;
    case Scope::OwnInstitutions:
      return !citizen.institution_id.empty() &&
             std::find(who.institution_ids.begin(), who.institution_ids.end(), citizen.institution_id) !=
                 who.institution_ids.end();
  }
  return false;
}

}  // namespace magtreg::core::access
