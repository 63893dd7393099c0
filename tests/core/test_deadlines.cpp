// DOMAIN.md "Deadlines", one table row at a time, with month ends, leap years and the minute
// after a deadline.
#include <doctest/doctest.h>

#include "core/time/deadlines.hpp"
#include "core/time/format.hpp"

using namespace magtreg::core::time;

namespace {
LocalDateTime at(int y, int mo, int d, int h, int mi) { return LocalDateTime{{y, mo, d}, h, mi}; }
}  // namespace

TEST_CASE("staff registration: end of the third calendar day after the intervention") {
  struct Row {
    Date day;
    LocalDateTime due;
  };
  const Row rows[] = {
      {{2024, 3, 5}, at(2024, 3, 8, 23, 59)},   {{2024, 2, 27}, at(2024, 3, 1, 23, 59)},
      {{2023, 2, 27}, at(2023, 3, 2, 23, 59)},  {{2024, 12, 30}, at(2025, 1, 2, 23, 59)},
      {{2024, 2, 29}, at(2024, 3, 3, 23, 59)},  {{2024, 3, 29}, at(2024, 4, 1, 23, 59)},
  };
  for (const auto& r : rows) {
    CAPTURE(format_iso(r.day));
    CHECK(registration_due(r.day) == r.due);
  }
}

TEST_CASE("leader's monthly report: the report day of the following month") {
  CHECK(monthly_report_due(2024, 3) == at(2024, 4, 10, 23, 59));
  CHECK(monthly_report_due(2024, 12) == at(2025, 1, 10, 23, 59));
  CHECK(monthly_report_due(2024, 1, 31) == at(2024, 2, 29, 23, 59));  // clamped, leap year
  CHECK(monthly_report_due(2023, 1, 31) == at(2023, 2, 28, 23, 59));
  CHECK(monthly_report_due(2024, 5, 1) == at(2024, 6, 1, 23, 59));
  CHECK(k_default_report_day_of_month == 10);
}

TEST_CASE("move registration: the end of the month of the move; reported quarterly") {
  CHECK(move_registration_due(Date{2024, 2, 10}) == at(2024, 2, 29, 23, 59));
  CHECK(move_registration_due(Date{2023, 2, 10}) == at(2023, 2, 28, 23, 59));
  CHECK(move_registration_due(Date{2024, 4, 30}) == at(2024, 4, 30, 23, 59));
  CHECK(move_registration_due(Date{2024, 12, 1}) == at(2024, 12, 31, 23, 59));
  CHECK(quarterly_move_report_due(2024, 1) == at(2024, 4, 10, 23, 59));
  CHECK(quarterly_move_report_due(2024, 2) == at(2024, 7, 10, 23, 59));
  CHECK(quarterly_move_report_due(2024, 3) == at(2024, 10, 10, 23, 59));
  CHECK(quarterly_move_report_due(2024, 4) == at(2025, 1, 10, 23, 59));
  CHECK(quarterly_move_report_due(2024, 4, 31) == at(2025, 1, 31, 23, 59));
}

TEST_CASE("Bilag 1 period: the start day plus 30 days is the last of at most 31 days") {
  CHECK(bilag1_period_last_day(Date{2024, 3, 1}) == Date{2024, 3, 31});
  CHECK(bilag1_period_last_day(Date{2024, 2, 15}) == Date{2024, 3, 16});  // leap February
  CHECK(bilag1_period_last_day(Date{2023, 2, 15}) == Date{2023, 3, 17});
  CHECK(bilag1_period_last_day(Date{2024, 12, 10}) == Date{2025, 1, 9});
  CHECK(in_bilag1_period(Date{2024, 3, 1}, Date{2024, 3, 1}));
  CHECK(in_bilag1_period(Date{2024, 3, 1}, Date{2024, 3, 31}));        // day 30 after the start
  CHECK_FALSE(in_bilag1_period(Date{2024, 3, 1}, Date{2024, 4, 1}));   // day 31 after the start
  CHECK_FALSE(in_bilag1_period(Date{2024, 3, 1}, Date{2024, 2, 29}));  // before the start
}

TEST_CASE("complaints, reassessment and Familieretshuset: inclusive last days") {
  CHECK(complaint_deadline(Date{2024, 3, 5}) == Date{2024, 4, 2});
  CHECK(complaint_deadline(Date{2024, 2, 10}) == Date{2024, 3, 9});  // 29-day February
  CHECK(complaint_deadline(Date{2023, 2, 10}) == Date{2023, 3, 10});
  CHECK(committee_reassessment_due(Date{2024, 12, 20}) == Date{2025, 1, 17});
  CHECK(familieretshuset_decision_due(Date{2024, 3, 5}) == Date{2024, 3, 19});
  CHECK(familieretshuset_decision_due(Date{2024, 2, 20}) == Date{2024, 3, 5});
}

TEST_CASE("relatives' orientation: one month after the first intervention not yet oriented about") {
  CHECK(relatives_orientation_due(Date{2024, 1, 31}) == Date{2024, 2, 29});
  CHECK(relatives_orientation_due(Date{2024, 3, 5}) == Date{2024, 4, 5});
  CHECK(relatives_orientation_due(Date{2024, 12, 31}) == Date{2025, 1, 31});
}

TEST_CASE("a pre-approval is valid from its first to its last day inclusive") {
  const Date from{2024, 1, 1}, to{2024, 12, 31};
  CHECK_FALSE(approval_valid_on(from, to, Date{2023, 12, 31}));
  CHECK(approval_valid_on(from, to, Date{2024, 1, 1}));
  CHECK(approval_valid_on(from, to, Date{2024, 12, 31}));
  CHECK_FALSE(approval_valid_on(from, to, Date{2025, 1, 1}));
}

TEST_CASE("the six calendar months before a § 136 a hold") {
  SUBCASE("exactly six months before (same day-of-month) is inside, the day before is outside") {
    const auto w = six_month_window_before(at(2024, 3, 5, 14, 30));
    CHECK(w.from == at(2023, 9, 5, 0, 0));
    CHECK(w.contains(at(2023, 9, 5, 0, 0)));
    CHECK(w.contains(at(2023, 9, 5, 23, 59)));
    CHECK_FALSE(w.contains(at(2023, 9, 4, 23, 59)));
  }
  SUBCASE("the window ends just before the new hold starts") {
    const auto w = six_month_window_before(at(2024, 3, 5, 14, 30));
    CHECK(w.contains(at(2024, 3, 5, 14, 29)));
    CHECK_FALSE(w.contains(at(2024, 3, 5, 14, 30)));
    CHECK_FALSE(w.contains(at(2024, 3, 6, 8, 0)));
  }
  SUBCASE("clamped at month end: 31 August looks back to 29 February in a leap year") {
    const auto w = six_month_window_before(at(2024, 8, 31, 9, 0));
    CHECK(w.from == at(2024, 2, 29, 0, 0));
    CHECK_FALSE(w.contains(at(2024, 2, 28, 23, 59)));
    CHECK(six_month_window_before(at(2023, 8, 31, 9, 0)).from == at(2023, 2, 28, 0, 0));
  }
}

TEST_CASE("countdown: not due yet, due today, overdue from the minute after") {
  const LocalDateTime due = at(2024, 3, 8, 23, 59);
  struct Row {
    LocalDateTime now;
    DeadlineStatus status;
    long long days;
    const char* text;
  };
  const Row rows[] = {
      {at(2024, 3, 5, 14, 40), DeadlineStatus::NotDueYet, 3, "3 dage tilbage"},
      {at(2024, 3, 7, 23, 59), DeadlineStatus::NotDueYet, 1, "1 dag tilbage"},
      {at(2024, 3, 8, 0, 0), DeadlineStatus::DueToday, 0, "Frist i dag kl. 23:59"},
      {at(2024, 3, 8, 23, 59), DeadlineStatus::DueToday, 0, "Frist i dag kl. 23:59"},
      {at(2024, 3, 9, 0, 0), DeadlineStatus::Overdue, -1, "Overskredet med 1 dag"},
      {at(2024, 3, 11, 9, 0), DeadlineStatus::Overdue, -3, "Overskredet med 3 dage"},
  };
  for (const auto& r : rows) {
    CAPTURE(format_iso(r.now));
    const Deadline d = evaluate_deadline(due, r.now);
    CHECK(d.due == due);
    CHECK(d.status == r.status);
    CHECK(d.days_remaining == r.days);
    CHECK(countdown_text(d) == r.text);
  }
  const Deadline same_day = evaluate_deadline(at(2024, 3, 8, 12, 0), at(2024, 3, 8, 12, 1));
  CHECK(same_day.status == DeadlineStatus::Overdue);
  CHECK(countdown_text(same_day) == "Overskredet");
  CHECK(to_string(DeadlineStatus::DueToday) == "due_today");
}
