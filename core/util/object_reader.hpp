// Reading a JSON object member by member, with errors that name the member (`prefix.key`): a missing or
// mistyped member is INVALID_INPUT, an unexpected one UNKNOWN_FIELD. Core's message readers (a login, a
// commentary, a report link) and the server's request bodies use it, so a message is read one way.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/util/result.hpp"

namespace magtreg::core {

// Reads typed members with errors naming `prefix.key`. Each returns INVALID_INPUT when the member is
// missing (for required ones) or of the wrong type.
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& object, std::string prefix = {})
      : m_obj(object), m_prefix(std::move(prefix)) {}
  // Fails with UNKNOWN_FIELD on a member not in `allowed`.
  Status only(std::initializer_list<std::string_view> allowed) const;
  Result<std::string> string(std::string_view key) const;
  Result<std::string> optional_string(std::string_view key, std::string fallback = {}) const;
  Result<long long> integer(std::string_view key) const;
  Result<bool> boolean(std::string_view key) const;
  Result<const nlohmann::json*> object(std::string_view key) const;
  std::string path(std::string_view key) const;

 private:
  const nlohmann::json& m_obj;
  std::string m_prefix;
};

}  // namespace magtreg::core
