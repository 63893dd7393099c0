// Europe/Copenhagen without a time-zone database: the EU summer-time rule written out (CEST, UTC+2,
// from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC; CET, UTC+1, else).
#pragma once

#include <cstdint>

#include "core/time/date.hpp"
#include "core/time/local_date_time.hpp"

namespace magtreg::core::time {

// Seconds since 1970-01-01T00:00:00Z.
using UtcSeconds = std::int64_t;

// How a wall-clock minute maps to instants on the day the clocks change.
enum class LocalTimeKind {
  Normal,       // exactly one instant
  Nonexistent,  // in the spring-forward gap (last Sunday of March, 02:00-02:59)
  Ambiguous,    // occurs twice (last Sunday of October, 02:00-02:59: first CEST, then CET)
};

Date last_sunday_of(int year, int month);
// The instants summer time starts and ends in `year` (01:00 UTC on the last Sundays of March/October).
UtcSeconds summer_time_start_utc(int year);
UtcSeconds summer_time_end_utc(int year);

bool is_summer_time(UtcSeconds utc);
int utc_offset_minutes(UtcSeconds utc);  // 60 or 120

// UTC -> wall clock, truncated to the minute.
LocalDateTime to_local(UtcSeconds utc);
LocalTimeKind classify(const LocalDateTime& local);
// Wall clock -> UTC. Defined for every minute so registrations never fail on a clock change:
//   Nonexistent (02:30 on the spring-forward day): read with the winter offset, i.e. shifted
//     forward by one hour (02:30 -> the instant 03:30 CEST = 01:30 UTC).
//   Ambiguous (02:30 on the autumn day): the earlier, summer-time instant (00:30 UTC).
UtcSeconds to_utc(const LocalDateTime& local);
// The later (winter-time) instant of an ambiguous minute; to_utc() for any other minute.
UtcSeconds to_utc_later(const LocalDateTime& local);

// Real elapsed minutes from `from` to `to` (negative when `to` is earlier), e.g. 01:50 -> 03:10
// on 2024-03-31 is 20 minutes. Both ends are read with to_utc().
long long elapsed_minutes(const LocalDateTime& from, const LocalDateTime& to);

// Whether wall time `later_claimed` is surely before `earlier_claimed`: the one order test for two
// Copenhagen wall times (the form validator's "not before" and the rule engine's time order). Wall-clock
// order can mislead only inside the autumn overlap; a pair is out of order only when no reading of the
// two minutes puts them in order (so 02:50 -> the second 02:10 on the last Sunday of October is accepted).
bool surely_before(const LocalDateTime& later_claimed, const LocalDateTime& earlier_claimed);

UtcSeconds now_utc();
LocalDateTime now_local();

}  // namespace magtreg::core::time
