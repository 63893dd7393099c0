// The lenient reader of answers and lists (issue #13): one set of helpers every protocol type's
// from_json uses where a member may be absent or of another type (then it reads as empty). Strict
// parsing of what a user or a client sends stays with the model's own readers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace magtreg::core::json_read {

// The member, or null when `j` is no object or has no such member.
const nlohmann::json& member(const nlohmann::json& j, const char* key);
// The member's text; "" when absent or not a string.
std::string text(const nlohmann::json& j, const char* key);
std::optional<std::string> optional_text(const nlohmann::json& j, const char* key);
std::optional<long long> optional_integer(const nlohmann::json& j, const char* key);
// true only for a boolean true.
bool flag(const nlohmann::json& j, const char* key);
// The strings of an array (other entries skipped); empty when `j` is no array.
std::vector<std::string> texts(const nlohmann::json& j);

}  // namespace magtreg::core::json_read
