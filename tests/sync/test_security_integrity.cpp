// Issue #12, the high findings and the audit's fail-closed rule, over real sockets against a real file:
// a registration can only leave the lists by a leader's withdrawal (or its author discarding a draft that
// was never registered); a write to a record of another scope reveals nothing of it; a deeply nested body
// is refused, not a crash; a read whose audit row cannot be written is not answered.
#include <doctest/doctest.h>

#include <thread>

#include "core/forms/withdrawal.hpp"
#include "core/model/base_course.hpp"
#include "core/model/case.hpp"
#include "core/storage/transaction.hpp"
#include "core/time/utc.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;

namespace {

template <class T>
httplib::Result put(const ApiServer& s, const std::string& token, const std::string& kind, const T& r, long long rev) {
  auto c = s.client();
  return c.Put(("/api/v1/records/" + kind + "/" + r.id).c_str(), bearer(token), upload_body(r, rev), "application/json");
}

// A Skema 1 a of citizen A stored as Udfyldt (revision 2) by staff_a.
core::model::FormInstance filled_form(const ApiServer& s, const std::string& staff) {
  const auto& w = s.world();
  auto f = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));
  REQUIRE(put(s, staff, "form", f, 1)->status == 200);
  f.state = magtreg::core::model::FormState::Filled;
  auto r = put(s, staff, "form", f, 2);
  REQUIRE_MESSAGE(r->status == 200, r->body);
  return f;
}

long long count(const ApiServer& s, const std::string& sql) {
  auto db = s.open_db();
  return scalar(db, sql);
}

}  // namespace

TEST_CASE("a registered form never disappears by an upload: staff cannot delete it, the leader withdraws it") {
  ApiServer s;
  const std::string staff = s.login("staff_a");
  const std::string leader = s.login("leader_a");
  auto f = filled_form(s, staff);

  SUBCASE("staff setting deleted on an Udfyldt form is refused and the form stays") {
    auto gone = f;
    gone.sync.deleted = true;
    auto r = put(s, staff, "form", gone, 3);
    CHECK(r->status == 403);
    CHECK(error_code(r) == "ROLE_NOT_ALLOWED");
    CHECK(count(s, "SELECT deleted FROM form_instances WHERE id = '" + f.id + "'") == 0);
    CHECK(count(s, "SELECT count(*) FROM audit_log WHERE object_id = '" + f.id + "' AND outcome = 'denied'") == 1);
  }
  SUBCASE("the leader's withdrawal needs a reason, is an event, and leaves the statistics") {
    CHECK(count(s, "SELECT coalesce(sum(n), 0) FROM stats_monthly") == 1);
    auto bare = f;
    bare.sync.deleted = true;
    bare.withdrawn_at = "2024-03-05T10:00:00Z";
    bare.withdrawn_by = s.user_id("leader_a");
    bare.withdrawn_reason = "   ";
    auto r = put(s, leader, "form", bare, 3);
    CHECK(r->status == 400);
    CHECK(body_of(r)["error"]["field"] == "data.withdrawn_reason");

    auto withdrawn = core::forms::withdraw_form(f, "Registreret to gange (se den anden registrering).",
                                                s.user_id("leader_a"), core::time::utc_now_text());
    REQUIRE(withdrawn.ok());
    auto ok = put(s, leader, "form", *withdrawn, 3);
    CHECK_MESSAGE(ok->status == 200, ok->body);
    CHECK(count(s, "SELECT count(*) FROM form_events WHERE form_instance_id = '" + f.id +
                       "' AND to_state = 'tilbagekaldt' AND comment LIKE 'Registreret to gange%'") == 1);
    CHECK(count(s, "SELECT coalesce(sum(n), 0) FROM stats_monthly") == 0);

    // The committee sees the withdrawal in its work list, with the reason, and can open the form.
    auto c = s.client();
    const std::string committee = s.login("udvalg");
    auto work = c.Get("/api/v1/work", bearer(committee));
    REQUIRE(work->status == 200);
    bool seen = false;
    const json items = body_of(work)["items"];
    for (const auto& item : items)
      if (item["kind"] == "form_withdrawn" && item["record_id"] == f.id)
        seen = item["detail"].get<std::string>().find("Registreret to gange") != std::string::npos;
    CHECK_MESSAGE(seen, work->body);
    auto read = c.Get(("/api/v1/records/form/" + f.id).c_str(), bearer(committee));
    REQUIRE(read->status == 200);
    CHECK(body_of(read)["data"]["withdrawn_reason"] == "Registreret to gange (se den anden registrering).");

    // Final: neither restored nor changed again.
    auto restored = *withdrawn;
    restored.sync.deleted = false;
    restored.withdrawn_at = restored.withdrawn_by = restored.withdrawn_reason = std::nullopt;
    auto again = put(s, leader, "form", restored, 4);
    CHECK(again->status == 409);
    CHECK(error_code(again) == "RECORD_FINAL");
  }
  SUBCASE("a withdrawal that also edits the registration is refused") {
    auto w = core::forms::withdraw_form(f, "Dobbeltregistrering", s.user_id("leader_a"), "2024-03-05T10:00:00Z");
    REQUIRE(w.ok());
    w->content["place"] = "Et andet sted";
    auto r = put(s, leader, "form", *w, 3);
    CHECK(r->status == 400);
    CHECK(body_of(r)["error"]["field"] == "data.content");
  }
  SUBCASE("a locked form can be neither deleted nor withdrawn") {
    const auto* def = core::forms::Catalogue::builtin().definition("2020-1a");
    auto locked = f;
    locked.content = content_for_parts(*def, "124d", {core::forms::FormPart::Staff, core::forms::FormPart::Leader});
    locked.content["started_at"] = f.content["started_at"];
    locked.content["ended_at"] = f.content["ended_at"];
    locked.state = magtreg::core::model::FormState::Locked;
    locked.locked_by = s.user_id("leader_a");
    locked.locked_at = "2024-03-04T12:00:00Z";
    REQUIRE(put(s, leader, "form", locked, 3)->status == 200);
    auto gone = locked;
    gone.sync.deleted = true;
    auto r = put(s, leader, "form", gone, 4);
    CHECK(r->status == 409);
    CHECK(error_code(r) == "FORM_LOCKED");
  }
}

TEST_CASE("a draft may be discarded by its author only, and only while it was never registered") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a");
  const std::string leader = s.login("leader_a");
  auto mine = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));
  REQUIRE(put(s, staff, "form", mine, 1)->status == 200);
  auto theirs = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("leader_a"));
  REQUIRE(put(s, leader, "form", theirs, 1)->status == 200);

  theirs.sync.deleted = true;
  auto other = put(s, staff, "form", theirs, 2);
  CHECK(other->status == 403);
  CHECK(error_code(other) == "FORBIDDEN");

  mine.sync.deleted = true;
  CHECK(put(s, staff, "form", mine, 2)->status == 200);

  // A draft the leader sent back was registered: it can no longer be discarded.
  auto f = filled_form(s, staff);
  f.state = magtreg::core::model::FormState::Draft;
  f.return_comment = "Beskriv forløbet nærmere.";
  REQUIRE(put(s, leader, "form", f, 3)->status == 200);
  f.sync.deleted = true;
  auto back = put(s, staff, "form", f, 4);
  CHECK(back->status == 400);
  CHECK(body_of(back)["error"]["field"] == "data.deleted");
}

TEST_CASE("no other record kind is deleted or restored by an upload") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a");
  core::model::Case c;
  c.id = core::new_uuid();
  c.citizen_id = w.citizen_a;
  c.base_course_id = core::model::base_course_id_for(w.citizen_a);
  c.kind = magtreg::core::model::CaseKind::Single;
  c.title = std::string(core::model::case_title_for("handicap"));
  c.opened_at = "2024-03-01T09:30:00Z";
  c.sync.deleted = true;
  auto born_deleted = put(s, staff, "case", c, 1);
  CHECK(born_deleted->status == 400);
  CHECK(body_of(born_deleted)["error"]["field"] == "data.deleted");
  c.sync.deleted = false;
  REQUIRE(put(s, staff, "case", c, 1)->status == 200);
  c.sync.deleted = true;
  auto deleted = put(s, staff, "case", c, 2);
  CHECK(deleted->status == 400);
  CHECK(count(s, "SELECT deleted FROM cases WHERE id = '" + c.id + "'") == 0);
}

TEST_CASE("a write to a record of another institution reveals nothing of it, whatever the revision") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff_a = s.login("staff_a");
  const std::string staff_b = s.login("staff_b");
  auto victim = filled_form(s, staff_a);

  // The attacker's own citizen in the body, the victim's record id in the address.
  auto attack = skema_1a(w, w.citizen_b, w.inst_b, s.user_id("staff_b"));
  attack.form_id = "2020-1b";
  attack.id = victim.id;
  for (long long rev : {1LL, 2LL, 3LL, 9LL}) {
    CAPTURE(rev);
    auto r = put(s, staff_b, "form", attack, rev);
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(error_code(r) == "FORBIDDEN");
    const json body = body_of(r);
    CHECK_FALSE(body.contains("current"));
    CHECK(r->body.find("010190-1234") == std::string::npos);
    CHECK(r->body.find(victim.content.value("place", "§§§")) == std::string::npos);
    CHECK(r->body.find(w.citizen_a) == std::string::npos);
  }
  // Audited under the citizen whose record was touched.
  CHECK(count(s, "SELECT count(*) FROM audit_log WHERE object_id = '" + victim.id + "' AND outcome = 'denied'"
                 " AND citizen_id = '" + w.citizen_a + "' AND user_id = '" + s.user_id("staff_b") + "'") == 4);

  // The same for a case and a read: unknown and foreign ids answer alike.
  auto c = s.client();
  auto foreign = c.Get(("/api/v1/records/form/" + victim.id).c_str(), bearer(staff_b));
  auto unknown = c.Get(("/api/v1/records/form/" + core::new_uuid()).c_str(), bearer(staff_b));
  CHECK(foreign->status == unknown->status);
  CHECK(foreign->body == unknown->body);
  CHECK(count(s, "SELECT count(*) FROM audit_log WHERE action = 'read' AND object_id = '" + victim.id +
                     "' AND outcome = 'denied' AND citizen_id = '" + w.citizen_a + "'") == 1);
}

TEST_CASE("a deeply nested body is refused with INVALID_INPUT, and the server keeps serving") {
  ApiServer s;
  const auto& w = s.world();
  const std::string token = s.login("drift");  // any role's token reached the parser
  auto f = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));
  std::string body = upload_body(f, 1);
  const std::string needle = "\"place\":";
  const auto at = body.find(needle);
  REQUIRE(at != std::string::npos);
  const std::size_t depth = 300000;  // 600 KB, under the 1 MiB limit
  const auto value_end = body.find(',', at);
  body = body.substr(0, at + needle.size()) + std::string(depth, '[') + std::string(depth, ']') + body.substr(value_end);
  REQUIRE(body.size() < 1024 * 1024);
  auto c = s.client();
  auto r = c.Put(("/api/v1/records/form/" + f.id).c_str(), bearer(token), body, "application/json");
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK(error_code(r) == "INVALID_INPUT");
  auto login = c.Post("/api/v1/login", std::string(depth, '[') + std::string(depth, ']'), "application/json");
  REQUIRE(login);
  CHECK(login->status == 400);
  auto health = c.Get("/api/health");
  REQUIRE(health);
  CHECK(health->status == 200);
}

TEST_CASE("a read whose audit row cannot be written is refused, not answered") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a");
  auto f = filled_form(s, staff);
  auto holder = s.open_db();
  core::storage::Transaction lock(holder);  // BEGIN IMMEDIATE: the write lock, held
  REQUIRE(lock.begin_status().ok());
  auto c = s.client();
  auto citizen = c.Get(("/api/v1/citizens/" + w.citizen_a).c_str(), bearer(staff));
  REQUIRE(citizen);
  CHECK(citizen->status == 503);
  CHECK(error_code(citizen) == "AUDIT_UNAVAILABLE");
  CHECK(citizen->body.find("010190-1234") == std::string::npos);
  auto form = c.Get(("/api/v1/records/form/" + f.id).c_str(), bearer(staff));
  REQUIRE(form);
  CHECK(form->status == 503);
  CHECK(form->body.find("content") == std::string::npos);
  lock.rollback();
  auto after = c.Get(("/api/v1/citizens/" + w.citizen_a).c_str(), bearer(staff));
  CHECK(after->status == 200);
}

TEST_CASE("references are checked: a form's case and a case's base course belong to the form's citizen, and a foreign one is answered as an unknown one") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a");
  auto f = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));

  SUBCASE("a case of another institution's citizen, byte for byte as no case at all") {
    f.case_id = w.case_of(w.citizen_b);
    auto foreign = put(s, staff, "form", f, 1);
    CHECK(foreign->status == 404);  // before: 400, telling an existing id from a random one
    CHECK(body_of(foreign)["error"]["field"] == "data.case_id");
    f.case_id = core::new_uuid();
    auto unknown = put(s, staff, "form", f, 1);
    CHECK(unknown->status == 404);
    CHECK(unknown->body == foreign->body);
  }
  SUBCASE("a form attached to another citizen's form") {
    const std::string staff_b = s.login("staff_b");
    auto other = skema_1a(w, w.citizen_b, w.inst_b, s.user_id("staff_b"));
    other.form_id = "2020-1b";
    other.content = content_for_parts(*core::forms::Catalogue::builtin().definition("2020-1b"), "124d",
                                      {core::forms::FormPart::Staff});
    other.content["started_at"] = f.content["started_at"];
    other.content["ended_at"] = f.content["ended_at"];
    REQUIRE(put(s, staff_b, "form", other, 1)->status == 200);
    f.parent_id = other.id;
    auto r = put(s, staff, "form", f, 1);
    CHECK(r->status == 404);
    CHECK(body_of(r)["error"]["field"] == "data.parent_id");
    f.parent_id = core::new_uuid();
    CHECK(put(s, staff, "form", f, 1)->body == r->body);
  }
  SUBCASE("a case under another citizen's base course") {
    core::model::Case c;
    c.id = core::new_uuid();
    c.citizen_id = w.citizen_a;
    c.base_course_id = core::model::base_course_id_for(w.citizen_b);
    c.kind = magtreg::core::model::CaseKind::Single;
    c.title = std::string(core::model::case_title_for("handicap"));
    c.opened_at = "2024-03-01T09:30:00Z";
    auto r = put(s, staff, "case", c, 1);
    CHECK(r->status == 404);
    CHECK(body_of(r)["error"]["field"] == "data.base_course_id");
    c.base_course_id = core::new_uuid();
    CHECK(put(s, staff, "case", c, 1)->body == r->body);
  }
  CHECK(count(s, "SELECT count(*) FROM form_instances WHERE citizen_id = '" + w.citizen_a + "'") == 0);
}

TEST_CASE("a form's derived columns must follow from its content") {
  ApiServer s;
  const auto& w = s.world();
  const std::string staff = s.login("staff_a");
  auto f = skema_1a(w, w.citizen_a, w.inst_a, s.user_id("staff_a"));
  SUBCASE("legal_basis") {
    f.legal_basis = "136a";  // the content says 124d: statistics and rules would count the wrong basis
    auto r = put(s, staff, "form", f, 1);
    CHECK(r->status == 400);
    CHECK(body_of(r)["error"]["field"] == "data.legal_basis");
  }
  SUBCASE("started_at") {
    f.started_at = "2024-02-01T10:15";
    auto r = put(s, staff, "form", f, 1);
    CHECK(r->status == 400);
    CHECK(body_of(r)["error"]["field"] == "data.started_at");
  }
  SUBCASE("created_by never changes") {
    REQUIRE(put(s, staff, "form", f, 1)->status == 200);
    f.created_by = s.user_id("leader_a");
    auto r = put(s, staff, "form", f, 2);
    CHECK(r->status == 400);
    CHECK(body_of(r)["error"]["field"] == "data.created_by");
  }
}
