// Reading JSON objects without exceptions: typed field access that records the first problem as
// INVALID_INPUT (or UNKNOWN_FIELD) with the field's path, plus the text formats the model uses.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/util/enum_text.hpp"
#include "core/util/result.hpp"

namespace magtreg::core {

// [SECTION] text formats
bool is_utc_instant_text(std::string_view s);  // "YYYY-MM-DDTHH:MM:SSZ"
bool is_local_minute_text(std::string_view s); // "YYYY-MM-DDTHH:MM" (Copenhagen wall clock)
bool is_day_text(std::string_view s);          // "YYYY-MM-DD", a real calendar day
bool is_month_text(std::string_view s);        // "YYYY-MM"
bool is_sha256_hex(std::string_view s);        // 64 lowercase hex characters

enum class TextFormat {
  Any,
  NonEmpty,
  Uuid,
  UtcInstant,
  LocalMinute,
  Day,
  Month,
  Sha256Hex,
};

// Checks `value` against `format`; the Danish message for the user when it does not match.
std::optional<std::string> text_format_problem(std::string_view value, TextFormat format);

// [SECTION] reader
// Reads the fields of one JSON object. Every call after the first failure is a no-op, so a whole
// record is read as a chain and checked once:
//   JsonReader r(j, "citizen");
//   r.text("id", c.id, TextFormat::Uuid).text("name", c.name, TextFormat::NonEmpty);
//   if (auto st = r.finish(); !st) return st.error();
// Optional fields may be absent or null. finish() refuses keys that were never read (UNKNOWN_FIELD),
// so a record cannot silently lose data on its way in.
class JsonReader {
 public:
  explicit JsonReader(const nlohmann::json& object, std::string path = {});

  bool ok() const { return m_ok; }
  const Error& error() const { return m_error; }

  JsonReader& text(const char* key, std::string& out, TextFormat format = TextFormat::Any);
  JsonReader& optional_text(const char* key, std::optional<std::string>& out, TextFormat format = TextFormat::Any);
  JsonReader& one_of(const char* key, std::string& out, std::initializer_list<std::string_view> allowed);
  // An enum by its wire text (core/util/enum_text.hpp); any other text is refused, naming the allowed ones.
  template <class E, std::size_t N>
  JsonReader& one_of(const char* key, E& out, const EnumText<E> (&table)[N]) {
    std::string value;
    text(key, value);
    if (!m_ok) return *this;
    if (auto v = enum_from_text(table, value)) out = *v;
    else fail(ErrorCode::InvalidInput, "Ugyldig værdi; tilladt: " + enum_texts_joined(table) + ".", path_of(key));
    return *this;
  }
  JsonReader& integer(const char* key, long long& out, long long min_value, long long max_value);
  JsonReader& integer(const char* key, int& out, int min_value, int max_value);
  JsonReader& optional_integer(const char* key, std::optional<long long>& out, long long min_value,
                               long long max_value);
  JsonReader& boolean(const char* key, bool& out);
  JsonReader& text_list(const char* key, std::vector<std::string>& out, TextFormat format = TextFormat::Any);
  // Any JSON object (e.g. form content, kept as it is).
  JsonReader& object(const char* key, nlohmann::json& out);
  // An array of objects; `each` reads one element (given its path) and returns its status.
  JsonReader& object_list(const char* key,
                          const std::function<Status(const nlohmann::json& element, const std::string& path)>& each);
  // Marks a field as known without reading it (the caller reads it another way).
  JsonReader& skip(const char* key);

  // The first problem, or UNKNOWN_FIELD for a key no call named.
  Status finish();

  std::string path_of(const char* key) const;
  void fail(ErrorCode code, std::string message, std::string field);

 private:
  // The value of `key`, or nullptr when absent; records the key as known.
  const nlohmann::json* find(const char* key);

  const nlohmann::json& m_object;
  std::string m_path;
  std::vector<std::string> m_known;
  Error m_error;
  bool m_ok = true;
};

// INVALID_INPUT with a Danish message and the field path.
Error invalid_input(std::string message, std::string field);

// A JSON null for an empty optional, else the text.
nlohmann::json optional_json(const std::optional<std::string>& value);
nlohmann::json optional_json(const std::optional<long long>& value);

}  // namespace magtreg::core
