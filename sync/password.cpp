// Argon2id password hashing and random tokens via libsodium.
#include "sync/password.hpp"

#include <sodium.h>

#include <cstdlib>

namespace magtreg::sync {
namespace {
bool sodium_ready() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}
}  // namespace

std::optional<std::string> hash_password(std::string_view password) {
  if (!sodium_ready()) return std::nullopt;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return std::nullopt;
  return std::string(out);
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  if (!sodium_ready() || stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string hash(stored_hash);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& dummy_password_hash() {
  static const std::string hash = hash_password(random_token()).value_or(std::string());
  return hash;
}

std::string password_policy_problem(std::string_view password) {
  // Counted in code points, not bytes: "æøå" is three characters.
  std::size_t chars = 0;
  for (unsigned char c : password)
    if ((c & 0xC0) != 0x80) ++chars;
  if (chars < 10) return "Adgangskoden skal være på mindst 10 tegn.";
  if (chars > 128) return "Adgangskoden må højst være på 128 tegn.";
  return {};
}

std::string random_token() {
  sodium_ready();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex, 64);
}

}  // namespace magtreg::sync
