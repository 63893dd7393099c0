// Escaping text for HTML documents the server renders (printable reports and letters).
#pragma once

#include <string>
#include <string_view>

namespace magtreg::core {

// & < > " ' as entities: safe in element text and in quoted attribute values.
std::string html_escape(std::string_view text);

}  // namespace magtreg::core
