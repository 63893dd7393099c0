// The session half of the /api/v1 protocol as core types (issue #13): the login request and answer and
// the user the server describes in it (GET /api/v1/me too): role, its Danish label, municipality and the
// institutions the user works with.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/access/policy.hpp"
#include "core/model/institution.hpp"
#include "core/model/municipality.hpp"
#include "core/model/user.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::sync {

struct LoginRequest {
  std::string username, password;
  // The tablet that logs in (sync/devices.hpp): its random id and name; none from a script.
  std::string device_id, device_name;
};
nlohmann::json to_json(const LoginRequest& r);
// POST login's body as the server reads it: only "username", "password" and the optional "device"
// {"id", "name"}; each missing, mistyped or unknown member named (INVALID_INPUT, UNKNOWN_FIELD). The
// device id's format is the server's to judge (sync/devices.hpp).
Result<LoginRequest> login_request_from_json(const nlohmann::json& j);

// GET sso/status: whether this server offers the municipality's single sign-on.
struct SsoStatus {
  bool enabled = false;
};
nlohmann::json to_json(const SsoStatus& s);
Result<SsoStatus> sso_status_from_json(const nlohmann::json& j);

// POST sso/session: the one-time hand-off code from the provider's redirect, and the same optional
// "device" as a login.
struct SsoSessionRequest {
  std::string handoff;
  std::string device_id, device_name;
};
nlohmann::json to_json(const SsoSessionRequest& r);
Result<SsoSessionRequest> sso_session_request_from_json(const nlohmann::json& j);

struct SessionUser {
  model::User user;                               // without password hash
  std::string role_label;                         // "Medarbejder", "Magtanvendelsesudvalget", ...
  std::optional<model::Municipality> municipality;
  std::vector<model::Institution> institutions;   // the user's own (empty for municipality-wide roles)

  // The name of one of the user's institutions, "" when it is not theirs.
  std::string institution_name(const std::string& id) const;
  access::Principal principal() const;
};
nlohmann::json to_json(const SessionUser& u);
// INVALID_INPUT when the user object is malformed (its id, username or role).
Result<SessionUser> session_user_from_json(const nlohmann::json& j);

// GET me: {"user": the caller as a SessionUser}.
nlohmann::json me_answer_json(const SessionUser& u);
Result<SessionUser> me_answer_from_json(const nlohmann::json& j);

// The answer to a login and to an SSO session: the bearer token (shown once), the user, and the session's
// limits. Written with the protocol version (protocol.hpp).
struct LoginAnswer {
  std::string token;
  SessionUser user;
  std::string idle_expires_at, absolute_expires_at;  // UTC text
  long long idle_seconds = 0;
  int offline_unlock_hours = 72;  // how long the tablet may open the store without the server
};
nlohmann::json to_json(const LoginAnswer& a);
Result<LoginAnswer> login_answer_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::sync
