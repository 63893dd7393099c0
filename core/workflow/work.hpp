// "Øjeoverblik": what needs a user now, from the records they may see. Which items a user gets follows
// from the access policy (the actions their role may take), so one function serves the leader, the
// committee, the administration and the caseworker. Pure: the server loads the records and the time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/action_plan.hpp"
#include "core/model/case.hpp"
#include "core/model/citizen.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/institution.hpp"
#include "core/model/move_recommendation.hpp"
#include "core/model/municipality.hpp"
#include "core/model/note.hpp"
#include "core/model/report_batch.hpp"
#include "core/model/role.hpp"
#include "core/time/deadlines.hpp"
#include "core/time/local_date_time.hpp"

namespace magtreg::core::forms {
class Catalogue;
}

namespace magtreg::core::workflow {

enum class WorkKind {
  // leader (CompleteLeaderPart / ApplyForApproval)
  FormAwaitingLeader,       // Udfyldt: the leader part is missing
  RegistrationOverdue,      // a staff draft past (or on) its three-day deadline
  ReportDue,                // locked registrations not yet in a monthly report
  ReportNotSent,            // a report batch with recipients it has not been sent to
  ApplicationRequired,      // § 136 a used more than once within six months, no application since
  RelativesOrientationDue,  // the monthly orientation of relatives/guardian is due within a week
  PreApprovedDue,           // a 2024 decision expires within 30 days (or has) without its Skema 2
  ComplaintOpen,            // a complaint about the leader's citizens is being handled
  CommitteeRemarks,         // the committee reviewed a report in the last 30 days: its note reaches the leader
  ChildInformedDue,         // a child's registration: the child not yet told and offered its own account
  ParentsInformedDue,       // a child's registration: the holders of parental responsibility not yet told
  PlacingCopyDue,           // a child's locked registration: no copy to the placing municipality yet
  StaffDecisionBriefing,    // a decision the leader has been told of: staff not yet told (noted on its case)
  StaffRulingBriefing,      // Ankestyrelsen ruled on a complaint against a decision: staff not yet told
  // committee / administration (DecideApplication, ReviewReport, HandleComplaint, RegisterMove)
  ApplicationUndecided,     // a locked application without a decision
  DecisionNotNotified,      // a decision not yet made known to all who must know it (not in force till then)
  ReportUnreviewed,         // a monthly report with cases the committee has not reviewed since
  OutsideDecision,          // a registration under a decision outside its period or basis
  FormWithdrawn,            // the leader withdrew a registration in the last 30 days (issue #12)
  ComplaintReassessment,    // a complaint against a decision: the committee reassesses within 4 weeks
  AcuteComplaintOpen,       // a complaint against acute use: the committee's statement is pending
  FamilieretshusetDue,      // a recommendation to move awaiting Familieretshuset (2 weeks from its sending)
  CohabitantGuidanceDue,    // a refusal to recommend: tell the spouse sharing the home they may complain
  MoveReportDue,            // locked moves not yet in a quarterly move report
  // caseworker (WriteActionPlan)
  ActionPlanMissing,        // force used, no § 141 action plan
  ActionPlanOutdated,       // the plan is older than the latest registration
};
std::string_view to_string(WorkKind kind);  // "form_awaiting_leader", ...
std::optional<WorkKind> work_kind_from_string(std::string_view name);

struct WorkItem {
  WorkKind kind = WorkKind::FormAwaitingLeader;
  std::string title;    // Danish, e.g. "Mangler lederens del"
  std::string detail;   // Danish: names the form, the month, the dates
  std::string citizen_id, citizen_name;  // empty for items about an institution
  std::string institution_id;
  std::string record_kind, record_id;    // what to open: "form", "report_batch", "complaint", "citizen", ...
  std::string month;                     // "YYYY-MM" for report items
  std::optional<time::LocalDateTime> due;
  time::DeadlineStatus status = time::DeadlineStatus::NotDueYet;
};

struct WorkInput {
  Role role = Role::Staff;
  model::Municipality municipality;
  std::vector<model::Institution> institutions;  // the ones the user may see
  std::vector<model::Citizen> citizens;          // of those institutions
  std::vector<model::FormInstance> forms;        // of those citizens (and institutions)
  std::vector<model::Case> cases;
  std::vector<model::Decision> decisions;
  std::vector<model::ReportBatch> batches;
  std::vector<model::Note> notes;
  std::vector<model::Complaint> complaints;
  std::vector<model::ActionPlan> action_plans;
  std::vector<model::MoveRecommendation> recommendations;  // to Familieretshuset, and refusals to recommend
  std::vector<model::FormInstance> withdrawn;    // tombstones the leader withdrew, of those institutions
  time::LocalDateTime now;                       // Copenhagen
};

// Every item for the role, overdue first, then by due time (items without a due time last), then by
// citizen name.
std::vector<WorkItem> work_items(const WorkInput& input, const forms::Catalogue& catalogue);

nlohmann::json to_json(const WorkItem& item);

}  // namespace magtreg::core::workflow
