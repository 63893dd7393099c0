// GET /api/v1/stats?year=YYYY[&quarter=Q][&format=csv]: the figures of core/stats for the caller's
// municipality. The access policy decides the view: pseudonymised scope (management, and today every
// role allowed statistics) suppresses counts below the municipality's threshold; the figures never name
// a citizen. Roles without statistics access get 403, audited.
#include <httplib.h>

#include "core/stats/statistics.hpp"
#include "sync/api.hpp"
#include "sync/http_json.hpp"

namespace magtreg::sync {

namespace st = core::storage;
using core::Error;
using core::ErrorCode;

namespace {

bool parse_int(const std::string& text, int lo, int hi, int& out) {
  if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoi(text);
  return out >= lo && out <= hi;
}

}  // namespace

void mount_stats_routes(httplib::Server& http, ApiContext& ctx) {
  http.Get("/api/v1/stats", [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      const auto scope = core::access::scope_of(caller->user.role, core::access::Action::ViewStatistics);
      if (scope == core::access::Scope::None) {
        audit_now(db, {caller->user.id, "read", "statistics", "", "", "denied"});
        return send_error(res, Error::make(ErrorCode::Forbidden, "Din rolle har ikke adgang til statistik."));
      }
      core::stats::StatsQuery q;
      if (!parse_int(req.get_param_value("year"), 2000, 2100, q.year))
        return send_error(res, Error::make(ErrorCode::InvalidInput, "Angiv et år mellem 2000 og 2100.", "year"));
      if (req.has_param("quarter")) {
        int quarter = 0;
        if (!parse_int(req.get_param_value("quarter"), 1, 4, quarter))
          return send_error(res, Error::make(ErrorCode::InvalidInput, "Kvartalet skal være 1, 2, 3 eller 4.", "quarter"));
        q.quarter = quarter;
      }
      const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
      if (format != "json" && format != "csv")
        return send_error(res, Error::make(ErrorCode::InvalidInput, "Formatet skal være json eller csv.", "format"));
      q.municipality_id = caller->user.municipality_id;
      q.pseudonymised = scope != core::access::Scope::Municipality;
      auto s = core::stats::compute_statistics(db, q);
      if (!s) return send_error(res, s.error());
      audit_now(db, {caller->user.id, "read", "statistics", "", "", "ok"});
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
}

}  // namespace magtreg::sync
