// Citizens the caller may see: a search over their institutions (or municipality), and one citizen.
// Each citizen returned is a read of personal data and is audited.
#include <httplib.h>

#include "core/storage/citizen_repository.hpp"
#include "core/storage/transaction.hpp"
#include "core/sync/messages.hpp"
#include "core/sync/routes.hpp"
#include "sync/api.hpp"
#include "sync/directory.hpp"
#include "sync/http_json.hpp"
#include "sync/router.hpp"

namespace magtreg::sync {

namespace st = core::storage;
using core::Error;
using core::ErrorCode;
using nlohmann::json;

void mount_citizen_routes(Router& http, ApiContext& ctx) {
  http.add(routes::citizens, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      auto institutions = visible_institutions(db, *caller, core::access::Action::ViewCitizen);
      if (!institutions) {
        audit_now(db, {caller->user.id, "list", "citizen", "", "", "denied"});
        return send_error(res, Error::make(ErrorCode::Forbidden, "Din rolle har ikke adgang til borgeres oplysninger."));
      }
      const std::string search = req.get_param_value(routes::query::search);
      if (search.size() > 100) return send_error(res, Error::make(ErrorCode::InvalidInput, "Søgningen er for lang.", "q"));
      st::CitizenRepository repo(db);
      auto found = repo.of_institutions(*institutions, search, 200);
      if (!found) return send_error(res, found.error());
      st::Transaction tx(db);
      if (!tx.begin_status()) return send_error(res, tx.begin_status().error());
      core::sync::CitizenList list;
      for (const auto& c : *found) {
        if (auto a = append_audit(db, {caller->user.id, "list", "citizen", c.id, c.id, "ok"}, utc_now_text()); !a)
          return send_audit_unavailable(res, a.error());
        list.citizens.push_back(c);
      }
      if (auto c = tx.commit(); !c) return send_audit_unavailable(res, c.error());
      send_json(res, 200, core::sync::to_json(list));
    });
  });

  // The ids of every citizen the caller may see now, nothing else: a tablet drops the citizens it holds that
  // are no longer among them (moved to an institution out of the user's sight). Ids are not personal
  // data; the request is audited once.
  http.add(routes::visible_citizens, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      auto institutions = visible_institutions(db, *caller, core::access::Action::ViewCitizen);
      if (!institutions) {
        audit_now(db, {caller->user.id, "list_ids", "citizen", "", "", "denied"});
        return send_error(res, Error::make(ErrorCode::Forbidden, "Din rolle har ikke adgang til borgeres oplysninger."));
      }
      auto q = db.prepare("SELECT id FROM citizens WHERE deleted = 0 AND institution_id IN (SELECT value FROM json_each(?1))"
                          " ORDER BY id");
      if (!q) return send_error(res, q.error());
      q->bind(1, json(*institutions).dump());
      core::sync::VisibleCitizens visible;
      if (auto read = q->for_each_row([&](st::Statement& r) { visible.ids.push_back(r.column_text(0)); }); !read)
        return send_error(res, read.error());
      if (!audit_read(db, {caller->user.id, "list_ids", "citizen", "", "", "ok"}, res)) return;
      send_json(res, 200, core::sync::to_json(visible));
    });
  });

  http.add(routes::citizen,
           [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      const std::string id = req.matches[1];
      AuditEntry audit{caller->user.id, "read", "citizen", id, id, "ok"};
      auto placement = citizen_placement(db, id);
      if (!placement) return send_error(res, placement.error());
      // Unknown and forbidden answer alike (403), so ids cannot be probed.
      if (!*placement || !core::access::allowed(caller->principal, core::access::Action::ViewCitizen, **placement)) {
        audit.outcome = *placement ? "denied" : "not_found";
        if (!*placement) audit.citizen_id.clear();
        audit_now(db, audit);
        return send_error(res, Error::make(ErrorCode::Forbidden, "Findes ikke, eller du har ikke adgang til det.", "id"));
      }
      st::CitizenRepository repo(db);
      auto c = repo.get(id);
      if (!c) return send_error(res, c.error());
      if (!audit_read(db, audit, res)) return;
      send_json(res, 200, core::sync::to_json(core::sync::CitizenAnswer{std::move(*c)}));
    });
  });
}

void mount_api(Router& http, ApiContext& ctx) {
  mount_auth_routes(http, ctx);
  mount_citizen_routes(http, ctx);
  mount_record_routes(http, ctx);
  mount_stats_routes(http, ctx);
  mount_workflow_routes(http, ctx);
  mount_form_routes(http, ctx);
}

}  // namespace magtreg::sync
