// UUID v4 generation and checking. Every id is 122 bits from the operating system's CSPRNG (getentropy:
// getrandom(2) natively, crypto.getRandomValues in the browser under Emscripten), the source libsodium's
// randombytes_buf reads on Linux: ids are not guessable from earlier ones (issue #29, finding 7; before,
// a Mersenne Twister whose output reveals its state).
#include "core/util/uuid.hpp"

#include <unistd.h>

#include <array>
#include <cstdint>
#include <random>

#include "core/util/sha256.hpp"

namespace magtreg::core {
namespace {

void random_bytes(std::uint8_t* out, std::size_t n) {
  if (::getentropy(out, n) == 0) return;
  // Not seen on a kernel or browser Magtreg runs on; std::random_device reads the same source.
  std::random_device rd;
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(rd());
}

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

std::string format_v4(std::array<std::uint8_t, 16> bytes) {
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);  // variant 10xx

  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(k_hex[bytes[i] >> 4]);
    out.push_back(k_hex[bytes[i] & 0x0f]);
  }
  return out;
}

}  // namespace

std::string new_uuid() {
  std::array<std::uint8_t, 16> bytes{};
  random_bytes(bytes.data(), bytes.size());
  return format_v4(bytes);
}

std::string derived_uuid(std::string_view name) {
  Sha256 h;
  h.update(name);
  const auto digest = h.finish();
  std::array<std::uint8_t, 16> bytes{};
  for (int i = 0; i < 16; ++i) bytes[i] = digest[i];
  return format_v4(bytes);
}

bool is_valid_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!is_lower_hex(c)) {
      return false;
    }
  }
  if (text[14] != '4') return false;
  const char variant = text[19];
  return variant == '8' || variant == '9' || variant == 'a' || variant == 'b';
}

}  // namespace magtreg::core
