// UTC instants as the server stores them: "YYYY-MM-DDTHH:MM:SSZ". The fixed width makes text order
// the same as time order, so SQL can compare them directly.
#pragma once

#include <cstdint>
#include <string>

namespace magtreg::sync {

using UnixSeconds = std::int64_t;

UnixSeconds unix_now();
std::string utc_text(UnixSeconds t);
inline std::string utc_now_text() { return utc_text(unix_now()); }

}  // namespace magtreg::sync
