// Counting characters in UTF-8 text: form limits are in characters (code points), not bytes, so "æøå"
// counts 3 where it takes 6 bytes.
#pragma once

#include <cstddef>
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

}  // namespace magtreg::core
