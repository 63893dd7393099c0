// Statistics for management (issue #7), all for the caller's municipality and in the view the access
// policy gives their role (pseudonymised: no names, no CPR, small counts suppressed and complemented):
//   GET  …/stats?year=YYYY[&quarter=Q][&department=NAME|&institution=ID][&format=csv]
//   GET  …/stats/commentary?year=YYYY      the yearly report's commentary, and what the caller may write
//   PUT  …/stats/commentary                {year, department, commentary, positive_examples}
//   POST …/stats/report-link               {year[, department | institution]} -> 10-minute links
//   GET  /rapport?ticket=T, /rapport.csv?ticket=T  the printable report and all its tables as CSV; each
//                                                 ticket opens one page once (the page links a fresh one)
// Every read and write is audited, refusals too.
#include <httplib.h>

#include <algorithm>

#include "core/stats/commentary.hpp"
#include "core/stats/report_html.hpp"
#include "core/stats/published.hpp"
#include "core/stats/statistics.hpp"
#include "core/storage/transaction.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/util/html.hpp"
#include "core/sync/routes.hpp"
#include "sync/api.hpp"
#include "sync/clock.hpp"
#include "sync/directory.hpp"
#include "sync/http_json.hpp"
#include "sync/router.hpp"
#include "sync/password.hpp"

namespace magtreg::sync {

namespace st = core::storage;
using core::Error;
using core::ErrorCode;
using nlohmann::json;
using core::access::Action;
using core::access::Scope;

namespace {

constexpr auto k_ticket_life = std::chrono::minutes(10);

bool parse_int(const std::string& text, int lo, int hi, int& out) {
  if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoi(text);
  return out >= lo && out <= hi;
}

// The query of a stats request; an error answer is already sent when it returns nullopt.
std::optional<core::stats::StatsQuery> stats_query(const httplib::Request& req, httplib::Response& res) {
  core::stats::StatsQuery q;
  if (!parse_int(req.get_param_value(routes::query::year), 2000, 2100, q.year)) {
    send_error(res, Error::make(ErrorCode::InvalidInput, "Angiv et år mellem 2000 og 2100.", "year"));
    return std::nullopt;
  }
  if (req.has_param(routes::query::quarter) && !req.get_param_value(routes::query::quarter).empty()) {
    int quarter = 0;
    if (!parse_int(req.get_param_value(routes::query::quarter), 1, 4, quarter)) {
      send_error(res, Error::make(ErrorCode::InvalidInput, "Kvartalet skal være 1, 2, 3 eller 4.", "quarter"));
      return std::nullopt;
    }
    q.quarter = quarter;
  }
  q.department = req.get_param_value(routes::query::department);
  q.institution_id = req.get_param_value(routes::query::institution);
  return q;
}

Scope statistics_scope(const Caller& c) { return core::access::scope_of(c.user.role, Action::ViewStatistics); }

// The departments the caller may write commentary for.
core::Result<std::vector<std::string>> writable_departments(st::Database& db, const Caller& c) {
  const Scope scope = core::access::scope_of(c.user.role, Action::WriteReportCommentary);
  if (scope == Scope::Municipality) return core::stats::departments_of(db, c.user.municipality_id);
  std::vector<std::string> out;
  if (scope != Scope::OwnInstitutions) return out;
  for (const auto& id : c.user.institution_ids) {
    auto inst = find_institution(db, id);
    if (!inst) return inst.error();
    if (*inst && (*inst)->municipality_id == c.user.municipality_id &&
        std::find(out.begin(), out.end(), (*inst)->operating_department) == out.end())
      out.push_back((*inst)->operating_department);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string now_danish() { return core::time::format_danish(core::time::to_local(core::time::now_utc())); }

void send_html_error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  // The report's own <style>: the Content-Security-Policy allows that one by its hash (no inline style attribute).
  res.set_content("<!doctype html><html lang=\"da\"><meta charset=\"utf-8\"><title>Magtreg</title><style>" +
                      std::string(core::stats::report_style()) + "</style><body><main><h1>Rapporten kan ikke vises</h1><p>" +
                      core::html_escape(message) + "</p></main></body></html>",
                  "text/html; charset=utf-8");
}

// A new single-use ticket for `t`'s report, valid for k_ticket_life; expired ones are dropped.
std::string issue_ticket(ApiContext& ctx, ReportTicket t) {
  std::string ticket = random_token();
  std::lock_guard lock(ctx.report_mutex);
  const auto now = std::chrono::steady_clock::now();
  for (auto it = ctx.report_tickets.begin(); it != ctx.report_tickets.end();)
    it = it->second.expires < now ? ctx.report_tickets.erase(it) : std::next(it);
  t.expires = now + k_ticket_life;
  ctx.report_tickets[ticket] = std::move(t);
  return ticket;
}

// The ticket's report, once: a ticket is used up by its first request (a link copied from the browser's
// history or a proxy's log opens nothing).
std::optional<ReportTicket> take_ticket(ApiContext& ctx, const std::string& ticket) {
  std::lock_guard lock(ctx.report_mutex);
  auto it = ctx.report_tickets.find(ticket);
  if (it == ctx.report_tickets.end()) return std::nullopt;
  ReportTicket t = std::move(it->second);
  ctx.report_tickets.erase(it);
  if (t.expires < std::chrono::steady_clock::now()) return std::nullopt;
  return t;
}

}  // namespace

void mount_stats_routes(Router& http, ApiContext& ctx) {
  http.add(routes::stats, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      const auto scope = statistics_scope(*caller);
      if (scope == Scope::None) {
        audit_now(db, {caller->user.id, "read", "statistics", "", "", "denied"});
        return send_error(res, Error::make(ErrorCode::Forbidden, "Din rolle har ikke adgang til statistik."));
      }
      auto q = stats_query(req, res);
      if (!q) return;
      const std::string format = req.has_param(routes::query::format) ? req.get_param_value(routes::query::format) : "json";
      if (format != "json" && format != "csv")
        return send_error(res, Error::make(ErrorCode::InvalidInput, "Formatet skal være json eller csv.", "format"));
      q->municipality_id = caller->user.municipality_id;
      q->pseudonymised = scope != Scope::Municipality;
      auto s = core::stats::compute_statistics(db, *q);
      if (!s) return send_error(res, s.error());
      if (!audit_read(db, {caller->user.id, "read", "statistics", s->period_label, "", "ok"}, res)) return;
      if (format == "csv") {
        res.status = 200;
        res.set_header("Content-Disposition", "attachment; filename=\"magtanvendelse-" + s->period_label + ".csv\"");
        // A byte-order mark so spreadsheet programs read the Danish letters as UTF-8.
        res.set_content("\xEF\xBB\xBF" + core::stats::to_csv(*s), "text/csv; charset=utf-8");
        return;
      }
      send_json(res, 200, core::stats::to_json(*s));
    });
  });

  http.add(routes::commentary, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      if (statistics_scope(*caller) == Scope::None) {
        audit_now(db, {caller->user.id, "read", "report_commentary", "", "", "denied"});
        return send_error(res, Error::make(ErrorCode::Forbidden, "Din rolle har ikke adgang til statistik."));
      }
      int year = 0;
      if (!parse_int(req.get_param_value(routes::query::year), 2000, 2100, year))
        return send_error(res, Error::make(ErrorCode::InvalidInput, "Angiv et år mellem 2000 og 2100.", "year"));
      auto list = core::stats::commentary_of(db, caller->user.municipality_id, year);
      if (!list) return send_error(res, list.error());
      auto writable = writable_departments(db, *caller);
      if (!writable) return send_error(res, writable.error());
      auto depts = core::stats::departments_of(db, caller->user.municipality_id);
      if (!depts) return send_error(res, depts.error());
      if (!audit_read(db, {caller->user.id, "read", "report_commentary", std::to_string(year), "", "ok"}, res)) return;
      send_json(res, 200, core::stats::commentary_list_json(year, *depts, *list, *writable));
    });
  });

  http.add(routes::commentary_update, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      auto body = parse_object(req.body);
      if (!body) return send_error(res, body.error());
      auto update = core::stats::commentary_update_from_json(*body);
      if (!update) return send_error(res, update.error());
      const int year = update->year;
      const std::string& dept = update->department;
      const std::string object = std::to_string(year) + "/" + dept;
      auto writable = writable_departments(db, *caller);
      if (!writable) return send_error(res, writable.error());
      if (std::find(writable->begin(), writable->end(), dept) == writable->end()) {
        audit_now(db, {caller->user.id, "write", "report_commentary", object, "", "denied"});
        return send_error(res, Error::make(ErrorCode::Forbidden,
                                           "Du kan ikke skrive kommentarer for driftsafdelingen »" + dept + "«."));
      }
      core::stats::Commentary c{dept,          update->commentary,           update->positive_examples,
                                caller->user.id, caller->user.display_name, utc_now_text()};
      st::Transaction tx(db);
      if (auto saved = core::stats::save_commentary(db, caller->user.municipality_id, year, c); !saved) {
        tx.rollback();
        audit_now(db, {caller->user.id, "write", "report_commentary", object, "", "invalid"});
        return send_error(res, saved.error());
      }
      if (auto a = append_audit(db, {caller->user.id, "write", "report_commentary", object, "", "ok"}, utc_now_text()); !a)
        return send_error(res, a.error());
      if (auto cm = tx.commit(); !cm) return send_error(res, cm.error());
      send_json(res, 200, core::stats::saved_commentary_json(c));
    });
  });

  http.add(routes::report_link, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      if (statistics_scope(*caller) == Scope::None) {
        audit_now(db, {caller->user.id, "read", "statistics_report", "", "", "denied"});
        return send_error(res, Error::make(ErrorCode::Forbidden, "Din rolle har ikke adgang til statistik."));
      }
      auto body = parse_object(req.body);
      if (!body) return send_error(res, body.error());
      auto link = core::stats::report_link_request_from_json(*body);
      if (!link) return send_error(res, link.error());
      const int year = link->year;
      const std::string& dept = link->department;
      const std::string& inst = link->institution;
      // The same checks the report will make, so a bad link is refused now and not in the new window.
      core::stats::StatsQuery q{year, std::nullopt, caller->user.municipality_id, true, dept, inst};
      if (auto check = core::stats::compute_statistics(db, q); !check) return send_error(res, check.error());
      const ReportTicket t{caller->user.id, q.year, q.department, q.institution_id, {}};
      const core::stats::ReportLink link_answer{"/rapport?ticket=" + issue_ticket(ctx, t),
                                                "/rapport.csv?ticket=" + issue_ticket(ctx, t),
                                                std::chrono::seconds(k_ticket_life).count()};
      send_json(res, 200, core::stats::to_json(link_answer));
    });
  });

  // The report pages: the ticket stands for the caller; the user is read again (a disabled user's link dies).
  auto report = [&ctx](const httplib::Request& req, httplib::Response& res, bool csv) {
    const std::optional<ReportTicket> ticket = take_ticket(ctx, req.get_param_value(routes::query::ticket));
    if (!ticket)
      return send_html_error(res, 401, "Linket er udløbet eller ugyldigt. Åbn rapporten igen fra statistikken i Magtreg.");
    with_db(ctx, res, [&](st::Database& db) {
      auto user = find_user(db, ticket->user_id);
      if (!user || !*user || (*user)->disabled ||
          core::access::scope_of((*user)->role, Action::ViewStatistics) == Scope::None)
        return send_html_error(res, 403, "Din bruger har ikke længere adgang til statistik.");
      const auto& u = **user;
      core::stats::StatsQuery q{ticket->year, std::nullopt, u.municipality_id,
                                core::access::scope_of(u.role, Action::ViewStatistics) != Scope::Municipality,
                                ticket->department, ticket->institution_id};
      auto s = core::stats::compute_statistics(db, q);
      if (!s) return send_html_error(res, 400, s.error().message);
      if (!audit_read(db, {u.id, "read", csv ? "statistics_csv" : "statistics_report", s->period_label, "", "ok"}, res))
        return;
      res.set_header("Cache-Control", "no-store");
      if (csv) {
        res.set_header("Content-Disposition",
                       "attachment; filename=\"magtanvendelse-aarsrapport-" + s->period_label + ".csv\"");
        res.set_content("\xEF\xBB\xBF" + core::stats::to_csv(*s), "text/csv; charset=utf-8");
        return;
      }
      auto commentary = core::stats::commentary_of(db, u.municipality_id, ticket->year);
      if (!commentary) return send_html_error(res, 500, commentary.error().message);
      res.set_content(core::stats::report_html(*s, *commentary,
                                               {"/rapport.csv?ticket=" + issue_ticket(ctx, *ticket), now_danish()}),
                      "text/html; charset=utf-8");
    });
  };
  http.Get("/rapport", [report](const httplib::Request& req, httplib::Response& res) { report(req, res, false); });
  http.Get("/rapport.csv", [report](const httplib::Request& req, httplib::Response& res) { report(req, res, true); });
}

}  // namespace magtreg::sync
