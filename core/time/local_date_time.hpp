// A Copenhagen wall-clock time to the minute, as staff enter it on the tablet. Comparison is by
// wall clock; copenhagen.hpp maps it to UTC instants when real elapsed time matters.
#pragma once

#include <compare>

#include "core/time/date.hpp"

namespace magtreg::core::time {

struct LocalDateTime {
  Date date;
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59

  friend auto operator<=>(const LocalDateTime&, const LocalDateTime&) = default;
  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
};

bool is_valid(const LocalDateTime& t);
// 23:59 on `d`: the last minute of a deadline day, which still counts as on time.
LocalDateTime end_of_day(const Date& d);
LocalDateTime start_of_day(const Date& d);
// Minutes since 1970-01-01 00:00 on the wall clock (ignores summer time; see copenhagen.hpp).
long long wall_minutes(const LocalDateTime& t);
LocalDateTime from_wall_minutes(long long minutes);

}  // namespace magtreg::core::time
