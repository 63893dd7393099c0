// The tablet's offline unlock: a local verifier of the user's password, so a user who already had a
// session on this tablet can unlock it with no network. PBKDF2-HMAC-SHA-256 (RFC 8018) over core's
// SHA-256, a random 128-bit salt and k_verifier_iterations rounds; stored as
// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>". It never leaves the tablet and is not the server's
// Argon2id hash: it only guards the local copy, which the browser's storage already holds in clear.
#pragma once

#include <string>
#include <string_view>

namespace magtreg::core::client {

inline constexpr int k_verifier_iterations = 60000;

// PBKDF2-HMAC-SHA-256 with a 32-byte output, as lowercase hex.
std::string pbkdf2_sha256_hex(std::string_view password, std::string_view salt, int iterations);
// HMAC-SHA-256 as lowercase hex (RFC 2104).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// A new verifier with a fresh random salt.
std::string make_password_verifier(std::string_view password, int iterations = k_verifier_iterations);
// True when `password` matches; false for any malformed verifier.
bool check_password_verifier(std::string_view verifier, std::string_view password);

}  // namespace magtreg::core::client
