// The server's HTTP API as one table (issue 27 item 5): every route's method, its name (the pattern the
// access log shows) and the regex the server matches, and every query parameter's name. The server's
// router registers each route from here and the app's requests (shell/api) build their paths from here,
// so a path or a parameter is spelled once. docs/sync-protocol.md describes the messages.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace magtreg::core::sync::routes {

struct Route {
  std::string_view method;  // "GET", "POST", "PUT"
  std::string_view name;    // "/api/v1/records/{kind}/{id}": the path itself for a route without parameters
  std::string_view regex;   // what the server matches; empty = the name
  std::string_view match() const { return regex.empty() ? name : regex; }
};

inline constexpr std::string_view k_base = "/api/v1";

// [SECTION] session
inline constexpr Route login{"POST", "/api/v1/login", ""};
inline constexpr Route logout{"POST", "/api/v1/logout", ""};
inline constexpr Route me{"GET", "/api/v1/me", ""};
inline constexpr Route sso_status{"GET", "/api/v1/sso", ""};
inline constexpr Route sso_start{"GET", "/api/v1/sso/start", ""};
inline constexpr Route sso_callback{"GET", "/api/v1/sso/callback", ""};
inline constexpr Route sso_session{"POST", "/api/v1/sso/session", ""};

// [SECTION] records
inline constexpr Route upload{"PUT", "/api/v1/records/{kind}/{id}", R"(/api/v1/records/([a-z_]+)/([^/]+))"};
inline constexpr Route record{"GET", "/api/v1/records/{kind}/{id}", R"(/api/v1/records/([a-z_]+)/([^/]+))"};
inline constexpr Route changes{"GET", "/api/v1/changes", ""};
inline constexpr Route citizens{"GET", "/api/v1/citizens", ""};
inline constexpr Route citizen{"GET", "/api/v1/citizens/{id}", R"(/api/v1/citizens/([^/]+))"};
inline constexpr Route visible_citizens{"GET", "/api/v1/visible-citizens", ""};
inline constexpr Route form_definitions{"GET", "/api/v1/form-definitions", ""};

// [SECTION] work after registration
inline constexpr Route work{"GET", "/api/v1/work", ""};
inline constexpr Route report_preview{"GET", "/api/v1/reports/preview", ""};
inline constexpr Route reports{"GET", "/api/v1/reports", ""};
inline constexpr Route report{"GET", "/api/v1/reports/{id}[/document]", R"(/api/v1/reports/([0-9a-f-]{36})(/document)?)"};
inline constexpr Route complaint_letter{"GET", "/api/v1/citizens/{id}/complaint-letter",
                                        R"(/api/v1/citizens/([^/]+)/complaint-letter)"};
inline constexpr Route case_closing{"GET", "/api/v1/cases/{id}/closing", R"(/api/v1/cases/([^/]+)/closing)"};

// [SECTION] statistics
inline constexpr Route stats{"GET", "/api/v1/stats", ""};
inline constexpr Route commentary{"GET", "/api/v1/stats/commentary", ""};
inline constexpr Route commentary_update{"PUT", "/api/v1/stats/commentary", ""};
inline constexpr Route report_link{"POST", "/api/v1/stats/report-link", ""};

// Every route above, for the router's tests and the table's own.
inline constexpr const Route* k_all[] = {&login, &logout, &me, &sso_status, &sso_start, &sso_callback, &sso_session,
                                         &upload, &record, &changes, &citizens, &citizen, &visible_citizens,
                                         &form_definitions, &work, &report_preview, &reports, &report,
                                         &complaint_letter, &case_closing, &stats, &commentary, &commentary_update,
                                         &report_link};

// [SECTION] query parameters
namespace query {
inline constexpr const char* after = "after";  // changes: the last server_seq the app holds
inline constexpr const char* limit = "limit";
inline constexpr const char* have = "have";                // form-definitions: the tag the app holds
inline constexpr const char* search = "q";                 // citizens
inline constexpr const char* institution = "institution";  // reports, stats
inline constexpr const char* month = "month";              // reports: "YYYY-MM"
inline constexpr const char* kind = "kind";                // report preview: `moves` for the move report
inline constexpr const char* moves = "moves";
inline constexpr const char* recipient = "recipient";      // a report's document: the recipient's index
inline constexpr const char* year = "year";                // stats
inline constexpr const char* quarter = "quarter";
inline constexpr const char* department = "department";
inline constexpr const char* format = "format";            // stats: json or csv
inline constexpr const char* ticket = "ticket";            // the printable report's one-time link
}  // namespace query

// [SECTION] paths with their parameters, as the app requests them
// The route's name with each "{...}" replaced by the next of `values` in order; an optional part "[...]"
// kept (without its brackets) when `with_optional`, else dropped. expand(upload, {"form", id}) is
// "/api/v1/records/form/<id>"; expand(report, {id}, true) the report's document.
inline std::string expand(const Route& route, std::initializer_list<std::string_view> values, bool with_optional = false) {
  std::string out;
  auto value = values.begin();
  const std::string_view name = route.name;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '{') {
      const std::size_t end = name.find('}', i);
      if (value != values.end()) out += *value++;
      i = end;
    } else if (name[i] == '[') {
      const std::size_t end = name.find(']', i);
      if (with_optional) out += name.substr(i + 1, end - i - 1);
      i = end;
    } else {
      out += name[i];
    }
  }
  return out;
}

}  // namespace magtreg::core::sync::routes
