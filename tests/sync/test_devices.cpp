// The tablets known to the server (issue 16), over real sockets against a real file: a login names its
// device, which the server records with its users; a malformed claim is refused; after the
// administrator revokes the device its session still uploads what the tablet holds, but its download is
// answered 403 DEVICE_REVOKED (and audited), so the tablet erases its stores; a session without a device
// is not affected. The CLI lists and revokes devices with an audit row.
#include <doctest/doctest.h>

#include "core/storage/statement.hpp"
#include "sync/devices.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;

namespace {

const std::string k_device = "3f1c2b9e-7d41-4c55-9a0e-5b7f0c1d2e3f";

httplib::Result login_on(const ApiServer& s, const std::string& username, const json& device) {
  json body{{"username", username}, {"password", k_test_password}};
  if (!device.is_null()) body["device"] = device;
  return s.client().Post("/api/v1/login", body.dump(), "application/json");
}

std::string token_of(const httplib::Result& r) {
  REQUIRE(r);
  REQUIRE_MESSAGE(r->status == 200, r->body);
  return json::parse(r->body)["token"].get<std::string>();
}

std::string text(core::storage::Database& db, const std::string& sql) {
  auto q = db.prepare(sql);
  REQUIRE(q.ok());
  auto row = q->step();
  REQUIRE(row.ok());
  return *row ? q->column_text(0) : std::string("<none>");
}

}  // namespace

TEST_CASE("devices: a login records its tablet and users; a revoked tablet uploads but downloads nothing more") {
  ApiServer s;
  const std::string mette = token_of(login_on(s, "staff_a", {{"id", k_device}, {"name", "Stue 3 – Åbo"}}));
  const std::string leader = token_of(login_on(s, "leader_a", {{"id", k_device}, {"name", ""}}));
  const std::string elsewhere = token_of(login_on(s, "staff_a", json()));  // a script: no device
  {
    auto db = s.open_db();
    CHECK(text(db, "SELECT name FROM devices WHERE id = '" + k_device + "'") == "Stue 3 – Åbo");  // an empty name keeps it
    CHECK(text(db, "SELECT municipality_id FROM devices") == s.world().municipality);
    CHECK(text(db, "SELECT count(*) FROM device_users WHERE device_id = '" + k_device + "'") == "2");
    CHECK(text(db, "SELECT count(*) FROM sessions WHERE device_id = '" + k_device + "'") == "2");
  }
  auto c = s.client();
  auto before = c.Get("/api/v1/changes?after=0", bearer(mette));
  REQUIRE(before);
  CHECK(before->status == 200);

  {
    auto db = s.open_db();
    auto revoked = sync::revoke_device(db, k_device, "", "cli:test", "2026-12-06T12:00:00Z");
    REQUIRE_MESSAGE(revoked.ok(), (revoked.ok() ? "" : revoked.error().message));
    CHECK(revoked->users.size() == 2);
    CHECK(sync::revoke_device(db, "no-such-device", "", "cli:test", "2026-12-06T12:00:00Z").error().code ==
          core::ErrorCode::NotFound);
  }
  // What the tablet holds still goes up with the revoked device's session...
  const auto form = skema_1a(s.world(), s.world().citizen_a, s.world().inst_a, s.user_id("staff_a"));
  auto up = c.Put(("/api/v1/records/form/" + form.id).c_str(), bearer(mette), upload_body(form, 1), "application/json");
  REQUIRE(up);
  CHECK_MESSAGE(up->status == 200, up->body);
  // ...but nothing comes down: the tablet is told to erase its stores, for every user of it.
  for (const auto* token : {&mette, &leader}) {
    auto after = c.Get("/api/v1/changes?after=0", bearer(*token));
    REQUIRE(after);
    CHECK(after->status == 403);
    CHECK(json::parse(after->body)["error"]["code"] == "DEVICE_REVOKED");
  }
  // A session that named no device is another device: not affected.
  auto other = c.Get("/api/v1/changes?after=0", bearer(elsewhere));
  REQUIRE(other);
  CHECK(other->status == 200);
  auto db = s.open_db();
  CHECK(text(db, "SELECT count(*) FROM form_instances WHERE id = '" + form.id + "'") == "1");
  CHECK(text(db, "SELECT count(*) FROM audit_log WHERE action = 'download' AND object_kind = 'device' AND outcome = "
                 "'revoked'") == "2");
}

TEST_CASE("devices: a malformed device claim at login is refused with the field named") {
  ApiServer s;
  for (const json& device : {json{{"id", "short"}}, json{{"id", "tablet/../../etc"}}, json{{"id", k_device}, {"x", 1}},
                             json{{"name", "Stue"}}, json("tablet"),
                             json{{"id", k_device}, {"name", std::string(101, 'a')}}}) {
    CAPTURE(device.dump());
    auto r = login_on(s, "staff_a", device);
    REQUIRE(r);
    CHECK(r->status == 400);
    const auto code = json::parse(r->body)["error"]["code"].get<std::string>();
    CHECK((code == "INVALID_INPUT" || code == "UNKNOWN_FIELD"));
  }
  auto db = s.open_db();
  CHECK(text(db, "SELECT count(*) FROM devices") == "0");
  CHECK(text(db, "SELECT count(*) FROM sessions") == "0");
}

TEST_CASE("devices: the CLI lists the tablets and revokes one with an audit row") {
  ApiServer s;
  token_of(login_on(s, "staff_a", {{"id", k_device}, {"name", "Stue 3"}}));
  const std::string bin = MAGTREG_BINARY;
  auto list = run_command(bin + " device list --db " + s.db_path());
  CHECK(list.exit_code == 0);
  CHECK(list.out.find(k_device) != std::string::npos);
  CHECK(list.out.find("Stue 3") != std::string::npos);
  CHECK(list.out.find("staff_a") != std::string::npos);
  auto revoke = run_command(bin + " device revoke " + k_device + " --db " + s.db_path());
  CHECK_MESSAGE(revoke.exit_code == 0, revoke.out);
  CHECK(revoke.out.find("er spærret") != std::string::npos);
  auto unknown = run_command(bin + " device revoke nope-nope-nope --db " + s.db_path() + " 2>&1");
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.out.find("(NOT_FOUND)") != std::string::npos);
  auto db = s.open_db();
  CHECK(text(db, "SELECT revoked_by FROM devices").rfind("cli", 0) == 0);
  CHECK(text(db, "SELECT count(*) FROM audit_log WHERE action = 'device_revoke'") == "1");
}
