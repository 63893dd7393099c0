// Text forms of dates and times: strict ISO parsing with Danish error messages, ISO output for
// data and JSON, and the Danish UI forms ("05.03.2024 kl. 14:30", "marts 2024", "tirsdag").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/time/date.hpp"
#include "core/time/local_date_time.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::time {

// "YYYY-MM-DD" exactly (four-digit year, two-digit month and day, a day that exists).
// Errors are INVALID_INPUT with a Danish message and `field` copied into Error::field.
Result<Date> parse_date(std::string_view text, std::string_view field = {});
// "YYYY-MM-DDTHH:MM" exactly, 00:00..23:59 (no seconds, no zone: Copenhagen wall clock).
Result<LocalDateTime> parse_local_date_time(std::string_view text, std::string_view field = {});
// A stored intervention time: "YYYY-MM-DDTHH:MM", or a form dated by its day alone ("YYYY-MM-DD...", the
// day's start); nullopt when neither.
std::optional<LocalDateTime> parse_time_or_day(std::string_view text);

std::string format_iso(const Date& d);            // "2024-03-05"
std::string format_iso(const LocalDateTime& t);   // "2024-03-05T14:30"
std::string format_danish(const Date& d);         // "05.03.2024"
std::string format_danish_day(std::string_view iso);  // "2024-03-05" -> "05.03.2024"; as given when not a day
std::string format_danish(const LocalDateTime& t);  // "05.03.2024 kl. 14:30"
std::string format_danish_long(const Date& d);    // "tirsdag den 5. marts 2024"

std::string_view danish_month_name(int month);    // 1 -> "januar"; "" when out of range
std::string_view danish_weekday_name(int iso_weekday);  // 1 -> "mandag" ... 7 -> "søndag"
std::string format_danish_month(int year, int month);   // "marts 2024"

}  // namespace magtreg::core::time
