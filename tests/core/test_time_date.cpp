// Calendar arithmetic: civil <-> day numbers, month clamping, leap years, weekdays, quarters.
#include <doctest/doctest.h>

#include "core/time/date.hpp"
#include "core/time/local_date_time.hpp"

using namespace magtreg::core::time;

TEST_CASE("days_from_civil and civil_from_days agree with known day numbers") {
  struct Row {
    Date date;
    long long days;
  };
  const Row rows[] = {
      {{1970, 1, 1}, 0},       {{1969, 12, 31}, -1},   {{2000, 3, 1}, 11017},  {{2024, 2, 29}, 19782},
      {{2024, 3, 1}, 19783},   {{1900, 3, 1}, -25508}, {{2100, 2, 28}, 47540}, {{2100, 3, 1}, 47541},
  };
  for (const auto& r : rows) {
    CAPTURE(r.days);
    CHECK(days_from_civil(r.date) == r.days);
    CHECK(civil_from_days(r.days) == r.date);
  }
}

TEST_CASE("every day from 1899 to 2101 round-trips and is one more than the day before") {
  long long prev = days_from_civil(Date{1898, 12, 31});
  for (int y = 1899; y <= 2101; ++y)
    for (int m = 1; m <= 12; ++m)
      for (int d = 1; d <= last_day_of_month(y, m); ++d) {
        const Date date{y, m, d};
        const long long n = days_from_civil(date);
        REQUIRE(n == prev + 1);
        REQUIRE(civil_from_days(n) == date);
        prev = n;
      }
}

TEST_CASE("leap years and month lengths") {
  CHECK(is_leap_year(2024));
  CHECK(is_leap_year(2000));
  CHECK_FALSE(is_leap_year(1900));
  CHECK_FALSE(is_leap_year(2023));
  CHECK(last_day_of_month(2024, 2) == 29);
  CHECK(last_day_of_month(2023, 2) == 28);
  CHECK(last_day_of_month(2024, 4) == 30);
  CHECK(last_day_of_month(2024, 12) == 31);
  CHECK(last_day_of_month(Date{2024, 2, 10}) == Date{2024, 2, 29});
  CHECK(is_valid(Date{2024, 2, 29}));
  CHECK_FALSE(is_valid(Date{2023, 2, 29}));
  CHECK_FALSE(is_valid(Date{2024, 2, 30}));
  CHECK_FALSE(is_valid(Date{2024, 13, 1}));
  CHECK_FALSE(is_valid(Date{2024, 0, 1}));
}

TEST_CASE("add_days crosses months, years and the leap day") {
  CHECK(add_days(Date{2024, 2, 28}, 1) == Date{2024, 2, 29});
  CHECK(add_days(Date{2024, 2, 29}, 1) == Date{2024, 3, 1});
  CHECK(add_days(Date{2023, 2, 28}, 1) == Date{2023, 3, 1});
  CHECK(add_days(Date{2024, 12, 31}, 1) == Date{2025, 1, 1});
  CHECK(add_days(Date{2024, 1, 1}, -1) == Date{2023, 12, 31});
  CHECK(days_between(Date{2024, 1, 1}, Date{2025, 1, 1}) == 366);
  CHECK(days_between(Date{2025, 1, 1}, Date{2024, 1, 1}) == -366);
}

TEST_CASE("add_months clamps to the end of the target month") {
  struct Row {
    Date from;
    int months;
    Date expected;
  };
  const Row rows[] = {
      {{2024, 1, 31}, 1, {2024, 2, 29}},  {{2023, 1, 31}, 1, {2023, 2, 28}}, {{2024, 3, 31}, -1, {2024, 2, 29}},
      {{2024, 8, 31}, -6, {2024, 2, 29}}, {{2024, 3, 5}, -6, {2023, 9, 5}},  {{2024, 12, 15}, 1, {2025, 1, 15}},
      {{2024, 1, 15}, -1, {2023, 12, 15}}, {{2024, 5, 31}, 12, {2025, 5, 31}}, {{2024, 2, 29}, 12, {2025, 2, 28}},
      {{2024, 6, 30}, -18, {2022, 12, 30}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.months);
    CHECK(add_months(r.from, r.months) == r.expected);
  }
}

TEST_CASE("weekday is ISO (Monday 1, Sunday 7) and quarter is 1..4") {
  CHECK(weekday(Date{1970, 1, 1}) == 4);   // Thursday
  CHECK(weekday(Date{2024, 3, 5}) == 2);   // Tuesday
  CHECK(weekday(Date{2024, 3, 31}) == 7);  // Sunday
  CHECK(weekday(Date{2024, 4, 1}) == 1);   // Monday
  CHECK(weekday(Date{1969, 12, 31}) == 3);
  CHECK(quarter(Date{2024, 1, 1}) == 1);
  CHECK(quarter(Date{2024, 3, 31}) == 1);
  CHECK(quarter(Date{2024, 4, 1}) == 2);
  CHECK(quarter(Date{2024, 9, 30}) == 3);
  CHECK(quarter(Date{2024, 12, 31}) == 4);
}

TEST_CASE("dates and wall-clock times order chronologically") {
  CHECK(Date{2024, 2, 29} < Date{2024, 3, 1});
  CHECK(Date{2023, 12, 31} < Date{2024, 1, 1});
  CHECK(LocalDateTime{{2024, 3, 5}, 23, 59} < LocalDateTime{{2024, 3, 6}, 0, 0});
  CHECK(LocalDateTime{{2024, 3, 5}, 9, 5} < LocalDateTime{{2024, 3, 5}, 10, 0});
  CHECK(end_of_day(Date{2024, 3, 8}) == LocalDateTime{{2024, 3, 8}, 23, 59});
  CHECK(from_wall_minutes(wall_minutes(LocalDateTime{{1969, 12, 31}, 23, 59})) ==
        LocalDateTime{{1969, 12, 31}, 23, 59});
  CHECK_FALSE(is_valid(LocalDateTime{{2024, 3, 5}, 24, 0}));
  CHECK_FALSE(is_valid(LocalDateTime{{2024, 3, 5}, 12, 60}));
}
