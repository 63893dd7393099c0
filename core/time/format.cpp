// Strict parsing and the ISO / Danish text forms of dates and wall-clock times.
#include "core/time/format.hpp"

#include <cstdio>

namespace magtreg::core::time {
namespace {

constexpr std::string_view k_months[12] = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                                           "juli",   "august",  "september", "oktober", "november", "december"};
constexpr std::string_view k_weekdays[7] = {"mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"};

bool digits(std::string_view s, std::size_t from, std::size_t count, int& out) {
  int v = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// Echoing raw input keeps messages specific; cut long garbage at a UTF-8 boundary so the message
// stays valid UTF-8.
std::string in_quotes(std::string_view text) {
  constexpr std::size_t k_max = 40;
  std::string out = "»";
  if (text.size() <= k_max) {
    out.append(text);
  } else {
    std::size_t cut = k_max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out.append(text.substr(0, cut));
    out += "…";
  }
  out += "«";
  return out;
}

Error invalid(std::string message, std::string_view field) {
  return Error::make(ErrorCode::InvalidInput, std::move(message), std::string(field));
}

std::string two(int v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

std::string four(int v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", v);
  return buf;
}

// Shared by both parsers: the "YYYY-MM-DD" prefix of `text` (already known to be long enough).
Result<Date> parse_date_part(std::string_view text, std::string_view whole, std::string_view field,
                             const std::string& format_hint) {
  Date d;
  if (!digits(text, 0, 4, d.year) || text[4] != '-' || !digits(text, 5, 2, d.month) || text[7] != '-' ||
      !digits(text, 8, 2, d.day))
    return invalid(in_quotes(whole) + " kan ikke læses; " + format_hint, field);
  if (d.month < 1 || d.month > 12)
    return invalid("Datoen " + in_quotes(whole) + " findes ikke: måneden skal være mellem 01 og 12.", field);
  const int last = last_day_of_month(d.year, d.month);
  if (d.day < 1 || d.day > last)
    return invalid("Datoen " + in_quotes(whole) + " findes ikke: " + std::string(danish_month_name(d.month)) + " " +
                       std::to_string(d.year) + " har " + std::to_string(last) + " dage.",
                   field);
  return d;
}

}  // namespace

Result<Date> parse_date(std::string_view text, std::string_view field) {
  const std::string hint = "en dato skrives ÅÅÅÅ-MM-DD, fx 2024-03-05.";
  if (text.size() != 10) return invalid(in_quotes(text) + " kan ikke læses; " + hint, field);
  return parse_date_part(text, text, field, hint);
}

std::optional<LocalDateTime> parse_time_or_day(std::string_view text) {
  if (auto t = parse_local_date_time(text)) return *t;
  if (auto day = parse_date(text.substr(0, 10))) return start_of_day(*day);
  return std::nullopt;
}

Result<LocalDateTime> parse_local_date_time(std::string_view text, std::string_view field) {
  const std::string hint = "et tidspunkt skrives som dato (ÅÅÅÅ-MM-DD) og klokkeslæt (TT:MM) adskilt af T, fx 2024-03-05T14:30.";
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':')
    return invalid(in_quotes(text) + " kan ikke læses; " + hint, field);
  auto date = parse_date_part(text, text, field, hint);
  if (!date) return date.error();
  LocalDateTime t;
  t.date = *date;
  if (!digits(text, 11, 2, t.hour) || !digits(text, 14, 2, t.minute))
    return invalid(in_quotes(text) + " kan ikke læses; " + hint, field);
  if (t.hour > 23)
    return invalid("Klokkeslættet i " + in_quotes(text) +
                       " findes ikke: timen skal være mellem 00 og 23 (midnat er 00:00 den følgende dag).",
                   field);
  if (t.minute > 59)
    return invalid("Klokkeslættet i " + in_quotes(text) + " findes ikke: minuttet skal være mellem 00 og 59.", field);
  return t;
}

std::string format_iso(const Date& d) { return four(d.year) + "-" + two(d.month) + "-" + two(d.day); }

std::string format_iso(const LocalDateTime& t) {
  return format_iso(t.date) + "T" + two(t.hour) + ":" + two(t.minute);
}

std::string format_danish(const Date& d) { return two(d.day) + "." + two(d.month) + "." + four(d.year); }

std::string format_danish_day(std::string_view iso) {
  auto d = parse_date(iso);
  return d ? format_danish(*d) : std::string(iso);
}

std::string format_danish(const LocalDateTime& t) {
  return format_danish(t.date) + " kl. " + two(t.hour) + ":" + two(t.minute);
}

std::string format_danish_long(const Date& d) {
  return std::string(danish_weekday_name(weekday(d))) + " den " + std::to_string(d.day) + ". " +
         format_danish_month(d.year, d.month);
}

std::string_view danish_month_name(int month) {
  if (month < 1 || month > 12) return {};
  return k_months[month - 1];
}

std::string_view danish_weekday_name(int iso_weekday) {
  if (iso_weekday < 1 || iso_weekday > 7) return {};
  return k_weekdays[iso_weekday - 1];
}

std::string format_danish_month(int year, int month) {
  return std::string(danish_month_name(month)) + " " + std::to_string(year);
}

}  // namespace magtreg::core::time
