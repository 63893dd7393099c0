#include "sync/sessions.hpp"

#include "core/util/sha256.hpp"
#include "sync/directory.hpp"
#include "sync/password.hpp"

namespace magtreg::sync {

namespace st = core::storage;
using core::Error;
using core::ErrorCode;

core::Result<SessionInfo> create_session(st::Database& db, const std::string& user_id, UnixSeconds now,
                                         const SessionPolicy& policy, const std::string& device_id) {
  SessionInfo info;
  info.token = random_token();
  const std::string at = utc_text(now);
  auto q = db.prepare(
      "INSERT INTO sessions(token_hash, user_id, created_at, last_seen_at, device_id) VALUES (?1, ?2, ?3, ?3, ?4)");
  if (!q) return q.error();
  q->bind(1, core::sha256_hex(info.token)).bind(2, user_id).bind(3, at);
  if (device_id.empty()) q->bind(4, nullptr);
  else q->bind(4, device_id);
  if (auto r = q->run(); !r) return r.error();
  info.idle_expires_at = utc_text(now + policy.idle_seconds);
  info.absolute_expires_at = utc_text(now + policy.absolute_seconds);
  return info;
}

core::Result<core::model::User> authenticate(st::Database& db, const std::string& token, UnixSeconds now,
                                             const SessionPolicy& policy) {
  const auto unauthenticated = [] {
    return Error::make(ErrorCode::Unauthenticated, "Du er ikke logget ind. Log ind igen.");
  };
  const auto revoked = [] {
    return Error::make(ErrorCode::SessionRevoked,
                       "Din adgang er ændret på serveren (adgangskoden er skiftet, eller brugeren er spærret). Log ind "
                       "igen, når tabletten har forbindelse.");
  };
  if (token.empty()) return unauthenticated();
  const std::string token_hash = core::sha256_hex(token);
  auto q = db.prepare(
      "SELECT user_id, created_at, last_seen_at, revoked, coalesce(revoked_reason, '') FROM sessions WHERE token_hash = ?1");
  if (!q) return q.error();
  q->bind(1, token_hash);
  auto has = q->step();
  if (!has) return has.error();
  // Revoked by an administrator (the account disabled, its password changed): said as such, so the
  // tablet stops opening the user's store offline (issue #29, finding 6).
  if (*has && q->column_bool(3) && !q->column_text(4).empty() && q->column_text(4) != "logout" &&
      q->column_text(4) != "expired")
    return revoked();
  if (!*has || q->column_bool(3)) return unauthenticated();
  const std::string user_id = q->column_text(0);
  const std::string created_at = q->column_text(1);
  const std::string last_seen_at = q->column_text(2);
  if (auto r = q->reset(); !r) return r.error();  // ends the read before the writes below

  if (created_at < utc_text(now - policy.absolute_seconds) || last_seen_at < utc_text(now - policy.idle_seconds)) {
    (void)revoke_session(db, token, "expired");
    return Error::make(ErrorCode::SessionExpired, "Din session er udløbet. Log ind igen.");
  }
  auto user = find_user(db, user_id);
  if (!user) return user.error();
  if (!*user) return unauthenticated();
  if ((*user)->disabled) return revoked();
  if (last_seen_at < utc_text(now - policy.touch_interval_seconds)) {
    auto touch = db.prepare("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1");
    if (!touch) return touch.error();
    touch->bind(1, token_hash).bind(2, utc_text(now));
    if (auto r = touch->run(); !r) return r.error();
  }
  return std::move(**user);
}

core::Result<long long> count_active_sessions(st::Database& db, UnixSeconds now, const SessionPolicy& policy) {
  auto q = db.prepare("SELECT count(*) FROM sessions WHERE revoked = 0 AND created_at >= ?1 AND last_seen_at >= ?2");
  if (!q) return q.error();
  q->bind(1, utc_text(now - policy.absolute_seconds)).bind(2, utc_text(now - policy.idle_seconds));
  auto has = q->step();
  if (!has) return has.error();
  return *has ? q->column_int64(0) : 0;
}

core::Status revoke_session(st::Database& db, const std::string& token, std::string_view reason) {
  auto q = db.prepare("UPDATE sessions SET revoked = 1, revoked_reason = ?2 WHERE token_hash = ?1");
  if (!q) return q.error();
  q->bind(1, core::sha256_hex(token)).bind(2, std::string(reason));
  return q->run();
}

core::Status revoke_user_sessions(st::Database& db, const std::string& user_id, std::string_view reason) {
  // Expired sessions too: the tablet holding one learns the reason at its next contact. A session its
  // user logged out of is done with.
  auto q = db.prepare(
      "UPDATE sessions SET revoked = 1, revoked_reason = ?2 WHERE user_id = ?1 AND coalesce(revoked_reason, '') <> 'logout'");
  if (!q) return q.error();
  q->bind(1, user_id).bind(2, std::string(reason));
  return q->run();
}

}  // namespace magtreg::sync
