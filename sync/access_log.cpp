// The request log's entries and file (see access_log.hpp).
#include "sync/access_log.hpp"

#include <httplib.h>

#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>

#include "sync/request_context.hpp"
#include "sync/router.hpp"

namespace magtreg::sync {
namespace {

std::string utc_text(std::chrono::system_clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char text[40];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(ms % 1000));
  return text;
}

}  // namespace

AccessEntry access_entry(const httplib::Request& req, const httplib::Response& res, const RequestContext& context) {
  const auto now = std::chrono::steady_clock::now();
  AccessEntry e;
  e.time = utc_text(context.started ? context.wall_started_at : std::chrono::system_clock::now());
  e.method = is_http_method(req.method) ? req.method : "OTHER";
  if (!context.route.empty())
    e.route = context.route;
  else
    e.route = req.path.rfind("/api/", 0) == 0 || req.target.rfind("/api/", 0) == 0 ? "/api/unknown" : "/static";
  e.status = res.status;
  if (context.started)
    e.ms = std::round(std::chrono::duration<double, std::milli>(now - context.started_at).count() * 10) / 10;
  e.user_id = context.user_id;
  e.bytes = req.method == "HEAD" ? 0 : res.body.size();
  e.code = context.error_code;
  return e;
}

std::string access_log_line(const AccessEntry& e) {
  nlohmann::ordered_json j = {{"time", e.time}, {"method", e.method}, {"route", e.route}, {"status", e.status},
                      {"ms", e.ms},     {"user", nullptr},    {"bytes", e.bytes}, {"code", nullptr}};
  if (!e.user_id.empty()) j["user"] = e.user_id;
  if (!e.code.empty()) j["code"] = e.code;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

AccessLog::~AccessLog() {
  if (m_owned && m_file) std::fclose(m_file);
}

bool AccessLog::open(const std::string& path) {
  if (path == "-") {
    m_file = stderr;
    return true;
  }
  m_file = std::fopen(path.c_str(), "a");
  if (!m_file) return false;
  m_owned = true;
  std::setvbuf(m_file, nullptr, _IOLBF, 1 << 14);
  return true;
}

void AccessLog::write(const AccessEntry& entry) {
  if (!m_file) return;
  const std::string line = access_log_line(entry) + "\n";
  std::lock_guard lock(m_mutex);
  std::fwrite(line.data(), 1, line.size(), m_file);
  std::fflush(m_file);
}

}  // namespace magtreg::sync
