// Counting characters in UTF-8 text: form limits are in characters (code points), not bytes, so "æøå"
// counts 3 where it takes 6 bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace magtreg::core {

// Code points in `text` (bytes that do not continue a sequence).
inline std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The byte length of the first `max_chars` code points of `text` (all of it when it has no more).
inline std::size_t prefix_bytes(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) return i;
    ++chars;
  }
  return text.size();
}

// `text` with its first letter upper case, for a label that starts a line ("afsluttet" -> "Afsluttet"). Only
// a-z, æ, ø and å are raised; any other first character is left as it is.
inline std::string sentence_case(std::string_view text) {
  std::string out(text);
  if (out.empty()) return out;
  if (out[0] >= 'a' && out[0] <= 'z') {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  } else if (out.size() >= 2 && static_cast<unsigned char>(out[0]) == 0xC3) {
    const unsigned char second = static_cast<unsigned char>(out[1]);
    if (second == 0xA6 || second == 0xB8 || second == 0xA5) out[1] = static_cast<char>(second - 0x20);  // æ ø å
  }
  return out;
}

}  // namespace magtreg::core
