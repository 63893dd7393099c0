// The sync server: one origin serving the JSON API and the app's static files.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace magtreg::sync {

class HashGate;

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0 picks a free port
  std::string db_path = "var/magtreg.db";
  std::string public_dir = "public";      // index.html, service worker, manifest, icons
  std::string app_dir = "build/wasm/app"; // magtreg.js, magtreg.wasm, fonts
  std::string tls_cert;  // PEM files; both set = HTTPS (a tablet's service worker needs a secure origin)
  std::string tls_key;
  // The audit chain's key and anchor; empty = beside the database (<db>.audit-key, <db>.audit-anchor).
  std::string audit_key;
  std::string audit_anchor;
  // The request log: a file appended to, "-" for stderr, empty for none (docs/security.md).
  std::string access_log;
  // Addresses of reverse proxies in front (e.g. "10.0.0.5"): their X-Forwarded-For is believed, and the
  // per-address connection limits do not apply to them (docs/security.md).
  std::vector<std::string> trusted_proxies;
  // Open connections at once, in all (capped by the process's file limit) and from one address; over
  // either, a new connection is answered 503 SERVER_BUSY and closed.
  std::size_t max_connections = 4096;
  std::size_t max_connections_per_address = 256;
  // How long after its user's last contact with the server a tablet may open the user's store offline
  // (sent at login; issue #29, finding 6). Longer than the three days a registration may take.
  int offline_unlock_hours = 72;
  // A file holding the token a Prometheus scraper sends (Authorization: Bearer); empty = no /metrics.
  std::string metrics_token_file;
  // The scheduled backups' folder and how many are kept (`magtreg backup --config` uses both; the server
  // reports the newest backup's time to monitoring). Empty: none configured.
  std::string backup_dir;
  int backup_keep = 14;
  // Single sign-on with the municipality's OpenID Connect provider (docs/operations.md); off when the
  // issuer is empty. The client secret is read from a file, never given on the command line.
  std::string oidc_issuer;
  std::string oidc_client_id;
  std::string oidc_client_secret_file;
  std::string oidc_redirect_uri;  // the public address of …/sso/callback
  std::string oidc_group_claim = "groups";
  bool quiet = false;
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket; returns the port, or -1 with a message on stderr.
  int bind();
  // Serves until request_stop(); binds first if bind() was not called. Returns an exit code.
  int run();
  // Safe to call from any thread.
  void request_stop();
  int port() const { return m_port; }
  // The bound on concurrent password checks with its counters (tests and monitoring).
  const HashGate& password_checks() const;
  // Plain HTTP's connections: open, being answered, refused over a limit (all 0 over TLS).
  struct ConnectionCounts {
    std::size_t open = 0, busy = 0, refused = 0;
  };
  ConnectionCounts connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  ServerOptions m_options;
  int m_port = -1;
};

}  // namespace magtreg::sync
