// Issue #20, single sign-on: the relying party's checks on the provider's discovery document and on ID
// tokens, one by one, with tokens signed here by cjose (real RSA and EC keys, real JWS).
#include <doctest/doctest.h>

#include <cjose/cjose.h>
#include <sodium.h>

#include <memory>
#include <string>

#include "sync/oidc.hpp"

using namespace magtreg;
using namespace magtreg::sync;
using nlohmann::json;

namespace {

struct Key {
  explicit Key(const char* kid, bool ec = false) {
    cjose_err err{};
    static const uint8_t e[] = {0x01, 0x00, 0x01};
    jwk = ec ? cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &err) : cjose_jwk_create_RSA_random(2048, e, sizeof e, &err);
    REQUIRE(jwk != nullptr);
    REQUIRE(cjose_jwk_set_kid(jwk, kid, std::strlen(kid), &err));
    this->kid = kid;
  }
  ~Key() { cjose_jwk_release(jwk); }
  json public_jwk() const {
    cjose_err err{};
    char* text = cjose_jwk_to_json(jwk, false, &err);
    json j = json::parse(text);
    free(text);
    return j;
  }
  // A compact JWS of `claims` signed with this key under `alg`.
  std::string sign(const json& claims, const char* alg = "RS256") const {
    cjose_err err{};
    cjose_header_t* header = cjose_header_new(&err);
    cjose_header_set(header, CJOSE_HDR_ALG, alg, &err);
    cjose_header_set(header, CJOSE_HDR_KID, kid.c_str(), &err);
    const std::string plain = claims.dump();
    cjose_jws_t* jws = cjose_jws_sign(jwk, header, reinterpret_cast<const uint8_t*>(plain.data()), plain.size(), &err);
    cjose_header_release(header);
    REQUIRE(jws != nullptr);
    const char* compact = nullptr;
    REQUIRE(cjose_jws_export(jws, &compact, &err));
    std::string out = compact;
    cjose_jws_release(jws);
    return out;
  }
  cjose_jwk_t* jwk = nullptr;
  std::string kid;
};

std::string b64url(const std::string& s) {
  std::string out(sodium_base64_ENCODED_LEN(s.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()), s.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

const oidc::Expected k_expected{"https://login.kommune.dk", "magtreg", "n-0S6_WzA2Mj", 1796600000};

json good_claims() {
  return {{"iss", k_expected.issuer}, {"aud", k_expected.client_id}, {"sub", "24400320"}, {"nonce", k_expected.nonce},
          {"iat", k_expected.now - 10}, {"exp", k_expected.now + 300}, {"preferred_username", "mette"}};
}

std::string error_of(const core::Result<json>& r) { return r ? std::string() : r.error().message; }

}  // namespace

TEST_CASE("an ID token is trusted only with a valid signature by the provider's key and the expected claims") {
  const Key key("k1");
  const Key other("k1");  // the same kid, another key: a forger's
  const std::string jwks = json{{"keys", json::array({key.public_jwk()})}}.dump();

  auto ok = oidc::verify_id_token(key.sign(good_claims()), jwks, k_expected);
  REQUIRE_MESSAGE(ok, error_of(ok));
  CHECK((*ok)["sub"] == "24400320");

  CHECK(error_of(oidc::verify_id_token(other.sign(good_claims()), jwks, k_expected)).find("signatur") != std::string::npos);
  // A payload changed after signing.
  std::string token = key.sign(good_claims());
  const auto dot = token.find('.');
  std::string forged_claims = good_claims().dump();
  forged_claims.replace(forged_claims.find("24400320"), 8, "99999999");
  const std::string tampered = token.substr(0, dot + 1) + b64url(forged_claims) + token.substr(token.rfind('.'));
  auto t = oidc::verify_id_token(tampered, jwks, k_expected);
  CHECK_FALSE(t);
  CHECK(t.error().code == core::ErrorCode::SsoFailed);
  // "none" and shared-secret algorithms are never accepted, whatever the key set holds.
  const std::string none = b64url(R"({"alg":"none","kid":"k1"})") + "." + b64url(good_claims().dump()) + ".";
  CHECK(error_of(oidc::verify_id_token(none, jwks, k_expected)).find("'none' accepteres ikke") != std::string::npos);
  const std::string hs = b64url(R"({"alg":"HS256","kid":"k1"})") + "." + b64url(good_claims().dump()) + ".c2ln";
  CHECK(error_of(oidc::verify_id_token(hs, jwks, k_expected)).find("'HS256' accepteres ikke") != std::string::npos);
  // A key of the right kind but another kid is not used.
  const Key unknown("k2");
  const std::string both = json{{"keys", json::array({key.public_jwk(), unknown.public_jwk()})}}.dump();
  CHECK(oidc::verify_id_token(unknown.sign(good_claims()), both, k_expected));
  CHECK_FALSE(oidc::verify_id_token(unknown.sign(good_claims()), jwks, k_expected));
  // An EC key (ES256) verifies; an RS256 header over an EC key set does not.
  const Key ec("e1", true);
  const std::string ec_set = json{{"keys", json::array({ec.public_jwk()})}}.dump();
  CHECK(oidc::verify_id_token(ec.sign(good_claims(), "ES256"), ec_set, k_expected));
  CHECK_FALSE(oidc::verify_id_token(key.sign(good_claims()), ec_set, k_expected));
  CHECK_FALSE(oidc::verify_id_token("not.a.token", jwks, k_expected));
  CHECK_FALSE(oidc::verify_id_token(key.sign(good_claims()), "{\"keys\": 5}", k_expected));
}

TEST_CASE("an ID token for another audience, issuer, login or time is refused with the reason") {
  const Key key("k1");
  const std::string jwks = json{{"keys", json::array({key.public_jwk()})}}.dump();
  auto with = [&](const char* claim, const json& value) {
    json c = good_claims();
    if (value.is_null())
      c.erase(claim);
    else
      c[claim] = value;
    return error_of(oidc::verify_id_token(key.sign(c), jwks, k_expected));
  };
  CHECK(with("aud", "another-app").find("ikke udstedt til Magtreg") != std::string::npos);
  CHECK(with("aud", json::array({"another-app", "magtreg"})).find("flere modtagere") != std::string::npos);
  json azp = good_claims();
  azp["aud"] = json::array({"another-app", "magtreg"});
  azp["azp"] = "magtreg";
  CHECK(oidc::verify_id_token(key.sign(azp), jwks, k_expected));
  CHECK(with("iss", "https://evil.example").find("en anden end kommunens udbyder") != std::string::npos);
  CHECK(with("exp", k_expected.now - 121).find("udløbet") != std::string::npos);
  CHECK(with("exp", k_expected.now - 100).empty());  // within the clock skew
  CHECK(with("exp", "tomorrow").find("udløbet") != std::string::npos);
  CHECK(with("iat", k_expected.now + 3600).find("i fremtiden") != std::string::npos);
  CHECK(with("nonce", "replayed-nonce").find("nonce") != std::string::npos);
  CHECK(with("nonce", nullptr).find("nonce") != std::string::npos);
  CHECK(with("sub", "").find("sub") != std::string::npos);
  CHECK(with("sub", 42).find("sub") != std::string::npos);
}

TEST_CASE("the provider's discovery document: its own issuer, https endpoints, the code flow with S256") {
  const json good = {{"issuer", "https://login.kommune.dk"},
                     {"authorization_endpoint", "https://login.kommune.dk/auth"},
                     {"token_endpoint", "https://login.kommune.dk/token"},
                     {"jwks_uri", "https://login.kommune.dk/jwks"},
                     {"response_types_supported", {"code", "id_token"}},
                     {"code_challenge_methods_supported", {"S256"}}};
  auto p = oidc::parse_discovery(good.dump(), "https://login.kommune.dk");
  REQUIRE(p);
  CHECK(p->token_endpoint == "https://login.kommune.dk/token");
  CHECK_FALSE(oidc::parse_discovery(good.dump(), "https://login.kommune.dk/other"));
  json plain = good;
  plain["token_endpoint"] = "http://login.kommune.dk/token";
  CHECK(oidc::parse_discovery(plain.dump(), "https://login.kommune.dk").error().message.find("ikke https") != std::string::npos);
  json local = good;
  for (const char* k : {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"})
    local[k] = "http://127.0.0.1:9000" + std::string(k == std::string("issuer") ? "" : "/x");
  CHECK(oidc::parse_discovery(local.dump(), "http://127.0.0.1:9000"));
  json no_pkce = good;
  no_pkce["code_challenge_methods_supported"] = {"plain"};
  CHECK(oidc::parse_discovery(no_pkce.dump(), "https://login.kommune.dk").error().message.find("S256") != std::string::npos);
  CHECK_FALSE(oidc::parse_discovery("[]", "https://login.kommune.dk"));
}

TEST_CASE("PKCE S256 and the random values of a login") {
  // RFC 7636, appendix B.
  CHECK(oidc::pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  const std::string a = oidc::random_token(), b = oidc::random_token();
  CHECK(a.size() == 43);
  CHECK(a != b);
  CHECK(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
  CHECK(oidc::url_encode("https://a.dk/cb?x=1 2&æ") == "https%3A%2F%2Fa.dk%2Fcb%3Fx%3D1%202%26%C3%A6");
}
