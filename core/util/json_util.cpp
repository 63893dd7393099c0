// Typed JSON field reading with field paths and the model's text formats.
#include "core/util/json_util.hpp"

#include <algorithm>

#include "core/util/uuid.hpp"

namespace magtreg::core {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t count, int& value) {
  value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

bool valid_day(int year, int month, int day) {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max_day = (month == 2 && leap) ? 29 : k_days[month - 1];
  return day <= max_day;
}

bool day_prefix(std::string_view s) {
  int y = 0, m = 0, d = 0;
  return s.size() >= 10 && digits(s, 0, 4, y) && s[4] == '-' && digits(s, 5, 2, m) && s[7] == '-' &&
         digits(s, 8, 2, d) && valid_day(y, m, d);
}

bool minute_part(std::string_view s, std::size_t pos) {
  int h = 0, mi = 0;
  return s[pos] == 'T' && digits(s, pos + 1, 2, h) && s[pos + 3] == ':' && digits(s, pos + 4, 2, mi) && h < 24 &&
         mi < 60;
}

}  // namespace

bool is_day_text(std::string_view s) { return s.size() == 10 && day_prefix(s); }

bool is_month_text(std::string_view s) {
  int y = 0, m = 0;
  return s.size() == 7 && digits(s, 0, 4, y) && s[4] == '-' && digits(s, 5, 2, m) && y >= 1900 && y <= 2199 &&
         m >= 1 && m <= 12;
}

bool is_local_minute_text(std::string_view s) { return s.size() == 16 && day_prefix(s) && minute_part(s, 10); }

bool is_utc_instant_text(std::string_view s) {
  int sec = 0;
  return s.size() == 20 && day_prefix(s) && minute_part(s, 10) && s[16] == ':' && digits(s, 17, 2, sec) &&
         sec < 60 && s[19] == 'Z';
}

bool is_sha256_hex(std::string_view s) {
  if (s.size() != 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::optional<std::string> text_format_problem(std::string_view value, TextFormat format) {
  switch (format) {
    case TextFormat::Any:
      return std::nullopt;
    case TextFormat::NonEmpty:
      if (value.empty()) return std::string("Feltet må ikke være tomt.");
      return std::nullopt;
    case TextFormat::Uuid:
      if (!is_valid_uuid(value)) return std::string("Skal være et id (UUID version 4 med små bogstaver).");
      return std::nullopt;
    case TextFormat::UtcInstant:
      if (!is_utc_instant_text(value)) return std::string("Skal være et tidspunkt i UTC (ÅÅÅÅ-MM-DDTTT:MM:SSZ).");
      return std::nullopt;
    case TextFormat::LocalMinute:
      if (!is_local_minute_text(value)) return std::string("Skal være dato og klokkeslæt (ÅÅÅÅ-MM-DDTTT:MM).");
      return std::nullopt;
    case TextFormat::Day:
      if (!is_day_text(value)) return std::string("Skal være en dato (ÅÅÅÅ-MM-DD).");
      return std::nullopt;
    case TextFormat::Month:
      if (!is_month_text(value)) return std::string("Skal være en måned (ÅÅÅÅ-MM).");
      return std::nullopt;
    case TextFormat::Sha256Hex:
      if (!is_sha256_hex(value)) return std::string("Skal være en SHA-256-værdi (64 hex-tegn).");
      return std::nullopt;
  }
  return std::nullopt;
}

Error invalid_input(std::string message, std::string field) {
  return Error::make(ErrorCode::InvalidInput, std::move(message), std::move(field));
}

nlohmann::json optional_json(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json optional_json(const std::optional<long long>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

JsonReader::JsonReader(const nlohmann::json& object, std::string path) : m_object(object), m_path(std::move(path)) {
  if (!m_object.is_object()) fail(ErrorCode::InvalidInput, "Skal være et JSON-objekt.", m_path);
}

std::string JsonReader::path_of(const char* key) const { return m_path.empty() ? key : m_path + "." + key; }

void JsonReader::fail(ErrorCode code, std::string message, std::string field) {
  if (!m_ok) return;
  m_ok = false;
  m_error = Error::make(code, std::move(message), std::move(field));
}

const nlohmann::json* JsonReader::find(const char* key) {
  m_known.emplace_back(key);
  if (!m_ok) return nullptr;
  auto it = m_object.find(key);
  if (it == m_object.end()) return nullptr;
  return &*it;
}

JsonReader& JsonReader::text(const char* key, std::string& out, TextFormat format) {
  const nlohmann::json* v = find(key);
  if (!m_ok) return *this;
  if (v == nullptr) {
    fail(ErrorCode::InvalidInput, "Feltet mangler.", path_of(key));
    return *this;
  }
  if (!v->is_string()) {
    fail(ErrorCode::InvalidInput, "Feltet skal være en tekst.", path_of(key));
    return *this;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (auto problem = text_format_problem(s, format)) {
    fail(ErrorCode::InvalidInput, *problem, path_of(key));
    return *this;
  }
  out = s;
  return *this;
}

JsonReader& JsonReader::optional_text(const char* key, std::optional<std::string>& out, TextFormat format) {
  const nlohmann::json* v = find(key);
  if (!m_ok) return *this;
  if (v == nullptr || v->is_null()) {
    out.reset();
    return *this;
  }
  if (!v->is_string()) {
    fail(ErrorCode::InvalidInput, "Feltet skal være en tekst eller null.", path_of(key));
    return *this;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (auto problem = text_format_problem(s, format)) {
    fail(ErrorCode::InvalidInput, *problem, path_of(key));
    return *this;
  }
  out = s;
  return *this;
}

JsonReader& JsonReader::one_of(const char* key, std::string& out, std::initializer_list<std::string_view> allowed) {
  std::string value;
  text(key, value);
  if (!m_ok) return *this;
  for (std::string_view a : allowed)
    if (a == value) {
      out = value;
      return *this;
    }
  std::string list;
  for (std::string_view a : allowed) {
    if (!list.empty()) list += ", ";
    list += a;
  }
  fail(ErrorCode::InvalidInput, "Ugyldig værdi; tilladt: " + list + ".", path_of(key));
  return *this;
}

JsonReader& JsonReader::integer(const char* key, long long& out, long long min_value, long long max_value) {
  const nlohmann::json* v = find(key);
  if (!m_ok) return *this;
  if (v == nullptr) {
    fail(ErrorCode::InvalidInput, "Feltet mangler.", path_of(key));
    return *this;
  }
  if (!v->is_number_integer()) {
    fail(ErrorCode::InvalidInput, "Feltet skal være et heltal.", path_of(key));
    return *this;
  }
  // Unsigned values above the signed range would wrap: refuse them before converting.
  if (v->is_number_unsigned() && v->get<unsigned long long>() > static_cast<unsigned long long>(max_value)) {
    fail(ErrorCode::InvalidInput, "Tallet er uden for det tilladte interval.", path_of(key));
    return *this;
  }
  const long long n = v->get<long long>();
  if (n < min_value || n > max_value) {
    fail(ErrorCode::InvalidInput, "Tallet er uden for det tilladte interval.", path_of(key));
    return *this;
  }
  out = n;
  return *this;
}

JsonReader& JsonReader::integer(const char* key, int& out, int min_value, int max_value) {
  long long n = 0;
  integer(key, n, min_value, max_value);
  if (m_ok) out = static_cast<int>(n);
  return *this;
}

JsonReader& JsonReader::optional_integer(const char* key, std::optional<long long>& out, long long min_value,
                                         long long max_value) {
  const nlohmann::json* v = find(key);
  if (!m_ok) return *this;
  if (v == nullptr || v->is_null()) {
    out.reset();
    return *this;
  }
  m_known.pop_back();  // integer() records the key again
  long long n = 0;
  integer(key, n, min_value, max_value);
  if (m_ok) out = n;
  return *this;
}

JsonReader& JsonReader::boolean(const char* key, bool& out) {
  const nlohmann::json* v = find(key);
  if (!m_ok) return *this;
  if (v == nullptr) {
    fail(ErrorCode::InvalidInput, "Feltet mangler.", path_of(key));
    return *this;
  }
  if (!v->is_boolean()) {
    fail(ErrorCode::InvalidInput, "Feltet skal være sand eller falsk.", path_of(key));
    return *this;
  }
  out = v->get<bool>();
  return *this;
}

JsonReader& JsonReader::text_list(const char* key, std::vector<std::string>& out, TextFormat format) {
  const nlohmann::json* v = find(key);
  if (!m_ok) return *this;
  if (v == nullptr) {
    fail(ErrorCode::InvalidInput, "Feltet mangler.", path_of(key));
    return *this;
  }
  if (!v->is_array()) {
    fail(ErrorCode::InvalidInput, "Feltet skal være en liste.", path_of(key));
    return *this;
  }
  std::vector<std::string> values;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& e = (*v)[i];
    const std::string path = path_of(key) + "[" + std::to_string(i) + "]";
    if (!e.is_string()) {
      fail(ErrorCode::InvalidInput, "Skal være en tekst.", path);
      return *this;
    }
    const auto& s = e.get_ref<const std::string&>();
    if (auto problem = text_format_problem(s, format)) {
      fail(ErrorCode::InvalidInput, *problem, path);
      return *this;
    }
    values.push_back(s);
  }
  out = std::move(values);
  return *this;
}

JsonReader& JsonReader::object(const char* key, nlohmann::json& out) {
  const nlohmann::json* v = find(key);
  if (!m_ok) return *this;
  if (v == nullptr) {
    fail(ErrorCode::InvalidInput, "Feltet mangler.", path_of(key));
    return *this;
  }
  if (!v->is_object()) {
    fail(ErrorCode::InvalidInput, "Feltet skal være et JSON-objekt.", path_of(key));
    return *this;
  }
  out = *v;
  return *this;
}

JsonReader& JsonReader::object_list(
    const char* key, const std::function<Status(const nlohmann::json& element, const std::string& path)>& each) {
  const nlohmann::json* v = find(key);
  if (!m_ok) return *this;
  if (v == nullptr) {
    fail(ErrorCode::InvalidInput, "Feltet mangler.", path_of(key));
    return *this;
  }
  if (!v->is_array()) {
    fail(ErrorCode::InvalidInput, "Feltet skal være en liste.", path_of(key));
    return *this;
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    Status st = each((*v)[i], path_of(key) + "[" + std::to_string(i) + "]");
    if (!st) {
      fail(st.error().code, st.error().message, st.error().field);
      return *this;
    }
  }
  return *this;
}

JsonReader& JsonReader::skip(const char* key) {
  m_known.emplace_back(key);
  return *this;
}

Status JsonReader::finish() {
  if (!m_ok) return m_error;
  for (auto it = m_object.begin(); it != m_object.end(); ++it) {
    if (std::find(m_known.begin(), m_known.end(), it.key()) == m_known.end()) {
      fail(ErrorCode::UnknownField, "Ukendt felt.", path_of(it.key().c_str()));
      return m_error;
    }
  }
  return {};
}

}  // namespace magtreg::core
