// Login sessions: random bearer tokens (only their SHA-256 is stored), idle expiry and absolute
// expiry, revocable one by one or per user (logout, `magtreg user disable`, password change).
#pragma once

#include <string>
#include <string_view>

#include "core/model/user.hpp"
#include "core/storage/database.hpp"
#include "core/util/result.hpp"
#include "sync/clock.hpp"

namespace magtreg::sync {

struct SessionPolicy {
  long idle_seconds = 30 * 60;
  long absolute_seconds = 12 * 60 * 60;
  // last_seen_at is written at most this often (each write is a synchronous commit).
  long touch_interval_seconds = 60;
};

struct SessionInfo {
  std::string token;                // handed to the client once
  std::string idle_expires_at;      // UTC text
  std::string absolute_expires_at;  // UTC text
};

// `device_id`: the device the login named (devices.hpp), or empty.
core::Result<SessionInfo> create_session(core::storage::Database& db, const std::string& user_id, UnixSeconds now,
                                         const SessionPolicy& policy, const std::string& device_id = {});

// The session's user. UNAUTHENTICATED for an unknown token or one logged out of; SESSION_EXPIRED when
// idle or absolute expiry has passed (the session is then revoked); SESSION_REVOKED when an administrator
// disabled the user or changed the password (issue #29, finding 6: the tablet then stops opening the
// user's store offline).
core::Result<core::model::User> authenticate(core::storage::Database& db, const std::string& token, UnixSeconds now,
                                             const SessionPolicy& policy);

// Sessions neither revoked nor past their idle or absolute limit at `now` (monitoring).
core::Result<long long> count_active_sessions(core::storage::Database& db, UnixSeconds now, const SessionPolicy& policy);

// `reason`: "logout" or "expired" for one session; "user_disabled" or "password_changed" for all of a user's.
core::Status revoke_session(core::storage::Database& db, const std::string& token, std::string_view reason);
core::Status revoke_user_sessions(core::storage::Database& db, const std::string& user_id, std::string_view reason);

}  // namespace magtreg::sync
