// Small pieces the work-after-registration screens share: the busy/notice/error line, an error next to
// its field, role checks through core's access table, Danish dates and times of UTC instants.
#pragma once

#include <string>

#include "core/access/policy.hpp"
#include "shell/clients/client_base.hpp"

namespace magtreg::shell {

struct AppModel;

// Whether the user's role may take `action` at all (the server checks the citizen's placement).
bool user_may(const AppModel& model, core::access::Action action);
// Whether the user's role has work after registration (leader, committee, administration, caseworker).
bool user_has_work(const AppModel& model);
// The top line: "Henter …", the last notice (green), the last error not tied to a field (red), and the
// server's warnings.
void status_lines(const ActionStatus& status);
// The error's message in red when it concerns `field` (core's or the server's field name).
void field_error(const ActionStatus& status, const char* field);
// "05.03.2024 kl. 14:30" of a UTC instant; the text unchanged when it is not one.
std::string local_time_text(const std::string& utc);
// "05.03.2024" of a UTC instant.
std::string local_day_text(const std::string& utc);
// A UTC instant for a Copenhagen day typed as dd.mm.åååå: now when it is today, else 12:00 that day;
// empty when the text is not a date.
std::string utc_for_day(const std::string& danish_day, const std::string& today);
// A screen title in the title font.
void screen_title(const std::string& text);
void section_title(const char* text);

}  // namespace magtreg::shell
