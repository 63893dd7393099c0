// What the leader, the committee, the administration and the caseworker may store, and how each record
// may change (DOMAIN.md "Roles", "Deadlines", "Action plan"): decisions on applications, complaints,
// notes, action plans and the closing of cases. Pure functions over the model; the server runs them on
// every upload, the app runs them before it offers an action. Errors carry Danish messages and name the
// field at fault (`data.` is added by the server).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/policy.hpp"
#include "core/model/action_plan.hpp"
#include "core/model/case.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/citizen.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/move_recommendation.hpp"
#include "core/model/note.hpp"
#include "core/model/report_batch.hpp"
#include "core/rules/finding.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::forms {
class Catalogue;
}

namespace magtreg::core::workflow {

// [SECTION] decisions (afgørelser) on applications for pre-approval
// A decision decides one locked application (Skema 3) on its approval case, for a basis the application
// asked for and that needs a municipal decision. Granted: valid_from <= valid_to. Decided (granted or
// refused): decided_by is the uploader, decided_at set, complaint guidance given. Once decided, only
// notifications may be added (RECORD_FINAL otherwise); notifications need a decided decision and are
// never changed or removed.
struct DecisionContext {
  std::optional<model::Case> approval_case;        // the decision's case_id, when it exists
  std::optional<model::FormInstance> application;  // the decision's application_form_id, when it exists
  std::string uploader_id;                         // user UUID
};
Status check_decision(const model::Decision& decision, const std::optional<model::Decision>& stored,
                      const DecisionContext& context, const forms::Catalogue& catalogue);

// [SECTION] complaints (klager)
// Against a decision (decided, same citizen; notified_at required) or against a form (a registration of
// the same citizen), never both. Status only moves forward: received -> in_review -> forwarded -> closed
// (forwarding only for complaints against a decision, with forwarded_at and the committee's
// assessment; closing with an outcome, and for acute use the committee's statement). A closed
// complaint is final except for the court/lawyer mark.
struct ComplaintContext {
  std::optional<model::Decision> decision;    // complaint.decision_id, when it exists
  std::optional<model::FormInstance> form;    // complaint.form_instance_id, when it exists
  std::optional<model::Case> form_case;       // that form's case, when it exists
};
Status check_complaint(const model::Complaint& complaint, const std::optional<model::Complaint>& stored,
                       const ComplaintContext& context, const forms::Catalogue& catalogue);

// Deadline facts about a complaint against a decision, for the answer and the overview:
// received after the 4-week complaint deadline (warning; the committee decides whether to dismiss it).
std::vector<rules::Finding> complaint_findings(const model::Complaint& complaint);

// [SECTION] recommendations to Familieretshuset on a move without consent (issue 14 item 12)
// Made by the administration (RegisterMove), author the uploader. On § 129 the subsection (stk. 1: a lawyer is
// appointed; stk. 2: an internal move); none on § 129 a. Sent (status "recommended") on `decided_on`, with the
// lawyer appointed (§ 129 stk. 1) and a guardian requested (unless `citizen` has one) by that day; later
// Familieretshuset's decision: its day (not before the sending) and outcome together. Refused: who shares the
// citizen's home (model::k_no_cohabitant when no one does), and the day they were told they may complain to
// Familieretshuset (not before the refusal); none of the sending's facts. Nothing may lie after `today`
// ("YYYY-MM-DD", Copenhagen). Citizen, basis, subsection, status, day, author and time never change, and a
// day once given is never changed or removed (RECORD_FINAL); a recommendation is not deleted.
Status check_move_recommendation(const model::MoveRecommendation& r, const std::optional<model::MoveRecommendation>& stored,
                                 const model::Citizen& citizen, const std::string& uploader_id, std::string_view today);
// The recommendation's basis as the screens, the work list and the insight report name it: "§ 129, stk. 1",
// "§ 129 a".
std::string recommendation_basis_text(const model::MoveRecommendation& r);

// [SECTION] notes (notater)
inline constexpr std::string_view k_note_kind_follow_up = "opfoelgning";  // leader's follow-up with staff
// The action a note of this kind needs: the complaint letter handed out, the relatives' orientation and
// follow-up are the leader's (CompleteLeaderPart); the committee's review of a report is ReviewReport.
// nullopt for a kind the product does not know.
std::optional<access::Action> note_action(std::string_view kind);
// Notes are documentation: stored once and never changed (RECORD_FINAL). author is the uploader, the
// text is not empty, the tag "magtanvendelse" is present, a case (required for a committee review)
// belongs to the same citizen.
Status check_note(const model::Note& note, const std::optional<model::Note>& stored,
                  const std::optional<model::Case>& note_case, const std::string& uploader_id);

// [SECTION] action plans (handleplan, § 141)
// The four elements are filled in, author is the uploader, updated_at a UTC instant not before the
// stored version's.
Status check_action_plan(const model::ActionPlan& plan, const std::optional<model::ActionPlan>& stored,
                         const std::string& uploader_id);

// [SECTION] cases
// A stored case keeps its citizen, kind, base course, opening and decision (the server attaches the
// decision); a closed case is never reopened (RECORD_FINAL). Closing goes through cases::close_case.
Status check_case_change(const model::Case& next, const model::Case& stored);

}  // namespace magtreg::core::workflow
