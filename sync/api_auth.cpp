// Login, logout and who-am-I.
#include <httplib.h>

#include "core/util/error.hpp"
#include "core/sync/routes.hpp"
#include "sync/api.hpp"

#include "core/sync/messages_session.hpp"
#include "sync/client_address.hpp"
#include "sync/devices.hpp"
#include "sync/directory.hpp"
#include "sync/http_json.hpp"
#include "sync/password.hpp"
#include "sync/request_context.hpp"
#include "sync/router.hpp"
#include "sync/sso.hpp"

namespace magtreg::sync {

namespace st = core::storage;
using core::Error;
using core::ErrorCode;
using nlohmann::json;

// The request's bearer token (sync/api.hpp), or empty.
std::string bearer_token(const httplib::Request& req) {
  const std::string h = req.get_header_value("Authorization");
  constexpr std::string_view k_prefix = "Bearer ";
  if (h.size() > k_prefix.size() && h.compare(0, k_prefix.size(), k_prefix) == 0) return h.substr(k_prefix.size());
  return {};
}

namespace {

// The user as the protocol describes them, the same type the app reads.
core::sync::SessionUser session_user(st::Database& db, const core::model::User& u) {
  core::sync::SessionUser su;
  su.user = u;
  su.role_label = std::string(core::role_label(u.role));
  for (const auto& id : u.institution_ids) {
    auto inst = find_institution(db, id);
    if (inst && *inst) su.institutions.push_back(**inst);
  }
  if (auto m = find_municipality(db, u.municipality_id); m && *m) su.municipality = **m;
  return su;
}

// SQLite's NOCASE, which the users.username column uses, folds ASCII letters only.
std::string ascii_lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

void send_rate_limited(httplib::Response& res, long retry_after) {
  res.set_header("Retry-After", std::to_string(retry_after));
  send_error(res, Error::make(ErrorCode::RateLimited,
                              "For mange forkerte forsøg. Prøv igen om " + std::to_string((retry_after + 59) / 60) +
                                  " minut(ter)."));
}

}  // namespace

void with_db(ApiContext& ctx, httplib::Response& res, const std::function<void(st::Database&)>& fn) {
  auto lease = ctx.pool.acquire();
  if (!lease) {
    send_error(res, lease.error());
    return;
  }
  ctx.catalogue.refresh(lease->db());
  fn(lease->db());
  // Every transaction of the request has ended: anchor the committed head (issue 12, medium 6).
  if (auto a = anchor_audit_head(lease->db()); !a)
    std::fprintf(stderr, "magtreg: %s (AUDIT_ANCHOR_FAILED)\n", a.error().message.c_str());
}

void audit_now(st::Database& db, const AuditEntry& entry) {
  if (auto r = append_audit(db, entry, utc_now_text()); !r)
    std::fprintf(stderr, "magtreg: audit write failed: %s (AUDIT_FAILED)\n", r.error().message.c_str());
}

void send_audit_unavailable(httplib::Response& res, const core::Error& cause) {
  std::fprintf(stderr, "magtreg: audit write failed, read refused: %s (AUDIT_UNAVAILABLE)\n", cause.message.c_str());
  send_error(res, Error::make(ErrorCode::AuditUnavailable,
                              "Adgangen kan ikke logges lige nu, så oplysningerne vises ikke. Prøv igen om lidt."));
}

bool audit_read(st::Database& db, const AuditEntry& entry, httplib::Response& res) {
  if (auto r = append_audit(db, entry, utc_now_text()); !r) {
    send_audit_unavailable(res, r.error());
    return false;
  }
  return true;
}

std::optional<Caller> require_caller(ApiContext& ctx, st::Database& db, const httplib::Request& req,
                                     httplib::Response& res) {
  auto user = authenticate(db, bearer_token(req), unix_now(), ctx.sessions);
  if (!user) {
    send_error(res, user.error());
    return std::nullopt;
  }
  Caller c{std::move(*user), {}};
  // Only institutions of the user's own municipality count, whatever the users table says: an account
  // attached to another municipality's institution reaches none of its citizens (issue 12, medium 10).
  std::vector<std::string> own;
  for (const auto& id : c.user.institution_ids) {
    auto inst = find_institution(db, id);
    if (!inst) {
      send_error(res, inst.error());
      return std::nullopt;
    }
    if (*inst && (*inst)->municipality_id == c.user.municipality_id) own.push_back(id);
  }
  c.user.institution_ids = std::move(own);
  c.principal = principal_of(c.user);
  current_request().user_id = c.user.id;  // for the access log
  return c;
}

std::optional<std::vector<std::string>> visible_institutions(st::Database& db, const Caller& caller,
                                                             core::access::Action action) {
  switch (core::access::scope_of(caller.user.role, action)) {
    case core::access::Scope::OwnInstitutions: return caller.user.institution_ids;
    case core::access::Scope::Municipality: {
      auto all = list_institutions(db, caller.user.municipality_id);
      if (!all) return std::nullopt;
      std::vector<std::string> ids;
      for (const auto& i : *all) ids.push_back(i.id);
      return ids;
    }
    case core::access::Scope::Pseudonymised:
    case core::access::Scope::None: return std::nullopt;
  }
  return std::nullopt;
}

namespace {

// A new session for `user` on `device` and the answer every login gives (password or single sign-on).
core::Result<json> start_session(ApiContext& ctx, st::Database& db, const core::model::User& user,
                                 const DeviceClaim& device, const char* outcome) {
  auto session = create_session(db, user.id, unix_now(), ctx.sessions, device.id);
  if (!session) return session.error();
  if (!device.id.empty())
    if (auto d = record_device_login(db, user.municipality_id, device, user.id, utc_now_text()); !d) return d.error();
  audit_now(db, {user.id, "login", "session", "", "", outcome});
  current_request().user_id = user.id;
  core::sync::LoginAnswer answer{session->token, session_user(db, user), session->idle_expires_at,
                                 session->absolute_expires_at, ctx.sessions.idle_seconds, ctx.offline_unlock_hours};
  return core::sync::to_json(answer);
}

}  // namespace

void mount_auth_routes(Router& http, ApiContext& ctx) {
  http.add(routes::login, [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto body = parse_object(req.body);
    if (!body) return send_error(res, body.error());
    auto login = core::sync::login_request_from_json(*body);
    if (!login) return send_error(res, login.error());
    const std::string& username = login->username;
    const std::string& password = login->password;
    // The tablet names itself (devices.hpp); scripts and older apps send no device.
    const DeviceClaim device{login->device_id, login->device_name};
    if (body->contains("device"))
      if (auto ok = check_device_claim(device); !ok) return send_error(res, ok.error());

    with_db(ctx, res, [&](st::Database& db) {
      auto found = find_user_by_username(db, username);
      if (!found) return send_error(res, found.error());
      const core::model::User* user = *found ? &**found : nullptr;
      // Every refused login is audited under the account it named (none for an unknown name); never the
      // typed name or password.
      const auto refuse = [&](const char* outcome) {
        audit_now(db, {user ? user->id : "", "login", "session", "", "", outcome});
      };
      // Throttled by the identity the lookup matched, so "AlI" and "ali" share one count, and by the
      // client's address (sync/api.hpp).
      const std::string account_key = user ? "user:" + user->id : "name:" + ascii_lower(username);
      const std::string address = client_address(req, ctx.trusted_proxies);
      bool known = false;
      if (user && !device.id.empty()) {
        auto k = known_device(db, user->municipality_id, device.id, user->id);
        if (!k) return send_error(res, k.error());
        known = *k;
      }
      const auto now = RateLimiter::Clock::now();
      struct Held {
        RateLimiter* limiter;
        std::string key;
      };
      std::vector<Held> held;
      const auto give_back = [&] {
        for (const auto& h : held) h.limiter->release(h.key, now);
      };
      const auto reserve = [&](RateLimiter& limiter, std::string key) {
        if (limiter.try_reserve(key, now)) {
          held.push_back({&limiter, std::move(key)});
          return true;
        }
        give_back();
        refuse("rate_limited");
        send_rate_limited(res, limiter.retry_after(key, now));
        return false;
      };
      if (!reserve(ctx.by_account_address, account_key + "@" + address)) return;
      if (!known && (!reserve(ctx.by_account, account_key) || !reserve(ctx.by_address, address))) return;
      bool ok = false;
      {
        auto slot = ctx.password_checks.enter(k_password_check_wait);
        if (!slot) {
          give_back();
          refuse("busy");
          res.set_header("Retry-After", "2");
          return send_error(res, Error::make(ErrorCode::ServerBusy,
                                             "Der logger mange ind lige nu. Prøv igen om et øjeblik."));
        }
        // The same Argon2id work for an unknown user, a disabled one and an unusable stored hash.
        const bool usable = user && !user->password_hash.empty();
        ok = verify_password(usable ? user->password_hash : dummy_password_hash(), password) && usable;
      }
      if (!ok || user->disabled) {
        refuse(!user ? "unknown_user" : user->disabled ? "disabled" : "wrong_password");
        return send_error(res, Error::make(ErrorCode::Unauthenticated, "Forkert brugernavn eller adgangskode."));
      }
      // A success clears the account's counts and gives the address its attempt back.
      ctx.by_account.reset(account_key);
      ctx.by_account_address.reset(account_key + "@" + address);
      if (!known) ctx.by_address.release(address, now);
      auto answer = start_session(ctx, db, *user, device, "ok");
      if (!answer) return send_error(res, answer.error());
      send_json(res, 200, *answer);
    });
  });

  // [SECTION] single sign-on (sync/sso.hpp)
  http.add(routes::sso_status, [&ctx](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, core::sync::to_json(core::sync::SsoStatus{ctx.sso != nullptr}));
  });
  http.add(routes::sso_start, [&ctx](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    if (!ctx.sso) return send_error(res, Error::make(ErrorCode::NotFound, "Kommunens login er ikke sat op på denne server."));
    auto url = ctx.sso->begin();
    if (!url) {
      std::fprintf(stderr, "magtreg: single sign-on could not start: %s\n", url.error().message.c_str());
      return send_error(res, url.error());
    }
    res.set_redirect(*url, 302);
  });
  http.add(routes::sso_callback, [&ctx](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    if (!ctx.sso) return send_error(res, Error::make(ErrorCode::NotFound, "Kommunens login er ikke sat op på denne server."));
    // Back to the app either way: with a one-time code for the session, or with the stable error code
    // (the app says it in Danish); the reason is logged for the operator and the refusal audited.
    const auto refuse = [&](const Error& e) {
      std::fprintf(stderr, "magtreg: single sign-on refused: %s (%s)\n", e.message.c_str(),
                   std::string(core::to_string(e.code)).c_str());
      current_request().error_code = std::string(core::to_string(e.code));
      res.set_redirect("/#sso_error=" + std::string(core::to_string(e.code)), 302);
    };
    Error provider_error = Error::make(ErrorCode::SsoFailed, "Udbyderen afviste login: " + req.get_param_value("error"));
    auto claims = req.has_param("error") ? core::Result<json>(provider_error)
                                         : ctx.sso->finish(req.get_param_value("code"), req.get_param_value("state"));
    with_db(ctx, res, [&](st::Database& db) {
      if (!claims) {
        audit_now(db, {"", "login", "session", "", "", "sso_failed"});
        return refuse(claims.error());
      }
      auto user = sso_user(db, ctx.sso->settings().issuer, *claims, ctx.sso->settings().group_claim);
      if (!user) {
        audit_now(db, {"", "login", "session", "", "", user.error().code == ErrorCode::SsoRoleUnknown ? "sso_role_unknown" : "sso_refused"});
        return refuse(user.error());
      }
      res.set_redirect("/#sso=" + ctx.sso->hand_off({{"user_id", user->id}}), 302);
    });
  });
  http.add(routes::sso_session, [&ctx](const httplib::Request& req, httplib::Response& res) {
    if (!ctx.sso) return send_error(res, Error::make(ErrorCode::NotFound, "Kommunens login er ikke sat op på denne server."));
    auto body = parse_object(req.body);
    if (!body) return send_error(res, body.error());
    auto request = core::sync::sso_session_request_from_json(*body);
    if (!request) return send_error(res, request.error());
    const DeviceClaim device{request->device_id, request->device_name};
    if (body->contains("device"))
      if (auto ok = check_device_claim(device); !ok) return send_error(res, ok.error());
    auto taken = ctx.sso->take_handoff(request->handoff);
    if (!taken) return send_error(res, Error::make(ErrorCode::SsoFailed, "Login er udløbet eller allerede brugt; log ind igen."));
    with_db(ctx, res, [&](st::Database& db) {
      auto user = find_user(db, (*taken)["user_id"].get<std::string>());
      if (!user) return send_error(res, user.error());
      if (!*user || (*user)->disabled)
        return send_error(res, Error::make(ErrorCode::Unauthenticated, "Din bruger er spærret i Magtreg."));
      auto answer = start_session(ctx, db, **user, device, "sso");
      if (!answer) return send_error(res, answer.error());
      send_json(res, 200, *answer);
    });
  });

  http.add(routes::logout, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      if (auto r = revoke_session(db, bearer_token(req), "logout"); !r) return send_error(res, r.error());
      audit_now(db, {caller->user.id, "logout", "session", "", "", "ok"});
      send_json(res, 200, {{"status", "logged_out"}});
    });
  });

  http.add(routes::me, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      send_json(res, 200, core::sync::me_answer_json(session_user(db, caller->user)));
    });
  });
}

}  // namespace magtreg::sync
