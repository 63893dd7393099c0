// Calendar days in the proleptic Gregorian calendar: the Date type and the day arithmetic every
// deadline is built from (H. Hinnant's days_from_civil / civil_from_days; no std::chrono calendar).
#pragma once

#include <compare>
#include <cstdint>

namespace magtreg::core::time {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..last_day_of_month

  friend auto operator<=>(const Date&, const Date&) = default;
  friend bool operator==(const Date&, const Date&) = default;
};

bool is_leap_year(int year);
int last_day_of_month(int year, int month);
// True when month is 1..12 and day exists in that month.
bool is_valid(const Date& d);

// Days since 1970-01-01 (negative before), and back.
std::int64_t days_from_civil(const Date& d);
Date civil_from_days(std::int64_t days);

Date add_days(const Date& d, std::int64_t days);
// Same day-of-month `months` later (or earlier when negative), clamped to the target month's
// last day: 2024-01-31 + 1 month = 2024-02-29.
Date add_months(const Date& d, int months);
Date last_day_of_month(const Date& d);
// b - a in days (negative when b is before a).
std::int64_t days_between(const Date& a, const Date& b);

// ISO weekday: 1 = Monday ... 7 = Sunday.
int weekday(const Date& d);
// 1..4
int quarter(const Date& d);

}  // namespace magtreg::core::time
