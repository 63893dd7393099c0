#include "sync/sso.hpp"

#include <httplib.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "core/storage/transaction.hpp"
#include "core/util/error.hpp"
#include "core/util/json_text.hpp"
#include "core/util/sha256.hpp"
#include "core/util/uuid.hpp"
#include "sync/clock.hpp"
#include "sync/directory.hpp"

namespace magtreg::sync {
namespace {

namespace st = core::storage;
using core::Error;
using core::ErrorCode;
using nlohmann::json;

constexpr auto k_pending_life = std::chrono::minutes(10);  // from the provider's page back to us
constexpr auto k_handoff_life = std::chrono::seconds(60);  // from our redirect to the app's request
constexpr std::size_t k_max_pending = 10000;

// "https://host:port" and "/path?query" of an absolute URL.
std::pair<std::string, std::string> split_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto path_at = scheme_end == std::string::npos ? std::string::npos : url.find('/', scheme_end + 3);
  if (path_at == std::string::npos) return {url, "/"};
  return {url.substr(0, path_at), url.substr(path_at)};
}

std::unique_ptr<httplib::Client> client_for(const std::string& origin) {
  auto c = std::make_unique<httplib::Client>(origin);
  c->set_connection_timeout(5, 0);
  c->set_read_timeout(10, 0);
  c->set_write_timeout(10, 0);
  return c;
}

core::Result<std::string> fetch(const std::string& url, const char* what) {
  auto [origin, path] = split_url(url);
  auto c = client_for(origin);
  auto r = c->Get(path);
  if (!r) return oidc::sso_failed(std::string("udbyderens ") + what + " kunne ikke hentes (" + httplib::to_string(r.error()) + ")");
  if (r->status != 200) return oidc::sso_failed(std::string("udbyderens ") + what + " svarede " + std::to_string(r->status));
  return r->body;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
  return out;
}

std::vector<std::string> split_ids(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string id; in >> id;) out.push_back(id);
  return out;
}

}  // namespace

// [SECTION] the administrator's table
core::Status put_sso_mapping(st::Database& db, const SsoRoleMapping& m) {
  auto q = db.prepare(
      "INSERT INTO sso_role_map(claim_value, role, municipality_id, institution_ids) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT(claim_value) DO UPDATE SET role = ?2, municipality_id = ?3, institution_ids = ?4");
  if (!q) return q.error();
  q->bind(1, m.claim_value).bind(2, core::to_string(m.role)).bind(3, m.municipality_id).bind(4, join(m.institution_ids, " "));
  return q->run();
}

core::Result<bool> remove_sso_mapping(st::Database& db, const std::string& claim_value) {
  auto q = db.prepare("DELETE FROM sso_role_map WHERE claim_value = ?1");
  if (!q) return q.error();
  q->bind(1, claim_value);
  if (auto r = q->run(); !r) return r.error();
  return db.changes() > 0;
}

core::Result<std::vector<SsoRoleMapping>> list_sso_mappings(st::Database& db) {
  auto q = db.prepare("SELECT claim_value, role, municipality_id, institution_ids FROM sso_role_map ORDER BY claim_value");
  if (!q) return q.error();
  return q->collect<SsoRoleMapping>([](st::Statement& s) {
    return SsoRoleMapping{s.column_text(0), core::role_from_string(s.column_text(1)).value_or(core::Role::Staff),
                          s.column_text(2), split_ids(s.column_text(3))};
  });
}

// [SECTION] who a signed-in person is
core::Result<core::model::User> sso_user(st::Database& db, const std::string& issuer, const json& claims,
                                         const std::string& group_claim) {
  std::vector<std::string> groups;
  if (auto it = claims.find(group_claim); it != claims.end()) {
    if (it->is_string()) groups.push_back(it->get<std::string>());
    if (it->is_array())
      for (const auto& g : *it)
        if (g.is_string()) groups.push_back(g.get<std::string>());
  }
  auto all = list_sso_mappings(db);
  if (!all) return all.error();
  std::set<std::string> roles, municipalities, institutions;
  for (const auto& m : *all) {
    if (std::find(groups.begin(), groups.end(), m.claim_value) == groups.end()) continue;
    roles.insert(std::string(core::to_string(m.role)));
    municipalities.insert(m.municipality_id);
    institutions.insert(m.institution_ids.begin(), m.institution_ids.end());
  }
  std::vector<std::string> shown(groups.begin(), groups.begin() + static_cast<long>(std::min<std::size_t>(groups.size(), 10)));
  if (roles.empty())
    return Error::make(ErrorCode::SsoRoleUnknown,
                       "Du er logget ind hos kommunen, men ingen af dine grupper giver en rolle i Magtreg. Bed"
                       " administratoren om at knytte din gruppe til en rolle (dine grupper: " +
                           (shown.empty() ? std::string("ingen") : join(shown, ", ")) + ").");
  if (roles.size() > 1 || municipalities.size() > 1)
    return Error::make(ErrorCode::SsoRoleUnknown,
                       "Dine grupper hos kommunen giver flere forskellige roller i Magtreg (" +
                           join(std::vector<std::string>(roles.begin(), roles.end()), ", ") +
                           "). Bed administratoren om at rette tabellen, så du har én rolle.");
  const std::string subject = issuer + " " + oidc::text_member(claims, "sub");
  std::string display = oidc::text_member(claims, "name");
  if (display.empty()) display = oidc::text_member(claims, "preferred_username");
  if (display.empty()) display = oidc::text_member(claims, "sub");

  st::Transaction tx(db);
  if (!tx.begin_status()) return tx.begin_status().error();
  auto q = db.prepare("SELECT id, disabled FROM users WHERE sso_subject = ?1");
  if (!q) return q.error();
  q->bind(1, subject);
  auto has = q->step();
  if (!has) return has.error();
  std::string id = *has ? q->column_text(0) : std::string();
  const bool disabled = *has && q->column_bool(1);
  if (auto r = q->reset(); !r) return r.error();
  if (disabled) return Error::make(ErrorCode::Unauthenticated, "Din bruger er spærret i Magtreg. Kontakt administratoren.");
  if (id.empty()) {
    // A new user: named after the provider's username, told apart when a local account has the name.
    std::string username = oidc::text_member(claims, "preferred_username");
    if (username.empty()) username = oidc::text_member(claims, "email");
    const std::string tag = core::sha256_hex(subject).substr(0, 8);
    if (username.empty() || username.size() > 48) username = "sso-" + tag;
    auto taken = find_user_by_username(db, username);
    if (!taken) return taken.error();
    if (*taken) username += "-" + tag;
    id = core::new_uuid();
    auto insert = db.prepare(
        "INSERT INTO users(id, username, display_name, role, municipality_id, password_hash, disabled, sso_subject)"
        " VALUES (?1, ?2, ?3, ?4, ?5, '', 0, ?6)");
    if (!insert) return insert.error();
    insert->bind(1, id).bind(2, username).bind(3, display).bind(4, *roles.begin()).bind(5, *municipalities.begin()).bind(6, subject);
    if (auto r = insert->run(); !r) return r.error();
  } else {
    auto update = db.prepare("UPDATE users SET display_name = ?2, role = ?3, municipality_id = ?4 WHERE id = ?1");
    if (!update) return update.error();
    update->bind(1, id).bind(2, display).bind(3, *roles.begin()).bind(4, *municipalities.begin());
    if (auto r = update->run(); !r) return r.error();
    auto clear = db.prepare("DELETE FROM user_institutions WHERE user_id = ?1");
    if (!clear) return clear.error();
    clear->bind(1, id);
    if (auto r = clear->run(); !r) return r.error();
  }
  for (const auto& inst : institutions) {
    auto link = db.prepare("INSERT INTO user_institutions(user_id, institution_id) VALUES (?1, ?2)");
    if (!link) return link.error();
    link->bind(1, id).bind(2, inst);
    if (auto r = link->run(); !r) return r.error();
  }
  if (auto c = tx.commit(); !c) return c.error();
  auto user = find_user(db, id);
  if (!user) return user.error();
  if (!*user) return Error::make(ErrorCode::Internal, "Brugeren forsvandt under login.");
  return std::move(**user);
}

// [SECTION] the flow
core::Result<oidc::ProviderInfo> SsoFlow::provider() {
  {
    std::lock_guard lock(m_mutex);
    if (m_provider) return *m_provider;
  }
  std::string base = m_settings.issuer;
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto doc = fetch(base + "/.well-known/openid-configuration", "konfiguration");
  if (!doc) return doc.error();
  auto info = oidc::parse_discovery(*doc, m_settings.issuer);
  if (!info) return info.error();
  std::lock_guard lock(m_mutex);
  m_provider = *info;
  return *info;
}

core::Result<std::string> SsoFlow::jwks(bool refresh) {
  {
    std::lock_guard lock(m_mutex);
    if (!refresh && !m_jwks.empty()) return m_jwks;
  }
  auto p = provider();
  if (!p) return p.error();
  auto keys = fetch(p->jwks_uri, "nøgler");
  if (!keys) return keys.error();
  std::lock_guard lock(m_mutex);
  m_jwks = *keys;
  return *keys;
}

void SsoFlow::expire(std::chrono::steady_clock::time_point now) {
  for (auto it = m_pending.begin(); it != m_pending.end();)
    it = now - it->second.at > k_pending_life ? m_pending.erase(it) : std::next(it);
  for (auto it = m_handoffs.begin(); it != m_handoffs.end();)
    it = now - it->second.at > k_handoff_life ? m_handoffs.erase(it) : std::next(it);
}

core::Result<std::string> SsoFlow::begin() {
  auto p = provider();
  if (!p) return p.error();
  const std::string state = oidc::random_token(), nonce = oidc::random_token(), verifier = oidc::random_token();
  {
    std::lock_guard lock(m_mutex);
    const auto now = std::chrono::steady_clock::now();
    expire(now);
    if (m_pending.size() >= k_max_pending)
      return Error::make(ErrorCode::ServerBusy, "Der logger mange ind lige nu. Prøv igen om et øjeblik.");
    m_pending[state] = {nonce, verifier, now};
  }
  const char* sep = p->authorization_endpoint.find('?') == std::string::npos ? "?" : "&";
  return p->authorization_endpoint + sep + "response_type=code&client_id=" + oidc::url_encode(m_settings.client_id) +
         "&redirect_uri=" + oidc::url_encode(m_settings.redirect_uri) + "&scope=" + oidc::url_encode("openid profile") +
         "&state=" + state + "&nonce=" + nonce + "&code_challenge=" + oidc::pkce_challenge(verifier) +
         "&code_challenge_method=S256";
}

core::Result<json> SsoFlow::finish(const std::string& code, const std::string& state) {
  Pending pending;
  {
    std::lock_guard lock(m_mutex);
    expire(std::chrono::steady_clock::now());
    auto it = m_pending.find(state);
    if (state.empty() || it == m_pending.end()) return oidc::sso_failed("login er udløbet eller allerede brugt; prøv igen");
    pending = it->second;
    m_pending.erase(it);  // a state is used once, whatever follows
  }
  if (code.empty()) return oidc::sso_failed("udbyderen sendte ingen kode");
  auto p = provider();
  if (!p) return p.error();
  auto [origin, path] = split_url(p->token_endpoint);
  auto c = client_for(origin);
  c->set_basic_auth(oidc::url_encode(m_settings.client_id), oidc::url_encode(m_settings.client_secret));
  const std::string body = "grant_type=authorization_code&code=" + oidc::url_encode(code) +
                           "&redirect_uri=" + oidc::url_encode(m_settings.redirect_uri) +
                           "&code_verifier=" + oidc::url_encode(pending.verifier);
  auto r = c->Post(path, body, "application/x-www-form-urlencoded");
  if (!r) return oidc::sso_failed("udbyderens token-adresse svarede ikke (" + httplib::to_string(r.error()) + ")");
  auto answer = core::parse_json_object(r->body);
  if (r->status != 200 || !answer) {
    const std::string why = answer ? oidc::text_member(*answer, "error") : std::string();
    return oidc::sso_failed("udbyderen ville ikke udstede et token" + (why.empty() ? std::string() : " (" + why + ")"));
  }
  const std::string id_token = oidc::text_member(*answer, "id_token");
  if (id_token.empty()) return oidc::sso_failed("udbyderen sendte intet ID-token");
  const oidc::Expected expected{p->issuer, m_settings.client_id, pending.nonce, unix_now()};
  auto keys = jwks(false);
  if (!keys) return keys.error();
  auto claims = oidc::verify_id_token(id_token, *keys, expected);
  if (!claims) {
    // The provider may have rotated its keys since they were fetched: fetch once more and try again.
    auto fresh = jwks(true);
    if (!fresh) return fresh.error();
    claims = oidc::verify_id_token(id_token, *fresh, expected);
  }
  return claims;
}

std::string SsoFlow::hand_off(json answer) {
  const std::string code = oidc::random_token();
  std::lock_guard lock(m_mutex);
  const auto now = std::chrono::steady_clock::now();
  expire(now);
  m_handoffs[code] = {std::move(answer), now};
  return code;
}

std::optional<json> SsoFlow::take_handoff(const std::string& code) {
  std::lock_guard lock(m_mutex);
  expire(std::chrono::steady_clock::now());
  auto it = m_handoffs.find(code);
  if (code.empty() || it == m_handoffs.end()) return std::nullopt;
  json answer = std::move(it->second.answer);
  m_handoffs.erase(it);
  return answer;
}

}  // namespace magtreg::sync
