// Wall-clock helpers for LocalDateTime.
#include "core/time/local_date_time.hpp"

namespace magtreg::core::time {

bool is_valid(const LocalDateTime& t) {
  return is_valid(t.date) && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59;
}

LocalDateTime end_of_day(const Date& d) { return LocalDateTime{d, 23, 59}; }
LocalDateTime start_of_day(const Date& d) { return LocalDateTime{d, 0, 0}; }

long long wall_minutes(const LocalDateTime& t) {
  return static_cast<long long>(days_from_civil(t.date)) * 1440 + t.hour * 60 + t.minute;
}

LocalDateTime from_wall_minutes(long long minutes) {
  long long days = minutes / 1440;
  long long rest = minutes % 1440;
  if (rest < 0) {
    rest += 1440;
    days -= 1;
  }
  return LocalDateTime{civil_from_days(days), static_cast<int>(rest / 60), static_cast<int>(rest % 60)};
}

}  // namespace magtreg::core::time
