// Small SQL text helpers shared by the repositories (internal to core/storage).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace magtreg::core::storage {

// A JSON array of the ids, bound as one parameter and opened with json_each(?) in SQL: one statement
// for any number of institutions, without building SQL from values.
std::string ids_json(const std::vector<std::string>& ids);

// `text` with LIKE's wildcards escaped for "ESCAPE '\'".
std::string like_escape(std::string_view text);

}  // namespace magtreg::core::storage
