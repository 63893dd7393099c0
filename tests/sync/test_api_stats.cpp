// Statistics over the API, real sockets and real SQLite files: the management role gets pseudonymised,
// suppressed and complemented figures only (JSON, CSV and the printable report); units narrow them;
// commentary is written only by the roles and departments the policy allows, and every read, write and
// refusal is audited; the printable report's link works only with its ticket. On the demo data the
// aggregates give the row path's figures and the CLI prints what the API answers.
#include <doctest/doctest.h>

#include <set>

#include "core/stats/statistics.hpp"
#include "core/storage/migrations.hpp"
#include "sync/db_pool.hpp"
#include "sync/seed_demo.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;

namespace {

// Registrations behind the API's back (the triggers keep the aggregates): 5 at A (handicap), 2 at B.
void add_registrations(core::storage::Database& db, const World& w) {
  int n = 0;
  auto add = [&](const std::string& citizen, const std::string& inst, const std::string& basis, const char* started) {
    const std::string id = "stat-" + std::to_string(++n);
    REQUIRE(db.exec("INSERT INTO form_instances(id, form_id, form_version, citizen_id, case_id, institution_id, state,"
                    " content, legal_basis, started_at, created_by, created_at, updated_at, locked_at, locked_by,"
                    " revision, content_hash) VALUES ('" + id + "', '2024-1', 1, '" + citizen + "', 'case', '" + inst +
                    "', 'laast', '{}', '" + basis + "', '" + started + "', 'u', 'x', 'x', 'x', 'u', 1, 'h')")
                .ok());
  };
  for (const char* day : {"2025-03-01T10:00", "2025-03-02T10:00", "2025-03-03T10:00", "2025-03-04T10:00",
                          "2025-03-05T10:00"})
    add(w.citizen_a, w.inst_a, "124d", day);
  add(w.citizen_b, w.inst_b, "136c", "2025-03-06T10:00");
  add(w.citizen_b, w.inst_b, "136c", "2025-03-07T10:00");
}

// Every number a pseudonymised answer shows is 0 or at least the threshold; in every table with a hidden
// row at least two counts of the sum are hidden.
void check_safe(const json& j) {
  const long long th = j["suppression_threshold"];
  REQUIRE(th > 1);
  auto check_figure = [&](const json& f) {
    for (const char* k : {"count", "previous"})
      if (!f[k].is_null()) CHECK_MESSAGE((f[k] == 0 || f[k].get<long long>() >= th), f.dump());
  };
  check_figure(j["registrations"]);
  for (const auto& t : j["tables"]) {
    int hidden = j["registrations"]["count"].is_null() ? 1 : 0;
    for (const auto& r : t["rows"]) {
      check_figure(r);
      hidden += r["count"].is_null() ? 1 : 0;
    }
    CHECK_MESSAGE(hidden != 1, t["id"]);
  }
}

std::string get_body(const ApiServer& s, const std::string& token, const std::string& path, int* status = nullptr) {
  auto c = s.client();
  auto r = c.Get(path.c_str(), bearer(token));
  REQUIRE(r);
  if (status) *status = r->status;
  return r->body;
}

}  // namespace

TEST_CASE("the management role gets pseudonymised, suppressed and complemented figures only") {
  ApiServer s;
  const auto& w = s.world();
  {
    auto db = s.open_db();
    add_registrations(db, w);
  }
  const std::string drift = s.login("drift");
  int status = 0;
  const std::string body = get_body(s, drift, "/api/v1/stats?year=2025", &status);
  REQUIRE_MESSAGE(status == 200, body);
  const json j = json::parse(body);
  CHECK(j["pseudonymised"] == true);
  CHECK(j["suppression_threshold"] == 5);
  CHECK(j["registrations"]["count"] == 7);
  for (const char* secret : {"Anders", "Birthe", "010190", "020240", w.citizen_a.c_str(), w.citizen_b.c_str()})
    CHECK_MESSAGE(body.find(secret) == std::string::npos, secret);
  check_safe(j);
  // Ældre has 2 (small, "< 5"); Handicap's 5 would give it away (7 - 5), so it is hidden too ("–").
  for (const auto& t : j["tables"])
    if (t["id"] == "department")
      for (const auto& r : t["rows"]) {
        CHECK(r["count"].is_null());
        CHECK(r["shown"] == (r["key"] == "Ældre" ? "< 5" : "–"));
      }

  // A unit: the Ældre department alone is small.
  const json aeldre = json::parse(get_body(s, drift, "/api/v1/stats?year=2025&department=%C3%86ldre"));
  CHECK(aeldre["unit"]["label"] == "Driftsafdeling: Ældre");
  CHECK(aeldre["registrations"]["count"].is_null());
  CHECK(aeldre["registrations"]["shown"] == "< 5");
  check_safe(aeldre);
  const json inst_a = json::parse(get_body(s, drift, "/api/v1/stats?year=2025&quarter=1&institution=" + w.inst_a));
  CHECK(inst_a["registrations"]["count"] == 5);
  CHECK(inst_a["units"].size() == 2);
  int bad = 0;
  const json unknown = json::parse(get_body(s, drift, "/api/v1/stats?year=2025&department=Ingen", &bad));
  CHECK(bad == 400);
  CHECK(unknown["error"]["code"] == "INVALID_INPUT");
  CHECK(unknown["error"]["field"] == "department");

  // CSV: the same marks, no names.
  const std::string csv = get_body(s, drift, "/api/v1/stats?year=2025&format=csv");
  CHECK(csv.find("Driftsafdeling;Ældre;Ældre;< 5;") != std::string::npos);
  CHECK(csv.find("Driftsafdeling;Handicap;Handicap;–;") != std::string::npos);
  CHECK(csv.find("Anders") == std::string::npos);

  // The same for the leader and the committee (every role with statistics is pseudonymised); none for staff.
  for (const char* who : {"leader_a", "udvalg"}) {
    const json other = json::parse(get_body(s, s.login(who), "/api/v1/stats?year=2025"));
    CHECK(other["pseudonymised"] == true);
    check_safe(other);
  }
  int staff_status = 0;
  get_body(s, s.login("staff_a"), "/api/v1/stats?year=2025", &staff_status);
  CHECK(staff_status == 403);
  auto db = s.open_db();
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE object_kind = 'statistics' AND outcome = 'denied'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE object_kind = 'statistics' AND outcome = 'ok'") >= 6);
}

TEST_CASE("commentary: written only for the departments the role may, every write and refusal audited") {
  ApiServer s;
  auto c = s.client();
  const std::string drift = s.login("drift"), leader = s.login("leader_a"), udvalg = s.login("udvalg"),
                    staff = s.login("staff_a");
  auto put = [&](const std::string& token, const json& body) {
    return c.Put("/api/v1/stats/commentary", bearer(token), body.dump(), "application/json");
  };
  const json handicap = {{"year", 2025}, {"department", "Handicap"},
                         {"commentary", "Én borger står for de fleste indgreb; der er lagt en ny plan."},
                         {"positive_examples", "Færre fastholdelser efter kursus i low arousal."}};
  auto ok = put(drift, handicap);
  REQUIRE_MESSAGE(ok->status == 200, ok->body);
  CHECK(body_of(ok)["commentary"]["updated_by"] == "drift");
  // The leader of institution A (Handicap) writes Handicap but not Ældre.
  auto own = put(leader, {{"year", 2025}, {"department", "Handicap"}, {"commentary", "Lederens kommentar."}});
  CHECK_MESSAGE(own->status == 200, own->body);
  auto other = put(leader, {{"year", 2025}, {"department", "Ældre"}, {"commentary", "Ikke min afdeling."}});
  CHECK(other->status == 403);
  CHECK(error_code(other) == "FORBIDDEN");
  // The committee reads but does not write; staff do neither.
  CHECK(put(udvalg, handicap)->status == 403);
  CHECK(put(staff, handicap)->status == 403);
  CHECK(c.Get("/api/v1/stats/commentary?year=2025", bearer(staff))->status == 403);
  CHECK(c.Put("/api/v1/stats/commentary", handicap.dump(), "application/json")->status == 401);
  // Bad input is named.
  auto unknown_dept = put(drift, {{"year", 2025}, {"department", "Findes ikke"}, {"commentary", "x"}});
  CHECK(unknown_dept->status == 403);  // not a department the caller may write (there is none by that name)
  auto bad_year = put(drift, {{"year", 1999}, {"department", "Handicap"}});
  CHECK(bad_year->status == 400);
  CHECK(body_of(bad_year)["error"]["field"] == "year");
  auto too_long = put(drift, {{"year", 2025}, {"department", "Handicap"}, {"commentary", std::string(20001, 'x')}});
  CHECK(body_of(too_long)["error"]["field"] == "commentary");
  auto extra = put(drift, {{"year", 2025}, {"department", "Handicap"}, {"author", "x"}});
  CHECK(error_code(extra) == "UNKNOWN_FIELD");

  auto read = c.Get("/api/v1/stats/commentary?year=2025", bearer(udvalg));
  REQUIRE(read->status == 200);
  const json list = body_of(read);
  REQUIRE(list["commentary"].size() == 1);
  CHECK(list["commentary"][0]["commentary"] == "Lederens kommentar.");  // the leader's write replaced drift's
  CHECK(list["commentary"][0]["positive_examples"] == "");
  CHECK(list["writable"].empty());
  CHECK(body_of(c.Get("/api/v1/stats/commentary?year=2025", bearer(leader)))["writable"] == json{"Handicap"});
  CHECK(body_of(c.Get("/api/v1/stats/commentary?year=2025", bearer(drift)))["writable"] == json({"Handicap", "Ældre"}));

  auto db = s.open_db();
  auto audited = [&](const char* outcome) {
    return scalar(db, std::string("SELECT count(*) FROM audit_log WHERE object_kind = 'report_commentary' AND action ="
                                  " 'write' AND outcome = '") + outcome + "'");
  };
  CHECK(audited("ok") == 2);
  CHECK(audited("denied") == 4);  // leader Ældre, udvalg, staff, the unknown department
  CHECK(audited("invalid") == 2);  // the year and the length (the unknown field is refused before the policy)
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE object_kind = 'report_commentary' AND action = 'write'"
                   " AND object_id = '2025/Handicap' AND user_id = '" + s.user_id("leader_a") + "'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM report_commentary") == 1);
}

TEST_CASE("the printable report: a ticket link, pseudonymised, with the commentary; CSV of every table") {
  ApiServer s;
  const auto& w = s.world();
  {
    auto db = s.open_db();
    add_registrations(db, w);
  }
  auto c = s.client();
  const std::string drift = s.login("drift");
  REQUIRE(c.Put("/api/v1/stats/commentary", bearer(drift),
                json{{"year", 2025}, {"department", "Ældre"}, {"commentary", "Få indgreb <i>i år</i>."},
                     {"positive_examples", "Musik ved aftensmaden."}}
                    .dump(),
                "application/json")
              ->status == 200);
  auto link = c.Post("/api/v1/stats/report-link", bearer(drift), R"({"year": 2025})", "application/json");
  REQUIRE_MESSAGE(link->status == 200, link->body);
  const std::string url = body_of(link)["url"], csv_url = body_of(link)["csv_url"];
  CHECK(url.rfind("/rapport?ticket=", 0) == 0);
  auto page = c.Get(url.c_str());  // no bearer: the ticket stands for the caller
  REQUIRE(page->status == 200);
  CHECK(page->get_header_value("Content-Type").find("text/html") == 0);
  const std::string& html = page->body;
  CHECK(html.find("Magtanvendelse – årsrapport 2025") != std::string::npos);
  CHECK(html.find("Få indgreb &lt;i&gt;i år&lt;/i&gt;.") != std::string::npos);  // escaped
  CHECK(html.find("Musik ved aftensmaden.") != std::string::npos);
  CHECK(html.find("Ingen kommentar er skrevet endnu.") != std::string::npos);  // Handicap has none
  CHECK(html.find("&lt; 5") != std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("@page") != std::string::npos);
  for (const char* secret : {"Anders", "Birthe", "010190", "020240"}) CHECK(html.find(secret) == std::string::npos);
  auto csv = c.Get(csv_url.c_str());
  REQUIRE(csv->status == 200);
  CHECK(csv->body.find("Driftsafdeling;Ældre;Ældre;< 5;") != std::string::npos);
  CHECK(csv->body.find("Måned;03;marts;7;0") != std::string::npos);
  CHECK(c.Get("/rapport?ticket=forkert")->status == 401);
  CHECK(c.Get("/rapport")->status == 401);
  // Links are for statistics roles only, and a bad unit is refused when the link is made.
  CHECK(c.Post("/api/v1/stats/report-link", bearer(s.login("staff_a")), R"({"year": 2025})", "application/json")
            ->status == 403);
  auto bad = c.Post("/api/v1/stats/report-link", bearer(drift), R"({"year": 2025, "institution": "x"})",
                    "application/json");
  CHECK(body_of(bad)["error"]["field"] == "institution");
  auto db = s.open_db();
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE object_kind = 'statistics_report' AND outcome = 'ok'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE object_kind = 'statistics_csv' AND outcome = 'ok'") == 1);
}

TEST_CASE("on the demo data the aggregates give the row path's figures for every year, quarter and unit") {
  const std::string path = ChildServer::temp_path("demo.db");
  {
    auto db = core::storage::open_database(path, sync::server_database_options());
    REQUIRE(db.ok());
    REQUIRE(sync::seed_demo(*db, {2026, 6, 30}).ok());
    auto municipality = db->prepare("SELECT id FROM municipalities");
    REQUIRE(municipality.ok());
    REQUIRE(municipality->step().ok());
    const std::string m = municipality->column_text(0);
    long long registrations = 0;
    for (int year : {2024, 2025, 2026})
      for (std::optional<int> q : {std::optional<int>(), std::optional<int>(1), std::optional<int>(2),
                                   std::optional<int>(3), std::optional<int>(4)})
        for (bool pseudonymised : {false, true})
          for (const char* dept : {"", "Ældre og Sundhed", "Børn og Familie"}) {
            core::stats::StatsQuery query{year, q, m, pseudonymised, dept, ""};
            auto agg = core::stats::compute_statistics(*db, query);
            query.source = core::stats::Source::Rows;
            auto rows = core::stats::compute_statistics(*db, query);
            REQUIRE(agg.ok());
            REQUIRE(rows.ok());
            CHECK_MESSAGE(core::stats::to_json(*agg) == core::stats::to_json(*rows), year, " ", q.value_or(0), " ", dept);
            if (!q && !pseudonymised && !*dept) registrations += agg->registrations.count;
          }
    CHECK(registrations > 50);  // the demo has a real history, not an empty comparison
    CHECK(scalar(*db, "SELECT count(*) FROM stats_monthly WHERE late = 1") > 0);
  }
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}
