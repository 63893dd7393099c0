// The tablet's offline unlock verifier (core/client/password_verifier) against published vectors and
// malformed input, and the choice of registration forms by intervention day (core/client/form_choice).
#include <doctest/doctest.h>

#include <string>

#include "core/client/form_choice.hpp"
#include "core/client/password_verifier.hpp"
#include "core/forms/catalogue.hpp"

namespace client = magtreg::core::client;
using magtreg::core::forms::Catalogue;

// [SECTION] password verifier
TEST_CASE("password verifier: HMAC-SHA-256 and PBKDF2-HMAC-SHA-256 match published vectors") {
  // RFC 4231 test case 2.
  CHECK(client::hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // RFC 7914 section 11 (PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1): the first 32 bytes.
  CHECK(client::pbkdf2_sha256_hex("passwd", "salt", 1) ==
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
  // P="Password", S="NaCl", c=80000: the first 32 bytes.
  CHECK(client::pbkdf2_sha256_hex("Password", "NaCl", 80000) ==
        "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
}

TEST_CASE("password verifier: right, wrong and malformed") {
  const std::string v = client::make_password_verifier("Magtreg-demo-2026 æøå", 1000);
  CHECK(v.rfind("pbkdf2-sha256$1000$", 0) == 0);
  SUBCASE("the right password") { CHECK(client::check_password_verifier(v, "Magtreg-demo-2026 æøå")); }
  SUBCASE("wrong passwords") {
    CHECK_FALSE(client::check_password_verifier(v, "Magtreg-demo-2026 æøa"));
    CHECK_FALSE(client::check_password_verifier(v, ""));
    CHECK_FALSE(client::check_password_verifier(v, "magtreg-demo-2026 æøå"));
  }
  SUBCASE("a fresh salt each time: the same password gives another verifier") {
    const std::string w = client::make_password_verifier("Magtreg-demo-2026 æøå", 1000);
    CHECK(w != v);
    CHECK(client::check_password_verifier(w, "Magtreg-demo-2026 æøå"));
  }
  SUBCASE("malformed verifiers never match") {
    const std::string pw = "Magtreg-demo-2026 æøå";
    CHECK_FALSE(client::check_password_verifier("", pw));
    CHECK_FALSE(client::check_password_verifier("pbkdf2-sha256$1000$", pw));
    CHECK_FALSE(client::check_password_verifier("pbkdf2-sha1" + v.substr(13), pw));
    CHECK_FALSE(client::check_password_verifier("pbkdf2-sha256$abc" + v.substr(v.find('$', 14)), pw));
    CHECK_FALSE(client::check_password_verifier("pbkdf2-sha256$0" + v.substr(v.find('$', 14)), pw));
    CHECK_FALSE(client::check_password_verifier(v.substr(0, v.size() - 2), pw));  // hash cut short
    CHECK_FALSE(client::check_password_verifier(v + "00", pw));                    // hash too long
    std::string not_hex = v;
    not_hex.back() = 'g';
    CHECK_FALSE(client::check_password_verifier(not_hex, pw));
    CHECK_FALSE(client::check_password_verifier(v + "$extra", pw));
  }
}

// [SECTION] form choice
TEST_CASE("form choice: the set in force on the intervention day and the target group's forms") {
  const auto& cat = Catalogue::builtin();
  const std::string today = "2026-11-23";
  auto ids = [](const client::FormChoice& c) {
    std::string out;
    for (const auto* m : c.forms) out += (out.empty() ? "" : ",") + m->id;
    return out;
  };
  SUBCASE("handicap on the 2020 set's last day: Skema 1 a") {
    auto c = client::choose_registration_forms(cat, "handicap", "2024-06-30", today);
    CHECK(ids(c) == "2020-1a");
    CHECK(c.refusal.empty());
    CHECK(c.set_name.rfind("Skemaer 2020", 0) == 0);
  }
  SUBCASE("demens in the 2020 set: Skema 1 b") {
    CHECK(ids(client::choose_registration_forms(cat, "demens", "2021-03-01", today)) == "2020-1b");
  }
  SUBCASE("the 2024 set from its first day") {
    auto c = client::choose_registration_forms(cat, "handicap", "2024-07-01", today);
    REQUIRE_FALSE(c.forms.empty());
    for (const auto* m : c.forms) CHECK(m->set == "2024");
    CHECK(c.set_name.rfind("Skemaer 2024", 0) == 0);
  }
  SUBCASE("children: the children's form, whatever the day") {
    auto c = client::choose_registration_forms(cat, "boern", "2019-05-01", today);
    REQUIRE_FALSE(c.forms.empty());
    for (const auto* m : c.forms) CHECK(m->set == "boern");
  }
}

TEST_CASE("form choice: refusals in Danish") {
  const auto& cat = Catalogue::builtin();
  SUBCASE("not a date") {
    auto c = client::choose_registration_forms(cat, "handicap", "14.05.2024", "2026-11-23");
    CHECK(c.forms.empty());
    CHECK(c.refusal == "Skriv dagen for indgrebet som dd.mm.åååå.");
  }
  SUBCASE("a day after today") {
    auto c = client::choose_registration_forms(cat, "handicap", "2026-11-24", "2026-11-23");
    CHECK(c.forms.empty());
    CHECK(c.refusal.find("(24.11.2026) ligger efter i dag") != std::string::npos);
  }
  SUBCASE("today is allowed") {
    CHECK_FALSE(client::choose_registration_forms(cat, "handicap", "2026-11-23", "2026-11-23").forms.empty());
  }
  SUBCASE("before every adult set: only the children's set is in force") {
    auto c = client::choose_registration_forms(cat, "handicap", "2019-12-31", "2026-11-23");
    CHECK(c.forms.empty());
    CHECK(c.refusal.find("Skemaerne i kraft den 31.12.2019") == 0);
    CHECK(c.refusal.find("intet registreringsskema for målgruppen handicap (kap. 24 og 24 a)") != std::string::npos);
  }
  SUBCASE("labels") {
    CHECK(client::target_group_label("boern") == "børn og unge");
    CHECK(client::target_group_label("ukendt") == "ukendt");
  }
}
