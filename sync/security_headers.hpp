// The headers every answer carries (issue #12, finding 8): a Content-Security-Policy the app runs under,
// no MIME sniffing, no framing, no referrer; no caching of API answers (CPR numbers, the login token);
// HSTS only when this process serves TLS itself.
#pragma once

#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace magtreg::sync {

// The policy: the app's own files only, WebAssembly compilation ('wasm-unsafe-eval'), no inline script
// but the yearly report's print button (by hash), no inline style but the server's documents' <style>
// blocks (by hash; a document shown from a blob: URL inherits the app page's policy), no framing.
const std::string& content_security_policy();

inline constexpr const char* k_hsts = "max-age=31536000";

// Adds the headers to `res`; `tls` says whether this server terminates TLS itself.
void add_security_headers(const httplib::Request& req, httplib::Response& res, bool tls);

}  // namespace magtreg::sync
