// Cases (forløb) as pure functions over the model: the citizen's one base course created on first need,
// which case a new form goes on (enkeltsagsprincip, or the pre-approval's case), and what is still
// missing before a case may be closed. Storage and ids stay with the caller: nothing here writes or
// draws random numbers, so the client and the server decide alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/base_course.hpp"
#include "core/model/case.hpp"
#include "core/model/citizen.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/move_recommendation.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/note.hpp"
#include "core/model/report_batch.hpp"
#include "core/rules/check.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::forms {
class Catalogue;
}

namespace magtreg::core::cases {

// What the caller knows about one citizen (records marked deleted are ignored).
struct CitizenFile {
  model::Citizen citizen;
  std::vector<model::BaseCourse> base_courses;  // 0 or 1 in practice (one per citizen)
  std::vector<model::Case> cases;
  std::vector<model::Decision> decisions;
  std::vector<model::MoveRecommendation> recommendations;  // to Familieretshuset (a move form is filled from them)
};

// The id and time a case gets if one is created: new_uuid() and the current UTC instant.
struct NewCase {
  std::string id;         // UUID
  std::string opened_at;  // "YYYY-MM-DDTHH:MM:SSZ"
};

// [SECTION] base course
struct BaseCourseChoice {
  model::BaseCourse course;
  bool create = false;  // not stored yet: insert it (its id follows from the citizen, so a copy made
                        // offline on another tablet is the identical record and uploads as a replay)
};
// The citizen's base course, or the one to create now (first need).
BaseCourseChoice base_course_for(const CitizenFile& file);

// [SECTION] which case a new form goes on
struct Placement {
  std::optional<model::BaseCourse> new_base_course;  // insert first when set
  model::Case case_record;                            // the case the form goes on (form.case_id)
  bool create_case = false;                           // insert case_record; otherwise it is stored already
};

// A registration: rules::CaseAssignment says whether it is under a decision (check_registration's
// "case"). Not under one: ALWAYS a new single case, even when the citizen has open cases from earlier,
// unfinished incidents (enkeltsagsprincip). Under one: the case of that decision, which must be a
// granted decision of this citizen with an open approval case (INVALID_INPUT / NOT_FOUND naming
// "approval_id" or "case_id" otherwise).
Result<Placement> place_registration(const CitizenFile& file, const rules::CaseAssignment& assignment,
                                     const NewCase& new_case);
// An application for pre-approval (Skema 3): a new approval case; its decision and every registration
// under that decision join it.
Result<Placement> place_application(const CitizenFile& file, const NewCase& new_case);
// A move without consent (Skema 2 / Skema 4): a case of its own.
Result<Placement> place_move(const CitizenFile& file, const NewCase& new_case);
// A form attached to another (Bilag 1 to its Skema 1 a/1 b, the children's supplement to its Bilag 1 a,
// an addendum to a locked form): the parent's case, which must be this citizen's and open.
Result<Placement> place_with_parent(const CitizenFile& file, const model::FormInstance& parent);

// The decision joins its application's case (decision.case_id): that case with decision_id set, to be
// updated. INVALID_INPUT when the case is not an approval case of the same citizen or already holds
// another decision; NOT_FOUND when the case is unknown.
Result<model::Case> attach_decision(const CitizenFile& file, const model::Decision& decision);

// [SECTION] telling staff (issue 14 item 13)
// What the leader is still to tell staff, each noted on the decision's case: a decided decision once the
// leader has been told of it ("leder" among its notifications; kind k_note_kind_staff_informed_decision,
// any such note on the case), and Ankestyrelsen's ruling on a complaint against it once the complaint is
// closed after being forwarded, with its outcome (kind k_note_kind_staff_informed_ruling, a note on the
// case at or after the forwarding). Deleted records count for nothing.
struct StaffBriefing {
  std::string_view kind;                         // one of the two note kinds
  const model::Decision* decision = nullptr;
  const model::Complaint* complaint = nullptr;   // the ruling's complaint; nullptr for a decision
};
std::vector<StaffBriefing> staff_briefings_missing(const std::vector<model::Decision>& decisions,
                                                   const std::vector<model::Complaint>& complaints,
                                                   const std::vector<model::Note>& notes);

// [SECTION] a child's registration (voksenansvarsloven, issue 14 item 11)
// The leader's duties after a child's registration that no note on its case records yet, in the order
// child told (model::k_note_kind_child_informed), parental responsibility told, copy to the placing
// municipality; the copy only once the form is Låst. Empty for drafts and for every other form. The work
// list asks for these and a case does not close while any is missing.
std::vector<std::string_view> child_duties_missing(const model::FormInstance& form, const std::vector<model::Note>& notes,
                                                   const forms::Catalogue& catalogue);

// [SECTION] closing
enum class ClosingGap {
  AlreadyClosed,    // the case has closed_at
  DecisionMissing,  // approval case without a decision
  DecisionPending,  // the decision is not made yet
  NotLocked,        // a form is Kladde or Udfyldt
  NotReported,      // a form that must be reported is in no report batch
  NotReviewed,      // reported, but no committee review note on the case since
  ChildDutyMissing, // a child's registration: the child or the parents not told, or no copy sent (noted)
  StaffNotBriefed,  // an approval case whose decision the leader was told of, staff not told (no note yet)
};
std::string_view to_string(ClosingGap gap);  // "already_closed", "decision_missing", ...

struct Missing {
  ClosingGap gap = ClosingGap::NotLocked;
  std::string form_instance_id;  // the form concerned; empty for the case itself
  std::string message;           // Danish, names the form and what to do
};

// Everything on the case that stands in the way of closing it, in the order of the forms (oldest
// first) and, per form, locked -> reported -> reviewed. Every form on the case must be Låst;
// registrations and moves (everything but applications and the internal children's supplement) must be
// in a report batch, and all but moves reviewed: a committee review note (kind "udvalg_gennemgang") on
// the case at or after the first batch holding the form (the committee does not review moves). A child's
// registration also needs its three duties noted (child_duties_missing). An approval case also needs its
// decision made and, once the leader was told of it, staff told of it (staff_briefings_missing, the
// decision's own briefing; issue 14 item 13).
// `forms`, `batches`, `notes`, `decision` may hold more than this case's records; others are ignored.
std::vector<Missing> closing_gaps(const model::Case& case_record, const std::vector<model::FormInstance>& forms,
                                  const std::vector<model::ReportBatch>& batches,
                                  const std::vector<model::Note>& notes, const std::optional<model::Decision>& decision,
                                  const forms::Catalogue& catalogue);
std::vector<Missing> closing_gaps(const model::Case& case_record, const std::vector<model::FormInstance>& forms,
                                  const std::vector<model::ReportBatch>& batches,
                                  const std::vector<model::Note>& notes, const std::optional<model::Decision>& decision);

// OK when nothing is missing (`gaps` empty); otherwise CASE_NOT_CLOSABLE with every gap in the (Danish)
// message and field "case_id".
Status closable_status(const std::vector<Missing>& gaps);
// closable_status(closing_gaps(...)) for the case.
Status case_closable(const model::Case& case_record, const std::vector<model::FormInstance>& forms,
                     const std::vector<model::ReportBatch>& batches, const std::vector<model::Note>& notes,
                     const std::optional<model::Decision>& decision);

// The case closed at `closed_at` (UTC instant), or CASE_NOT_CLOSABLE as above.
Result<model::Case> close_case(const model::Case& case_record, const std::vector<model::FormInstance>& forms,
                               const std::vector<model::ReportBatch>& batches, const std::vector<model::Note>& notes,
                               const std::optional<model::Decision>& decision, std::string_view closed_at);

}  // namespace magtreg::core::cases
