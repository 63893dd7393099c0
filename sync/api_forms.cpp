// The form catalogue for tablets (issue 17): GET …/form-definitions?have=TAG answers every stored
// definition version with the catalogue's tag, or only the tag when the tablet already has it. Definitions
// are the law's forms, not anyone's data: any logged-in user may fetch them, and no audit row is written.
#include <httplib.h>

#include "core/catalogue/definition_store.hpp"
#include "core/sync/messages.hpp"
#include "core/sync/routes.hpp"
#include "sync/api.hpp"
#include "sync/http_json.hpp"
#include "sync/router.hpp"

namespace magtreg::sync {

namespace st = core::storage;

void mount_form_routes(Router& http, ApiContext& ctx) {
  http.add(routes::form_definitions, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      auto all = core::catalogue::list_definitions(db);
      if (!all) return send_error(res, all.error());
      core::sync::FormDefinitions answer;
      answer.tag = core::catalogue::catalogue_tag(*all);
      answer.unchanged = req.has_param(routes::query::have) && req.get_param_value(routes::query::have) == answer.tag;
      if (!answer.unchanged)
        for (const auto& d : *all) answer.bodies.push_back(d.body);
      send_json(res, 200, core::sync::to_json(answer));
    });
  });
}

}  // namespace magtreg::sync
