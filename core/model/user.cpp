// JSON of users (never with the password hash).
#include "core/model/user.hpp"

#include <algorithm>

#include "core/util/json_util.hpp"

namespace magtreg::core::model {

nlohmann::json to_json(const User& u) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = u.id;
  j["username"] = u.username;
  j["display_name"] = u.display_name;
  j["role"] = std::string(to_string(u.role));
  j["municipality_id"] = u.municipality_id;
  std::vector<std::string> ids = u.institution_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());  // as user_from_json reads them
  j["institution_ids"] = ids;
  j["disabled"] = u.disabled;
  return j;
}

Result<User> user_from_json(const nlohmann::json& j) {
  User u;
  std::string role;
  JsonReader r(j);
  r.text("id", u.id, TextFormat::Uuid)
      .text("username", u.username, TextFormat::NonEmpty)
      .text("display_name", u.display_name, TextFormat::NonEmpty)
      .text("role", role)
      .text("municipality_id", u.municipality_id, TextFormat::Uuid)
      .text_list("institution_ids", u.institution_ids, TextFormat::Uuid)
      .boolean("disabled", u.disabled);
  if (Status st = r.finish(); !st) return st.error();
  const auto parsed = role_from_string(role);
  if (!parsed) return invalid_input("Ukendt rolle.", "role");
  u.role = *parsed;
  std::sort(u.institution_ids.begin(), u.institution_ids.end());
  u.institution_ids.erase(std::unique(u.institution_ids.begin(), u.institution_ids.end()), u.institution_ids.end());
  return u;
}

}  // namespace magtreg::core::model
