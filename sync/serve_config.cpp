#include "sync/serve_config.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "core/sync/routes.hpp"
#include "sync/client_address.hpp"

namespace magtreg::sync {
namespace {

namespace fs = std::filesystem;
using Kind = ServeSetting::Kind;

// A whole number in [lo, hi] written with digits only, or an error naming `key`.
std::string set_number(int& out, const std::string& value, std::string_view key, long lo, long hi) {
  const bool digits = !value.empty() && value.size() <= 9 && value.find_first_not_of("0123456789") == std::string::npos;
  const long n = digits ? std::stol(value) : -1;
  if (!digits || n < lo || n > hi)
    return "'" + std::string(key) + "' skal være et helt tal fra " + std::to_string(lo) + " til " + std::to_string(hi) +
           ", ikke '" + value + "'";
  out = static_cast<int>(n);
  return {};
}

std::string set_size(std::size_t& out, const std::string& value, std::string_view key, long lo, long hi) {
  int n = 0;
  auto e = set_number(n, value, key, lo, hi);
  if (e.empty()) out = static_cast<std::size_t>(n);
  return e;
}

std::vector<std::string> one(const std::string& v) { return {v}; }

// A text or path setting that takes any value, and its current value.
template <std::string ServerOptions::*M>
std::string set_text(ServerOptions& o, const std::string& v) {
  o.*M = v;
  return {};
}
template <std::string ServerOptions::*M>
std::vector<std::string> get_text(const ServerOptions& o) {
  return one(o.*M);
}

const std::vector<ServeSetting> k_settings = {
    {"--bind", "bind", Kind::Text, "address to listen on (127.0.0.1; 0.0.0.0 or :: for every interface)",
     [](ServerOptions& o, const std::string& v) -> std::string {
       if (v.empty()) return "'bind' må ikke være tom";
       o.bind = v;
       return {};
     },
     get_text<&ServerOptions::bind>},
    {"--port", "port", Kind::Number, "TCP port (8080; 0 picks a free one and prints it)",
     [](ServerOptions& o, const std::string& v) { return set_number(o.port, v, "port", 0, 65535); },
     [](const ServerOptions& o) { return one(std::to_string(o.port)); }},
    {"--db", "db", Kind::Path, "the SQLite database file (created with its schema if missing)",
     [](ServerOptions& o, const std::string& v) -> std::string {
       if (v.empty()) return "'db' må ikke være tom";
       o.db_path = v;
       return {};
     },
     get_text<&ServerOptions::db_path>},
    {"--public", "public", Kind::Path, "folder of index.html, the service worker, manifest and icons",
     set_text<&ServerOptions::public_dir>, get_text<&ServerOptions::public_dir>},
    {"--app", "app", Kind::Path, "folder of the built app (magtreg.js, magtreg.wasm, fonts)",
     set_text<&ServerOptions::app_dir>, get_text<&ServerOptions::app_dir>},
    {"--tls-cert", "tls_cert", Kind::Path, "PEM certificate chain; with tls_key the server speaks HTTPS",
     set_text<&ServerOptions::tls_cert>, get_text<&ServerOptions::tls_cert>},
    {"--tls-key", "tls_key", Kind::Path, "PEM private key of tls_cert",
     set_text<&ServerOptions::tls_key>, get_text<&ServerOptions::tls_key>},
    {"--audit-key", "audit_key", Kind::Path, "the audit chain's key (default: DB.audit-key)",
     set_text<&ServerOptions::audit_key>, get_text<&ServerOptions::audit_key>},
    {"--audit-anchor", "audit_anchor", Kind::Path, "the audit chain's anchor (default: DB.audit-anchor)",
     set_text<&ServerOptions::audit_anchor>, get_text<&ServerOptions::audit_anchor>},
    {"--access-log", "access_log", Kind::Path, "request log, one JSON line per request (- for stderr; off if empty)",
     set_text<&ServerOptions::access_log>, get_text<&ServerOptions::access_log>},
    {"--trusted-proxy", "trusted_proxy", Kind::List, "a reverse proxy's address whose X-Forwarded-For is believed",
     [](ServerOptions& o, const std::string& v) -> std::string {
       auto ip = canonical_ip(v);
       if (!ip) return "'trusted_proxy' skal være en IPv4- eller IPv6-adresse, ikke '" + v + "'";
       o.trusted_proxies.push_back(*ip);
       return {};
     },
     [](const ServerOptions& o) { return o.trusted_proxies; }},
    {"--offline-unlock-hours", "offline_unlock_hours", Kind::Number,
     "hours after a user's last server contact a tablet opens their data offline (72)",
     [](ServerOptions& o, const std::string& v) {
       return set_number(o.offline_unlock_hours, v, "offline_unlock_hours", 1, 720);
     },
     [](const ServerOptions& o) { return one(std::to_string(o.offline_unlock_hours)); }},
    {"--metrics-token-file", "metrics_token_file", Kind::Path,
     "file of the bearer token that opens GET /metrics (32+ characters); no /metrics without it",
     set_text<&ServerOptions::metrics_token_file>, get_text<&ServerOptions::metrics_token_file>},
    {"--oidc-issuer", "oidc_issuer", Kind::Text,
     "single sign-on: the OpenID Connect provider's issuer URL (off when empty)",
     [](ServerOptions& o, const std::string& v) -> std::string {
       if (!v.empty() && v.rfind("https://", 0) != 0 && v.rfind("http://127.0.0.1", 0) != 0 &&
           v.rfind("http://localhost", 0) != 0)
         return "'oidc_issuer' skal være en https-adresse, ikke '" + v + "'";
       o.oidc_issuer = v;
       return {};
     },
     get_text<&ServerOptions::oidc_issuer>},
    {"--oidc-client-id", "oidc_client_id", Kind::Text, "single sign-on: Magtreg's client id at the provider",
     set_text<&ServerOptions::oidc_client_id>, get_text<&ServerOptions::oidc_client_id>},
    {"--oidc-client-secret-file", "oidc_client_secret_file", Kind::Path,
     "single sign-on: file of the client secret (readable by the service only)",
     set_text<&ServerOptions::oidc_client_secret_file>, get_text<&ServerOptions::oidc_client_secret_file>},
    {"--oidc-redirect-uri", "oidc_redirect_uri", Kind::Text,
     "single sign-on: the public address of {sso_callback}, as registered at the provider",
     set_text<&ServerOptions::oidc_redirect_uri>, get_text<&ServerOptions::oidc_redirect_uri>},
    {"--oidc-group-claim", "oidc_group_claim", Kind::Text,
     "single sign-on: the ID token claim whose values 'magtreg sso map' maps to roles (groups)",
     [](ServerOptions& o, const std::string& v) -> std::string {
       if (v.empty()) return "'oidc_group_claim' må ikke være tom";
       o.oidc_group_claim = v;
       return {};
     },
     get_text<&ServerOptions::oidc_group_claim>},
    {"--backup-dir", "backup_dir", Kind::Path,
     "folder of the scheduled backups ('magtreg backup --config' writes there; /metrics reports the newest)",
     set_text<&ServerOptions::backup_dir>, get_text<&ServerOptions::backup_dir>},
    {"--backup-keep", "backup_keep", Kind::Number, "scheduled backups kept in backup_dir, the newest (14)",
     [](ServerOptions& o, const std::string& v) { return set_number(o.backup_keep, v, "backup_keep", 1, 9999); },
     [](const ServerOptions& o) { return one(std::to_string(o.backup_keep)); }},
    {"--max-connections", "max_connections", Kind::Number, "open connections in all (4096)",
     [](ServerOptions& o, const std::string& v) {
       return set_size(o.max_connections, v, "max_connections", 16, 1000000);
     },
     [](const ServerOptions& o) { return one(std::to_string(o.max_connections)); }},
    {"--max-connections-per-address", "max_connections_per_address", Kind::Number,
     "open connections from one client address (256)",
     [](ServerOptions& o, const std::string& v) {
       return set_size(o.max_connections_per_address, v, "max_connections_per_address", 1, 1000000);
     },
     [](const ServerOptions& o) { return one(std::to_string(o.max_connections_per_address)); }},
};

const ServeSetting* by_key(std::string_view key) {
  for (const auto& s : k_settings)
    if (s.key == key) return &s;
  return nullptr;
}

const ServeSetting* by_flag(std::string_view flag) {
  for (const auto& s : k_settings)
    if (s.flag == flag) return &s;
  return nullptr;
}

// Checks that hold across settings, whichever way they were given.
std::string check_whole(const ServerOptions& o) {
  if (o.tls_cert.empty() != o.tls_key.empty()) return "'tls_cert' og 'tls_key' skal angives sammen";
  if (!o.oidc_issuer.empty() &&
      (o.oidc_client_id.empty() || o.oidc_client_secret_file.empty() || o.oidc_redirect_uri.empty()))
    return "'oidc_issuer' kræver 'oidc_client_id', 'oidc_client_secret_file' og 'oidc_redirect_uri'";
  return {};
}

std::string config_error(const std::string& path, std::size_t line, const std::string& what) {
  return path + (line ? ":" + std::to_string(line) : "") + ": " + what + " (CONFIG_INVALID)";
}

// TOML basic string: quotes, backslashes and control characters escaped.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

const std::vector<ServeSetting>& serve_settings() { return k_settings; }

ServeConfigResult read_serve_config(const std::string& path, ServerOptions base) {
  ServeConfigResult r{std::move(base), {}};
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    r.error = config_error(path, 0, "filen kan ikke læses");
    return r;
  }
  std::ostringstream text;
  text << in.rdbuf();
  toml::table table;
  try {
    table = toml::parse(text.str(), path);
  } catch (const toml::parse_error& e) {
    r.error = config_error(path, e.source().begin.line, "ikke gyldig TOML: " + std::string(e.description()));
    return r;
  }
  const fs::path folder = fs::absolute(fs::path(path)).parent_path();
  for (auto&& [key, node] : table) {
    const std::size_t line = node.source().begin.line;
    const ServeSetting* s = by_key(key.str());
    if (!s) {
      r.error = config_error(path, line, "ukendt nøgle '" + std::string(key.str()) + "'");
      return r;
    }
    std::vector<std::string> values;
    if (s->kind == Kind::Number) {
      auto n = node.value<int64_t>();
      if (!node.is_integer() || !n) {
        r.error = config_error(path, line, "'" + std::string(s->key) + "' skal være et helt tal uden anførselstegn");
        return r;
      }
      values.push_back(*n < 0 ? "-" + std::to_string(-*n) : std::to_string(*n));
    } else if (s->kind == Kind::List && node.is_array()) {
      for (auto&& element : *node.as_array()) {
        if (!element.is_string()) {
          r.error = config_error(path, line, "'" + std::string(s->key) + "' skal være en liste af tekster i anførselstegn");
          return r;
        }
        values.push_back(*element.value<std::string>());
      }
    } else if (node.is_string()) {
      values.push_back(*node.value<std::string>());
    } else {
      r.error = config_error(path, line, "'" + std::string(s->key) + "' skal være en tekst i anførselstegn");
      return r;
    }
    for (auto& v : values) {
      if (s->kind == Kind::Path && !v.empty() && v != "-" && fs::path(v).is_relative()) v = (folder / v).lexically_normal().string();
      if (auto e = s->set(r.options, v); !e.empty()) {
        r.error = config_error(path, line, e);
        return r;
      }
    }
  }
  if (auto e = check_whole(r.options); !e.empty()) r.error = config_error(path, 0, e);
  return r;
}

ServeConfigResult parse_serve_args(const std::vector<std::string_view>& args) {
  ServeConfigResult r;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] != "--config") continue;
    if (i + 1 >= args.size()) {
      r.error = "--config mangler en fil (USAGE)";
      return r;
    }
    r = read_serve_config(std::string(args[i + 1]), std::move(r.options));
    if (!r.ok()) return r;
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config") {
      ++i;
      continue;
    }
    const ServeSetting* s = by_flag(args[i]);
    if (!s || i + 1 >= args.size()) {
      r.error = "ukendt eller ufuldstændig valgmulighed '" + std::string(args[i]) + "' (USAGE)";
      return r;
    }
    if (auto e = s->set(r.options, std::string(args[++i])); !e.empty()) {
      r.error = std::string(s->flag) + ": " + e + " (USAGE)";
      return r;
    }
  }
  if (auto e = check_whole(r.options); !e.empty()) r.error = e + " (USAGE)";
  return r;
}

std::optional<std::string> read_secret_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  std::string s = text.str();
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return std::string();
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string help_text(const ServeSetting& setting) {
  std::string out(setting.help);
  constexpr std::string_view placeholder = "{sso_callback}";
  if (auto at = out.find(placeholder); at != std::string::npos)
    out.replace(at, placeholder.size(), core::sync::routes::sso_callback.name);
  return out;
}

std::string serve_config_text(const ServerOptions& options) {
  std::string out = "# magtreg serve: the settings in effect (docs/operations.md)\n";
  for (const auto& s : k_settings) {
    out += "\n# " + help_text(s) + "\n" + std::string(s.key) + " = ";
    const auto values = s.get(options);
    if (s.kind == Kind::List) {
      out += "[";
      for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + quoted(values[i]);
      out += "]";
    } else if (s.kind == Kind::Number) {
      out += values.at(0);
    } else if (s.kind == Kind::Path) {
      // Absolute, so the text means the same read from any folder (a relative path is the working folder's).
      const std::string& v = values.at(0);
      out += quoted(v.empty() || v == "-" ? v : fs::absolute(v).lexically_normal().string());
    } else {
      out += quoted(values.at(0));
    }
    out += "\n";
  }
  return out;
}

}  // namespace magtreg::sync
