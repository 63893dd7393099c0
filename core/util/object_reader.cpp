// See object_reader.hpp.
#include "core/util/object_reader.hpp"

namespace magtreg::core {

using nlohmann::json;

std::string ObjectReader::path(std::string_view key) const {
  return m_prefix.empty() ? std::string(key) : m_prefix + "." + std::string(key);
}

Status ObjectReader::only(std::initializer_list<std::string_view> allowed) const {
  for (const auto& [k, v] : m_obj.items()) {
    bool ok = false;
    for (auto a : allowed) ok = ok || a == k;
    if (!ok) return Error::make(ErrorCode::UnknownField, "Ukendt felt: " + path(k), path(k));
  }
  return {};
}

Result<std::string> ObjectReader::string(std::string_view key) const {
  auto it = m_obj.find(key);
  if (it == m_obj.end() || it->is_null())
    return Error::make(ErrorCode::InvalidInput, "Feltet " + path(key) + " mangler.", path(key));
  if (!it->is_string())
    return Error::make(ErrorCode::InvalidInput, "Feltet " + path(key) + " skal være tekst.", path(key));
  return it->get<std::string>();
}

Result<std::string> ObjectReader::optional_string(std::string_view key, std::string fallback) const {
  auto it = m_obj.find(key);
  if (it == m_obj.end() || it->is_null()) return fallback;
  if (!it->is_string())
    return Error::make(ErrorCode::InvalidInput, "Feltet " + path(key) + " skal være tekst.", path(key));
  return it->get<std::string>();
}

Result<long long> ObjectReader::integer(std::string_view key) const {
  auto it = m_obj.find(key);
  if (it == m_obj.end() || it->is_null())
    return Error::make(ErrorCode::InvalidInput, "Feltet " + path(key) + " mangler.", path(key));
  if (!it->is_number_integer())
    return Error::make(ErrorCode::InvalidInput, "Feltet " + path(key) + " skal være et heltal.", path(key));
  return it->get<long long>();
}

Result<bool> ObjectReader::boolean(std::string_view key) const {
  auto it = m_obj.find(key);
  if (it == m_obj.end() || it->is_null())
    return Error::make(ErrorCode::InvalidInput, "Feltet " + path(key) + " mangler.", path(key));
  if (!it->is_boolean())
    return Error::make(ErrorCode::InvalidInput, "Feltet " + path(key) + " skal være sand eller falsk.", path(key));
  return it->get<bool>();
}

Result<const json*> ObjectReader::object(std::string_view key) const {
  auto it = m_obj.find(key);
  if (it == m_obj.end() || it->is_null())
    return Error::make(ErrorCode::InvalidInput, "Feltet " + path(key) + " mangler.", path(key));
  if (!it->is_object())
    return Error::make(ErrorCode::InvalidInput, "Feltet " + path(key) + " skal være et objekt.", path(key));
  return &*it;
}

}  // namespace magtreg::core
