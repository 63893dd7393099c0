// The server's clock: UTC instants as core/time/utc.hpp writes them.
#pragma once

#include <string>

#include "core/time/utc.hpp"

namespace magtreg::sync {

using UnixSeconds = core::time::UtcSeconds;

inline UnixSeconds unix_now() { return core::time::now_utc(); }
inline std::string utc_text(UnixSeconds t) { return core::time::format_utc(t); }
inline std::string utc_now_text() { return core::time::utc_now_text(); }

}  // namespace magtreg::sync
