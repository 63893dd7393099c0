// Europe/Copenhagen by the EU rule: transition instants (checked against the IANA database with
// Python's zoneinfo when the table was written), UTC <-> wall clock, the gap and the overlap.
#include <doctest/doctest.h>

#include "core/time/copenhagen.hpp"

using namespace magtreg::core::time;

namespace {
LocalDateTime at(int y, int mo, int d, int h, int mi) { return LocalDateTime{{y, mo, d}, h, mi}; }
}  // namespace

TEST_CASE("summer time starts and ends at 01:00 UTC on the last Sundays of March and October") {
  struct Row {
    int year;
    UtcSeconds start, end;  // from zoneinfo Europe/Copenhagen
  };
  const Row rows[] = {
      {2020, 1585443600, 1603587600}, {2021, 1616893200, 1635642000}, {2022, 1648342800, 1667091600},
      {2023, 1679792400, 1698541200}, {2024, 1711846800, 1729990800}, {2025, 1743296400, 1761440400},
      {2026, 1774746000, 1792890000}, {2027, 1806195600, 1824944400}, {2028, 1837645200, 1856394000},
      {2029, 1869094800, 1887843600}, {2030, 1901149200, 1919293200},
  };
  for (const auto& r : rows) {
    CAPTURE(r.year);
    CHECK(summer_time_start_utc(r.year) == r.start);
    CHECK(summer_time_end_utc(r.year) == r.end);
    CHECK_FALSE(is_summer_time(r.start - 1));
    CHECK(is_summer_time(r.start));
    CHECK(is_summer_time(r.end - 1));
    CHECK_FALSE(is_summer_time(r.end));
  }
  CHECK(last_sunday_of(2024, 3) == Date{2024, 3, 31});
  CHECK(last_sunday_of(2024, 10) == Date{2024, 10, 27});
  CHECK(last_sunday_of(2025, 3) == Date{2025, 3, 30});
}

TEST_CASE("UTC instants map to Copenhagen wall clock") {
  struct Row {
    UtcSeconds utc;
    LocalDateTime local;
    int offset;
  };
  const Row rows[] = {
      {1709645400, at(2024, 3, 5, 14, 30), 60},    // winter
      {1711846799, at(2024, 3, 31, 1, 59), 60},    // last winter second
      {1711846800, at(2024, 3, 31, 3, 0), 120},    // clocks jump 02:00 -> 03:00
      {1729990799, at(2024, 10, 27, 2, 59), 120},  // first 02:59
      {1729990800, at(2024, 10, 27, 2, 0), 60},    // clocks go back 03:00 -> 02:00
      {1735687800, at(2025, 1, 1, 0, 30), 60},     // new year in Copenhagen, still 2024 in UTC
      {1719784800, at(2024, 7, 1, 0, 0), 120},
  };
  for (const auto& r : rows) {
    CAPTURE(r.utc);
    CHECK(to_local(r.utc) == r.local);
    CHECK(utc_offset_minutes(r.utc) == r.offset);
  }
}

TEST_CASE("wall clock -> UTC: normal, nonexistent and ambiguous minutes") {
  SUBCASE("an ordinary minute has exactly one instant") {
    CHECK(classify(at(2024, 3, 5, 14, 30)) == LocalTimeKind::Normal);
    CHECK(to_utc(at(2024, 3, 5, 14, 30)) == 1709645400);
    CHECK(to_utc(at(2024, 7, 1, 0, 0)) == 1719784800);
  }
  SUBCASE("2024-03-31 02:30 does not exist and is shifted forward one hour") {
    CHECK(classify(at(2024, 3, 31, 1, 59)) == LocalTimeKind::Normal);
    CHECK(classify(at(2024, 3, 31, 2, 0)) == LocalTimeKind::Nonexistent);
    CHECK(classify(at(2024, 3, 31, 2, 30)) == LocalTimeKind::Nonexistent);
    CHECK(classify(at(2024, 3, 31, 2, 59)) == LocalTimeKind::Nonexistent);
    CHECK(classify(at(2024, 3, 31, 3, 0)) == LocalTimeKind::Normal);
    CHECK(to_utc(at(2024, 3, 31, 2, 30)) == 1711848600);  // 01:30 UTC
    CHECK(to_local(to_utc(at(2024, 3, 31, 2, 30))) == at(2024, 3, 31, 3, 30));
  }
  SUBCASE("2024-10-27 02:30 occurs twice; the earlier, summer-time instant is taken") {
    CHECK(classify(at(2024, 10, 27, 1, 59)) == LocalTimeKind::Normal);
    CHECK(classify(at(2024, 10, 27, 2, 0)) == LocalTimeKind::Ambiguous);
    CHECK(classify(at(2024, 10, 27, 2, 30)) == LocalTimeKind::Ambiguous);
    CHECK(classify(at(2024, 10, 27, 2, 59)) == LocalTimeKind::Ambiguous);
    CHECK(classify(at(2024, 10, 27, 3, 0)) == LocalTimeKind::Normal);
    CHECK(to_utc(at(2024, 10, 27, 2, 30)) == 1729989000);        // 00:30 UTC (CEST)
    CHECK(to_utc_later(at(2024, 10, 27, 2, 30)) == 1729992600);  // 01:30 UTC (CET)
    CHECK(to_utc_later(at(2024, 3, 5, 14, 30)) == to_utc(at(2024, 3, 5, 14, 30)));
  }
  SUBCASE("every normal minute of 2024 round-trips") {
    for (UtcSeconds t = 1704067200; t < 1735689600; t += 60 * 37) {
      const LocalDateTime local = to_local(t);
      const UtcSeconds minute = t - ((t % 60) + 60) % 60;
      if (classify(local) == LocalTimeKind::Ambiguous)
        REQUIRE((to_utc(local) == minute || to_utc_later(local) == minute));
      else
        REQUIRE(to_utc(local) == minute);
    }
  }
}

TEST_CASE("elapsed minutes count real time across the clock changes") {
  CHECK(elapsed_minutes(at(2024, 3, 5, 14, 30), at(2024, 3, 5, 14, 40)) == 10);
  CHECK(elapsed_minutes(at(2024, 3, 31, 1, 50), at(2024, 3, 31, 3, 10)) == 20);    // spring forward
  CHECK(elapsed_minutes(at(2024, 10, 27, 1, 50), at(2024, 10, 27, 3, 10)) == 140);  // fall back
  CHECK(elapsed_minutes(at(2024, 3, 5, 14, 40), at(2024, 3, 5, 14, 30)) == -10);
}

TEST_CASE("now_utc and now_local are plausible") {
  const UtcSeconds now = now_utc();
  CHECK(now > 1704067200);  // after 2024-01-01
  const LocalDateTime local = now_local();
  CHECK(local.date.year >= 2024);
}
