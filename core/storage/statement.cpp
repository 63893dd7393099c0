// Prepared statements over sqlite3_stmt.
#include "core/storage/statement.hpp"

#include <sqlite3.h>

#include "core/storage/database.hpp"

namespace magtreg::core::storage {

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_bind_error(std::move(other.m_bind_error)) {
  other.m_stmt = nullptr;
  other.m_db = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(m_stmt);
    m_db = other.m_db;
    m_stmt = other.m_stmt;
    m_bind_error = std::move(other.m_bind_error);
    other.m_stmt = nullptr;
    other.m_db = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

void Statement::check_bind(int rc, int index) {
  if (rc == SQLITE_OK || m_bind_error) return;
  m_bind_error = storage_error("binding af parameter " + std::to_string(index), sqlite3_errstr(rc));
}

void Statement::note_bind_error(std::string_view name) {
  if (m_bind_error) return;
  m_bind_error = storage_error("binding", "no such parameter: " + std::string(name));
}

int Statement::parameter_index(std::string_view name) const {
  return sqlite3_bind_parameter_index(m_stmt, std::string(name).c_str());
}

Statement& Statement::bind(int index, std::string_view text) {
  // SQLITE_TRANSIENT: SQLite copies, so temporaries may be bound safely. A default-constructed view has
  // data() == nullptr, which sqlite3_bind_text would bind as NULL: text is never NULL, so bind ''.
  const char* data = text.data() != nullptr ? text.data() : "";
  check_bind(sqlite3_bind_text(m_stmt, index, data, static_cast<int>(text.size()), SQLITE_TRANSIENT), index);
  return *this;
}

Statement& Statement::bind(int index, long long value) {
  check_bind(sqlite3_bind_int64(m_stmt, index, value), index);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  check_bind(sqlite3_bind_double(m_stmt, index, value), index);
  return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
  check_bind(sqlite3_bind_null(m_stmt, index), index);
  return *this;
}

Statement& Statement::bind_blob(int index, const std::vector<std::uint8_t>& bytes) {
  // An empty vector binds a zero-length blob, not NULL.
  check_bind(sqlite3_bind_blob(m_stmt, index, bytes.empty() ? "" : static_cast<const void*>(bytes.data()),
                               static_cast<int>(bytes.size()), SQLITE_TRANSIENT),
             index);
  return *this;
}

Statement& Statement::bind_blob(std::string_view name, const std::vector<std::uint8_t>& bytes) {
  const int index = parameter_index(name);
  if (index == 0) {
    note_bind_error(name);
    return *this;
  }
  return bind_blob(index, bytes);
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view(*value)) : bind(index, nullptr);
}

Statement& Statement::bind(int index, const std::optional<long long>& value) {
  return value ? bind(index, *value) : bind(index, nullptr);
}

Statement& Statement::bind(int index, const std::optional<double>& value) {
  return value ? bind(index, *value) : bind(index, nullptr);
}

Result<bool> Statement::step() {
  if (m_stmt == nullptr) return storage_error("kørsel", "statement is not prepared");
  if (m_bind_error) return *m_bind_error;
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return storage_error("kørsel", sqlite3_errmsg(m_db), rc);
}

Status Statement::run() {
  for (;;) {
    Result<bool> r = step();
    if (!r) return r.error();
    if (!*r) return {};
  }
}

Status Statement::reset() {
  // sqlite3_reset repeats the last step's error code; the statement is reset regardless.
  sqlite3_reset(m_stmt);
  return {};
}

void Statement::clear_bindings() {
  sqlite3_clear_bindings(m_stmt);
  m_bind_error.reset();
}

int Statement::column_count() const { return sqlite3_column_count(m_stmt); }

std::string Statement::column_name(int index) const {
  const char* name = sqlite3_column_name(m_stmt, index);
  return name ? name : "";
}

bool Statement::column_is_null(int index) const { return sqlite3_column_type(m_stmt, index) == SQLITE_NULL; }

std::string Statement::column_text(int index) const { return std::string(column_view(index)); }

std::string_view Statement::column_view(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, index));
  if (text == nullptr) return {};
  return std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, index)));
}

long long Statement::column_int64(int index) const { return sqlite3_column_int64(m_stmt, index); }

double Statement::column_double(int index) const { return sqlite3_column_double(m_stmt, index); }

std::vector<std::uint8_t> Statement::column_blob(int index) const {
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, index));
  const int size = sqlite3_column_bytes(m_stmt, index);
  if (data == nullptr || size <= 0) return {};
  return std::vector<std::uint8_t>(data, data + size);
}

std::optional<std::string> Statement::column_optional_text(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return column_text(index);
}

std::optional<long long> Statement::column_optional_int64(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return column_int64(index);
}

std::string Statement::sql() const {
  const char* text = sqlite3_sql(m_stmt);
  return text ? text : "";
}

}  // namespace magtreg::core::storage
