// The per-thread request context (see request_context.hpp).
#include "sync/request_context.hpp"

namespace magtreg::sync {

void RequestContext::begin() {
  *this = RequestContext{};
  started_at = std::chrono::steady_clock::now();
  wall_started_at = std::chrono::system_clock::now();
  started = true;
}

void RequestContext::finish() {
  const bool keep_close = close;
  *this = RequestContext{};
  close = keep_close;
}

RequestContext& current_request() {
  thread_local RequestContext context;
  return context;
}

}  // namespace magtreg::sync
