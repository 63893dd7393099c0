// The one rule engine behind the client, the server and `magtreg check`: a registration (with the
// citizen's target group, earlier interventions and decisions) in, findings and deadlines out.
// The JSON contract is written down in docs/rules.md (issue #3).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/case_kind.hpp"
#include "core/model/decision_status.hpp"
#include "core/rules/finding.hpp"
#include "core/rules/target_group.hpp"
#include "core/time/date.hpp"
#include "core/time/local_date_time.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::forms {
class Catalogue;
struct FormMeta;
}

namespace magtreg::core::rules {

// [SECTION] input
struct RegistrationInput {
  std::string form;   // form id, "2020-1a"
  std::string basis;  // legal basis id, "124d"
  time::LocalDateTime started_at;
  std::optional<time::LocalDateTime> ended_at;
  std::optional<time::LocalDateTime> registered_at;
  std::optional<std::string> hygiene_situation;
  // An application for pre-approval (Skema 3) names every situation it asks for ("hygiene_situations").
  std::vector<std::string> hygiene_situations;
  std::optional<std::string> approval_id;
  std::optional<time::Date> period_start;  // Bilag 1: the period's first day
  std::optional<time::Date> period_end;    // 2024 Skema 2: the last day of the decision's period
  // The form ids of the forms attached to this one that are Udfyldt or Låst ("2024-bilag136c"): a Skema 1 on
  // § 136 c needs its Bilag (required_attachment; issue 14 item 15).
  std::vector<std::string> attachments;

  friend bool operator==(const RegistrationInput&, const RegistrationInput&) = default;
};

// An earlier intervention on the same citizen (for § 136 a's "more than once in six months").
struct HistoryEntry {
  std::string basis;
  time::LocalDateTime started_at;
  std::optional<std::string> approval_id;

  friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

// A municipal decision (forhåndsgodkendelse) on the citizen. Only a granted decision permits use, only
// on the inclusive days valid_from..valid_to, and only from the day everyone who must know of it had
// been told (`notified_on`: the citizen, the guardian where there is one, the leader and the caseworker;
// see rules::decision_notified_on; none while anyone is missing; issue #14 item 13).
struct ApprovalInput {
  std::string id;
  std::string basis;
  model::DecisionStatus status = model::DecisionStatus::Pending;
  std::optional<time::Date> valid_from;
  std::optional<time::Date> valid_to;
  std::optional<time::Date> notified_on;

  friend bool operator==(const ApprovalInput&, const ApprovalInput&) = default;
};

// Whether an intervention is covered by a decision ("valid under decision D"), judged once for the rule
// engine, the leader's work list and the tablet's overview (issue 27 item 3). In this order: the decision
// is not granted; it is for another basis (when `basis` is known); it has no period; `day` (when known)
// lies outside it; it was not yet made known to all who must know of it (by `day` when known, else at
// all); else None.
enum class ApprovalProblem { None, NotGranted, OtherBasis, NoPeriod, OutsidePeriod, NotNotified };
ApprovalProblem approval_problem(const ApprovalInput& decision, std::optional<std::string_view> basis,
                                 std::optional<time::Date> day);

struct CheckInput {
  TargetGroup target_group = TargetGroup::Handicap;
  RegistrationInput registration;
  std::vector<HistoryEntry> history;
  std::vector<ApprovalInput> approvals;

  friend bool operator==(const CheckInput&, const CheckInput&) = default;
};

// [SECTION] output
// Single: one case per registration; Approval: on the case of the valid decision it is registered under.
using model::CaseKind;

struct CaseAssignment {
  CaseKind kind = CaseKind::Single;
  std::string approval_id;  // set when kind == Approval

  friend bool operator==(const CaseAssignment&, const CaseAssignment&) = default;
};

struct CheckResult {
  std::string form_set;            // the set of the given form, "2020"
  std::vector<Finding> findings;   // in FindingCode declaration order
  std::optional<time::LocalDateTime> registration_due;  // absent for applications and a Skema 2 of unknown period
  CaseAssignment case_assignment;

  bool has_errors() const;
  bool has(FindingCode code) const;
  friend bool operator==(const CheckResult&, const CheckResult&) = default;
};

// When a registration on `form` about an intervention from `started` (to `ended`, when known) is due:
// straks og senest 3 dage efter (the end of the third day after the intervention day); for a child
// (voksenansvarsloven, the boern forms) straks og senest 24 timer efter the intervention ended (began, when
// its end is not known; issue #14 item 11); a move by the end of the month of the move; a 2024 Skema 2,
// registered once per decision, when the decision expires (`period_end`, its last day; issue #14 item 3),
// but a use the decision's period does not cover (before `period_from` when known, or after `period_end`)
// is not pre-approved and is due as an acute one (issue #27 item 4); none for an application, or a Skema 2
// whose period is not known. The deadline rule itself; every caller reaches it through registration_due
// (below, or rules::registration_due for a stored form).
std::optional<time::LocalDateTime> registration_due_for(const forms::FormMeta& form, const time::LocalDateTime& started,
                                                        const std::optional<time::LocalDateTime>& ended,
                                                        std::optional<time::Date> period_end,
                                                        std::optional<time::Date> period_from = std::nullopt);
// The registration's deadline on `form`, with the period of `decision` (the one it is filed under, when
// known) before the form's own "decision_to": the one function behind REGISTRATION_LATE, the engine's
// CheckResult::registration_due, the form screen, the form list, the overview, the leader's work list and
// the statistics (issue 27 item 1).
std::optional<time::LocalDateTime> registration_due(const forms::FormMeta& form, const RegistrationInput& registration,
                                                    const ApprovalInput* decision);
// Whether a registration made at `registered` (Copenhagen wall clock, to the minute) missed `due`: only when
// no reading of the two minutes puts it at or before the deadline (time::surely_before), so the deadline's
// own minute is in time, and in the autumn hour that occurs twice a registration is never judged late on a
// guess (a child's 24 real hours can end in it). REGISTRATION_LATE and the statistics' late count (issue 27
// item 2).
bool registered_late(const time::LocalDateTime& due, const time::LocalDateTime& registered);
// The annex a registration on `form` about `basis` on `day` ("YYYY-MM-DD") must have: the attachment of the
// same set covering the basis in force that day (from July 2024 a Skema 1 on § 136 c has its Bilag til
// § 136 c, made from it; issue 14 item 15). nullptr for every other form, basis or day. The rule engine
// (ATTACHMENT_MISSING), the tablet's overview and the form screen ask this one function.
const forms::FormMeta* required_attachment(const forms::Catalogue& catalogue, const forms::FormMeta& form,
                                           std::string_view basis, std::string_view day);
// True for the forms registered within 24 hours (the children's, under voksenansvarsloven).
bool registered_within_24_hours(const forms::FormMeta& form);
// The deadline rule of `form` in Danish, as the form screen names it before the intervention is dated
// ("straks og senest 3 dage efter indgrebet"); empty for a form without a deadline.
std::string deadline_rule_text(const forms::FormMeta& form);

// [SECTION] the rules (pure)
// Checks against the built-in form catalogue. Input that did not come through parse_check_input()
// should pass validate_check_input() first; unknown form or basis ids only skip the rules that
// need them.
CheckResult check_registration(const CheckInput& input);
CheckResult check_registration(const CheckInput& input, const forms::Catalogue& catalogue);
// The checks parse_check_input() makes beyond JSON shape: known form and basis ids, period_start on
// a daily-lines form. INVALID_INPUT naming the field.
Status validate_check_input(const CheckInput& input, const forms::Catalogue& catalogue);

// [SECTION] JSON (keys written in the contract's order, hence ordered_json; never throws; errors are INVALID_INPUT with a Danish message and the field path,
// e.g. "registration.started_at", "history[1].basis")
Result<CheckInput> parse_check_input(std::string_view text);
Result<CheckInput> parse_check_input(const nlohmann::json& j);
nlohmann::ordered_json check_input_to_json(const CheckInput& input);
nlohmann::ordered_json check_result_to_json(const CheckResult& result);
// Reads a result back (a client reading the server's answer); INVALID_INPUT on a malformed one.
Result<CheckResult> parse_check_result(const nlohmann::json& j);
// {"error": {"code": "INVALID_INPUT", "message": "...", "field": "..."}}
nlohmann::ordered_json error_to_json(const Error& error);

// What `magtreg check FILE|-` prints and exits with: 0 no error finding, 1 one or more error
// findings, 2 unreadable or invalid input (output is then the error object).
struct CheckRun {
  std::string output_json;
  int exit_code = 0;
};
CheckRun run_check(std::string_view input_text);

}  // namespace magtreg::core::rules
