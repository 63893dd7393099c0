// Commands of the screens for the work after registration (leader, committee, administration,
// caseworker). The app hands each to its feature client (shell/clients/): reads of what only the server
// computes (work list, report preview, closing) go online; every record the user writes is saved on the
// tablet and sent through the outbox.
#pragma once

#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/model/action_plan.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_state.hpp"
#include "core/model/move_recommendation.hpp"
#include "core/model/note.hpp"

namespace magtreg::shell {

// The øjeoverblik: GET …/work.
struct OpenWork {};
// The monthly report of an institution and month ("YYYY-MM"); or a stored batch (batch_id).
struct OpenReport {
  std::string institution_id, month, batch_id;
  bool moves = false;  // the administration's quarterly move report (month = the quarter's last month)
};
struct CreateReport {};                 // from the preview on screen
struct MarkReportSent {                 // the batch on screen, one recipient
  std::string batch_id;
  int recipient = 0;
};
// Opens a printable server document (report per recipient, complaint letter) in a new browser tab.
struct PrintDocument {
  std::string path;
};
// The committee decides the application (a locked Skema 3); an existing decision is shown with its
// notifications.
struct OpenDecision {
  std::string application_form_id;
};
struct SaveDecision {
  core::model::Decision decision;
};
struct OpenComplaint {
  std::string complaint_id;
};
// A new complaint against a decision (decision_id) or an acute intervention (form_id).
struct NewComplaint {
  std::string citizen_id, decision_id, form_id;
};
struct SaveComplaint {
  core::model::Complaint complaint;
};
struct OpenFollowUp {  // a citizen's cases, decisions, complaints, notes and action plan
  std::string citizen_id;
};
struct SaveNote {
  core::model::Note note;
};
struct OpenActionPlan {
  std::string citizen_id, plan_id;  // plan_id empty: the citizen's newest plan, or a new one
};
struct SaveActionPlan {
  core::model::ActionPlan plan;
};
// The administration's recommendation to Familieretshuset (or refusal to recommend): a stored one, a new one
// for a citizen, saved (issue 14 item 12).
struct OpenRecommendation {
  std::string recommendation_id;
};
struct NewRecommendation {
  std::string citizen_id;
};
struct SaveRecommendation {
  core::model::MoveRecommendation recommendation;
};
struct CheckClosing {  // what stands in the way of closing the case
  std::string case_id;
};
struct CloseCase {
  std::string case_id;
};
// The leader completes the leader part of a form: Udfyldt -> Låst, or back to staff with a comment.
struct TransitionForm {
  std::string form_id;
  nlohmann::json content;
  core::model::FormState to_state = core::model::FormState::Locked;  // Låst, or back to Kladde
  std::string comment;
};

// The leader withdraws an Udfyldt registration (e.g. registered twice), with the reason.
struct WithdrawForm {
  std::string form_id, reason;
};

using WorkflowCommand =
    std::variant<OpenWork, OpenReport, CreateReport, MarkReportSent, PrintDocument, OpenDecision, SaveDecision,
                 OpenComplaint, NewComplaint, SaveComplaint, OpenFollowUp, SaveNote, OpenActionPlan, SaveActionPlan,
                 CheckClosing, CloseCase, TransitionForm, WithdrawForm, OpenRecommendation, NewRecommendation,
                 SaveRecommendation>;

}  // namespace magtreg::shell
