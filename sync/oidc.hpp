// Single sign-on with the municipality's identity provider over OpenID Connect (issue #20): the relying
// party's checks, kept free of HTTP so they can be tested one by one. The authorization code flow with
// PKCE (S256): the server discovers the provider (`parse_discovery`), sends the browser there with a
// state, a nonce and a code challenge, exchanges the code it gets back, and trusts the ID token only when
// `verify_id_token` says so. Signatures are checked by cjose (Cisco's JOSE library, Debian libcjose); this
// file decides which keys and algorithms are acceptable and checks the claims (OpenID Connect Core 1.0,
// 3.1.3.7). docs/operations.md has the provider's set-up.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/util/result.hpp"
#include "sync/clock.hpp"

namespace magtreg::sync::oidc {

// The provider's endpoints from its discovery document.
struct ProviderInfo {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
};

// Reads /.well-known/openid-configuration. The document's issuer must be `expected_issuer` exactly, its
// endpoints https (http only when the issuer itself is on 127.0.0.1 or localhost, for tests and a local
// provider), and it must offer the code flow with S256. SSO_FAILED naming what is wrong otherwise.
core::Result<ProviderInfo> parse_discovery(std::string_view document, std::string_view expected_issuer);

// SSO_FAILED with the reason, as every refusal of the municipality's login says it.
core::Error sso_failed(const std::string& why);
// A member's text, or empty when it is missing or not a string (never throws on a hostile type).
std::string text_member(const nlohmann::json& object, const char* key);

// `bytes` random bytes as base64url without padding (state, nonce, PKCE verifier).
std::string random_token(std::size_t bytes = 32);
// The PKCE S256 challenge of a verifier: base64url(SHA-256(verifier)).
std::string pkce_challenge(std::string_view verifier);
// Percent-encodes a query value (RFC 3986 unreserved characters stay).
std::string url_encode(std::string_view value);

// What an ID token must match.
struct Expected {
  std::string issuer;
  std::string client_id;
  std::string nonce;
  UnixSeconds now = 0;
  long skew_seconds = 120;  // clocks disagree a little
};

// The token's claims when its signature verifies with a key of `jwks` (a JSON Web Key Set) under an
// asymmetric algorithm (RS*, PS*, ES*; never "none" or a shared-secret HS*), and iss, aud (and azp when
// there are several audiences), exp, iat, nonce and sub are as expected. SSO_FAILED naming the first
// check that failed otherwise.
core::Result<nlohmann::json> verify_id_token(std::string_view compact, std::string_view jwks, const Expected& expected);

}  // namespace magtreg::sync::oidc
