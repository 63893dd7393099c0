// Strict ISO parsing with Danish errors, and the ISO and Danish text forms.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "core/time/format.hpp"
#include "core/time/utc.hpp"

using namespace magtreg::core;
using namespace magtreg::core::time;

TEST_CASE("valid dates and times parse") {
  auto d = parse_date("2024-02-29");
  REQUIRE(d.ok());
  CHECK(*d == Date{2024, 2, 29});
  auto t = parse_local_date_time("2024-03-05T14:30");
  REQUIRE(t.ok());
  CHECK(*t == LocalDateTime{{2024, 3, 5}, 14, 30});
  auto midnight = parse_local_date_time("2024-12-31T00:00");
  REQUIRE(midnight.ok());
  CHECK(midnight->hour == 0);
  auto last = parse_local_date_time("2024-12-31T23:59");
  REQUIRE(last.ok());
  CHECK(last->minute == 59);
}

TEST_CASE("invalid dates are rejected with a Danish message and the field") {
  struct Row {
    const char* text;
    const char* message_part;
  };
  const Row rows[] = {
      {"2024-02-30", "februar 2024 har 29 dage"},
      {"2023-02-29", "februar 2023 har 28 dage"},
      {"2024-04-31", "april 2024 har 30 dage"},
      {"2024-13-01", "måneden skal være mellem 01 og 12"},
      {"2024-00-10", "måneden skal være mellem 01 og 12"},
      {"2024-01-00", "januar 2024 har 31 dage"},
      {"2024-3-5", "ÅÅÅÅ-MM-DD"},
      {"05.03.2024", "ÅÅÅÅ-MM-DD"},
      {"", "ÅÅÅÅ-MM-DD"},
      {"garbage!!!", "ÅÅÅÅ-MM-DD"},
      {"2024-03-05T14:30", "ÅÅÅÅ-MM-DD"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    auto d = parse_date(r.text, "approvals[0].valid_from");
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().code == ErrorCode::InvalidInput);
    CHECK(d.error().field == "approvals[0].valid_from");
    CHECK(d.error().message.find(r.message_part) != std::string::npos);
  }
}

TEST_CASE("invalid times are rejected with a Danish message and the field") {
  struct Row {
    const char* text;
    const char* message_part;
  };
  const Row rows[] = {
      {"2024-03-05T24:00", "timen skal være mellem 00 og 23"},
      {"2024-03-05T12:60", "minuttet skal være mellem 00 og 59"},
      {"2024-02-30T10:00", "februar 2024 har 29 dage"},
      {"2024-03-05 14:30", "TT:MM"},
      {"2024-03-05T14:30:00", "TT:MM"},
      {"2024-03-05T1430", "TT:MM"},
      {"2024-03-05", "TT:MM"},
      {"2024-03-05Tab:cd", "TT:MM"},
      {"not a time at all, certainly not one", "TT:MM"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    auto t = parse_local_date_time(r.text, "registration.started_at");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().code == ErrorCode::InvalidInput);
    CHECK(t.error().field == "registration.started_at");
    CHECK(t.error().message.find(r.message_part) != std::string::npos);
  }
}

TEST_CASE("long garbage is quoted shortened and stays valid UTF-8") {
  const std::string garbage = std::string(39, 'x') + "æøå";  // 'æ' straddles the 40-byte cut
  auto t = parse_local_date_time(garbage);
  REQUIRE_FALSE(t.ok());
  const std::string& msg = t.error().message;
  CHECK(msg.find("»" + std::string(39, 'x') + "…«") != std::string::npos);
  CHECK(msg.find("æø") == std::string::npos);
}

TEST_CASE("ISO and Danish formatting") {
  const LocalDateTime t{{2024, 3, 5}, 14, 30};
  CHECK(format_iso(t.date) == "2024-03-05");
  CHECK(format_iso(t) == "2024-03-05T14:30");
  CHECK(format_danish(t.date) == "05.03.2024");
  CHECK(format_danish(t) == "05.03.2024 kl. 14:30");
  CHECK(format_danish(LocalDateTime{{2024, 12, 1}, 0, 5}) == "01.12.2024 kl. 00:05");
  CHECK(format_danish_long(t.date) == "tirsdag den 5. marts 2024");
  CHECK(format_danish_month(2024, 3) == "marts 2024");
  CHECK(format_danish_month(2024, 5) == "maj 2024");
}

TEST_CASE("ISO text round-trips through parse and format") {
  const char* times[] = {"2024-02-29T23:59", "2024-01-01T00:00", "1999-12-31T12:07", "2024-10-27T02:30"};
  for (const char* s : times) {
    auto t = parse_local_date_time(s);
    REQUIRE(t.ok());
    CHECK(format_iso(*t) == s);
  }
}

TEST_CASE("Danish month and weekday names") {
  const char* months[] = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                          "juli",   "august",  "september", "oktober", "november", "december"};
  for (int m = 1; m <= 12; ++m) CHECK(danish_month_name(m) == months[m - 1]);
  CHECK(danish_month_name(0).empty());
  CHECK(danish_month_name(13).empty());
  const char* days[] = {"mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"};
  for (int d = 1; d <= 7; ++d) CHECK(danish_weekday_name(d) == days[d - 1]);
  CHECK(danish_weekday_name(weekday(Date{2024, 3, 31})) == "søndag");
}

TEST_CASE("UTC instants: fixed-width text, parsed back, malformed ones refused") {
  using namespace magtreg::core::time;
  CHECK(format_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(format_utc(1709649000) == "2024-03-05T14:30:00Z");
  CHECK(format_utc(-1) == "1969-12-31T23:59:59Z");
  CHECK(parse_utc("2024-03-05T14:30:00Z") == std::optional<UtcSeconds>(1709649000));
  CHECK(parse_utc("2024-03-05T14:30:00") == std::optional<UtcSeconds>(1709649000));
  for (UtcSeconds t : {UtcSeconds{0}, UtcSeconds{951782400}, UtcSeconds{1711846799}, UtcSeconds{4102444799}})
    CHECK(parse_utc(format_utc(t)) == std::optional<UtcSeconds>(t));
  CHECK_FALSE(parse_utc("2024-02-30T10:00:00Z"));
  CHECK_FALSE(parse_utc("2024-03-05T24:00:00Z"));
  CHECK_FALSE(parse_utc("2024-03-05 14:30:00Z"));
  CHECK_FALSE(parse_utc("2024-03-05T14:30"));
  CHECK_FALSE(parse_utc(""));
}
