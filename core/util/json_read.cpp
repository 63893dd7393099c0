// The lenient reader.
#include "core/util/json_read.hpp"

namespace magtreg::core::json_read {

using nlohmann::json;

const json& member(const json& j, const char* key) {
  static const json null;
  if (!j.is_object()) return null;
  auto it = j.find(key);
  return it == j.end() ? null : *it;
}

std::string text(const json& j, const char* key) {
  const json& v = member(j, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

std::optional<std::string> optional_text(const json& j, const char* key) {
  const json& v = member(j, key);
  if (v.is_string()) return v.get<std::string>();
  return std::nullopt;
}

std::optional<long long> optional_integer(const json& j, const char* key) {
  const json& v = member(j, key);
  if (v.is_number_integer()) return v.get<long long>();
  return std::nullopt;
}

bool flag(const json& j, const char* key) {
  const json& v = member(j, key);
  return v.is_boolean() && v.get<bool>();
}

std::vector<std::string> texts(const json& j) {
  std::vector<std::string> out;
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace magtreg::core::json_read
