// The bounded JSON parser.
#include "core/util/json_text.hpp"

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
  nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) return Error::make(ErrorCode::InvalidInput, "Teksten er ikke gyldig JSON.", std::string(field));
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
