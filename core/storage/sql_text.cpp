// SQL text helpers.
#include "core/storage/sql_text.hpp"

#include <nlohmann/json.hpp>

namespace magtreg::core::storage {

std::string ids_json(const std::vector<std::string>& ids) { return nlohmann::json(ids).dump(); }

std::string like_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace magtreg::core::storage
