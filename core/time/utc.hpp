// UTC instants as records store them: "YYYY-MM-DDTHH:MM:SSZ" (fixed width, so text order is time
// order and SQL compares them directly). One implementation for the tablet, the server and statistics.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/time/copenhagen.hpp"

namespace magtreg::core::time {

std::string format_utc(UtcSeconds t);
// nullopt unless `text` starts with a valid "YYYY-MM-DDTHH:MM:SS" (a trailing "Z" is allowed).
std::optional<UtcSeconds> parse_utc(std::string_view text);
inline std::string utc_now_text() { return format_utc(now_utc()); }

}  // namespace magtreg::core::time
