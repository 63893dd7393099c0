// The API over real sockets against a real SQLite file: sessions, access by role and institution,
// the upload protocol (accept, identical replay, conflicting replay, stale revision), lifecycle rules
// on the server, paged download, error bodies, and the audit log behind all of it.
#include <doctest/doctest.h>

#include <set>

#include "core/storage/statement.hpp"
#include "core/util/sha256.hpp"
#include "sync/audit.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;

namespace {

httplib::Result put_form(const ApiServer& s, const std::string& token, const core::model::FormInstance& f, long long rev) {
  auto c = s.client();
  return c.Put(("/api/v1/records/form/" + f.id).c_str(), bearer(token), upload_body(f, rev), "application/json");
}

}  // namespace

TEST_CASE("login: a token for the right password, 401 for a wrong one, rate limit after five failures") {
  ApiServer s;
  const std::string token = s.login("staff_a");
  REQUIRE_FALSE(token.empty());
  CHECK(token.size() == 64);

  auto c = s.client();
  auto me = c.Get("/api/v1/me", bearer(token));
  REQUIRE(me);
  CHECK(me->status == 200);
  CHECK(body_of(me)["user"]["username"] == "staff_a");
  CHECK(body_of(me)["user"]["institutions"].size() == 1);
  CHECK_FALSE(body_of(me)["user"].contains("password_hash"));

  auto wrong = c.Post("/api/v1/login", json{{"username", "staff_a"}, {"password", "forkert"}}.dump(), "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  CHECK(error_code(wrong) == "UNAUTHENTICATED");
  auto unknown = c.Post("/api/v1/login", json{{"username", "nobody"}, {"password", "x"}}.dump(), "application/json");
  CHECK(body_of(unknown)["error"]["message"] == body_of(wrong)["error"]["message"]);  // no user enumeration

  for (int i = 0; i < 4; ++i)
    c.Post("/api/v1/login", json{{"username", "staff_a"}, {"password", "forkert"}}.dump(), "application/json");
  auto limited = c.Post("/api/v1/login", json{{"username", "staff_a"}, {"password", k_test_password}}.dump(),
                        "application/json");
  REQUIRE(limited);
  CHECK(limited->status == 429);
  CHECK(error_code(limited) == "RATE_LIMITED");
  CHECK(limited->has_header("Retry-After"));
  // Another account from the same address is not locked out by staff_a's failures (5 < 20).
  CHECK_FALSE(s.login("leader_a").empty());

  auto none = c.Get("/api/v1/me");
  CHECK(none->status == 401);
  CHECK(error_code(none) == "UNAUTHENTICATED");
}

TEST_CASE("sessions expire when idle for 30 minutes or after 12 hours, and logout revokes") {
  ApiServer s;
  auto c = s.client();
  const std::string idle = s.login("staff_a");
  const std::string old = s.login("staff_a");
  const std::string fresh = s.login("staff_a");
  {
    auto db = s.open_db();
    auto q = db.prepare("UPDATE sessions SET last_seen_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-31 minutes')"
                        " WHERE token_hash = ?1");
    REQUIRE(q.ok());
    q->bind(1, core::sha256_hex(idle));
    REQUIRE(q->run().ok());
    auto q2 = db.prepare("UPDATE sessions SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-721 minutes')"
                         " WHERE token_hash = ?1");
    REQUIRE(q2.ok());
    q2->bind(1, core::sha256_hex(old));
    REQUIRE(q2->run().ok());
  }
  auto r = c.Get("/api/v1/me", bearer(idle));
  CHECK(r->status == 401);
  CHECK(error_code(r) == "SESSION_EXPIRED");
  CHECK(error_code(c.Get("/api/v1/me", bearer(idle))) == "UNAUTHENTICATED");  // expired means revoked
  CHECK(error_code(c.Get("/api/v1/me", bearer(old))) == "SESSION_EXPIRED");
  CHECK(c.Get("/api/v1/me", bearer(fresh))->status == 200);

  CHECK(c.Post("/api/v1/logout", bearer(fresh), "", "application/json")->status == 200);
  CHECK(error_code(c.Get("/api/v1/me", bearer(fresh))) == "UNAUTHENTICATED");
}

TEST_CASE("access: staff see their own institution's citizens only; refusals are audited") {
  ApiServer s;
  const auto& w = s.world();
  auto c = s.client();
  const std::string staff = s.login("staff_a");

  auto list = c.Get("/api/v1/citizens", bearer(staff));
  REQUIRE(list->status == 200);
  REQUIRE(body_of(list)["citizens"].size() == 1);
  CHECK(body_of(list)["citizens"][0]["id"] == w.citizen_a);

  CHECK(c.Get(("/api/v1/citizens/" + w.citizen_a).c_str(), bearer(staff))->status == 200);
  auto other = c.Get(("/api/v1/citizens/" + w.citizen_b).c_str(), bearer(staff));
  CHECK(other->status == 403);
  CHECK(error_code(other) == "FORBIDDEN");

  // The committee sees the whole municipality; management no individual citizen at all.
  const std::string committee = s.login("udvalg");
  CHECK(body_of(c.Get("/api/v1/citizens", bearer(committee)))["citizens"].size() == 2);
  const std::string drift = s.login("drift");
  CHECK(c.Get("/api/v1/citizens", bearer(drift))->status == 403);
  CHECK(c.Get(("/api/v1/citizens/" + w.citizen_a).c_str(), bearer(drift))->status == 403);

  // An upload for another institution's citizen is refused and nothing is stored.
  auto f = skema_1a(w, w.citizen_b, w.inst_b, s.user_id("staff_a"));
  auto up = put_form(s, staff, f, 1);
  CHECK(up->status == 403);

  auto db = s.open_db();
  auto rows = sync::audit_of_citizen(db, w.citizen_b);
  REQUIRE(rows.ok());
  int denied = 0;
  for (const auto& r : *rows)
    if (r.entry.outcome == "denied" && r.entry.user_id == s.user_id("staff_a")) ++denied;
  CHECK(denied == 2);  // the read and the upload
  CHECK(scalar(db, "SELECT count(*) FROM form_instances") == 0);
  auto chain = sync::verify_audit_chain(db);
  REQUIRE(chain.ok());
  CHECK_FALSE(chain->has_value());
}

TEST_CASE("visible citizens: the ids a tablet may keep; a moved citizen leaves the list") {
  ApiServer s;
  const auto& w = s.world();
  auto c = s.client();
  const std::string staff = s.login("staff_a");
  auto ids = [&](const std::string& token) { return body_of(c.Get("/api/v1/visible-citizens", bearer(token)))["ids"]; };
  CHECK(ids(staff) == json::array({w.citizen_a}));
  CHECK(ids(s.login("udvalg")).size() == 2);
  CHECK(c.Get("/api/v1/visible-citizens", bearer(s.login("drift")))->status == 403);
  CHECK(c.Get("/api/v1/visible-citizens")->status == 401);
  {
    auto db = s.open_db();
    REQUIRE(db.exec("UPDATE citizens SET institution_id = '" + w.inst_b + "' WHERE id = '" + w.citizen_a + "'").ok());
  }
  CHECK(ids(staff).empty());  // moved to institution B: the tablet drops it at its next purge
  auto db = s.open_db();
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'list_ids' AND outcome = 'ok'") == 3);
}

TEST_CASE("upload: accepted, identical replay answers byte for byte, conflicting replay and stale revisions are 409") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a");
  auto f = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));

  auto first = put_form(s, staff, f, 1);
  REQUIRE(first);
  CHECK_MESSAGE(first->status == 200, first->body);
  CHECK(body_of(first)["status"] == "accepted");
  CHECK(body_of(first)["revision"] == 1);
  CHECK(body_of(first)["server_seq"].is_number_integer());

  auto again = put_form(s, staff, f, 1);
  CHECK(again->status == 200);
  CHECK(again->body == first->body);

  auto changed = f;
  changed.content["place"] = "I haven";
  auto conflict = put_form(s, staff, changed, 1);
  CHECK(conflict->status == 409);
  CHECK(error_code(conflict) == "REVISION_CONFLICT");
  CHECK(body_of(conflict)["current"]["revision"] == 1);
  CHECK(body_of(conflict)["current"]["data"]["content"]["place"] == f.content["place"]);

  auto second = put_form(s, staff, changed, 2);
  CHECK(second->status == 200);
  auto third = f;
  third.content["place"] = "I køkkenet";
  auto stale = put_form(s, staff, third, 1);  // an old revision with content never stored
  CHECK(stale->status == 409);
  CHECK(error_code(stale) == "REVISION_STALE");
  CHECK(body_of(stale)["current"]["revision"] == 2);
  auto gap = put_form(s, staff, changed, 4);
  CHECK(error_code(gap) == "REVISION_STALE");

  // The first revision's retry still gets its original answer.
  CHECK(put_form(s, staff, f, 1)->body == first->body);

  auto db = s.open_db();
  CHECK(scalar(db, "SELECT count(*) FROM form_instances") == 1);
  CHECK(scalar(db, "SELECT revision FROM form_instances") == 2);
  // The audit log names the form but never holds its content.
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE object_kind = 'form' AND outcome = 'ok'") == 2);
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action || object_kind || coalesce(object_id, '') || outcome"
                  " LIKE '%haven%'") == 0);
}

TEST_CASE("lifecycle on the server: staff cannot lock, the leader can, and a locked form never changes") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a");
  const std::string leader = s.login("leader_a");
  auto f = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));
  REQUIRE(put_form(s, staff, f, 1)->status == 200);

  // Marking Udfyldt with the staff part valid.
  f.state = magtreg::core::model::FormState::Filled;
  auto filled = put_form(s, staff, f, 2);
  CHECK_MESSAGE(filled->status == 200, filled->body);
  CHECK(body_of(filled)["findings"].is_array());

  // Staff try to lock (with a valid leader part, so only the role is wrong).
  const auto* def = core::forms::Catalogue::builtin().definition("2020-1a");
  auto locked = f;
  locked.content = content_for_parts(*def, "124d", {core::forms::FormPart::Staff, core::forms::FormPart::Leader});
  locked.content["started_at"] = f.content["started_at"];
  locked.content["ended_at"] = f.content["ended_at"];
  locked.state = magtreg::core::model::FormState::Locked;
  locked.locked_by = s.user_id("staff_a");
  locked.locked_at = "2024-03-04T12:00:00Z";
  auto by_staff = put_form(s, staff, locked, 3);
  CHECK(by_staff->status == 403);
  CHECK(error_code(by_staff) == "ROLE_NOT_ALLOWED");

  // A leader locking with an invalid leader part gets 422 with the issues.
  auto incomplete = f;
  incomplete.state = magtreg::core::model::FormState::Locked;
  incomplete.locked_by = s.user_id("leader_a");
  incomplete.locked_at = "2024-03-04T12:00:00Z";
  auto invalid = put_form(s, leader, incomplete, 3);
  CHECK(invalid->status == 422);
  CHECK(error_code(invalid) == "FORM_INVALID");
  CHECK(body_of(invalid)["issues"].size() > 0);
  const json issues = body_of(invalid)["issues"];  // held: a range-for over a temporary's member dangles
  for (const auto& issue : issues)
    CHECK(def->part_of(issue["path"].get<std::string>()) == core::forms::FormPart::Leader);

  locked.locked_by = s.user_id("leader_a");
  auto by_leader = put_form(s, leader, locked, 3);
  CHECK_MESSAGE(by_leader->status == 200, by_leader->body);

  auto edit = locked;
  edit.content["place"] = "Ændret efter låsning";
  auto after_lock = put_form(s, leader, edit, 4);
  CHECK(after_lock->status == 409);
  CHECK(error_code(after_lock) == "FORM_LOCKED");

  auto db = s.open_db();
  CHECK(scalar(db, "SELECT count(*) FROM form_events") == 2);  // kladde->udfyldt, udfyldt->laast
  CHECK(scalar(db, "SELECT revision FROM form_instances") == 3);
}

TEST_CASE("download: changes after a cursor in pages, only what the user may see") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff_a = s.login("staff_a");
  const std::string staff_b = s.login("staff_b");
  for (int i = 0; i < 5; ++i) {
    auto f = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));
    REQUIRE(put_form(s, staff_a, f, 1)->status == 200);
  }
  auto fb = skema_1a(w, w.citizen_b, w.inst_b, s.user_id("staff_b"));
  fb.form_id = "2020-1b";
  fb.form_version = core::forms::Catalogue::builtin().definition("2020-1b")->meta.version;
  fb.content = content_for_parts(*core::forms::Catalogue::builtin().definition("2020-1b"), "124d",
                                 {core::forms::FormPart::Staff});
  auto up = s.client().Put(("/api/v1/records/form/" + fb.id).c_str(), bearer(staff_b), upload_body(fb, 1),
                           "application/json");
  REQUIRE_MESSAGE(up->status == 200, up->body);

  auto c = s.client();
  long long after = 0;
  int forms = 0, citizens = 0, pages = 0;
  std::set<std::string> seen;
  for (;;) {
    auto r = c.Get(("/api/v1/changes?limit=2&after=" + std::to_string(after)).c_str(), bearer(staff_a));
    REQUIRE(r->status == 200);
    auto page = body_of(r);
    ++pages;
    for (const auto& rec : page["records"]) {
      CHECK(rec["server_seq"].get<long long>() > after);
      CHECK(seen.insert(rec["id"].get<std::string>()).second);
      if (rec["kind"] == "form") {
        ++forms;
        CHECK(rec["data"]["citizen_id"] == w.citizen_a);
      }
      if (rec["kind"] == "citizen") {
        ++citizens;
        CHECK(rec["id"] == w.citizen_a);
      }
    }
    CHECK(page["records"].size() <= 2);
    after = page["next_after"].get<long long>();
    if (!page["has_more"].get<bool>()) break;
    REQUIRE(pages < 20);
  }
  CHECK(forms == 5);
  CHECK(citizens == 1);
  CHECK(pages == 4);  // 5 forms, the citizen, their base course and case: 8 records, 2 a page

  auto bad = c.Get("/api/v1/changes?limit=5000", bearer(staff_a));
  CHECK(bad->status == 400);
  CHECK(body_of(bad)["error"]["field"] == "limit");
  CHECK(c.Get("/api/v1/changes?after=-1", bearer(staff_a))->status == 400);
}

TEST_CASE("bad requests: malformed JSON, unknown fields, wrong types, wrong hash, too large, unknown routes") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a");
  auto c = s.client();
  auto f = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));
  const std::string path = "/api/v1/records/form/" + f.id;

  auto malformed = c.Put(path.c_str(), bearer(staff), "{\"revision\": 1,", "application/json");
  CHECK(malformed->status == 400);
  CHECK(error_code(malformed) == "INVALID_INPUT");

  json body = json::parse(upload_body(f, 1));
  body["extra"] = 1;
  auto unknown = c.Put(path.c_str(), bearer(staff), body.dump(), "application/json");
  CHECK(unknown->status == 400);
  CHECK(error_code(unknown) == "UNKNOWN_FIELD");
  CHECK(body_of(unknown)["error"]["field"] == "extra");

  body = json::parse(upload_body(f, 1));
  body["revision"] = "1";
  auto wrong_type = c.Put(path.c_str(), bearer(staff), body.dump(), "application/json");
  CHECK(wrong_type->status == 400);
  CHECK(body_of(wrong_type)["error"]["field"] == "revision");

  body = json::parse(upload_body(f, 1));
  body["data"]["state"] = 7;
  auto wrong_data = c.Put(path.c_str(), bearer(staff), body.dump(), "application/json");
  CHECK(wrong_data->status == 400);
  CHECK(body_of(wrong_data)["error"]["field"].get<std::string>().rfind("data.", 0) == 0);

  body = json::parse(upload_body(f, 1));
  body["content_hash"] = std::string(64, 'a');
  auto wrong_hash = c.Put(path.c_str(), bearer(staff), body.dump(), "application/json");
  CHECK(wrong_hash->status == 400);
  CHECK(body_of(wrong_hash)["error"]["field"] == "content_hash");

  auto big = c.Put(path.c_str(), bearer(staff), std::string(2 * 1024 * 1024, ' '), "application/json");
  REQUIRE(big);
  CHECK(big->status == 413);
  CHECK(error_code(big) == "PAYLOAD_TOO_LARGE");

  auto nowhere = c.Get("/api/v1/nothing-here", bearer(staff));
  CHECK(nowhere->status == 404);
  CHECK(error_code(nowhere) == "NOT_FOUND");
  auto kind = c.Put(("/api/v1/records/citizen/" + f.id).c_str(), bearer(staff), upload_body(f, 1), "application/json");
  CHECK(kind->status == 404);

  auto db = s.open_db();
  CHECK(scalar(db, "SELECT count(*) FROM form_instances") == 0);
}

TEST_CASE("rule findings: a draft with errors is stored, but it cannot become Udfyldt until they are fixed") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a");
  auto f = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));
  f.legal_basis = "125";  // a measure that needs the committee's decision, registered without one
  f.content["basis"] = "125";
  f.content["under_decision"] = false;
  auto draft = put_form(s, staff, f, 1);
  REQUIRE_MESSAGE(draft->status == 200, draft->body);
  const json answer = body_of(draft);
  bool has_rule_error = false;
  for (const auto& finding : answer["findings"])
    has_rule_error = has_rule_error || finding["code"] == "PREAPPROVAL_REQUIRED";
  CHECK_MESSAGE(has_rule_error, draft->body);

  f.state = magtreg::core::model::FormState::Filled;
  auto refused = put_form(s, staff, f, 2);
  CHECK(refused->status == 422);
  CHECK(error_code(refused) == "FORM_INVALID");
  CHECK_MESSAGE(body_of(refused)["findings"].size() > 0, refused->body);
  CHECK_FALSE(body_of(refused).contains("issues"));  // the form itself is complete: only the rules refuse

  f.legal_basis = "124d";
  f.content["basis"] = "124d";
  f.content.erase("under_decision");
  auto fixed = put_form(s, staff, f, 2);
  CHECK_MESSAGE(fixed->status == 200, fixed->body);

  // The protocol version travels with the upload; another version is refused by name.
  auto c = s.client();
  auto g = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));
  json body = json::parse(upload_body(g, 1));
  body["protocol"] = 1;
  CHECK(c.Put(("/api/v1/records/form/" + g.id).c_str(), bearer(staff), body.dump(), "application/json")->status == 200);
  body["protocol"] = 2;
  auto other = c.Put(("/api/v1/records/form/" + g.id).c_str(), bearer(staff), body.dump(), "application/json");
  CHECK(other->status == 400);
  CHECK(body_of(other)["error"]["field"] == "protocol");
}

TEST_CASE("statistics over the API: pseudonymised and suppressed for every role allowed, audited, CSV too") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a");
  const auto f = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));
  auto filled = f;
  filled.state = magtreg::core::model::FormState::Filled;
  REQUIRE(put_form(s, staff, f, 1)->status == 200);
  REQUIRE(put_form(s, staff, filled, 2)->status == 200);

  auto c = s.client();
  const std::string drift = s.login("drift");
  auto r = c.Get("/api/v1/stats?year=2024", bearer(drift));
  REQUIRE_MESSAGE(r->status == 200, r->body);
  const json j = body_of(r);
  CHECK(j["pseudonymised"] == true);
  CHECK(j["registrations"]["count"].is_null());  // 1 < the threshold of 5
  CHECK(j["registrations"]["shown"] == "< 5");
  CHECK(r->body.find("Anders") == std::string::npos);
  CHECK(r->body.find("010190") == std::string::npos);

  auto csv = c.Get("/api/v1/stats?year=2024&quarter=1&format=csv", bearer(drift));
  REQUIRE(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
  CHECK(csv->body.find("1. kvartal 2024") != std::string::npos);

  CHECK(body_of(c.Get("/api/v1/stats?year=1999", bearer(drift)))["error"]["field"] == "year");
  CHECK(body_of(c.Get("/api/v1/stats?year=2024&quarter=7", bearer(drift)))["error"]["field"] == "quarter");
  CHECK(c.Get("/api/v1/stats?year=2024")->status == 401);

  auto db = s.open_db();
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE object_kind = 'statistics' AND outcome = 'ok'") == 2);
}
