// The EU summer-time rule for Copenhagen, and wall clock <-> UTC with defined gap/overlap handling.
#include "core/time/copenhagen.hpp"

#include <chrono>

namespace magtreg::core::time {
namespace {

constexpr UtcSeconds k_day = 86400;
constexpr UtcSeconds k_hour = 3600;

UtcSeconds floor_div(UtcSeconds a, UtcSeconds b) {
  UtcSeconds q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// The wall clock read as if it were UTC; subtracting the offset gives the instant.
UtcSeconds wall_seconds(const LocalDateTime& t) { return static_cast<UtcSeconds>(wall_minutes(t)) * 60; }

}  // namespace

Date last_sunday_of(int year, int month) {
  Date d = last_day_of_month(Date{year, month, 1});
  return add_days(d, -(weekday(d) % 7));  // Sunday is 7 -> 0 days back
}

UtcSeconds summer_time_start_utc(int year) { return days_from_civil(last_sunday_of(year, 3)) * k_day + k_hour; }
UtcSeconds summer_time_end_utc(int year) { return days_from_civil(last_sunday_of(year, 10)) * k_day + k_hour; }

bool is_summer_time(UtcSeconds utc) {
  const int year = civil_from_days(floor_div(utc, k_day)).year;
  return utc >= summer_time_start_utc(year) && utc < summer_time_end_utc(year);
}

int utc_offset_minutes(UtcSeconds utc) { return is_summer_time(utc) ? 120 : 60; }

LocalDateTime to_local(UtcSeconds utc) {
  const UtcSeconds local = utc + static_cast<UtcSeconds>(utc_offset_minutes(utc)) * 60;
  return from_wall_minutes(floor_div(local, 60));
}

LocalTimeKind classify(const LocalDateTime& local) {
  const UtcSeconds wall = wall_seconds(local);
  const bool as_summer = is_summer_time(wall - 2 * k_hour);
  const bool as_winter = !is_summer_time(wall - k_hour);
  if (as_summer && as_winter) return LocalTimeKind::Ambiguous;
  if (!as_summer && !as_winter) return LocalTimeKind::Nonexistent;
  return LocalTimeKind::Normal;
}

UtcSeconds to_utc(const LocalDateTime& local) {
  const UtcSeconds wall = wall_seconds(local);
  if (is_summer_time(wall - 2 * k_hour)) return wall - 2 * k_hour;  // also the earlier of an overlap
  return wall - k_hour;  // winter time, or the gap read with the winter offset (= one hour forward)
}

UtcSeconds to_utc_later(const LocalDateTime& local) {
  if (classify(local) == LocalTimeKind::Ambiguous) return wall_seconds(local) - k_hour;
  return to_utc(local);
}

long long elapsed_minutes(const LocalDateTime& from, const LocalDateTime& to) {
  return (to_utc(to) - to_utc(from)) / 60;
}

UtcSeconds now_utc() {
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(since).count();
}

LocalDateTime now_local() { return to_local(now_utc()); }

bool surely_before(const LocalDateTime& later_claimed, const LocalDateTime& earlier_claimed) {
  const auto kind_l = classify(later_claimed);
  const auto kind_e = classify(earlier_claimed);
  const UtcSeconds wall_l = wall_minutes(later_claimed) * 60LL;
  const UtcSeconds wall_e = wall_minutes(earlier_claimed) * 60LL;
  // The latest instant a wall time can denote, and the earliest.
  const UtcSeconds latest_l =
      kind_l == LocalTimeKind::Normal ? to_utc(later_claimed) : wall_l - 3600;
  const UtcSeconds earliest_e =
      kind_e == LocalTimeKind::Normal ? to_utc(earlier_claimed) : wall_e - 7200;
  return latest_l < earliest_e;
}

}  // namespace magtreg::core::time
