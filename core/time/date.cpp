// Day arithmetic after Howard Hinnant's "chrono-Compatible Low-Level Date Algorithms".
#include "core/time/date.hpp"

namespace magtreg::core::time {

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int last_day_of_month(int year, int month) {
  static constexpr int k_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && is_leap_year(year)) return 29;
  return k_days[month - 1];
}

bool is_valid(const Date& d) {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= last_day_of_month(d.year, d.month);
}

std::int64_t days_from_civil(const Date& d) {
  const std::int64_t y = static_cast<std::int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                           // [0, 399]
  const std::int64_t mp = (d.month + 9) % 12;                                       // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;                          // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                   // [0, 146096]
  return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;                                        // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;   // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                 // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                      // [0, 11]
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Date{year, month, day};
}

Date add_days(const Date& d, std::int64_t days) { return civil_from_days(days_from_civil(d) + days); }

Date add_months(const Date& d, int months) {
  // Work in a zero-based month count so negative steps floor correctly across years.
  const std::int64_t total = static_cast<std::int64_t>(d.year) * 12 + (d.month - 1) + months;
  std::int64_t year = total / 12;
  std::int64_t month0 = total % 12;
  if (month0 < 0) {
    month0 += 12;
    year -= 1;
  }
  Date out{static_cast<int>(year), static_cast<int>(month0) + 1, d.day};
  const int last = last_day_of_month(out.year, out.month);
  if (out.day > last) out.day = last;
  return out;
}

Date last_day_of_month(const Date& d) { return Date{d.year, d.month, last_day_of_month(d.year, d.month)}; }

std::int64_t days_between(const Date& a, const Date& b) { return days_from_civil(b) - days_from_civil(a); }

int weekday(const Date& d) {
  // 1970-01-01 was a Thursday (ISO 4).
  const std::int64_t z = days_from_civil(d);
  const std::int64_t w = ((z % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

int quarter(const Date& d) { return (d.month - 1) / 3 + 1; }

}  // namespace magtreg::core::time
