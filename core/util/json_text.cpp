// The bounded JSON parser.
#include "core/util/json_text.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace magtreg::core {

int json_nesting_depth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;  // the escaped character cannot end the string
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Result<nlohmann::json> parse_json(std::string_view text, std::string_view field) {
  if (json_nesting_depth(text, k_max_json_depth) > k_max_json_depth)
    return Error::make(ErrorCode::InvalidInput,
                       "JSON er indlejret for dybt (højst " + std::to_string(k_max_json_depth) + " niveauer).",
                       std::string(field));
  if (text.find('\0') != std::string_view::npos)
    return Error::make(ErrorCode::InvalidInput, "Teksten indeholder et NUL-tegn; det er ikke gyldig JSON.",
                       std::string(field));
  // The keys of each object being read, innermost last (objects are small: a linear search is enough).
  std::vector<std::vector<std::string>> keys;
  std::string duplicate;
  const auto check_keys = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) {
      keys.emplace_back();
    } else if (event == Event::object_end) {
      if (!keys.empty()) keys.pop_back();
    } else if (event == Event::key && !keys.empty() && parsed.is_string()) {
      auto& seen = keys.back();
      const auto& key = parsed.get_ref<const std::string&>();
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        if (duplicate.empty()) duplicate = key;
      } else {
        seen.push_back(key);
      }
    }
    return true;
  };
  nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), check_keys, false);
  if (j.is_discarded()) return Error::make(ErrorCode::InvalidInput, "Teksten er ikke gyldig JSON.", std::string(field));
  if (!duplicate.empty())
    return Error::make(ErrorCode::InvalidInput, "Nøglen »" + duplicate + "« står mere end én gang i samme objekt.",
                       std::string(field));
  return j;
}

Result<nlohmann::json> parse_json_object(std::string_view text, std::string_view field) {
  auto j = parse_json(text, field);
  if (!j) return j;
  if (!j->is_object()) return Error::make(ErrorCode::InvalidInput, "Teksten skal være et JSON-objekt.", std::string(field));
  return j;
}

nlohmann::json parse_json_or_discarded(std::string_view text) {
  auto j = parse_json(text);
  if (!j) return nlohmann::json(nlohmann::json::value_t::discarded);
  return std::move(j).value();
}

}  // namespace magtreg::core
