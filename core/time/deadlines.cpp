// Deadline arithmetic (DOMAIN.md "Deadlines"); every function is pure.
#include "core/time/deadlines.hpp"

#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"

namespace magtreg::core::time {
namespace {

LocalDateTime report_day_in(int year, int month, int report_day_of_month) {
  const int last = last_day_of_month(year, month);
  int day = report_day_of_month < 1 ? 1 : report_day_of_month;
  if (day > last) day = last;
  return end_of_day(Date{year, month, day});
}

}  // namespace

LocalDateTime registration_due(const Date& intervention_day) {
  return end_of_day(add_days(intervention_day, k_registration_days));
}

LocalDateTime child_registration_due(const LocalDateTime& intervention_end) {
  return to_local(to_utc_later(intervention_end) + static_cast<UtcSeconds>(k_child_registration_hours) * 3600);
}

LocalDateTime child_copy_due(const LocalDateTime& completed) {
  return to_local(to_utc_later(completed) + static_cast<UtcSeconds>(k_child_registration_hours) * 3600);
}

LocalDateTime monthly_report_due(int year, int month, int report_day_of_month) {
  const Date next = add_months(Date{year, month, 1}, 1);
  return report_day_in(next.year, next.month, report_day_of_month);
}

LocalDateTime move_registration_due(const Date& move_day) { return end_of_day(last_day_of_month(move_day)); }

LocalDateTime quarterly_move_report_due(int year, int quarter, int report_day_of_month) {
  const Date after = add_months(Date{year, quarter * 3, 1}, 1);
  return report_day_in(after.year, after.month, report_day_of_month);
}

Date bilag1_period_last_day(const Date& period_start) { return add_days(period_start, k_bilag1_period_days - 1); }

bool in_bilag1_period(const Date& period_start, const Date& day) {
  return period_start <= day && day <= bilag1_period_last_day(period_start);
}

Date complaint_deadline(const Date& notified) { return add_days(notified, 28); }
Date committee_reassessment_due(const Date& complaint_received) { return add_days(complaint_received, 28); }
Date familieretshuset_decision_due(const Date& recommendation_received) {
  return add_days(recommendation_received, 14);
}

Date relatives_orientation_due(const Date& first_intervention_not_oriented) {
  return add_months(first_intervention_not_oriented, 1);
}

bool approval_valid_on(const Date& valid_from, const Date& valid_to, const Date& day) {
  return valid_from <= day && day <= valid_to;
}

SixMonthWindow six_month_window_before(const LocalDateTime& new_start) {
  return SixMonthWindow{start_of_day(add_months(new_start.date, -6)), new_start};
}

Deadline evaluate_deadline(const LocalDateTime& due, const LocalDateTime& now) {
  Deadline d;
  d.due = due;
  d.days_remaining = days_between(now.date, due.date);
  if (now > due)
    d.status = DeadlineStatus::Overdue;
  else if (now.date == due.date)
    d.status = DeadlineStatus::DueToday;
  else
    d.status = DeadlineStatus::NotDueYet;
  return d;
}

std::optional<DeadlineStatus> deadline_status_from_string(std::string_view name) {
  for (auto s : {DeadlineStatus::NotDueYet, DeadlineStatus::DueToday, DeadlineStatus::Overdue})
    if (to_string(s) == name) return s;
  return std::nullopt;
}

std::string_view to_string(DeadlineStatus status) {
  switch (status) {
    case DeadlineStatus::NotDueYet: return "not_due_yet";
    case DeadlineStatus::DueToday: return "due_today";
    case DeadlineStatus::Overdue: return "overdue";
  }
  return "not_due_yet";
}

std::string countdown_text(const Deadline& deadline) {
  switch (deadline.status) {
    case DeadlineStatus::NotDueYet:
      return std::to_string(deadline.days_remaining) + (deadline.days_remaining == 1 ? " dag" : " dage") + " tilbage";
    case DeadlineStatus::DueToday: {
      const std::string clock = format_danish(deadline.due);
      return "Frist i dag" + clock.substr(clock.find(" kl."));
    }
    case DeadlineStatus::Overdue: {
      const long long late = -deadline.days_remaining;
      if (late <= 0) return "Overskredet";
      return "Overskredet med " + std::to_string(late) + (late == 1 ? " dag" : " dage");
    }
  }
  return {};
}

}  // namespace magtreg::core::time
