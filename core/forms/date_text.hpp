// Checks and arithmetic on the date and time texts stored in form content ("YYYY-MM-DD", "HH:MM",
// "YYYY-MM-DDTHH:MM"). Kept here, not in core/time, so the form engine has no dependency on it.
#pragma once

#include <string>
#include <string_view>

namespace magtreg::core::forms {

// A real calendar day "YYYY-MM-DD" (years 1900-2199, leap years honoured).
bool is_date_text(std::string_view s);
// "HH:MM", 00:00-23:59.
bool is_time_text(std::string_view s);
// "YYYY-MM-DDTHH:MM".
bool is_datetime_text(std::string_view s);
// `date` plus `days` (may be negative); empty when `date` is not a valid date text.
std::string add_days(std::string_view date, int days);

// What a user types into a date or time field on the tablet, read the Danish way.
// "2024-03-05" -> "05.03.2024"; other text unchanged.
std::string danish_date(const std::string& iso);
// "05.03.2024", "5.3.2024", "05-03-2024", "05/03/2024", "05,03,2024" (a Danish number keypad's separator),
// "05032024" (digits only, as an iPad's number keypad types) or "2024-03-05" -> "2024-03-05"; "" when not
// a real day.
std::string parse_danish_date(const std::string& text);
// "14.30", "14:30", "14,30", "1430", "930" -> "14:30" / "09:30"; "" when not a time.
std::string parse_time(const std::string& text);

}  // namespace magtreg::core::forms
