// Date and time text checks for form content; days are counted with the civil-from-days algorithm
// (H. Hinnant) so no <chrono> calendar types are needed (emcc 3.1.6's libc++ lacks some).
#include "core/forms/date_text.hpp"

#include <cstdio>

namespace magtreg::core::forms {
namespace {

bool digits(std::string_view s, std::size_t from, std::size_t count, int& out) {
  out = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : k_days[m - 1];
}

bool parse_date(std::string_view s, int& y, int& m, int& d) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return false;
  if (y < 1900 || y > 2199 || m < 1 || m > 12) return false;
  return d >= 1 && d <= days_in_month(y, m);
}

long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int& y, int& m, int& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

}  // namespace

bool is_date_text(std::string_view s) {
  int y = 0, m = 0, d = 0;
  return parse_date(s, y, m, d);
}

bool is_time_text(std::string_view s) {
  int h = 0, mi = 0;
  if (s.size() != 5 || s[2] != ':') return false;
  if (!digits(s, 0, 2, h) || !digits(s, 3, 2, mi)) return false;
  return h <= 23 && mi <= 59;
}

bool is_datetime_text(std::string_view s) {
  return s.size() == 16 && s[10] == 'T' && is_date_text(s.substr(0, 10)) && is_time_text(s.substr(11));
}

std::string add_days(std::string_view date, int days) {
  int y = 0, m = 0, d = 0;
  if (!parse_date(date, y, m, d)) return {};
  civil_from_days(days_from_civil(y, m, d) + days, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string danish_date(const std::string& iso) {
  if (!is_date_text(iso)) return iso;
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

std::string parse_danish_date(const std::string& text) {
  if (is_date_text(text)) return text;
  int d = 0, m = 0, y = 0;
  char s1 = 0, s2 = 0;
  const auto separator = [](char c) { return c == '.' || c == '-' || c == '/' || c == ','; };
  bool read = false;
  if (text.size() == 8 && digits(text, 0, 2, d) && digits(text, 2, 2, m) && digits(text, 4, 4, y))
    read = true;
  else if (std::sscanf(text.c_str(), "%d%c%d%c%d", &d, &s1, &m, &s2, &y) == 5 && separator(s1) && s1 == s2)
    read = true;
  if (!read || y < 1900 || y > 2199 || d < 1 || d > 31 || m < 1 || m > 12) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return is_date_text(buf) ? buf : "";
}

std::string parse_time(const std::string& text) {
  std::string d;
  for (char c : text)
    if (c >= '0' && c <= '9') d += c;
  if (d.size() == 3) d = "0" + d;
  if (d.size() != 4) return "";
  std::string t = d.substr(0, 2) + ":" + d.substr(2, 2);
  return is_time_text(t) ? t : "";
}

}  // namespace magtreg::core::forms
