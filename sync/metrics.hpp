// Monitoring (issue #20): the server's counters in Prometheus' text format (version 0.0.4), served at
// GET /metrics to a scraper holding the token in `metrics_token_file` (docs/operations.md). What is
// counted never names a user, a citizen or a path: a route is its pattern, an error its stable code.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace magtreg::sync {

// Figures read when scraped, not counted as they happen.
struct MetricsGauges {
  long long database_bytes = -1;  // the database file with its WAL; -1 unknown
  long long sessions_active = -1; // not revoked, not idle or past their absolute limit; -1 unknown
  std::size_t connections_open = 0, connections_busy = 0, connections_refused = 0;
  int password_checks_max = 0, password_checks_peak = 0;
  long long password_checks_admitted = 0;
  double started_at_unix = 0;
  bool backups_configured = false;
  std::size_t backups = 0;
  double newest_backup_unix = -1;  // -1: none yet
};

class Metrics {
 public:
  // The histogram's upper bounds, in seconds.
  static constexpr std::array<double, 11> k_buckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  // One answered request: its method, route pattern, status and duration.
  void observe_request(std::string_view method, std::string_view route, int status, double seconds);
  // One upload's outcome (stored, replay, conflict, stale, denied, refused, error) and its error code
  // (empty when stored or replayed).
  void count_upload(std::string_view outcome, std::string_view code);
  // An error answer's stable code, any route.
  void count_error(std::string_view code);
  // An audit row that could not be written (the read it was for was refused).
  void count_audit_write_failure() { m_audit_failures.fetch_add(1, std::memory_order_relaxed); }

  // Everything as Prometheus text.
  std::string render(const MetricsGauges& gauges) const;

 private:
  struct Histogram {
    std::array<long long, k_buckets.size()> buckets{};  // cumulative at render time, per bucket here
    long long count = 0;
    double sum = 0;
  };
  mutable std::mutex m_mutex;
  std::map<std::tuple<std::string, std::string, int>, long long> m_requests;  // method, route, status
  std::map<std::string, Histogram> m_latency;                                  // by route
  std::map<std::pair<std::string, std::string>, long long> m_uploads;          // outcome, code
  std::map<std::string, long long> m_errors;                                   // code
  std::atomic<long long> m_audit_failures{0};
};

// The process's counters (the audit log counts its failures here wherever it is called from).
Metrics& metrics();

// A metrics token read from its file: surrounding whitespace trimmed; at least 32 characters, else empty
// with `error` set (Danish).
std::string read_metrics_token(const std::string& path, std::string& error);

}  // namespace magtreg::sync
