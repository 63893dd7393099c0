// JSON of the session messages (see messages_session.hpp).
#include "core/sync/messages_session.hpp"

#include "core/util/object_reader.hpp"

namespace magtreg::core::sync {

using nlohmann::json;

json to_json(const LoginRequest& r) {
  json j{{"username", r.username}, {"password", r.password}};
  if (!r.device_id.empty()) j["device"] = {{"id", r.device_id}, {"name", r.device_name}};
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
  if (j.contains("device")) {
    auto d = r.object("device");
    if (!d) return d.error();
    ObjectReader dr(**d, "device");
    if (auto ok = dr.only({"id", "name"}); !ok) return ok.error();
    auto id = dr.string("id");
    if (!id) return id.error();
    auto name = dr.optional_string("name");
    if (!name) return name.error();
    out.device_id = *id;
    out.device_name = *name;
  }
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
  if (auto it = j.find("idle_seconds"); it != j.end() && it->is_number_integer()) a.idle_seconds = it->get<long long>();
  if (auto it = j.find("offline_unlock_hours"); it != j.end() && it->is_number_integer() && it->get<long long>() >= 1 &&
                                                it->get<long long>() <= 720)
    a.offline_unlock_hours = it->get<int>();
  return a;
}

}  // namespace magtreg::core::sync
