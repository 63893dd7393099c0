// The JSON API (docs/sync-protocol.md): login and sessions, citizens, record upload and download.
// Every handler authenticates, checks role and institution with core's access policy, and audits
// every read and write of citizen data and every refusal.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/sync/routes.hpp"
#include "core/access/policy.hpp"
#include "core/model/user.hpp"
#include "sync/audit.hpp"
#include "sync/catalogue_watch.hpp"
#include "sync/db_pool.hpp"
#include "sync/hash_gate.hpp"
#include "sync/rate_limiter.hpp"
#include "sync/sso.hpp"
#include "sync/sessions.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace magtreg::sync {

class Router;
namespace routes = core::sync::routes;  // the API's one route table

inline constexpr std::size_t k_max_request_body = 1024 * 1024;
// Login throttling (issue #12, findings 4 and 9; issue #29, finding 3), failed attempts in a sliding window,
// reserved before the password check, by the client's address (behind a trusted proxy, the address it
// forwards):
// - per account and address: 5, then that address is refused for the account (a lock only its guesser
//   feels);
// - per account from anywhere: 5 free, then a delay that doubles after each failure (1 s ... 15 min); a
//   device the user has logged in on before is exempt (a device cookie), so the owner is never held out;
// - per address, all accounts: 20 (spraying one password over many names).
// The account is the user the name matches, whatever its case. Argon2id checks at once (64 MiB each) and
// how long a login waits for a place before 503 SERVER_BUSY.
inline constexpr int k_login_failures_per_account = 5;
inline constexpr int k_login_failures_per_address = 20;
inline constexpr auto k_login_window = std::chrono::minutes(15);
inline constexpr int k_max_concurrent_password_checks = 2;
inline constexpr auto k_password_check_wait = std::chrono::seconds(2);

// A short-lived, single-use, read-only link to the printable yearly report (the browser opens it in a new window,
// which cannot send the bearer token): who asked, for what, until when. Kept in memory only.
struct ReportTicket {
  std::string user_id;
  int year = 0;
  std::string department, institution_id;
  std::chrono::steady_clock::time_point expires;
};

struct ApiContext {
  explicit ApiContext(std::string db_path) : pool(std::move(db_path)) {}
  DbPool pool;
  SessionPolicy sessions;
  std::vector<std::string> trusted_proxies;  // canonical addresses whose X-Forwarded-For is believed
  int offline_unlock_hours = 72;  // sent at login: how long a tablet may open a store without contact
  RateLimiter by_account_address{k_login_failures_per_account, k_login_window};
  RateLimiter by_account{k_login_failures_per_account, k_login_window, RateLimiter::Kind::Delay, k_login_window};
  RateLimiter by_address{k_login_failures_per_address, k_login_window};
  HashGate password_checks{k_max_concurrent_password_checks};
  // Uploads write one at a time in this process: SQLite has one writer anyway, and queueing here is
  // fair and wakes at once, where SQLite's busy handler makes waiting writers sleep and poll.
  std::mutex upload_mutex;
  std::mutex report_mutex;
  std::map<std::string, ReportTicket> report_tickets;  // by ticket
  std::unique_ptr<SsoFlow> sso;  // single sign-on, when configured (sync/sso.hpp)
  CatalogueWatch catalogue;      // the form catalogue from the database, installed again after an import
};

struct Caller {
  core::model::User user;
  core::access::Principal principal;
};

void mount_api(Router& http, ApiContext& ctx);
void mount_auth_routes(Router& http, ApiContext& ctx);
void mount_record_routes(Router& http, ApiContext& ctx);
void mount_citizen_routes(Router& http, ApiContext& ctx);
void mount_stats_routes(Router& http, ApiContext& ctx);
void mount_workflow_routes(Router& http, ApiContext& ctx);
void mount_form_routes(Router& http, ApiContext& ctx);

// [SECTION] helpers shared by the route files
// Runs `fn` with a pooled connection; a pool failure becomes a 500 STORAGE_ERROR answer.
void with_db(ApiContext& ctx, httplib::Response& res, const std::function<void(core::storage::Database&)>& fn);
// The request's "Authorization: Bearer" token, or empty.
std::string bearer_token(const httplib::Request& req);
// The caller of a request from its bearer token, or an error answer (401) already sent.
std::optional<Caller> require_caller(ApiContext& ctx, core::storage::Database& db, const httplib::Request& req,
                                     httplib::Response& res);
// Audits in its own transaction (used for refusals, whose main transaction was rolled back). A failure
// is logged; the refusal stands either way.
void audit_now(core::storage::Database& db, const AuditEntry& entry);
// Audits a read that is about to be answered. When its row cannot be written the read is not answered:
// 503 AUDIT_UNAVAILABLE is sent and false returned (issue #12: a read that cannot be audited is refused).
bool audit_read(core::storage::Database& db, const AuditEntry& entry, httplib::Response& res);
// The refusal for an audit row that could not be written inside a read's own transaction.
void send_audit_unavailable(httplib::Response& res, const core::Error& cause);
// The institutions whose citizens the caller may see for `action`: their own, or every institution of
// their municipality; nullopt when the role has no citizen-level access at all.
std::optional<std::vector<std::string>> visible_institutions(core::storage::Database& db, const Caller& caller,
                                                             core::access::Action action);

}  // namespace magtreg::sync
