// A prepared SQLite statement (RAII): binding by index or name, stepping, typed column reads.
// Binding errors are remembered and reported by the next step(), so binds chain without checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace magtreg::core::storage {

class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // [SECTION] binding; `index` starts at 1 as in SQLite; names include their prefix (":id").
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, long long value);
  Statement& bind(int index, int value) { return bind(index, static_cast<long long>(value)); }
  Statement& bind(int index, bool value) { return bind(index, value ? 1LL : 0LL); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::nullptr_t);
  Statement& bind_blob(int index, const std::vector<std::uint8_t>& bytes);
  Statement& bind(int index, const std::optional<std::string>& value);
  Statement& bind(int index, const std::optional<long long>& value);
  Statement& bind(int index, const std::optional<double>& value);
  template <class T>
  Statement& bind(std::string_view name, const T& value) {
    const int index = parameter_index(name);
    if (index == 0) {
      note_bind_error(name);
      return *this;
    }
    return bind(index, value);
  }
  Statement& bind_blob(std::string_view name, const std::vector<std::uint8_t>& bytes);
  int parameter_index(std::string_view name) const;

  // [SECTION] execution
  // true: a row is available; false: done. Errors carry SQLite's message.
  Result<bool> step();
  // Steps until done (for statements without result rows).
  Status run();
  // Steps through every row, calling each(*this) for it; the first error stops and is returned.
  template <class F>
  Status for_each_row(F&& each) {
    for (;;) {
      Result<bool> row = step();
      if (!row) return row.error();
      if (!*row) return {};
      each(*this);
    }
  }
  // Every row read by read(*this) (which returns a T), in order.
  template <class T, class F>
  Result<std::vector<T>> collect(F&& read) {
    std::vector<T> out;
    if (Status s = for_each_row([&](Statement& st) { out.push_back(read(st)); }); !s) return s.error();
    return out;
  }
  // The first row read by read(*this), or nothing when there is no row.
  template <class T, class F>
  Result<std::optional<T>> first(F&& read) {
    Result<bool> row = step();
    if (!row) return row.error();
    if (!*row) return std::optional<T>();
    return std::optional<T>(read(*this));
  }
  // Ready to step again with the same bindings; clear_bindings() sets them all to NULL.
  Status reset();
  void clear_bindings();

  // [SECTION] columns of the current row (index starts at 0)
  int column_count() const;
  std::string column_name(int index) const;
  bool column_is_null(int index) const;
  std::string column_text(int index) const;  // "" for NULL
  // The same text without a copy; valid until the next step(), reset() or destruction.
  std::string_view column_view(int index) const;
  long long column_int64(int index) const;   // 0 for NULL
  double column_double(int index) const;
  bool column_bool(int index) const { return column_int64(index) != 0; }
  std::vector<std::uint8_t> column_blob(int index) const;
  std::optional<std::string> column_optional_text(int index) const;
  std::optional<long long> column_optional_int64(int index) const;

  // The SQL text, for error messages.
  std::string sql() const;
  bool valid() const { return m_stmt != nullptr; }

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
  void check_bind(int rc, int index);
  void note_bind_error(std::string_view name);

  sqlite3* m_db = nullptr;
  sqlite3_stmt* m_stmt = nullptr;
  std::optional<Error> m_bind_error;
};

}  // namespace magtreg::core::storage
