// SHA-256 (FIPS 180-4) without OpenSSL, so the same code runs natively and in wasm: content hashes in
// the sync protocol and the audit log's hash chain.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace magtreg::core {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  // Finishes the hash; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish();

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> m_state{};
  std::array<std::uint8_t, 64> m_buffer{};
  std::size_t m_buffered = 0;
  std::uint64_t m_total_bytes = 0;
};

// Lowercase hex (64 characters) of the SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
std::string to_hex(const std::array<std::uint8_t, 32>& digest);
// Lowercase hex of any bytes (two characters each).
std::string to_hex(std::string_view bytes);

}  // namespace magtreg::core
