// Every deadline in DOMAIN.md as a pure function of calendar days, plus the countdown the tablet
// shows. Times are Copenhagen wall clock; a deadline at 23:59 includes that minute.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/time/date.hpp"
#include "core/time/local_date_time.hpp"

namespace magtreg::core::time {

inline constexpr int k_default_report_day_of_month = 10;
inline constexpr int k_registration_days = 3;
inline constexpr int k_child_registration_hours = 24;
inline constexpr int k_bilag1_period_days = 31;

// [SECTION] registration and reporting
// Staff registration (Skema 1 a/1 b, Bilag 1 line): "straks og senest 3 dage efter" = the end of
// the third calendar day after the intervention day.
LocalDateTime registration_due(const Date& intervention_day);
// A child's or young person's (voksenansvarsloven, the boern forms): "straks og senest 24 timer efter"
// the intervention, i.e. 24 hours of elapsed time after it ended, on the Copenhagen wall clock (an
// ambiguous autumn hour is read as its later instance, in the registering staff's favour).
LocalDateTime child_registration_due(const LocalDateTime& intervention_end);
// A copy of a child's registration to the placing municipality: "uden unødigt ophold", within 24 hours of
// its completion (the leader locking it), in elapsed time like the registration's own deadline.
LocalDateTime child_copy_due(const LocalDateTime& completed);
// The leader's monthly report of month `year`/`month`: `report_day_of_month` (a municipality
// setting, clamped to the month's length) of the following month, 23:59.
LocalDateTime monthly_report_due(int year, int month, int report_day_of_month = k_default_report_day_of_month);
// Skema 2 / Skema 4 (move without consent): registered by the end of the month of the move.
LocalDateTime move_registration_due(const Date& move_day);
// Moves are reported quarterly: report day of the month after the quarter (Q1 -> April).
LocalDateTime quarterly_move_report_due(int year, int quarter, int report_day_of_month = k_default_report_day_of_month);

// [SECTION] Bilag 1 period (at most 31 days: day 0 = the period's first day ... day 30 = its last)
Date bilag1_period_last_day(const Date& period_start);
bool in_bilag1_period(const Date& period_start, const Date& day);

// [SECTION] complaints and decisions (inclusive last day)
// A complaint against a committee decision: within 4 weeks of notification (notified + 28 days).
Date complaint_deadline(const Date& notified);
// The committee re-assesses within 4 weeks of receiving the complaint.
Date committee_reassessment_due(const Date& complaint_received);
// Familieretshuset decides on a move within 2 weeks of receiving the recommendation.
Date familieretshuset_decision_due(const Date& recommendation_received);
// Relatives/guardian of a citizen who cannot complain unaided are oriented "ca. 1 gang om måneden" about
// the interventions made (seed 002): due one month after the first intervention they have not yet been
// oriented about; nothing is due in a month without interventions.
Date relatives_orientation_due(const Date& first_intervention_not_oriented);

// [SECTION] pre-approval
bool approval_valid_on(const Date& valid_from, const Date& valid_to, const Date& day);

// § 136 a "more than once within six months": the window before a new intervention starts on the
// same day-of-month six months earlier (clamped to month end) at 00:00 and ends just before the
// new intervention's start. Exactly six months before (same day-of-month) is INSIDE.
struct SixMonthWindow {
  LocalDateTime from;   // inclusive
  LocalDateTime until;  // exclusive: the new intervention's start
  bool contains(const LocalDateTime& t) const { return from <= t && t < until; }
};
SixMonthWindow six_month_window_before(const LocalDateTime& new_start);

// [SECTION] countdown
enum class DeadlineStatus { NotDueYet, DueToday, Overdue };

struct Deadline {
  LocalDateTime due;
  DeadlineStatus status = DeadlineStatus::NotDueYet;
  // Calendar days from now's day to the due day: 3, 2, 1, 0 (due today), negative when overdue.
  long long days_remaining = 0;
};

// Overdue from the minute after `due`; DueToday on the due day up to and including `due`.
Deadline evaluate_deadline(const LocalDateTime& due, const LocalDateTime& now);
// Stable wire name: "not_due_yet", "due_today", "overdue".
std::string_view to_string(DeadlineStatus status);
std::optional<DeadlineStatus> deadline_status_from_string(std::string_view name);
// The tablet's countdown text: "3 dage tilbage", "1 dag tilbage", "Frist i dag kl. 23:59",
// "Overskredet med 2 dage" (or "Overskredet" on the due day itself).
std::string countdown_text(const Deadline& deadline);

}  // namespace magtreg::core::time
