// A user account: role, municipality and the institutions whose citizens the user works with.
// The password hash is opaque here (the server hashes) and never appears in JSON.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/role.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::model {

struct User {
  std::string id;                            // UUID
  std::string username;                      // unique, compared case-insensitively
  std::string display_name;
  Role role = Role::Staff;
  std::string municipality_id;               // UUID
  std::vector<std::string> institution_ids;  // UUIDs, sorted and unique in JSON (many-to-many)
  std::string password_hash;                 // server only; not in JSON
  bool disabled = false;

  bool operator==(const User&) const = default;
};

// Without password_hash: JSON goes over the wire (login answers, sync), hashes must not.
nlohmann::json to_json(const User& u);
Result<User> user_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::model
