// JSON of the session messages (see messages_session.hpp).
#include "core/sync/messages_session.hpp"

#include "core/sync/protocol.hpp"
#include "core/util/object_reader.hpp"

namespace magtreg::core::sync {

using nlohmann::json;

namespace {
void put_device(json& j, const std::string& id, const std::string& name) {
  if (!id.empty()) j["device"] = {{"id", id}, {"name", name}};
}

// The optional "device" {"id", "name"} of a login or SSO session body.
Status read_device(const json& j, ObjectReader& r, std::string& id, std::string& name) {
  if (!j.contains("device")) return {};
  auto d = r.object("device");
  if (!d) return d.error();
  ObjectReader dr(**d, "device");
  if (auto ok = dr.only({"id", "name"}); !ok) return ok.error();
  auto device_id = dr.string("id");
  if (!device_id) return device_id.error();
  auto device_name = dr.optional_string("name");
  if (!device_name) return device_name.error();
  id = *device_id;
  name = *device_name;
  return {};
}
}  // namespace

json to_json(const LoginRequest& r) {
  json j{{"username", r.username}, {"password", r.password}};
  put_device(j, r.device_id, r.device_name);
  return j;
}

Result<LoginRequest> login_request_from_json(const json& j) {
  ObjectReader r(j);
  if (auto ok = r.only({"username", "password", "device"}); !ok) return ok.error();
  LoginRequest out;
  auto username = r.string("username");
  if (!username) return username.error();
  auto password = r.string("password");
  if (!password) return password.error();
  out.username = *username;
  out.password = *password;
  if (auto ok = read_device(j, r, out.device_id, out.device_name); !ok) return ok.error();
  return out;
}

json to_json(const SsoStatus& s) { return {{"enabled", s.enabled}}; }

Result<SsoStatus> sso_status_from_json(const json& j) {
  auto it = j.is_object() ? j.find("enabled") : j.end();
  if (!j.is_object() || it == j.end() || !it->is_boolean())
    return Error::make(ErrorCode::InvalidInput, "Serverens svar siger ikke, om kommunens login er sat op.", "enabled");
  return SsoStatus{it->get<bool>()};
}

json to_json(const SsoSessionRequest& r) {
  json j{{"handoff", r.handoff}};
  put_device(j, r.device_id, r.device_name);
  return j;
}

Result<SsoSessionRequest> sso_session_request_from_json(const json& j) {
  ObjectReader r(j);
  if (auto ok = r.only({"handoff", "device"}); !ok) return ok.error();
  SsoSessionRequest out;
  auto handoff = r.string("handoff");
  if (!handoff) return handoff.error();
  out.handoff = *handoff;
  if (auto ok = read_device(j, r, out.device_id, out.device_name); !ok) return ok.error();
  return out;
}

std::string SessionUser::institution_name(const std::string& id) const {
  for (const auto& i : institutions)
    if (i.id == id) return i.name;
  return {};
}

access::Principal SessionUser::principal() const {
  return {user.id, user.role, user.municipality_id, user.institution_ids};
}

json to_json(const SessionUser& u) {
  json j = model::to_json(u.user);
  j["role_label"] = u.role_label;
  json institutions = json::array();
  for (const auto& i : u.institutions) institutions.push_back(model::to_json(i));
  j["institutions"] = std::move(institutions);
  if (u.municipality) j["municipality"] = model::to_json(*u.municipality);
  return j;
}

Result<SessionUser> session_user_from_json(const json& j) {
  if (!j.is_object()) return Error::make(ErrorCode::InvalidInput, "Brugeren mangler i svaret.", "user");
  SessionUser out;
  // The user's own members (a newer server may send more beside them).
  json own = json::object();
  for (const char* k : {"id", "username", "display_name", "role", "municipality_id", "institution_ids", "disabled"})
    if (auto it = j.find(k); it != j.end()) own[k] = *it;
  auto user = model::user_from_json(own);
  if (!user) return user.error();
  out.user = std::move(*user);
  if (auto it = j.find("role_label"); it != j.end() && it->is_string()) out.role_label = it->get<std::string>();
  if (auto it = j.find("institutions"); it != j.end() && it->is_array())
    for (const auto& i : *it)
      if (auto inst = model::institution_from_json(i)) out.institutions.push_back(std::move(*inst));
  if (auto it = j.find("municipality"); it != j.end())
    if (auto m = model::municipality_from_json(*it)) out.municipality = std::move(*m);
  return out;
}

json me_answer_json(const SessionUser& u) { return {{"user", to_json(u)}}; }

Result<SessionUser> me_answer_from_json(const json& j) {
  return session_user_from_json(j.is_object() ? j.value("user", json()) : json());
}

json to_json(const LoginAnswer& a) {
  return {{"token", a.token},
          {"user", to_json(a.user)},
          {"idle_expires_at", a.idle_expires_at},
          {"absolute_expires_at", a.absolute_expires_at},
          {"idle_seconds", a.idle_seconds},
          {"offline_unlock_hours", a.offline_unlock_hours},
          {"protocol", k_protocol_version}};
}

Result<LoginAnswer> login_answer_from_json(const json& j) {
  if (!j.is_object()) return Error::make(ErrorCode::InvalidInput, "Serverens svar på login kan ikke læses.", "");
  LoginAnswer a;
  auto token = j.find("token");
  if (token == j.end() || !token->is_string() || token->get_ref<const std::string&>().empty())
    return Error::make(ErrorCode::InvalidInput, "Serverens svar på login mangler sessionen.", "token");
  a.token = token->get<std::string>();
  auto user = session_user_from_json(j.value("user", json()));
  if (!user) return user.error();
  a.user = std::move(*user);
  if (auto it = j.find("idle_expires_at"); it != j.end() && it->is_string()) a.idle_expires_at = it->get<std::string>();
  if (auto it = j.find("absolute_expires_at"); it != j.end() && it->is_string())
    a.absolute_expires_at = it->get<std::string>();
  if (auto it = j.find("idle_seconds"); it != j.end() && it->is_number_integer()) a.idle_seconds = it->get<long long>();
  if (auto it = j.find("offline_unlock_hours"); it != j.end() && it->is_number_integer() && it->get<long long>() >= 1 &&
                                                it->get<long long>() <= 720)
    a.offline_unlock_hours = it->get<int>();
  return a;
}

}  // namespace magtreg::core::sync
