// DOMAIN.md "Deadlines" rows not covered row by row elsewhere: monthly reporting on the municipality's
// chosen day for every month, quarterly move reports per quarter, the 4-week complaint windows and the
// 2-week Familieretshuset window at their last day and the day after, the monthly orientation of relatives,
// and every deadline across the summer-time changes (deadlines count calendar days, not hours).
#include <doctest/doctest.h>

#include <string>

#include "core/model/municipality.hpp"
#include "core/rules/check.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/deadlines.hpp"
#include "core/time/format.hpp"

using namespace magtreg::core;
using namespace magtreg::core::time;

namespace {
LocalDateTime at(int y, int mo, int d, int h, int mi) { return LocalDateTime{{y, mo, d}, h, mi}; }

// The status of a day-based deadline (last day inclusive) at a moment.
DeadlineStatus status_on(const Date& last_day, const LocalDateTime& now) {
  return evaluate_deadline(end_of_day(last_day), now).status;
}
}  // namespace

TEST_CASE("monthly report on the municipality's chosen day, every month of a leap and a common year") {
  model::Municipality nyborg;
  nyborg.id = "6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
  nyborg.name = "Nyborg Kommune";
  struct Row {
    int report_day;
    int year;
    int month;  // the month reported
    LocalDateTime due;
  };
  const Row rows[] = {
      {1, 2024, 1, at(2024, 2, 1, 23, 59)},    {1, 2024, 12, at(2025, 1, 1, 23, 59)},
      {10, 2024, 6, at(2024, 7, 10, 23, 59)},  {15, 2024, 11, at(2024, 12, 15, 23, 59)},
      {28, 2024, 1, at(2024, 2, 28, 23, 59)},  {28, 2023, 1, at(2023, 2, 28, 23, 59)},
      {28, 2024, 12, at(2025, 1, 28, 23, 59)},
  };
  for (const auto& r : rows) {
    CAPTURE(r.report_day);
    CAPTURE(r.month);
    nyborg.report_day_of_month = r.report_day;
    REQUIRE(model::municipality_from_json(model::to_json(nyborg)).ok());  // 1..28 is a valid setting
    CHECK(monthly_report_due(r.year, r.month, nyborg.report_day_of_month) == r.due);
  }
  // Every month of 2024 with day 28: due in the next month, never clamped (every month has a 28th).
  for (int month = 1; month <= 12; ++month) {
    CAPTURE(month);
    const LocalDateTime due = monthly_report_due(2024, month, 28);
    const Date next = add_months(Date{2024, month, 1}, 1);
    CHECK(due == at(next.year, next.month, 28, 23, 59));
    CHECK(evaluate_deadline(due, at(next.year, next.month, 28, 23, 59)).status == DeadlineStatus::DueToday);
    CHECK(evaluate_deadline(due, at(next.year, next.month, 29, 0, 0)).status == DeadlineStatus::Overdue);
  }
  CHECK(model::Municipality{}.report_day_of_month == k_default_report_day_of_month);
}

TEST_CASE("quarterly move reports: each quarter, on the chosen day of the month after it") {
  struct Row {
    Date move;
    int report_day;
    LocalDateTime due;
  };
  const Row rows[] = {
      {{2024, 1, 1}, 10, at(2024, 4, 10, 23, 59)},   {{2024, 3, 31}, 10, at(2024, 4, 10, 23, 59)},
      {{2024, 4, 1}, 10, at(2024, 7, 10, 23, 59)},   {{2024, 6, 30}, 1, at(2024, 7, 1, 23, 59)},
      {{2024, 7, 1}, 28, at(2024, 10, 28, 23, 59)},  {{2024, 9, 30}, 28, at(2024, 10, 28, 23, 59)},
      {{2024, 10, 1}, 10, at(2025, 1, 10, 23, 59)},  {{2024, 12, 31}, 10, at(2025, 1, 10, 23, 59)},
  };
  for (const auto& r : rows) {
    CAPTURE(format_iso(r.move));
    CHECK(quarterly_move_report_due(r.move.year, quarter(r.move), r.report_day) == r.due);
    // The move itself is registered by the end of its month, well before the quarterly report.
    CHECK(move_registration_due(r.move) < r.due);
  }
}

TEST_CASE("complaint windows: 4 weeks, the last day inclusive, the next day too late") {
  struct Row {
    const char* what;
    Date from;
    Date last;
  };
  const Row rows[] = {
      {"within a month", {2024, 3, 5}, {2024, 4, 2}},
      {"across spring forward (31 March)", {2024, 3, 20}, {2024, 4, 17}},
      {"across fall back (27 October)", {2024, 10, 10}, {2024, 11, 7}},
      {"across the year end", {2024, 12, 20}, {2025, 1, 17}},
      {"over a leap day", {2024, 2, 10}, {2024, 3, 9}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.what);
    CHECK(complaint_deadline(r.from) == r.last);
    CHECK(committee_reassessment_due(r.from) == r.last);  // the committee has the same 4 weeks
    CHECK(days_between(r.from, r.last) == 28);
    CHECK(status_on(r.last, LocalDateTime{r.last, 23, 59}) == DeadlineStatus::DueToday);
    CHECK(status_on(r.last, start_of_day(add_days(r.last, 1))) == DeadlineStatus::Overdue);
    CHECK(status_on(r.last, LocalDateTime{add_days(r.last, -1), 12, 0}) == DeadlineStatus::NotDueYet);
  }
}

TEST_CASE("Familieretshuset decides within 2 weeks of receiving the recommendation") {
  struct Row {
    Date received;
    Date last;
  };
  const Row rows[] = {{{2024, 3, 5}, {2024, 3, 19}},
                      {{2024, 3, 25}, {2024, 4, 8}},     // across spring forward
                      {{2024, 10, 20}, {2024, 11, 3}},   // across fall back
                      {{2024, 12, 24}, {2025, 1, 7}},
                      {{2023, 2, 20}, {2023, 3, 6}}};
  for (const auto& r : rows) {
    CAPTURE(format_iso(r.received));
    CHECK(familieretshuset_decision_due(r.received) == r.last);
    CHECK(status_on(r.last, LocalDateTime{r.last, 23, 59}) == DeadlineStatus::DueToday);
    CHECK(status_on(r.last, start_of_day(add_days(r.last, 1))) == DeadlineStatus::Overdue);
  }
}

TEST_CASE("relatives' monthly orientation: interventions every week for a year, oriented on each due day") {
  // Interventions every Monday from 15 January 2024; each orientation tells of all before it, so the next
  // is due one month after the first intervention after it.
  Date first{2024, 1, 15};
  int orientations = 0;
  while (first < Date{2025, 1, 1}) {
    const Date due = relatives_orientation_due(first);
    CAPTURE(format_iso(due));
    CHECK(due == add_months(first, 1));
    ++orientations;
    Date next = first;
    while (!(due < next)) next = add_days(next, 7);  // the first Monday after the orientation
    first = next;
  }
  CHECK(orientations >= 11);
  CHECK(orientations <= 13);
}

TEST_CASE("summer time: the staff registration deadline counts calendar days, not 72 hours") {
  struct Row {
    const char* what;
    LocalDateTime started;
    LocalDateTime due;
    long long real_hours_to_due;  // started -> due in real elapsed hours (23:59 rounded up to 24:00)
  };
  const Row rows[] = {
      {"ordinary week", at(2024, 3, 5, 0, 0), at(2024, 3, 8, 23, 59), 96},
      {"spring forward inside the window (a 23-hour day)", at(2024, 3, 29, 0, 0), at(2024, 4, 1, 23, 59), 95},
      {"started in the spring gap", at(2024, 3, 31, 2, 30), at(2024, 4, 3, 23, 59), 0},
      {"fall back inside the window (a 25-hour day)", at(2024, 10, 25, 0, 0), at(2024, 10, 28, 23, 59), 97},
      {"started in the repeated hour", at(2024, 10, 27, 2, 30), at(2024, 10, 30, 23, 59), 0},
  };
  for (const auto& r : rows) {
    CAPTURE(r.what);
    CHECK(registration_due(r.started.date) == r.due);
    if (r.real_hours_to_due > 0)
      CHECK((elapsed_minutes(r.started, r.due) + 1) / 60 == r.real_hours_to_due);

    // The rule engine agrees: due at 23:59 on time, a minute later late.
    rules::CheckInput in;
    in.target_group = rules::TargetGroup::Demens;
    in.registration.form = r.started.date < Date{2024, 7, 1} ? "2020-1b" : "2024-1";
    in.registration.basis = "124d";
    in.registration.started_at = r.started;
    in.registration.registered_at = r.due;
    auto on_time = rules::check_registration(in);
    CHECK(on_time.findings.empty());
    REQUIRE(on_time.registration_due.has_value());
    CHECK(*on_time.registration_due == r.due);
    in.registration.registered_at = start_of_day(add_days(r.due.date, 1));
    CHECK(rules::check_registration(in).has(rules::FindingCode::RegistrationLate));
  }
}

TEST_CASE("summer time: countdown days, Bilag 1 periods and the six-month window ignore the clock change") {
  // Two calendar days from Saturday noon to the due Monday, though only 59 real hours remain.
  const Deadline d = evaluate_deadline(at(2024, 4, 1, 23, 59), at(2024, 3, 30, 12, 0));
  CHECK(d.status == DeadlineStatus::NotDueYet);
  CHECK(d.days_remaining == 2);
  CHECK(countdown_text(d) == "2 dage tilbage");
  CHECK(elapsed_minutes(at(2024, 3, 30, 12, 0), at(2024, 4, 1, 23, 59)) == 59 * 60 - 1);

  // A Bilag 1 period over both changes is still 31 calendar days.
  CHECK(bilag1_period_last_day(Date{2024, 3, 15}) == Date{2024, 4, 14});
  CHECK(bilag1_period_last_day(Date{2024, 10, 10}) == Date{2024, 11, 9});

  // The § 136 a window from a summer-time day reaches back into winter time by the calendar.
  const SixMonthWindow w = six_month_window_before(at(2024, 8, 15, 9, 0));
  CHECK(w.from == at(2024, 2, 15, 0, 0));
  CHECK(w.contains(at(2024, 2, 15, 0, 0)));
  CHECK_FALSE(w.contains(at(2024, 2, 14, 23, 59)));
  // ... and an approval's validity is by day whatever the hour.
  CHECK(approval_valid_on(Date{2024, 3, 31}, Date{2024, 10, 27}, Date{2024, 10, 27}));
  CHECK_FALSE(approval_valid_on(Date{2024, 3, 31}, Date{2024, 10, 27}, Date{2024, 10, 28}));
}
