// The request log (issue #12: a crash left no trace): one JSON line per answered request with its UTC
// time, method, route pattern, status, duration, user, body bytes and an error answer's stable code. Never the raw path, a query string,
// a header or a body: those carry CPR numbers, tokens, report tickets and form content.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace magtreg::sync {

struct RequestContext;

// One line's fields.
struct AccessEntry {
  std::string time;    // UTC, 2026-12-03T10:15:30.123Z, when the request began
  std::string method;  // an HTTP method, or OTHER (an unknown method is text the client chose)
  std::string route;   // a route pattern, /static for the app's files, /api/unknown
  int status = 0;
  double ms = 0;       // from the request's first byte (plain HTTP) or its routing (TLS) to the answer sent
  std::string user_id;  // empty when the request did not authenticate
  std::size_t bytes = 0;  // body bytes sent
  std::string code;       // an error answer's stable code (e.g. RATE_LIMITED); empty otherwise
};

// The entry for an answered request.
AccessEntry access_entry(const httplib::Request& req, const httplib::Response& res, const RequestContext& context);
// The JSON line, without its newline.
std::string access_log_line(const AccessEntry& entry);

class AccessLog {
 public:
  AccessLog() = default;
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Appends to `path` ("-" is stderr); false when it cannot be opened.
  bool open(const std::string& path);
  bool is_open() const { return m_file != nullptr; }
  // Writes one line and flushes it, so a crash loses at most the line being written.
  void write(const AccessEntry& entry);

 private:
  std::mutex m_mutex;
  std::FILE* m_file = nullptr;
  bool m_owned = false;
};

}  // namespace magtreg::sync
