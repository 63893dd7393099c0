// UUID v4 generation and checking. The generator is seeded from std::random_device, which reads the
// OS entropy source natively and crypto.getRandomValues in the browser.
#include "core/util/uuid.hpp"

#include <array>
#include <cstdint>
#include <random>

#include "core/util/sha256.hpp"

namespace magtreg::core {
namespace {

std::mt19937_64& generator() {
  // Ids need uniqueness, not secrecy: a 64-bit Mersenne Twister seeded with 256 bits of OS entropy
  // per thread makes collisions between devices as unlikely as with a CSPRNG, at a fraction of the cost.
  thread_local std::mt19937_64 gen = [] {
    std::random_device rd;
    std::array<std::uint32_t, 8> seed{};
    for (auto& s : seed) s = rd();
    std::seed_seq seq(seed.begin(), seed.end());
    return std::mt19937_64(seq);
  }();
  return gen;
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
  auto& gen = generator();
  const std::uint64_t hi = gen();
  const std::uint64_t lo = gen();
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<std::uint8_t>(hi >> (8 * (7 - i)));
    bytes[8 + i] = static_cast<std::uint8_t>(lo >> (8 * (7 - i)));
  }
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
