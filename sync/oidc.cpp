#include "sync/oidc.hpp"

#include <cjose/cjose.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <memory>

#include "core/util/error.hpp"
#include "core/util/json_text.hpp"

namespace magtreg::sync::oidc {
namespace {

using core::Error;
using core::ErrorCode;
using nlohmann::json;

std::string base64url(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// scheme://host[:port] of an absolute URL; empty when it has none.
std::string origin_host(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  auto rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') return std::string(rest.substr(0, rest.find(']') + 1));
  return std::string(rest.substr(0, rest.find(':')));
}

bool is_local(std::string_view url) {
  const std::string host = origin_host(url);
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

bool is_https(std::string_view url) { return url.rfind("https://", 0) == 0; }

struct JwsDeleter {
  void operator()(cjose_jws_t* p) const { cjose_jws_release(p); }
};
struct JwkDeleter {
  void operator()(cjose_jwk_t* p) const { cjose_jwk_release(p); }
};

// The key type an algorithm needs; empty for one that is never accepted.
std::string_view key_type_for(std::string_view alg) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> k_accepted = {{
      {"RS256", "RSA"}, {"RS384", "RSA"}, {"RS512", "RSA"},
      {"PS256", "RSA"}, {"PS384", "RSA"}, {"PS512", "RSA"},
      {"ES256", "EC"},  {"ES384", "EC"},  {"ES512", "EC"},
  }};
  for (const auto& [a, kty] : k_accepted)
    if (a == alg) return kty;
  return {};
}

bool audience_has(const json& aud, const std::string& client_id) {
  if (aud.is_string()) return aud.get<std::string>() == client_id;
  if (!aud.is_array()) return false;
  return std::any_of(aud.begin(), aud.end(), [&](const json& a) { return a.is_string() && a.get<std::string>() == client_id; });
}

}  // namespace

core::Error sso_failed(const std::string& why) {
  return Error::make(ErrorCode::SsoFailed, "Kommunens login kunne ikke godkendes: " + why + ".");
}

std::string text_member(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

core::Result<ProviderInfo> parse_discovery(std::string_view document, std::string_view expected_issuer) {
  auto doc = core::parse_json_object(document);
  if (!doc) return sso_failed("udbyderens konfiguration kan ikke læses");
  ProviderInfo p;
  for (auto [key, out] : {std::pair{"issuer", &p.issuer}, std::pair{"authorization_endpoint", &p.authorization_endpoint},
                          std::pair{"token_endpoint", &p.token_endpoint}, std::pair{"jwks_uri", &p.jwks_uri}}) {
    auto it = doc->find(key);
    if (it == doc->end() || !it->is_string() || it->get<std::string>().empty())
      return sso_failed(std::string("udbyderens konfiguration mangler ") + key);
    *out = it->get<std::string>();
  }
  if (p.issuer != expected_issuer)
    return sso_failed("udbyderen oplyser udstederen " + p.issuer + ", ikke " + std::string(expected_issuer));
  const bool local = is_local(p.issuer);
  for (const std::string* url : {&p.issuer, &p.authorization_endpoint, &p.token_endpoint, &p.jwks_uri})
    if (!is_https(*url) && !(local && is_local(*url) && url->rfind("http://", 0) == 0))
      return sso_failed("udbyderens adresse " + *url + " er ikke https");
  auto list_has = [&](const char* key, const char* value, bool absent_ok) {
    auto it = doc->find(key);
    if (it == doc->end()) return absent_ok;
    if (!it->is_array()) return false;
    return std::any_of(it->begin(), it->end(), [&](const json& v) { return v.is_string() && v.get<std::string>() == value; });
  };
  if (!list_has("response_types_supported", "code", false)) return sso_failed("udbyderen tilbyder ikke code-flowet");
  if (!list_has("code_challenge_methods_supported", "S256", false)) return sso_failed("udbyderen tilbyder ikke PKCE med S256");
  return p;
}

std::string random_token(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return base64url(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

std::string pkce_challenge(std::string_view verifier) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size());
  return base64url(digest, sizeof digest);
}

std::string url_encode(std::string_view value) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

core::Result<json> verify_id_token(std::string_view compact, std::string_view jwks, const Expected& expected) {
  cjose_err err{};
  std::unique_ptr<cjose_jws_t, JwsDeleter> jws(cjose_jws_import(compact.data(), compact.size(), &err));
  if (!jws) return sso_failed("ID-token kan ikke læses");
  cjose_header_t* header = cjose_jws_get_protected(jws.get());
  const char* alg_text = header ? cjose_header_get(header, CJOSE_HDR_ALG, &err) : nullptr;
  const std::string alg = alg_text ? alg_text : "";
  const std::string_view kty = key_type_for(alg);
  if (kty.empty()) return sso_failed("ID-tokenets algoritme '" + alg + "' accepteres ikke");
  const char* kid_text = header ? cjose_header_get(header, CJOSE_HDR_KID, &err) : nullptr;
  const std::string kid = kid_text ? kid_text : "";

  auto set = core::parse_json_object(jwks);
  if (!set || !set->contains("keys") || !(*set)["keys"].is_array()) return sso_failed("udbyderens nøgler kan ikke læses");
  bool verified = false;
  for (const auto& key : (*set)["keys"]) {
    if (!key.is_object() || text_member(key, "kty") != kty) continue;
    if (!kid.empty() && text_member(key, "kid") != kid) continue;
    if (key.contains("use") && text_member(key, "use") != "sig") continue;
    if (key.contains("alg") && text_member(key, "alg") != alg) continue;
    const std::string text = key.dump();
    std::unique_ptr<cjose_jwk_t, JwkDeleter> jwk(cjose_jwk_import(text.c_str(), text.size(), &err));
    if (jwk && cjose_jws_verify(jws.get(), jwk.get(), &err)) {
      verified = true;
      break;
    }
  }
  if (!verified) return sso_failed("ID-tokenets signatur passer ikke med udbyderens nøgler");

  uint8_t* plain = nullptr;
  std::size_t plain_len = 0;
  if (!cjose_jws_get_plaintext(jws.get(), &plain, &plain_len, &err)) return sso_failed("ID-tokenets indhold kan ikke læses");
  auto claims = core::parse_json_object(std::string_view(reinterpret_cast<const char*>(plain), plain_len));
  if (!claims) return sso_failed("ID-tokenets indhold kan ikke læses");
  const json& c = *claims;
  if (text_member(c, "iss") != expected.issuer) return sso_failed("ID-tokenet er udstedt af en anden end kommunens udbyder");
  if (!c.contains("aud") || !audience_has(c["aud"], expected.client_id))
    return sso_failed("ID-tokenet er ikke udstedt til Magtreg");
  if (c["aud"].is_array() && c["aud"].size() > 1 && text_member(c, "azp") != expected.client_id)
    return sso_failed("ID-tokenet har flere modtagere og er ikke givet til Magtreg");
  if (!c.contains("exp") || !c["exp"].is_number() || c["exp"].get<double>() <= static_cast<double>(expected.now - expected.skew_seconds))
    return sso_failed("ID-tokenet er udløbet");
  if (!c.contains("iat") || !c["iat"].is_number() || c["iat"].get<double>() > static_cast<double>(expected.now + expected.skew_seconds))
    return sso_failed("ID-tokenet er udstedt i fremtiden");
  if (expected.nonce.empty() || text_member(c, "nonce") != expected.nonce)
    return sso_failed("ID-tokenet hører ikke til dette login (nonce)");
  if (!c.contains("sub") || !c["sub"].is_string() || c["sub"].get<std::string>().empty())
    return sso_failed("ID-tokenet mangler brugerens id (sub)");
  return *claims;
}

}  // namespace magtreg::sync::oidc
