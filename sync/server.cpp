// The sync server: routes, static files, and lifecycle. API handlers live in their own files.
#include "sync/server.hpp"

#include <httplib.h>
#include <sodium.h>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "sync/access_log.hpp"
#include "sync/api.hpp"
#include "core/util/sha256.hpp"
#include "sync/client_address.hpp"
#include "sync/clock.hpp"
#include "sync/backups.hpp"
#include "sync/connection_hub.hpp"
#include "sync/database_lock.hpp"
#include "sync/deadline_stream.hpp"
#include "sync/http_json.hpp"
#include "sync/metrics.hpp"
#include "sync/password.hpp"
#include "sync/request_context.hpp"
#include "sync/router.hpp"
#include "sync/security_headers.hpp"
#include "sync/serve_config.hpp"
#include "sync/sessions.hpp"
#include "sync/sso.hpp"

namespace magtreg::sync {

namespace {

// Connections the kernel queues while every worker is busy (issue #12, finding 9). The system's httplib
// 0.11 listens with a backlog of 5, compiled into its library; listen() again on the bound socket raises it
// (Linux clamps it to net.core.somaxconn).
constexpr int k_listen_backlog = 512;
// A connection's limits: silence within a request, a request's whole arrival (line, headers, body of up
// to 1 MiB), waiting for the next request on a kept-alive connection, and each write.
constexpr auto k_read_timeout = std::chrono::seconds(5);
constexpr auto k_request_budget = std::chrono::seconds(10);
constexpr auto k_keep_alive_idle = std::chrono::seconds(5);
constexpr auto k_write_timeout = std::chrono::seconds(5);
// Workers answering requests; requests per kept-alive connection.
constexpr std::size_t k_workers = 32;
constexpr std::size_t k_keep_alive_max_requests = 1000;

template <class Base>
class TunedServer : public Base {
 public:
  using Base::Base;
  bool raise_listen_backlog() { return ::listen(this->svr_sock_, k_listen_backlog) == 0; }
};

// httplib's accept loop hands each socket to its task queue: here, at once to the connection hub, which
// owns it from then on (and stops with the accept loop).
class HubQueue final : public httplib::TaskQueue {
 public:
  explicit HubQueue(ConnectionHub& hub) : m_hub(hub) {}
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override { m_hub.stop(); }

 private:
  ConnectionHub& m_hub;
};

// Plain HTTP connections run on the connection hub and DeadlineStream: no worker is held before a request's
// head has arrived, a request that trickles in is cut off at its budget, and a pipelined request is
// answered. (Over TLS, httplib's own loop with its per-read timeouts serves.)
class PlainServer final : public TunedServer<httplib::Server> {
 public:
  PlainServer(const ConnectionLimits& limits, ConnectionHub::Exempt exempt)
      : m_hub(limits, [this](DeadlineStream& strm, bool last) { return serve_one(strm, last); }, std::move(exempt)) {
    new_task_queue = [this] { return new HubQueue(m_hub); };
  }
  ~PlainServer() override { m_hub.stop(); }
  const ConnectionHub& hub() const { return m_hub; }

 private:
  bool process_and_close_socket(socket_t sock) override {
    m_hub.add(sock);
    return true;
  }
  bool serve_one(DeadlineStream& strm, bool last) {
    current_request().begin();
    bool closed = false;
    const bool ok = process_request(strm, last, closed, nullptr);
    return ok && !closed && !strm.timed_out() && !current_request().close && svr_sock_ != INVALID_SOCKET;
  }
  ConnectionHub m_hub;
};

// The hub's limits: the constants above, and as many open connections as the process may have files (its
// soft limit raised to the hard one), less a margin for the database, logs and the listener.
ConnectionLimits connection_limits(const ServerOptions& o) {
  ConnectionLimits limits;
  limits.workers = k_workers;
  limits.read_timeout = k_read_timeout;
  limits.write_timeout = k_write_timeout;
  limits.keep_alive_idle = k_keep_alive_idle;
  limits.request_budget = k_request_budget;
  limits.max_requests_per_connection = k_keep_alive_max_requests;
  limits.max_open_per_address = o.max_connections_per_address;
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0) {
    if (files.rlim_cur < files.rlim_max) {
      files.rlim_cur = files.rlim_max;
      ::setrlimit(RLIMIT_NOFILE, &files);
      ::getrlimit(RLIMIT_NOFILE, &files);
    }
    limits.max_open = std::min<std::size_t>(o.max_connections, files.rlim_cur > 256 ? files.rlim_cur - 128 : 128);
  }
  return limits;
}

using core::Error;
using core::ErrorCode;
using HandlerResponse = httplib::Server::HandlerResponse;

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

// True when the request has a body (httplib reads bodies of POST, PUT, PATCH and DELETE only, and only
// when it routes them). Asked after framing_error: the body's length is one Content-Length.
bool has_body(const httplib::Request& req) {
  return req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0";
}

// The methods `path` takes: its routes', and GET and HEAD outside /api/ (the app's files).
std::vector<std::string> allowed_methods(const Router& routes, const std::string& path) {
  auto allowed = routes.allowed(path);
  if (!starts_with(path, "/api/") && allowed.empty()) allowed = {"GET", "HEAD"};
  return allowed;
}

void set_allow(httplib::Response& res, const std::vector<std::string>& allowed) {
  std::string text;
  for (const auto& m : allowed) text += (text.empty() ? "" : ", ") + m;
  res.set_header("Allow", text);
}

// A request whose body's length is not one plain Content-Length (RFC 9112 § 6.3): with Transfer-Encoding too,
// two Content-Length fields, or one that is not digits, it is 400 BAD_FRAMING; chunked alone is 411
// LENGTH_REQUIRED (no client of ours sends it, and a proxy in front buffers bodies). Either way httplib never
// reads the body, so nothing after the headers can be taken for a second request (request smuggling).
std::optional<Error> framing_error(const httplib::Request& req) {
  const auto lengths = req.get_header_value_count("Content-Length");
  const bool chunked = req.has_header("Transfer-Encoding");
  if (lengths > 0 && chunked)
    return Error::make(ErrorCode::BadFraming, "Forespørgslen har både Content-Length og Transfer-Encoding.");
  if (lengths > 1) return Error::make(ErrorCode::BadFraming, "Forespørgslen har mere end én Content-Length.");
  if (lengths == 1) {
    const auto value = req.get_header_value("Content-Length");
    if (value.empty() || value.size() > 18 || value.find_first_not_of("0123456789") != std::string::npos)
      return Error::make(ErrorCode::BadFraming, "Forespørgslens Content-Length er ikke et tal.");
  }
  if (chunked) return Error::make(ErrorCode::LengthRequired, "Forespørgslen skal sendes med Content-Length.");
  return std::nullopt;
}

// Before httplib routes a request: one no route takes is answered here, before httplib would read its body
// (unbounded when chunked): 405 METHOD_NOT_ALLOWED with Allow where the path has routes, 404 NOT_FOUND on an
// unknown API path. GET and HEAD outside /api/ go on to the app's files.
HandlerResponse answer_unrouted(const Router& routes, const httplib::Request& req, httplib::Response& res) {
  auto& context = current_request();
  if (auto refused = framing_error(req)) {
    context.route = routes.pattern_of(req.path);
    context.close = true;
    send_error(res, *refused);
    res.set_header("Connection", "close");
    return HandlerResponse::Handled;
  }
  const bool read_only = req.method == "GET" || req.method == "HEAD";
  // httplib never reads a GET's body: what follows on the connection would be taken for a request.
  if (read_only && has_body(req)) context.close = true;
  if (routes.routes(req.method, req.path) || (read_only && !starts_with(req.path, "/api/")))
    return HandlerResponse::Unhandled;
  context.route = routes.pattern_of(req.path);
  if (has_body(req)) context.close = true;
  const auto allowed = allowed_methods(routes, req.path);
  if (allowed.empty()) {
    send_error(res, Error::make(ErrorCode::NotFound, "Ukendt adresse i API'et."));
  } else {
    set_allow(res, allowed);
    send_error(res, Error::make(ErrorCode::MethodNotAllowed, "Adressen tager ikke metoden " + req.method + "."));
  }
  if (context.close) res.set_header("Connection", "close");
  return HandlerResponse::Handled;
}

// httplib refuses a method outside its list (GET ... PATCH, CONNECT, TRACE, PRI) while parsing the request
// line, answers 400 and leaves the headers unread: answered 501 NOT_IMPLEMENTED instead, and the
// connection closed.
bool answer_unknown_method(const Router& routes, const httplib::Request& req, httplib::Response& res) {
  if (res.status != 400 || !req.path.empty() || req.method.empty() || is_http_method(req.method) ||
      req.method == "PRI" || !starts_with(req.target, "/"))
    return false;
  const std::string path = req.target.substr(0, req.target.find('?'));
  auto& context = current_request();
  context.route = routes.pattern_of(path);
  context.close = true;
  if (const auto allowed = allowed_methods(routes, path); !allowed.empty()) set_allow(res, allowed);
  send_error(res, Error::make(ErrorCode::NotImplemented, "Serveren kender ikke metoden."));
  res.set_header("Connection", "close");
  if (starts_with(path, "/api/")) res.set_header("Cache-Control", "no-store");  // req.path is unparsed
  return true;
}

}  // namespace

// The trusted proxies' addresses in canonical text (the form the socket's peer is compared in).
static std::vector<std::string> canonical_proxies(const std::vector<std::string>& listed) {
  std::vector<std::string> out;
  for (const auto& p : listed)
    if (auto ip = canonical_ip(p))
      out.push_back(*ip);
    else
      std::fprintf(stderr, "magtreg serve: the trusted proxy '%s' is not an IP address; ignored\n", p.c_str());
  return out;
}

struct Server::Impl {
  explicit Impl(ServerOptions& o) : api(o.db_path) {
    o.trusted_proxies = canonical_proxies(o.trusted_proxies);
    api.trusted_proxies = o.trusted_proxies;
    api.offline_unlock_hours = o.offline_unlock_hours;
    if (o.tls_cert.empty()) {
      auto plain = std::make_unique<PlainServer>(
          connection_limits(o), [proxies = o.trusted_proxies](const std::string& address) {
            return std::find(proxies.begin(), proxies.end(), address) != proxies.end();
          });
      hub = &plain->hub();
      raise_backlog = [s = plain.get()] { return s->raise_listen_backlog(); };
      server = std::move(plain);
    } else {
      auto tls = std::make_unique<TunedServer<httplib::SSLServer>>(o.tls_cert.c_str(), o.tls_key.c_str());
      tls->new_task_queue = [] { return new httplib::ThreadPool(k_workers); };
      raise_backlog = [s = tls.get()] { return s->raise_listen_backlog(); };
      server = std::move(tls);
    }
  }
  std::unique_ptr<httplib::Server> server;
  const ConnectionHub* hub = nullptr;  // plain HTTP only
  std::function<bool()> raise_backlog;
  ApiContext api;
  std::unique_ptr<Router> routes;
  AccessLog access_log;
  DatabaseLock database_lock;  // held while this server may serve its database
  std::string metrics_token_sha256;  // the scraper's token's digest, made once; empty: /metrics is not served
  double started_at_unix = 0;
};

namespace {

long long file_bytes(const std::string& path) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<long long>(n);
}

// Counts one answered request for /metrics.
void count_request(const AccessEntry& entry, const RequestContext& context) {
  auto& m = metrics();
  m.observe_request(entry.method, entry.route, entry.status, entry.ms / 1000.0);
  if (!context.error_code.empty()) m.count_error(context.error_code);
  if (entry.method == routes::upload.method && entry.route == routes::upload.name)
    m.count_upload(context.upload_outcome.empty() ? "error" : context.upload_outcome,
                   entry.status == 200 ? "" : context.error_code);
}

}  // namespace

Server::Server(ServerOptions options)
    : m_impl(std::make_unique<Impl>(options)), m_options(std::move(options)) {
  auto& http = *m_impl->server;
  dummy_password_hash();  // made now, so the first unknown user's login takes no longer than the others
  http.set_tcp_nodelay(true);
  // Tablets keep their connection: more requests per connection and more workers than httplib's
  // defaults (5 and 8), so 16+ syncing tablets do not fall into reconnects and a full accept queue.
  http.set_keep_alive_max_count(k_keep_alive_max_requests);
  http.set_read_timeout(k_read_timeout);
  http.set_write_timeout(k_write_timeout);
  http.set_keep_alive_timeout(std::chrono::seconds(k_keep_alive_idle).count());
  http.set_payload_max_length(k_max_request_body);
  http.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  http.set_file_extension_and_mimetype_mapping("webmanifest", "application/manifest+json");
  http.set_file_extension_and_mimetype_mapping("ttf", "font/ttf");
  http.set_file_extension_and_mimetype_mapping("data", "application/octet-stream");

  // The app's build output first (magtreg.js/.wasm), then the hand-written public files.
  for (const auto& dir : {m_options.app_dir, m_options.public_dir}) {
    if (!std::filesystem::is_directory(dir)) {
      std::fprintf(stderr, "magtreg serve: folder '%s' not found (STATIC_DIR_MISSING)\n", dir.c_str());
      continue;
    }
    http.set_mount_point("/", dir);
  }
  // The service worker is never stored by the HTTP cache: a new build's worker (its cache name is the build's
  // hash, scripts/stamp_sw.py) must reach the browser's update check in full, and a revalidation could
  // answer 304 for a file rewritten within the same second at the same size. The page is revalidated.
  http.set_post_routing_handler([tls = !m_options.tls_cert.empty()](const httplib::Request& req, httplib::Response& res) {
    add_security_headers(req, res, tls);
    if (req.path == "/sw.js")
      res.set_header("Cache-Control", "no-store");
    else if (req.path == "/" || req.path == "/index.html")
      res.set_header("Cache-Control", "no-cache");
  });

  m_impl->routes = std::make_unique<Router>(http);
  auto& routes = *m_impl->routes;
  routes.Get("/api/health", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok","protocol":1})", "application/json");
  });
  mount_api(routes, m_impl->api);
  // Monitoring, for a scraper that holds the token (docs/operations.md); unknown without one configured.
  routes.Get("/metrics", [impl = m_impl.get(), db_path = m_options.db_path,
                          backup_dir = m_options.backup_dir](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    const std::string& wanted = impl->metrics_token_sha256;
    if (wanted.empty()) return send_error(res, Error::make(ErrorCode::NotFound, "Ukendt adresse."));
    const std::string given = core::sha256_hex(bearer_token(req));
    if (sodium_memcmp(given.data(), wanted.data(), wanted.size()) != 0) {
      res.set_header("WWW-Authenticate", "Bearer");
      return send_error(res, Error::make(ErrorCode::Unauthenticated, "Metrics kræver driftens token."));
    }
    MetricsGauges g;
    g.database_bytes = file_bytes(db_path) + file_bytes(db_path + "-wal");
    if (auto lease = impl->api.pool.acquire())
      if (auto n = count_active_sessions(lease->db(), unix_now(), impl->api.sessions)) g.sessions_active = *n;
    if (impl->hub) {
      const auto c = impl->hub->counts();
      g.connections_open = c.open, g.connections_busy = c.busy, g.connections_refused = c.refused;
    }
    g.password_checks_max = impl->api.password_checks.max_concurrent();
    g.password_checks_peak = impl->api.password_checks.peak();
    g.password_checks_admitted = impl->api.password_checks.admitted();
    g.started_at_unix = impl->started_at_unix;
    if (!backup_dir.empty()) {
      const BackupFolder folder = read_backup_folder(backup_dir);
      g.backups_configured = true;
      g.backups = folder.count;
      g.newest_backup_unix = folder.newest_unix.value_or(-1);
    }
    res.set_content(metrics().render(g), "text/plain; version=0.0.4; charset=utf-8");
  });
  http.set_pre_routing_handler([&routes](const httplib::Request& req, httplib::Response& res) {
    if (!current_request().started) current_request().begin();  // over TLS, httplib's loop runs the connection
    return answer_unrouted(routes, req, res);
  });
  // Errors httplib answers itself (unknown method, malformed request, unknown file) get the JSON error body
  // too, under /api/.
  http.set_error_handler([&routes](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty() || answer_unknown_method(routes, req, res)) return;
    // A request line httplib could not read (no path) gets the API's JSON error too, and the connection
    // closes: what follows it is not a request (issue #29, finding 7: an empty answer before).
    if (req.path.empty() && res.status == 400) {
      current_request().close = true;
      res.set_header("Connection", "close");
      res.set_header("Cache-Control", "no-store");
      return send_error(res, Error::make(ErrorCode::InvalidInput, "Forespørgslen kan ikke læses."));
    }
    if (!starts_with(req.path, "/api/")) return;
    if (res.status == 413)
      send_error(res, Error::make(ErrorCode::PayloadTooLarge, "Forespørgslen er for stor (højst 1 MiB)."));
    else if (res.status == 404)
      send_error(res, Error::make(ErrorCode::NotFound, "Ukendt adresse i API'et."));
    else if (res.status == 400)
      send_error(res, Error::make(ErrorCode::InvalidInput, "Forespørgslen kan ikke læses."));
  });
  // After the answer is sent: its line in the request log.
  http.set_logger([impl = m_impl.get()](const httplib::Request& req, const httplib::Response& res) {
    auto& context = current_request();
    const AccessEntry entry = access_entry(req, res, context);
    count_request(entry, context);
    if (impl->access_log.is_open()) impl->access_log.write(entry);
    context.finish();
  });
}

Server::~Server() { request_stop(); }

int Server::bind() {
  auto& http = *m_impl->server;
  if (!http.is_valid()) {
    std::fprintf(stderr, "magtreg serve: the TLS certificate or key cannot be read: %s, %s (TLS_INVALID)\n",
                 m_options.tls_cert.c_str(), m_options.tls_key.c_str());
    return -1;
  }
  if (auto dir = std::filesystem::path(m_options.db_path).parent_path(); !dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
  }
  if (std::string why; !m_impl->database_lock.held() && !m_impl->database_lock.take(m_options.db_path, why)) {
    std::fprintf(stderr, "magtreg serve: %s (DB_IN_USE)\n", why.c_str());
    return -1;
  }
  if (!m_options.access_log.empty() && !m_impl->access_log.is_open() && !m_impl->access_log.open(m_options.access_log)) {
    std::fprintf(stderr, "magtreg serve: the access log %s cannot be opened (ACCESS_LOG_UNAVAILABLE)\n",
                 m_options.access_log.c_str());
    return -1;
  }
  if (!m_options.metrics_token_file.empty()) {
    std::string error;
    const std::string token = read_metrics_token(m_options.metrics_token_file, error);
    if (token.empty()) {
      std::fprintf(stderr, "magtreg serve: %s (METRICS_TOKEN_INVALID)\n", error.c_str());
      return -1;
    }
    m_impl->metrics_token_sha256 = core::sha256_hex(token);
  }
  if (!m_options.oidc_issuer.empty() && !m_impl->api.sso) {
    const auto secret = read_secret_file(m_options.oidc_client_secret_file);
    if (!secret || secret->empty()) {
      std::fprintf(stderr, "magtreg serve: the single sign-on client secret cannot be read from '%s' (SSO_CONFIG_INVALID)\n",
                   m_options.oidc_client_secret_file.c_str());
      return -1;
    }
    m_impl->api.sso = std::make_unique<SsoFlow>(SsoSettings{m_options.oidc_issuer, m_options.oidc_client_id, *secret,
                                                            m_options.oidc_redirect_uri, m_options.oidc_group_claim});
  }
  m_impl->started_at_unix =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (auto opened = m_impl->api.pool.open(); !opened) {
    std::fprintf(stderr, "magtreg serve: cannot open the database %s: %s (DB_OPEN_FAILED)\n", m_options.db_path.c_str(),
                 opened.error().message.c_str());
    return -1;
  }
  // The audit chain: keyed, anchored, and migrated once from an unkeyed log. A log that does not open
  // (its key gone, its tail cut off) stops the start: every read must be audited (docs/security.md).
  {
    AuditFiles files = default_audit_files(m_options.db_path);
    if (!m_options.audit_key.empty()) files.key_path = m_options.audit_key;
    if (!m_options.audit_anchor.empty()) files.anchor_path = m_options.audit_anchor;
    auto lease = m_impl->api.pool.acquire();
    if (!lease) {
      std::fprintf(stderr, "magtreg serve: cannot open the database %s: %s (DB_OPEN_FAILED)\n",
                   m_options.db_path.c_str(), lease.error().message.c_str());
      return -1;
    }
    auto chain = open_audit_chain(lease->db(), files);
    if (!chain) {
      std::fprintf(stderr, "magtreg serve: the audit log cannot be opened: %s (AUDIT_UNAVAILABLE)\n",
                   chain.error().message.c_str());
      return -1;
    }
    if (!chain->ok()) {
      std::fprintf(stderr, "magtreg serve: %s (%s)\n", chain->detail.c_str(), std::string(to_string(chain->state)).c_str());
      return -1;
    }
    // The form catalogue: the stored definitions, the embedded ones added where missing (issue 17).
    if (auto cat = m_impl->api.catalogue.start(lease->db(), utc_now_text()); !cat) {
      std::fprintf(stderr, "magtreg serve: the form catalogue cannot be loaded: %s (%s)\n", cat.error().message.c_str(),
                   std::string(core::to_string(cat.error().code)).c_str());
      return -1;
    }
  }
  if (m_options.port == 0) {
    m_port = http.bind_to_any_port(m_options.bind);
  } else {
    m_port = http.bind_to_port(m_options.bind, m_options.port) ? m_options.port : -1;
  }
  if (m_port >= 0 && !m_impl->raise_backlog())
    std::fprintf(stderr, "magtreg serve: the listen backlog stays at httplib's 5 (LISTEN_BACKLOG)\n");
  if (m_port < 0)
    std::fprintf(stderr, "magtreg serve: cannot listen on %s:%d (BIND_FAILED)\n", m_options.bind.c_str(),
                 m_options.port);
  return m_port;
}

int Server::run() {
  if (m_port < 0 && bind() < 0) return 1;
  if (!m_options.quiet) {
    std::printf("Magtreg kører på %s://%s:%d/\n", m_options.tls_cert.empty() ? "http" : "https",
                m_options.bind.c_str(), m_port);
    std::fflush(stdout);
  }
  bool ok = m_impl->server->listen_after_bind();
  return ok ? 0 : 1;
}

const HashGate& Server::password_checks() const { return m_impl->api.password_checks; }

Server::ConnectionCounts Server::connections() const {
  if (!m_impl->hub) return {};
  const auto c = m_impl->hub->counts();
  return ConnectionCounts{c.open, c.busy, c.refused};
}

void Server::request_stop() {
  if (m_impl) m_impl->server->stop();
}

}  // namespace magtreg::sync
