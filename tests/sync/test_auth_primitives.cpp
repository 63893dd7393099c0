// Password hashing, tokens and login throttling.
#include <doctest/doctest.h>

#include <initializer_list>
#include <set>

#include "sync/password.hpp"
#include "sync/hash_gate.hpp"
#include "sync/rate_limiter.hpp"

using namespace magtreg::sync;

TEST_CASE("passwords are stored as Argon2id and verify only with the right password") {
  auto hash = hash_password("Rødgrød med fløde 42");
  REQUIRE(hash.has_value());
  CHECK(hash->rfind("$argon2id$", 0) == 0);
  CHECK(hash->find("m=65536,t=2") != std::string::npos);
  CHECK(verify_password(*hash, "Rødgrød med fløde 42"));
  CHECK_FALSE(verify_password(*hash, "rødgrød med fløde 42"));
  CHECK_FALSE(verify_password(*hash, ""));
  CHECK_FALSE(verify_password("", "Rødgrød med fløde 42"));
  CHECK_FALSE(verify_password("not a hash", "x"));
  // Salted: the same password twice gives two different hashes.
  CHECK(*hash_password("Rødgrød med fløde 42") != *hash);
}

TEST_CASE("password policy counts characters, not bytes") {
  CHECK_FALSE(password_policy_problem("kort").empty());
  CHECK_FALSE(password_policy_problem("blåbærgrø").empty());  // 9 characters, 12 bytes
  CHECK(password_policy_problem("blåbærgrød").empty());       // 10 characters
  std::string long_one;
  for (int i = 0; long_one.size() < 128; ++i) long_one += "Hest-" + std::to_string(i * 7919) + "-";
  long_one.resize(128);
  CHECK(password_policy_problem(long_one).empty());
  CHECK_FALSE(password_policy_problem(long_one + "x").empty());
}

// Issue 12, medium 10: NIST SP 800-63B's blocklist checks, as a table. The list is the real one that
// scripts/setup.sh fetches (pinned and checksummed) and the build compiles in.
TEST_CASE("password policy refuses common, repetitive and sequential passwords and the username") {
  CHECK(is_common_password("password"));
  CHECK(is_common_password("QWERTYUIOP"));  // compared in lower case
  CHECK(is_common_password("1q2w3e4r5t"));
  struct Row {
    const char* password;
    const char* username;
    bool accepted;
  };
  for (const Row& r : std::initializer_list<Row>{
           {"aaaaaaaaaa", "", false},            // one character repeated
           {"password12", "", false},            // a common password with digits appended
           {"Password123!", "", false},
           {"!!basketball2026", "", false},
           {"qwertyuiop", "", false},            // on the list as it is
           {"1234567890", "", false},            // sequential
           {"abcdefghijk", "", false},
           {"9876543210", "", false},
           {"abababababab", "", false},          // a short pattern repeated
           {"xyzxyzxyzx", "", false},
           {"aaaaabbbbb", "", false},            // too few different characters
           {"mette.hansen-2026", "mette.hansen", false},  // contains the username
           {"Sommer-METTE-hus", "mette", false},
           {"Korrekt-Hest-Batteri-7", "mette", true},
           {"Et-langt-kodeord-2026", "bo", true},  // a username under 3 characters is not searched for
           {"blåbærgrød med fløde", "", true},
       }) {
    CAPTURE(r.password);
    CHECK(password_policy_problem(r.password, r.username).empty() == r.accepted);
  }
}

TEST_CASE("session tokens are 64 hex characters and do not repeat") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto t = random_token();
    CHECK(t.size() == 64);
    CHECK(t.find_first_not_of("0123456789abcdef") == std::string::npos);
    seen.insert(t);
  }
  CHECK(seen.size() == 200);
}

TEST_CASE("rate limiter blocks after the maximum failures within the window") {
  using namespace std::chrono;
  RateLimiter rl(3, seconds(60));
  auto t0 = RateLimiter::Clock::time_point{} + hours(1);
  CHECK(rl.allowed("user:anna", t0));
  rl.record_failure("user:anna", t0);
  rl.record_failure("user:anna", t0 + seconds(10));
  CHECK(rl.allowed("user:anna", t0 + seconds(11)));
  rl.record_failure("user:anna", t0 + seconds(20));
  CHECK_FALSE(rl.allowed("user:anna", t0 + seconds(21)));
  CHECK(rl.retry_after("user:anna", t0 + seconds(21)) == 40);
  CHECK(rl.allowed("user:bo", t0 + seconds(21)));  // other keys unaffected

  SUBCASE("the window slides") {
    CHECK_FALSE(rl.allowed("user:anna", t0 + seconds(59)));
    CHECK(rl.allowed("user:anna", t0 + seconds(60)));  // the first failure has left the window
  }
  SUBCASE("a reservation counts at once and can be given back") {
    auto t1 = t0 + seconds(30);
    rl.reset("user:anna");
    CHECK(rl.try_reserve("user:anna", t1));
    CHECK(rl.try_reserve("user:anna", t1));
    CHECK(rl.try_reserve("user:anna", t1 + seconds(1)));
    CHECK_FALSE(rl.try_reserve("user:anna", t1 + seconds(1)));  // the fourth, while three are being checked
    rl.release("user:anna", t1);
    CHECK(rl.try_reserve("user:anna", t1 + seconds(2)));
    CHECK_FALSE(rl.allowed("user:anna", t1 + seconds(2)));
  }
  SUBCASE("a success resets the account") {
    rl.reset("user:anna");
    CHECK(rl.allowed("user:anna", t0 + seconds(21)));
    CHECK(rl.retry_after("user:anna", t0 + seconds(21)) == 0);
  }
}

TEST_CASE("a delay limiter lets its free failures through, then doubles the wait after each, never locking for longer than its cap") {
  using namespace std::chrono;
  RateLimiter rl(3, minutes(15), RateLimiter::Kind::Delay, seconds(60));
  auto t = RateLimiter::Clock::time_point{} + hours(1);
  for (int i = 0; i < 3; ++i) CHECK(rl.try_reserve("user:anna", t));  // three free, at once
  // Then 1 s, 2 s, 4 s ... after the previous failure.
  for (long wait : {1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L}) {
    CAPTURE(wait);
    CHECK_FALSE(rl.try_reserve("user:anna", t + seconds(wait) - milliseconds(1)));
    CHECK(rl.retry_after("user:anna", t + seconds(wait) - milliseconds(1)) == 1);
    CHECK(rl.retry_after("user:anna", t) == wait + 1);  // whole seconds, rounded up past the instant
    t += seconds(wait);
    CHECK(rl.try_reserve("user:anna", t));
  }
  CHECK(rl.allowed("user:bo", t));  // other keys unaffected
  // Quiet for the window: the count starts again.
  CHECK(rl.try_reserve("user:anna", t + minutes(15) + seconds(1)));
  CHECK(rl.try_reserve("user:anna", t + minutes(15) + seconds(1)));
  // A success resets it at once.
  rl.reset("user:anna");
  CHECK(rl.retry_after("user:anna", t) == 0);
}

TEST_CASE("the hash gate admits at most its bound at once and refuses after its wait") {
  using namespace std::chrono;
  HashGate gate(2);
  {
    auto a = gate.enter(milliseconds(0));
    auto b = gate.enter(milliseconds(0));
    REQUIRE(a);
    REQUIRE(b);
    CHECK_FALSE(gate.enter(milliseconds(20)));
    CHECK(gate.peak() == 2);
  }
  CHECK(gate.enter(milliseconds(0)));
  CHECK(gate.admitted() == 3);
}
