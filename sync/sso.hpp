// Single sign-on through the municipality's identity provider (issue #20): the server side of the
// authorization code flow with PKCE, and who a signed-in person is in Magtreg.
//
//   GET  …/sso           {"enabled": true|false}: whether the login screen offers "Log ind med kommunens login"
//   GET  …/sso/start     302 to the provider, with state, nonce and the S256 code challenge
//   GET  …/sso/callback  the provider's answer: the code exchanged at the token endpoint, the ID token
//                              verified (sync/oidc.hpp), the person mapped to a user, then 302 to
//                              /#sso=HANDOFF (a one-time code, 60 s) or /#sso_error=CODE
//   POST …/sso/session   {"handoff": "..."} → the same answer as POST …/login
//
// Who the person is: their identity at the provider (issuer and `sub`) is kept on their user, created at
// their first login. Their role, municipality and institutions come from the values of the provider's
// group claim through the table the administrator keeps (`magtreg sso map`), at every login: a person
// whose groups map to no role, or to two different roles, is refused (SSO_ROLE_UNKNOWN).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/user.hpp"
#include "core/storage/database.hpp"
#include "core/util/result.hpp"
#include "sync/oidc.hpp"

namespace magtreg::sync {

struct SsoSettings {
  std::string issuer;         // empty: single sign-on is off
  std::string client_id;
  std::string client_secret;  // read from the configured file
  std::string redirect_uri;   // the public address of …/sso/callback
  std::string group_claim = "groups";
  bool enabled() const { return !issuer.empty(); }
};

// One row of the administrator's table: a value of the group claim and what it gives.
struct SsoRoleMapping {
  std::string claim_value;
  core::Role role = core::Role::Staff;
  std::string municipality_id;
  std::vector<std::string> institution_ids;
};

core::Status put_sso_mapping(core::storage::Database& db, const SsoRoleMapping& mapping);
core::Result<bool> remove_sso_mapping(core::storage::Database& db, const std::string& claim_value);
core::Result<std::vector<SsoRoleMapping>> list_sso_mappings(core::storage::Database& db);

// The user for verified `claims` from `issuer`: their role, municipality and institutions from the table,
// made at the first login and brought up to date at every later one. SSO_ROLE_UNKNOWN when the groups map
// to no role or to different ones; UNAUTHENTICATED when an administrator disabled the user.
core::Result<core::model::User> sso_user(core::storage::Database& db, const std::string& issuer,
                                         const nlohmann::json& claims, const std::string& group_claim);

// The flow's state between the browser's trips, in memory: a login started here is finished here.
class SsoFlow {
 public:
  explicit SsoFlow(SsoSettings settings) : m_settings(std::move(settings)) {}
  const SsoSettings& settings() const { return m_settings; }

  // The provider's address to send the browser to, with a new state, nonce and code challenge.
  core::Result<std::string> begin();
  // The verified claims of the login `state` began; the state is used up whatever the outcome.
  core::Result<nlohmann::json> finish(const std::string& code, const std::string& state);
  // A one-time code for a finished login's answer (the body of POST …/login's answer).
  std::string hand_off(nlohmann::json answer);
  std::optional<nlohmann::json> take_handoff(const std::string& code);

 private:
  struct Pending {
    std::string nonce, verifier;
    std::chrono::steady_clock::time_point at;
  };
  struct Handoff {
    nlohmann::json answer;
    std::chrono::steady_clock::time_point at;
  };
  core::Result<oidc::ProviderInfo> provider();
  core::Result<std::string> jwks(bool refresh);
  void expire(std::chrono::steady_clock::time_point now);

  SsoSettings m_settings;
  std::mutex m_mutex;
  std::optional<oidc::ProviderInfo> m_provider;
  std::string m_jwks;
  std::map<std::string, Pending> m_pending;   // by state
  std::map<std::string, Handoff> m_handoffs;  // by code
};

}  // namespace magtreg::sync
