// PBKDF2-HMAC-SHA-256 for the offline unlock verifier.
#include "core/client/password_verifier.hpp"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "core/util/sha256.hpp"
#include "core/util/uuid.hpp"

namespace magtreg::core::client {
namespace {

using Digest = std::array<std::uint8_t, 32>;

// HMAC with the key's inner and outer pad states computed once (PBKDF2 reuses them every round).
class Hmac {
 public:
  explicit Hmac(std::string_view key) {
    std::array<std::uint8_t, 64> block{};
    if (key.size() > 64) {
      Sha256 h;
      h.update(key);
      Digest d = h.finish();
      for (std::size_t i = 0; i < d.size(); ++i) block[i] = d[i];
    } else {
      for (std::size_t i = 0; i < key.size(); ++i) block[i] = static_cast<std::uint8_t>(key[i]);
    }
    std::array<std::uint8_t, 64> ipad{}, opad{};
    for (std::size_t i = 0; i < 64; ++i) {
      ipad[i] = block[i] ^ 0x36;
      opad[i] = block[i] ^ 0x5c;
    }
    m_inner.update(ipad.data(), ipad.size());
    m_outer.update(opad.data(), opad.size());
  }
  Digest mac(const void* data, std::size_t size) const {
    Sha256 in = m_inner;
    in.update(data, size);
    Digest d = in.finish();
    Sha256 out = m_outer;
    out.update(d.data(), d.size());
    return out.finish();
  }

 private:
  Sha256 m_inner, m_outer;
};

bool is_hex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return !s.empty();
}

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    auto nib = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    out.push_back(static_cast<char>(nib(hex[i]) * 16 + nib(hex[i + 1])));
  }
  return out;
}

}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  return to_hex(Hmac(key).mac(message.data(), message.size()));
}

std::string pbkdf2_sha256_hex(std::string_view password, std::string_view salt, int iterations) {
  Hmac prf(password);
  // One output block (32 bytes = the digest size): U1 = PRF(salt || INT(1)), Ui = PRF(Ui-1).
  std::vector<std::uint8_t> first(salt.begin(), salt.end());
  first.insert(first.end(), {0, 0, 0, 1});
  Digest u = prf.mac(first.data(), first.size());
  Digest t = u;
  for (int i = 1; i < iterations; ++i) {
    u = prf.mac(u.data(), u.size());
    for (std::size_t k = 0; k < t.size(); ++k) t[k] ^= u[k];
  }
  return to_hex(t);
}

std::string make_password_verifier(std::string_view password, int iterations) {
  // 128 random bits from two v4 UUIDs' random nibbles (the UUID generator is the project's CSPRNG source).
  std::string raw;
  for (const auto& part : {new_uuid(), new_uuid()})
    for (char c : part)
      if (c != '-') raw.push_back(c);
  std::string salt_hex = raw.substr(0, 32);
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + salt_hex + "$" +
         pbkdf2_sha256_hex(password, from_hex(salt_hex), iterations);
}

bool check_password_verifier(std::string_view verifier, std::string_view password) {
  constexpr std::string_view prefix = "pbkdf2-sha256$";
  if (verifier.substr(0, prefix.size()) != prefix) return false;
  std::string_view rest = verifier.substr(prefix.size());
  auto d1 = rest.find('$');
  if (d1 == std::string_view::npos) return false;
  auto d2 = rest.find('$', d1 + 1);
  if (d2 == std::string_view::npos) return false;
  std::string iter_text(rest.substr(0, d1));
  std::string_view salt_hex = rest.substr(d1 + 1, d2 - d1 - 1), hash_hex = rest.substr(d2 + 1);
  if (iter_text.empty() || iter_text.size() > 7 || !is_hex(salt_hex) || salt_hex.size() % 2 || hash_hex.size() != 64)
    return false;
  for (char c : iter_text)
    if (c < '0' || c > '9') return false;
  int iterations = std::atoi(iter_text.c_str());
  if (iterations < 1) return false;
  std::string got = pbkdf2_sha256_hex(password, from_hex(salt_hex), iterations);
  // Constant-time comparison.
  unsigned diff = 0;
  for (std::size_t i = 0; i < 64; ++i) diff |= static_cast<unsigned>(got[i] ^ hash_hex[i]);
  return diff == 0;
}

}  // namespace magtreg::core::client
