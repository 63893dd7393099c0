// Password hashing for accounts: Argon2id through libsodium, stored in libsodium's self-describing
// string format (algorithm, parameters and salt travel with the hash).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace magtreg::sync {

// Argon2id with t=2 and 64 MiB (libsodium's "interactive" limits), above OWASP's minimum (t=2, 19 MiB).
// Returns nullopt only when the system is out of memory.
std::optional<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view stored_hash, std::string_view password);
// The hash of a random password nobody knows, made once per process (call it at startup): a login for an
// unknown user, or one whose stored hash is unusable, verifies against it, so every refused login costs
// the same Argon2id work and timing does not tell which usernames exist.
const std::string& dummy_password_hash();
// Danish message when a new password is too weak, or empty when acceptable (NIST SP 800-63B 3.1.1.2):
// 10 to 128 characters; not on the common-password list (deps/passwords, compiled in), also with digits
// or punctuation appended ("password12"); not one character or a short pattern repeated ("aaaaaaaaaa",
// "abcabcabca"), not a run of sequential characters ("0123456789", "abcdefghij"), not containing the
// username.
std::string password_policy_problem(std::string_view password, std::string_view username = {});
// Whether `password` (compared in lower case) is on the common-password list. Exposed for the tests.
bool is_common_password(std::string_view password);

// 32 random bytes as 64 hex characters (session tokens), from libsodium's CSPRNG.
std::string random_token();

}  // namespace magtreg::sync
