// The server's routes with their names: registers each handler with httplib and keeps a table of
// (method, pattern, regex), so the access log names a request by its pattern (ids replaced, e.g.
// …/records/{kind}/{id}) and a refused method gets 405 with the methods the route allows.
// POST and PUT bodies are read here, stopped at k_max_request_body whatever their framing (issue #12: a
// chunked body had no limit in httplib 0.11).
#pragma once

#include <functional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "core/sync/routes.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace magtreg::sync {

// The methods HTTP defines (RFC 9110, and PATCH); any other is answered 501 NOT_IMPLEMENTED.
bool is_http_method(std::string_view method);

class Router {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  explicit Router(httplib::Server& http) : m_http(http) {}

  // A route of the API's table (core/sync/routes.hpp): its method, name and regex.
  void add(const core::sync::routes::Route& route, Handler handler);
  // `pattern` is the route's name and, for routes without parameters, its regex.
  void Get(const std::string& pattern, Handler handler) { Get(pattern, pattern, std::move(handler)); }
  void Post(const std::string& pattern, Handler handler) { Post(pattern, pattern, std::move(handler)); }
  void Put(const std::string& pattern, Handler handler) { Put(pattern, pattern, std::move(handler)); }
  void Get(const std::string& pattern, const std::string& regex, Handler handler);
  void Post(const std::string& pattern, const std::string& regex, Handler handler);
  void Put(const std::string& pattern, const std::string& regex, Handler handler);

  // True when a route takes `method` (HEAD as GET) at `path`.
  bool routes(std::string_view method, const std::string& path) const;
  // The methods routes take at `path` ("GET, HEAD, POST" order), empty when no route matches it.
  std::vector<std::string> allowed(const std::string& path) const;
  // The pattern of a route matching `path` under any method, or empty.
  std::string pattern_of(const std::string& path) const;

 private:
  struct Route {
    std::string method, pattern;
    std::regex regex;
  };
  void add(std::string method, const std::string& pattern, const std::string& regex);
  void add_with_body(const std::string& method, const std::string& pattern, const std::string& regex, Handler handler);
  httplib::Server& m_http;
  std::vector<Route> m_routes;
};

}  // namespace magtreg::sync
