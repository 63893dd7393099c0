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

}  // namespace magtreg::core::forms
