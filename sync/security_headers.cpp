// Security headers on every answer (see security_headers.hpp).
#include "sync/security_headers.hpp"

#include <httplib.h>
#include <sodium.h>

#include <string_view>

#include "core/stats/report_html.hpp"
#include "core/util/sha256.hpp"
#include "core/workflow/documents.hpp"

namespace magtreg::sync {
namespace {

// 'sha256-<base64>' of an inline block, as CSP spells a hash source.
std::string hash_source(std::string_view inline_text) {
  core::Sha256 h;
  h.update(inline_text);
  const auto digest = h.finish();
  char b64[64];
  sodium_bin2base64(b64, sizeof b64, digest.data(), digest.size(), sodium_base64_VARIANT_ORIGINAL);
  return "'sha256-" + std::string(b64) + "'";
}

}  // namespace

const std::string& content_security_policy() {
  static const std::string policy =
      "default-src 'self'; "
      "script-src 'self' 'wasm-unsafe-eval' 'unsafe-hashes' " + hash_source(core::stats::report_print_handler()) + "; "
      "style-src 'self' " + hash_source(core::workflow::document_style()) + " " +
      hash_source(core::stats::report_style()) + "; "
      "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
      "frame-ancestors 'none'";
  return policy;
}

void add_security_headers(const httplib::Request& req, httplib::Response& res, bool tls) {
  res.set_header("Content-Security-Policy", content_security_policy());
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  if (tls) res.set_header("Strict-Transport-Security", k_hsts);
  // API answers carry CPR numbers and the login token: never stored by a browser or a proxy.
  if (req.path.rfind("/api/", 0) == 0) {
    res.headers.erase("Cache-Control");
    res.set_header("Cache-Control", "no-store");
  }
}

}  // namespace magtreg::sync
