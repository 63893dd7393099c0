// Display text for a legal basis id, e.g. "§ 124 d Fastholdelse m.v.", from core's legal-basis table;
// the id itself when it is unknown (never empty, never a crash on stale data).
#pragma once

#include <string>
#include <string_view>

namespace magtreg::shell {

std::string basis_label(std::string_view basis_id);

}  // namespace magtreg::shell
