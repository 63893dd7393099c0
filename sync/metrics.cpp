#include "sync/metrics.hpp"

#include <cmath>
#include <cstdio>

#include "sync/serve_config.hpp"

namespace magtreg::sync {
namespace {

// A label value with Prometheus' escapes (backslash, quote, newline).
std::string label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  // Shortest form that reads back the same (0.005, not 0.0050000000000000001).
  for (int digits = 1; digits <= 17; ++digits) {
    char shorter[32];
    std::snprintf(shorter, sizeof shorter, "%.*g", digits, v);
    if (std::strtod(shorter, nullptr) == v) return shorter;
  }
  return buf;
}

void head(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void gauge(std::string& out, std::string_view name, std::string_view help, double value) {
  head(out, name, "gauge", help);
  out += std::string(name) + " " + number(value) + "\n";
}

}  // namespace

void Metrics::observe_request(std::string_view method, std::string_view route, int status, double seconds) {
  std::lock_guard lock(m_mutex);
  ++m_requests[{std::string(method), std::string(route), status}];
  auto& h = m_latency[std::string(route)];
  for (std::size_t i = 0; i < k_buckets.size(); ++i)
    if (seconds <= k_buckets[i]) {
      ++h.buckets[i];
      break;
    }
  ++h.count;
  h.sum += seconds;
}

void Metrics::count_upload(std::string_view outcome, std::string_view code) {
  std::lock_guard lock(m_mutex);
  ++m_uploads[{std::string(outcome), std::string(code)}];
}

void Metrics::count_error(std::string_view code) {
  std::lock_guard lock(m_mutex);
  ++m_errors[std::string(code)];
}

std::string Metrics::render(const MetricsGauges& g) const {
  std::string out;
  std::lock_guard lock(m_mutex);
  head(out, "magtreg_http_requests_total", "counter", "Requests answered, by method, route pattern and status.");
  for (const auto& [key, n] : m_requests) {
    const auto& [method, route, status] = key;
    out += "magtreg_http_requests_total{method=\"" + label(method) + "\",route=\"" + label(route) + "\",status=\"" +
           std::to_string(status) + "\"} " + std::to_string(n) + "\n";
  }
  head(out, "magtreg_http_request_duration_seconds", "histogram",
       "Time from a request's first byte to its answer sent, by route pattern.");
  for (const auto& [route, h] : m_latency) {
    long long cumulative = 0;
    const std::string r = "route=\"" + label(route) + "\"";
    for (std::size_t i = 0; i < k_buckets.size(); ++i) {
      cumulative += h.buckets[i];
      out += "magtreg_http_request_duration_seconds_bucket{" + r + ",le=\"" + number(k_buckets[i]) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += "magtreg_http_request_duration_seconds_bucket{" + r + ",le=\"+Inf\"} " + std::to_string(h.count) + "\n";
    out += "magtreg_http_request_duration_seconds_sum{" + r + "} " + number(h.sum) + "\n";
    out += "magtreg_http_request_duration_seconds_count{" + r + "} " + std::to_string(h.count) + "\n";
  }
  head(out, "magtreg_uploads_total", "counter",
       "Record uploads by outcome (stored, replay, conflict, stale, denied, refused, error) and error code.");
  for (const auto& [key, n] : m_uploads)
    out += "magtreg_uploads_total{outcome=\"" + label(key.first) + "\",code=\"" + label(key.second) + "\"} " +
           std::to_string(n) + "\n";
  head(out, "magtreg_api_errors_total", "counter", "Error answers by stable error code.");
  for (const auto& [code, n] : m_errors)
    out += "magtreg_api_errors_total{code=\"" + label(code) + "\"} " + std::to_string(n) + "\n";
  head(out, "magtreg_audit_write_failures_total", "counter",
       "Audit rows that could not be written (each refused the read or write it was for).");
  out += "magtreg_audit_write_failures_total " + std::to_string(m_audit_failures.load()) + "\n";
  if (g.database_bytes >= 0)
    gauge(out, "magtreg_database_bytes", "The database file with its write-ahead log.",
          static_cast<double>(g.database_bytes));
  if (g.sessions_active >= 0)
    gauge(out, "magtreg_sessions_active", "Login sessions neither revoked nor expired.",
          static_cast<double>(g.sessions_active));
  gauge(out, "magtreg_connections_open", "Open plain-HTTP connections.", static_cast<double>(g.connections_open));
  gauge(out, "magtreg_connections_busy", "Connections whose request a worker is answering.",
        static_cast<double>(g.connections_busy));
  head(out, "magtreg_connections_refused_total", "counter", "Connections refused over a connection limit.");
  out += "magtreg_connections_refused_total " + std::to_string(g.connections_refused) + "\n";
  gauge(out, "magtreg_password_checks_max", "Password checks allowed at once.", g.password_checks_max);
  gauge(out, "magtreg_password_checks_peak", "The most password checks ever run at once.", g.password_checks_peak);
  head(out, "magtreg_password_checks_total", "counter", "Password checks run.");
  out += "magtreg_password_checks_total " + std::to_string(g.password_checks_admitted) + "\n";
  if (g.backups_configured) {
    gauge(out, "magtreg_backups", "Scheduled backups in backup_dir.", static_cast<double>(g.backups));
    if (g.newest_backup_unix >= 0)
      gauge(out, "magtreg_backup_newest_timestamp_seconds", "When the newest scheduled backup was written.",
            g.newest_backup_unix);
  }
  gauge(out, "process_start_time_seconds", "Start time of the process since the Unix epoch.", g.started_at_unix);
  head(out, "magtreg_build_info", "gauge", "The running version.");
  out += "magtreg_build_info{version=\"" MAGTREG_VERSION "\"} 1\n";
  return out;
}

Metrics& metrics() {
  static Metrics m;
  return m;
}

std::string read_metrics_token(const std::string& path, std::string& error) {
  auto token = read_secret_file(path);
  if (!token) {
    error = "tokenfilen " + path + " kan ikke læses";
    return {};
  }
  if (token->size() < 32 || token->find_first_of(" \t\r\n") != std::string::npos) {
    error = "tokenen i " + path + " skal være mindst 32 tegn uden mellemrum (fx openssl rand -hex 32)";
    return {};
  }
  return *token;
}

}  // namespace magtreg::sync
