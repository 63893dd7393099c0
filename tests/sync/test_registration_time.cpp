// When a registration is made (issue #14 item 1): the tablet records the moment a form leaves Kladde,
// offline too; the server judges lateness, stores the statistics' first completion and keeps its own
// receipt beside it from that moment, and refuses a time that cannot be true. Over real sockets against a
// real SQLite file.
#include <doctest/doctest.h>

#include "core/forms/catalogue.hpp"
#include "core/records/accept.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "core/util/uuid.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;
namespace ct = magtreg::core::time;

namespace {

constexpr ct::UtcSeconds k_day = 24 * 60 * 60;

// A 2024 Skema 1 with a valid staff part for an intervention `days_ago` days ago at 10:15 (Copenhagen),
// created half an hour after it began.
core::model::FormInstance skema_1(const ApiServer& s, int days_ago) {
  const auto& w = s.world();
  const auto* def = core::forms::Catalogue::builtin().definition("2024-1");
  REQUIRE(def != nullptr);
  const ct::LocalDateTime started{ct::add_days(ct::now_local().date, -days_ago), 10, 15};
  core::model::FormInstance f;
  f.id = core::new_uuid();
  f.form_id = "2024-1";
  f.form_version = def->meta.version;
  f.citizen_id = w.citizen_a;
  f.case_id = w.case_of(w.citizen_a);
  f.institution_id = w.inst_a;
  f.state = magtreg::core::model::FormState::Draft;
  f.content = content_for_parts(*def, "124d", {core::forms::FormPart::Staff});
  f.content["started_at"] = ct::format_iso(started);
  f.content["ended_at"] = ct::format_iso(ct::LocalDateTime{started.date, 10, 25});
  f.content["duration_minutes"] = 10;
  f.created_by = s.user_id("staff_a");
  f.created_at = ct::format_utc(ct::to_utc(started) + 30 * 60);
  f.updated_at = f.created_at;
  core::records::derive_form_columns(f);
  return f;
}

// `at` after the intervention began, as the tablet writes a UTC instant.
std::string after_start(const core::model::FormInstance& f, ct::UtcSeconds at) {
  auto started = ct::parse_local_date_time(*f.started_at);
  REQUIRE(started.ok());
  return ct::format_utc(ct::to_utc(*started) + at);
}

httplib::Result put(const ApiServer& s, const std::string& token, const core::model::FormInstance& f, long long rev) {
  auto c = s.client();
  return c.Put(("/api/v1/records/form/" + f.id).c_str(), bearer(token), upload_body(f, rev), "application/json");
}

bool has_finding(const httplib::Result& r, const std::string& code) {
  const json body = body_of(r);
  for (const auto& finding : body.value("findings", json::array()))
    if (finding["code"] == code) return true;
  return false;
}

}  // namespace

TEST_CASE("registration time: Udfyldt offline on day 2 and synced on day 5 is on time; the receipt is kept beside it") {
  ApiServer s;
  const std::string staff = s.login("staff_a");
  auto db = s.open_db();

  // Filled on the tablet two days after the intervention, uploaded now (five days after).
  auto on_time = skema_1(s, 5);
  REQUIRE(put(s, staff, on_time, 1)->status == 200);
  on_time.state = magtreg::core::model::FormState::Filled;
  on_time.registered_at = after_start(on_time, 2 * k_day);
  auto up = put(s, staff, on_time, 2);
  REQUIRE_MESSAGE(up->status == 200, up->body);
  CHECK_MESSAGE(!has_finding(up, "REGISTRATION_LATE"), up->body);
  // The statistics' first completion is the device's time; the event keeps the server's receipt.
  CHECK(scalar_text(s.open_db(), "SELECT filled_at FROM form_filled WHERE form_instance_id = '" + on_time.id + "'") ==
        *on_time.registered_at);
  const std::string received = scalar_text(
      s.open_db(), "SELECT at FROM form_events WHERE to_state = 'udfyldt' AND form_instance_id = '" + on_time.id + "'");
  CHECK(*ct::parse_utc(received) - *ct::parse_utc(*on_time.registered_at) > 2 * k_day);

  // Filled four days after: late, and counted late, whenever it reaches the server.
  auto late = skema_1(s, 5);
  REQUIRE(put(s, staff, late, 1)->status == 200);
  late.state = magtreg::core::model::FormState::Filled;
  late.registered_at = after_start(late, 4 * k_day);
  auto up_late = put(s, staff, late, 2);
  REQUIRE_MESSAGE(up_late->status == 200, up_late->body);
  CHECK_MESSAGE(has_finding(up_late, "REGISTRATION_LATE"), up_late->body);
  CHECK(scalar_text(s.open_db(), "SELECT filled_at FROM form_filled WHERE form_instance_id = '" + late.id + "'") ==
        *late.registered_at);

  // A later edit by the leader keeps the registration time, and the verdict with it.
  const std::string leader = s.login("leader_a");
  on_time.content["leader_name"] = "Leder A";
  auto edited = put(s, leader, on_time, 3);
  CHECK_MESSAGE(edited->status == 200, edited->body);
  CHECK_MESSAGE(!has_finding(edited, "REGISTRATION_LATE"), edited->body);

  // An app that does not record the time is judged at the receipt, as before.
  auto legacy = skema_1(s, 5);
  REQUIRE(put(s, staff, legacy, 1)->status == 200);
  legacy.state = magtreg::core::model::FormState::Filled;
  auto up_legacy = put(s, staff, legacy, 2);
  REQUIRE_MESSAGE(up_legacy->status == 200, up_legacy->body);
  CHECK_MESSAGE(has_finding(up_legacy, "REGISTRATION_LATE"), up_legacy->body);
}

TEST_CASE("registration time: a time that cannot be true is refused, and once given it never changes") {
  ApiServer s;
  const std::string staff = s.login("staff_a");

  auto f = skema_1(s, 1);
  REQUIRE(put(s, staff, f, 1)->status == 200);
  f.state = magtreg::core::model::FormState::Filled;

  SUBCASE("after the server received it (beyond five minutes of clock difference)") {
    f.registered_at = ct::format_utc(ct::now_utc() + 60 * 60);
    auto r = put(s, staff, f, 2);
    CHECK(r->status == 400);
    CHECK(error_code(r) == "INVALID_INPUT");
    CHECK(body_of(r)["error"]["field"] == "data.registered_at");
    CHECK_MESSAGE(body_of(r)["error"]["message"].get<std::string>().find("tablettens ur") != std::string::npos, r->body);
    // A tablet clock two minutes ahead is not a reason to refuse a registration.
    f.registered_at = ct::format_utc(ct::now_utc() + 2 * 60);
    CHECK_MESSAGE(put(s, staff, f, 2)->status == 200, "within the tolerance");
  }
  SUBCASE("before the form was created") {
    f.registered_at = after_start(f, 10 * 60);  // the form was created 30 minutes after the start
    auto r = put(s, staff, f, 2);
    CHECK(r->status == 400);
    CHECK(body_of(r)["error"]["field"] == "data.registered_at");
  }
  SUBCASE("before the intervention began") {
    f.created_at = after_start(f, -2 * 60 * 60);
    f.updated_at = f.created_at;
    auto g = f;
    g.id = core::new_uuid();
    g.state = magtreg::core::model::FormState::Draft;
    REQUIRE(put(s, staff, g, 1)->status == 200);
    g.state = magtreg::core::model::FormState::Filled;
    g.registered_at = after_start(g, -60 * 60);
    auto r = put(s, staff, g, 2);
    CHECK(r->status == 422);
    CHECK(error_code(r) == "FORM_INVALID");
    CHECK_MESSAGE(r->body.find("TIME_ORDER_INVALID") != std::string::npos, r->body);
  }
  SUBCASE("on a draft that was never filled") {
    auto d = f;
    d.state = magtreg::core::model::FormState::Draft;
    d.registered_at = after_start(d, 60 * 60);
    auto r = put(s, staff, d, 2);
    CHECK(r->status == 400);
    CHECK(body_of(r)["error"]["field"] == "data.registered_at");
  }
  SUBCASE("changed or dropped on a later revision") {
    f.registered_at = after_start(f, 60 * 60);
    REQUIRE(put(s, staff, f, 2)->status == 200);
    const std::string leader = s.login("leader_a");
    auto moved = f;
    moved.registered_at = after_start(f, 2 * 60 * 60);
    auto r = put(s, leader, moved, 3);
    CHECK(r->status == 400);
    CHECK(body_of(r)["error"]["field"] == "data.registered_at");
    auto dropped = f;
    dropped.registered_at.reset();
    CHECK(put(s, leader, dropped, 3)->status == 400);
    // Sent back to staff, it keeps the time it was first registered at.
    auto back = f;
    back.state = magtreg::core::model::FormState::Draft;
    back.return_comment = "Beskriv forløbet før indgrebet nærmere.";
    auto returned = put(s, leader, back, 3);
    CHECK_MESSAGE(returned->status == 200, returned->body);
  }
}
