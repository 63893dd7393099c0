// Reading JSON text from outside (request bodies, server answers, stored rows, files): the one parser
// every part of the product uses. It bounds the nesting depth before nlohmann/json sees the text, because
// copying, comparing and dumping a parsed value recurse once per level: a 600 KB body of nested arrays
// was enough to overflow a server thread's stack (issue #12). Never throws.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/util/result.hpp"

namespace magtreg::core {

// Deeper than any record, form content or protocol message the product writes (forms nest ~4 levels).
inline constexpr int k_max_json_depth = 64;

// The deepest nesting of arrays and objects in `text` (strings and escapes skipped), stopping early
// once it exceeds `limit`. Linear, no allocation; malformed text is measured as far as it goes.
int json_nesting_depth(std::string_view text, int limit = k_max_json_depth);

// Parses `text` as JSON. INVALID_INPUT (with `field`) when it is nested deeper than k_max_json_depth, is
// not valid JSON, holds a NUL byte (nlohmann/json stops reading there, so what followed was silently
// ignored) or names a key twice in one object (nlohmann/json kept the last, so two readers could see two
// different values; issue #29, finding 7). The Danish messages say which.
Result<nlohmann::json> parse_json(std::string_view text, std::string_view field = {});

// The same, for an object: INVALID_INPUT when the text is valid JSON of another type.
Result<nlohmann::json> parse_json_object(std::string_view text, std::string_view field = {});

// For trusted text whose failure the caller treats as "nothing": a discarded value (is_discarded())
// when too deep or malformed, never a partial one.
nlohmann::json parse_json_or_discarded(std::string_view text);

}  // namespace magtreg::core
