// Named routes, the methods they allow, and bounded request bodies (see router.hpp).
#include "sync/router.hpp"

#include <httplib.h>

#include <algorithm>
#include <array>

#include "sync/api.hpp"
#include "sync/http_json.hpp"
#include "sync/request_context.hpp"

namespace magtreg::sync {

using core::Error;
using core::ErrorCode;

bool is_http_method(std::string_view method) {
  static constexpr std::array<std::string_view, 9> k_methods = {"GET",     "HEAD",    "POST",  "PUT",  "DELETE",
                                                                "CONNECT", "OPTIONS", "TRACE", "PATCH"};
  return std::find(k_methods.begin(), k_methods.end(), method) != k_methods.end();
}

void Router::add(std::string method, const std::string& pattern, const std::string& regex) {
  m_routes.push_back({std::move(method), pattern, std::regex(regex)});
}

void Router::add(const core::sync::routes::Route& route, Handler handler) {
  const std::string name(route.name), regex(route.match());
  if (route.method == "GET") Get(name, regex, std::move(handler));
  else if (route.method == "POST") Post(name, regex, std::move(handler));
  else Put(name, regex, std::move(handler));
}

void Router::Get(const std::string& pattern, const std::string& regex, Handler handler) {
  add("GET", pattern, regex);
  m_http.Get(regex, [pattern, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    current_request().route = pattern;
    handler(req, res);
  });
}

void Router::Post(const std::string& pattern, const std::string& regex, Handler handler) {
  add_with_body("POST", pattern, regex, std::move(handler));
}

void Router::Put(const std::string& pattern, const std::string& regex, Handler handler) {
  add_with_body("PUT", pattern, regex, std::move(handler));
}

// httplib 0.11 stops a body with a Content-Length over its payload limit (413), but reads a chunked one, or
// one without length, to the end into memory. Read here, every framing stops at the limit.
void Router::add_with_body(const std::string& method, const std::string& pattern, const std::string& regex,
                           Handler handler) {
  add(method, pattern, regex);
  auto bounded = [pattern, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                                         const httplib::ContentReader& reader) {
    auto& context = current_request();
    context.route = pattern;
    std::string body;
    bool too_large = false;
    const auto take = [&](const char* data, std::size_t n) {
      if (body.size() + n > k_max_request_body) {
        too_large = true;
        return false;
      }
      body.append(data, n);
      return true;
    };
    // The API takes JSON only; a multipart body is read (within the limit) and then refused as unreadable.
    const bool multipart = req.is_multipart_form_data();
    const bool read = multipart ? reader([](const httplib::MultipartFormData&) { return true; }, take)
                                : reader(take);
    if (!read || multipart) {
      if (!read) {  // the rest of the body, if any, is still on the connection
        context.close = true;
        res.set_header("Connection", "close");
      }
      if (too_large || res.status == 413)
        return send_error(res, Error::make(ErrorCode::PayloadTooLarge, "Forespørgslen er for stor (højst 1 MiB)."));
      return send_error(res, Error::make(ErrorCode::InvalidInput, "Forespørgslen kan ikke læses."));
    }
    httplib::Request with_body = req;
    with_body.body = std::move(body);
    handler(with_body, res);
  };
  if (method == "POST")
    m_http.Post(regex, std::move(bounded));
  else
    m_http.Put(regex, std::move(bounded));
}

bool Router::routes(std::string_view method, const std::string& path) const {
  const std::string_view as = method == "HEAD" ? std::string_view("GET") : method;
  return std::any_of(m_routes.begin(), m_routes.end(),
                     [&](const Route& r) { return r.method == as && std::regex_match(path, r.regex); });
}

std::vector<std::string> Router::allowed(const std::string& path) const {
  std::vector<std::string> out;
  for (const char* method : {"GET", "POST", "PUT"}) {
    if (!routes(method, path)) continue;
    out.emplace_back(method);
    if (out.back() == "GET") out.emplace_back("HEAD");
  }
  return out;
}

std::string Router::pattern_of(const std::string& path) const {
  for (const auto& r : m_routes)
    if (std::regex_match(path, r.regex)) return r.pattern;
  return {};
}

}  // namespace magtreg::sync
