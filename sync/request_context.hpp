// What the server knows about the request a worker thread is answering, beyond httplib's Request: when it
// began, the route pattern it matched, the user it authenticated as, and whether its connection must close.
// Written by the connection loop, the router and require_caller; read by the access log.
#pragma once

#include <chrono>
#include <string>

namespace magtreg::sync {

struct RequestContext {
  std::chrono::steady_clock::time_point started_at{};
  std::chrono::system_clock::time_point wall_started_at{};
  bool started = false;
  std::string route;    // the pattern, e.g. …/records/{kind}/{id}; never the raw path
  std::string user_id;  // set once the bearer token resolved to a user (or a login succeeded)
  // The request's body or headers were left unread (refused before reading, or cut off): the next bytes
  // on the connection are not a request, so the plain-HTTP loop closes it after this answer.
  bool close = false;
  std::string error_code;      // the stable code of an error answer (monitoring), empty for none
  std::string upload_outcome;  // an upload's outcome as audited: stored, replay, conflict, stale, denied, refused

  // Starts a new request: clears everything and notes the time.
  void begin();
  // After the access log line: forgets the request (keeping `close` for the connection loop).
  void finish();
};

// The request the calling worker thread is answering (httplib answers a request on one thread).
RequestContext& current_request();

}  // namespace magtreg::sync
