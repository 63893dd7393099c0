// Enums that cross JSON and SQL as text (issue 27 item 6): each enum has one table of its wire texts,
// and these two functions are the only conversion, so a state is an enum everywhere else in the code.
//   inline constexpr EnumText<DecisionStatus> k_decision_status_texts[] = {{DecisionStatus::Pending, "pending"}, ...};
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace magtreg::core {

template <class E>
struct EnumText {
  E value;
  std::string_view text;
};

// The wire text of `value`; "" for a value the table lacks (a table is written with every value).
template <class E, std::size_t N>
constexpr std::string_view enum_text(const EnumText<E> (&table)[N], E value) {
  for (const auto& entry : table)
    if (entry.value == value) return entry.text;
  return {};
}

template <class E, std::size_t N>
constexpr std::optional<E> enum_from_text(const EnumText<E> (&table)[N], std::string_view text) {
  for (const auto& entry : table)
    if (entry.text == text) return entry.value;
  return std::nullopt;
}

// The table's texts joined by ", " (for an error that lists what is allowed).
template <class E, std::size_t N>
std::string enum_texts_joined(const EnumText<E> (&table)[N]) {
  std::string out;
  for (const auto& entry : table) {
    if (!out.empty()) out += ", ";
    out += entry.text;
  }
  return out;
}

}  // namespace magtreg::core
