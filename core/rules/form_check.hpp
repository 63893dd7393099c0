// The bridge from stored records to the rule engine: a form instance with its citizen, the citizen's
// other forms and decisions becomes a CheckInput. The server runs it on every accepted upload and
// the tablet on every change, so both show the same findings.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/forms/form_definition.hpp"
#include "core/model/citizen.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_instance.hpp"
#include "core/rules/check.hpp"
#include "core/time/local_date_time.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::rules {

// Who must have been told of a decision before it is in force, as the decision's notifications name them
// (issue #14 item 13): the citizen ("borger"), the guardian ("værge") when the citizen has one
// (model::guardian_of), the institution's leader ("leder") and the caseworker ("sagsbehandler").
std::vector<std::string_view> decision_recipients(const model::Citizen& citizen);
// When `who` (a recipient as the notifications name it) was first told of `d`: the UTC instant text of its
// earliest notification, or nullptr.
const std::string* decision_first_told(const model::Decision& d, std::string_view who);
// Those of them with no notification recorded on `d`, in that order.
std::vector<std::string_view> decision_recipients_missing(const model::Decision& d, const model::Citizen& citizen);
// The same as Danish text, e.g. "leder og sagsbehandler"; empty when none is missing.
std::string decision_recipients_missing_text(const model::Decision& d, const model::Citizen& citizen);
// The Copenhagen day from which a decision is in force as far as telling goes: the day the last of
// decision_recipients was first told; none while any of them is missing.
std::optional<time::Date> decision_notified_on(const model::Decision& d, const model::Citizen& citizen);

// A stored decision as the rule engine reads it (`approvals[]`: its period's first and last day, the day
// it was made known to all), for rules::approval_problem wherever a decision is judged (the overview, the
// new form, the work list, the engine). `citizen` is the decision's citizen.
ApprovalInput approval_input(const model::Decision& d, const model::Citizen& citizen);

// The registration part of check_input_for: nullopt without an intervention time.
std::optional<RegistrationInput> registration_input_for(const model::FormInstance& form,
                                                        std::optional<time::LocalDateTime> registered_at,
                                                        const std::optional<std::string>& case_decision_id);
// The decision a form is filed under among `decisions` (its citizen's, or more): the one its content names
// ("approval_id"), else the one whose case it is on; nullptr when neither (a deleted one never).
const model::Decision* decision_of_form(const model::FormInstance& form, const std::vector<model::Decision>& decisions);
// When the stored form's registration is due: rules::registration_due on the form's own facts and the
// period of decision_of_form, exactly as check_input_for and the engine read them (issue 27 item 1). The one
// deadline the form screen, the form list, the overview, the leader's work list and the server's findings
// show. nullopt when it has none or is not dated yet.
std::optional<time::LocalDateTime> registration_due(const model::FormInstance& form,
                                                    const std::vector<model::Decision>& decisions,
                                                    const forms::Catalogue& catalogue);

// nullopt when the form carries too little to check (no intervention time yet: an early draft).
// Basis and times come from the record's columns first, then its content ("basis", "started_at",
// "ended_at", "hygiene_situation", "approval_id", "period_start"). `registered_at` is when the staff
// part was completed (the Udfyldt time), or absent while it is a draft. `case_decision_id` is the
// decision of the form's case when it is an approval case: a registration filed there is under it.
std::optional<CheckInput> check_input_for(const model::FormInstance& form, const model::Citizen& citizen,
                                          const std::vector<model::FormInstance>& other_forms,
                                          const std::vector<model::Decision>& decisions,
                                          std::optional<time::LocalDateTime> registered_at,
                                          const std::optional<std::string>& case_decision_id = std::nullopt);

// A daily-lines form (2020 Bilag 1) is one intervention per line (issue #14 item 2). Each line with a
// valid date is checked as its own registration: `form_input` (from check_input_for) with the line's
// day, time of day and duration; registered with the form when the line's intervention began before the
// form was registered, else (appended since) with no registration time. A finding every line has alike
// (the wrong form, no decision named) is reported once; one only some lines have is prefixed with
// "Linje N (dd.mm.åååå kl. tt:mm): ". The deadline is the earliest line's. Without a dated line the form
// itself is checked as `form_input` (dated by the period's first day).
CheckResult check_daily_lines(const CheckInput& form_input, const nlohmann::json& content,
                              const forms::PeriodSpec& period);
// When a daily-lines form's earliest dated line began ("YYYY-MM-DDTHH:MM"; the day's start without a
// time column or time), which dates the form; nullopt without a dated line.
std::optional<std::string> first_line_start(const nlohmann::json& content, const forms::PeriodSpec& period);

// [SECTION] an annex and its registration (issue 14 item 15)
// The annex a stored registration needs (required_attachment on its basis and intervention day, read from its
// columns first, then its content); nullptr when it needs none or is not dated yet.
const forms::FormMeta* required_attachment_of(const forms::Catalogue& catalogue, const model::FormInstance& form);

// Where an annex (forms::FormKind::Attachment, the Bilag til § 136 c) `annex_form_id` on `annex` may go: on
// `parent`, a registration of the same citizen and set that is not deleted and whose basis the annex covers
// (the one its required_attachment names), and, for a new annex (`is_new`), one that has no other live annex
// of the same form among `citizen_forms`. INVALID_INPUT (Danish, field "parent_id") otherwise, also for no
// `parent`. The tablet's new annex and the server's upload both ask this.
Status check_attachment_parent(const forms::Catalogue& catalogue, const forms::FormMeta& annex,
                               std::string_view annex_form_id, const model::FormInstance* parent,
                               const std::vector<model::FormInstance>& citizen_forms, bool is_new);

}  // namespace magtreg::core::rules
