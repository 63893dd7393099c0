// Issue 12's done-when item: every /api/v1 route x every role x the target's scope (own, another
// institution of the municipality, another municipality, an id that does not exist) and no token, as a
// table. One server and one seeded database for all rows. A refusal reveals nothing: no name, CPR or
// content of the target, and a target out of scope is answered exactly as one that does not exist
// (issue 12, low). Adding a route is one row; adding a role is one entry in k_users and in the rows.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/model/form_instance.hpp"
#include "core/storage/citizen_repository.hpp"
#include "core/storage/record_repository.hpp"
#include "core/util/uuid.hpp"
#include "sync/directory.hpp"
#include "sync/password.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;

namespace {

// What a role reaches on a route: nothing, its own institutions, its whole municipality, or figures
// without names (pseudonymised statistics).
enum class Reach { None, Own, Municipality, Figures };

enum class Where { Own, OtherInstitution, OtherMunicipality, Unknown };
constexpr Where k_wheres[] = {Where::Own, Where::OtherInstitution, Where::OtherMunicipality, Where::Unknown};
const char* name_of(Where w) {
  switch (w) {
    case Where::Own: return "own institution";
    case Where::OtherInstitution: return "other institution";
    case Where::OtherMunicipality: return "other municipality";
    case Where::Unknown: return "unknown id";
  }
  return "";
}

// The roles, one user each (world.hpp's plus an administrator). staff_a and leader_a are attached to
// institution A; the others see the municipality by role.
const std::vector<std::string> k_users = {"staff_a", "leader_a", "udvalg", "myndighed", "sagsbehandler", "drift", "admin"};

// One scope's objects and what must never leak about them.
struct Target {
  std::string institution, citizen, form, case_id;
  std::string name, cpr, place;
};

struct Request {
  std::string method, path, body;
};

struct IdRoute {
  const char* name;
  std::function<Request(const Target&, const World&, const std::string& user_id)> request;
  std::map<std::string, Reach> reach;  // by username; absent: Reach::None
};

struct ListRoute {
  const char* name;
  Request request;
  std::map<std::string, Reach> reach;
  bool shows_names;  // when reached, the visible citizens' names are in the answer
};

Reach reach_of(const std::map<std::string, Reach>& m, const std::string& user) {
  auto it = m.find(user);
  return it == m.end() ? Reach::None : it->second;
}

bool expect_allowed(Reach r, Where w) {
  if (w == Where::Own) return r == Reach::Own || r == Reach::Municipality;
  if (w == Where::OtherInstitution) return r == Reach::Municipality;
  return false;
}

// Seeds a third scope (another municipality) and one form per scope, behind the API.
Target add_scope(core::storage::Database& db, const World& w, const std::string& inst, const std::string& citizen,
                 const std::string& name, const std::string& cpr, const std::string& place) {
  Target t{inst, citizen, core::new_uuid(), w.case_of(citizen), name, cpr, place};
  auto f = skema_1a(w, citizen, inst, w.users.at("staff_a"));
  f.id = t.form;
  f.content["place"] = place;
  core::storage::RecordRepository<core::model::FormInstance> forms(db, core::storage::Side::Server);
  REQUIRE(forms.insert(f).ok());
  return t;
}

httplib::Result send(const ApiServer& s, const Request& r, const std::string& token) {
  auto c = s.client();
  httplib::Headers h;
  if (!token.empty()) h = bearer(token);
  if (r.method == "GET") return c.Get(r.path.c_str(), h);
  if (r.method == "PUT") return c.Put(r.path.c_str(), h, r.body, "application/json");
  return c.Post(r.path.c_str(), h, r.body, "application/json");
}

void check_reveals_nothing(const std::string& body, const Target& t) {
  CHECK(body.find(t.name) == std::string::npos);
  CHECK(body.find(t.cpr) == std::string::npos);
  CHECK(body.find(t.place) == std::string::npos);
  CHECK(body.find("\"content\"") == std::string::npos);
}

}  // namespace

TEST_CASE("access matrix: every /api/v1 route x role x scope, and no token") {
  ApiServer s;
  const World& w = s.world();
  std::map<Where, Target> targets;
  {
    auto db = s.open_db();
    targets[Where::Own] = add_scope(db, w, w.inst_a, w.citizen_a, "Anders Ahorn", "010190-1234", "Stuen ved Ahorn");
    targets[Where::OtherInstitution] = add_scope(db, w, w.inst_b, w.citizen_b, "Birthe Birk", "020240-5678", "Haven ved Birk");
    // Another municipality: its own institution, citizen and case.
    World other = w;
    other.municipality = core::new_uuid();
    const std::string inst_c = core::new_uuid(), citizen_c = core::new_uuid();
    REQUIRE(sync::add_municipality(db, {other.municipality, "Andenkommune", 10, 5, "Region Andet", "Socialtilsyn Andet"}).ok());
    REQUIRE(sync::add_institution(db, {inst_c, other.municipality, "Bostedet Ceder", "botilbud", "municipal", "Handicap", "handicap"}).ok());
    core::storage::CitizenRepository citizens(db, core::storage::Side::Server);
    core::model::Citizen c;
    c.id = citizen_c;
    c.cpr = "030303-3333";
    c.name = "Cecilie Ceder";
    c.target_group = "handicap";
    c.acting_municipality = "Andenkommune";
    c.institution_id = inst_c;
    REQUIRE(citizens.insert(c).ok());
    other.cases[citizen_c] = core::new_uuid();
    REQUIRE(seed_case(db, citizen_c, other.cases[citizen_c]).ok());
    targets[Where::OtherMunicipality] = add_scope(db, other, inst_c, citizen_c, "Cecilie Ceder", "030303-3333", "Kælderen ved Ceder");
    targets[Where::Unknown] = {core::new_uuid(), core::new_uuid(), core::new_uuid(), core::new_uuid(),
                               "Ukendt Person", "999999-9999", "Intetsteds"};
    core::model::User admin;
    admin.id = core::new_uuid();
    admin.username = admin.display_name = "admin";
    admin.role = core::Role::Admin;
    admin.municipality_id = w.municipality;
    admin.password_hash = *sync::hash_password(k_test_password);
    REQUIRE(sync::add_user(db, admin).ok());
  }
  std::map<std::string, std::string> tokens, user_ids;
  for (const auto& u : k_users) {
    tokens[u] = s.login(u);
    REQUIRE_MESSAGE(!tokens[u].empty(), u);
    auto me = s.client().Get("/api/v1/me", bearer(tokens[u]));
    REQUIRE(me);
    user_ids[u] = body_of(me)["user"]["id"].get<std::string>();
  }

  const Reach O = Reach::Own, M = Reach::Municipality, F = Reach::Figures;
  // [SECTION] routes that name one object
  const std::vector<IdRoute> id_routes = {
      {"GET /api/v1/citizens/{id}",
       [](const Target& t, const World&, const std::string&) { return Request{"GET", "/api/v1/citizens/" + t.citizen, ""}; },
       {{"staff_a", O}, {"leader_a", O}, {"udvalg", M}, {"myndighed", M}, {"sagsbehandler", M}, {"admin", M}}},
      {"GET /api/v1/records/form/{id}",
       [](const Target& t, const World&, const std::string&) { return Request{"GET", "/api/v1/records/form/" + t.form, ""}; },
       {{"staff_a", O}, {"leader_a", O}, {"udvalg", M}, {"myndighed", M}, {"sagsbehandler", M}}},
      {"GET /api/v1/records/citizen/{id}",
       [](const Target& t, const World&, const std::string&) { return Request{"GET", "/api/v1/records/citizen/" + t.citizen, ""}; },
       {{"staff_a", O}, {"leader_a", O}, {"udvalg", M}, {"myndighed", M}, {"sagsbehandler", M}}},
      {"GET /api/v1/records/case/{id}",
       [](const Target& t, const World&, const std::string&) { return Request{"GET", "/api/v1/records/case/" + t.case_id, ""}; },
       {{"staff_a", O}, {"leader_a", O}, {"udvalg", M}, {"myndighed", M}, {"sagsbehandler", M}}},
      {"GET /api/v1/cases/{id}/closing",
       [](const Target& t, const World&, const std::string&) { return Request{"GET", "/api/v1/cases/" + t.case_id + "/closing", ""}; },
       {{"staff_a", O}, {"leader_a", O}, {"udvalg", M}, {"myndighed", M}, {"sagsbehandler", M}}},
      {"GET /api/v1/citizens/{id}/complaint-letter",
       [](const Target& t, const World&, const std::string&) { return Request{"GET", "/api/v1/citizens/" + t.citizen + "/complaint-letter", ""}; },
       {{"leader_a", O}}},
      {"GET /api/v1/reports/preview?institution={id}",
       [](const Target& t, const World&, const std::string&) { return Request{"GET", "/api/v1/reports/preview?institution=" + t.institution, ""}; },
       {{"leader_a", O}}},
      {"GET /api/v1/reports/preview?kind=moves&institution={id}",
       [](const Target& t, const World&, const std::string&) {
         return Request{"GET", "/api/v1/reports/preview?kind=moves&institution=" + t.institution, ""};
       },
       {{"myndighed", M}}},
      {"PUT /api/v1/records/form/{id} (a new registration for the scope's citizen)",
       [](const Target& t, const World& w, const std::string& user_id) {
         auto f = skema_1a(w, t.citizen, t.institution, user_id);
         f.case_id = t.case_id;
         return Request{"PUT", "/api/v1/records/form/" + f.id, upload_body(f, 1)};
       },
       {{"staff_a", O}, {"leader_a", O}}},
  };
  for (const auto& route : id_routes) {
    const std::string route_name = route.name;
    CAPTURE(route_name);
    for (const auto& user : k_users) {
      CAPTURE(user);
      const Reach reach = reach_of(route.reach, user);
      std::map<Where, httplib::Result> answers;
      for (Where where : k_wheres) {
        const std::string where_name = name_of(where);
        CAPTURE(where_name);
        auto r = send(s, route.request(targets[where], w, user_ids[user]), tokens[user]);
        REQUIRE(r);
        if (expect_allowed(reach, where)) {
          CHECK_MESSAGE(r->status == 200, r->body);
        } else {
          CHECK_MESSAGE(r->status == 403, r->body);
          check_reveals_nothing(r->body, targets[where]);
        }
        answers.emplace(where, std::move(r));
      }
      // Out of scope answers exactly as does not exist: same status, same body, same code.
      for (Where where : {Where::OtherInstitution, Where::OtherMunicipality})
        if (!expect_allowed(reach, where)) {
          const std::string where_name = name_of(where);
        CAPTURE(where_name);
          CHECK(answers.at(where)->status == answers.at(Where::Unknown)->status);
          CHECK(answers.at(where)->body == answers.at(Where::Unknown)->body);
        }
    }
    // No token: 401, nothing about the object.
    auto r = send(s, route.request(targets[Where::Own], w, w.users.at("staff_a")), "");
    REQUIRE(r);
    CHECK(r->status == 401);
    check_reveals_nothing(r->body, targets[Where::Own]);
  }
  // Every refusal above is in the audit log, the out-of-scope ones under the citizen asked for.
  {
    auto db = s.open_db();
    CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE outcome = 'denied' AND citizen_id = '" +
                         targets[Where::OtherMunicipality].citizen + "'") >= 5);
    CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE outcome = 'not_found'") >= 5);
  }

  // [SECTION] routes over the caller's whole scope
  const json commentary = {{"year", 2024}, {"department", "Handicap"}, {"commentary", "Færre indgreb."}};
  const std::vector<ListRoute> list_routes = {
      {"GET /api/v1/citizens", {"GET", "/api/v1/citizens", ""},
       {{"staff_a", O}, {"leader_a", O}, {"udvalg", M}, {"myndighed", M}, {"sagsbehandler", M}, {"admin", M}}, true},
      {"GET /api/v1/visible-citizens", {"GET", "/api/v1/visible-citizens", ""},
       {{"staff_a", O}, {"leader_a", O}, {"udvalg", M}, {"myndighed", M}, {"sagsbehandler", M}, {"admin", M}}, false},
      {"GET /api/v1/changes", {"GET", "/api/v1/changes?after=0&limit=1000", ""},
       {{"staff_a", O}, {"leader_a", O}, {"udvalg", M}, {"myndighed", M}, {"sagsbehandler", M}}, true},
      {"GET /api/v1/work", {"GET", "/api/v1/work", ""},
       {{"staff_a", O}, {"leader_a", O}, {"udvalg", M}, {"myndighed", M}, {"sagsbehandler", M}}, false},
      {"GET /api/v1/reports", {"GET", "/api/v1/reports", ""}, {{"leader_a", O}, {"udvalg", M}, {"myndighed", M}}, false},
      {"GET /api/v1/stats", {"GET", "/api/v1/stats?year=2024", ""},
       {{"leader_a", F}, {"udvalg", F}, {"myndighed", F}, {"drift", F}}, false},
      {"GET /api/v1/stats/commentary", {"GET", "/api/v1/stats/commentary?year=2024", ""},
       {{"leader_a", F}, {"udvalg", F}, {"myndighed", F}, {"drift", F}}, false},
      {"POST /api/v1/stats/report-link", {"POST", "/api/v1/stats/report-link", R"({"year": 2024})"},
       {{"leader_a", F}, {"udvalg", F}, {"myndighed", F}, {"drift", F}}, false},
      {"PUT /api/v1/stats/commentary", {"PUT", "/api/v1/stats/commentary", commentary.dump()},
       {{"leader_a", F}, {"drift", F}}, false},
      {"GET /api/v1/me", {"GET", "/api/v1/me", ""},
       {{"staff_a", F}, {"leader_a", F}, {"udvalg", F}, {"myndighed", F}, {"sagsbehandler", F}, {"drift", F}, {"admin", F}},
       false},
  };
  for (const auto& route : list_routes) {
    const std::string route_name = route.name;
    CAPTURE(route_name);
    for (const auto& user : k_users) {
      CAPTURE(user);
      const Reach reach = reach_of(route.reach, user);
      auto r = send(s, route.request, tokens[user]);
      REQUIRE(r);
      if (reach == Reach::None) {
        CHECK_MESSAGE(r->status == 403, r->body);
        for (Where where : k_wheres) check_reveals_nothing(r->body, targets[where]);
        continue;
      }
      CHECK_MESSAGE(r->status == 200, r->body);
      for (Where where : k_wheres) {
        const std::string where_name = name_of(where);
        CAPTURE(where_name);
        const bool visible = expect_allowed(reach, where);
        const std::string id = targets[where].citizen;
        if (!visible) {
          CHECK(r->body.find(targets[where].name) == std::string::npos);
          CHECK(r->body.find(targets[where].cpr) == std::string::npos);
          CHECK(r->body.find(id) == std::string::npos);
        } else if (route.shows_names) {
          CHECK(r->body.find(targets[where].name) != std::string::npos);
        }
      }
    }
    auto r = send(s, route.request, "");
    REQUIRE(r);
    CHECK(r->status == 401);
  }
}
