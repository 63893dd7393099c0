// The /api/v1 messages as core types (core/sync/messages*.hpp): every message survives to_json and its
// reader unchanged; readers of answers skip what they do not know; the request reader is strict.
#include <doctest/doctest.h>

#include "core/stats/published.hpp"
#include "core/sync/messages.hpp"
#include "core/sync/messages_session.hpp"
#include "core/sync/messages_work.hpp"
#include "core/sync/protocol.hpp"
#include "test_storage_support.hpp"

using namespace magtreg::core;
using magtreg::test::tid;
using nlohmann::json;

TEST_CASE("upload request: the body round-trips, unknown members and another protocol are refused") {
  model::Case c;
  c.id = tid("case");
  c.citizen_id = tid("citizen");
  c.base_course_id = model::base_course_id_for(c.citizen_id);
  c.title = "Sag";
  c.opened_at = "2024-03-01T09:30:00Z";
  c.sync.revision = 3;
  const auto request = sync::upload_request_for(c);
  const std::string body = sync::to_body(request);
  auto back = sync::upload_request_from_body(body);
  REQUIRE(back.ok());
  CHECK(back->revision == 3);
  CHECK(back->content_hash == model::content_hash(c));
  CHECK(back->data == model::to_json(c));
  CHECK(sync::to_body(*back) == body);  // byte for byte on every retry

  json extra = json::parse(body);
  extra["extra"] = 1;
  CHECK(sync::upload_request_from_body(extra.dump()).error().code == ErrorCode::UnknownField);
  json other = json::parse(body);
  other["protocol"] = sync::k_protocol_version + 1;
  CHECK(sync::upload_request_from_body(other.dump()).error().field == "protocol");
  json zero = json::parse(body);
  zero["revision"] = 0;
  CHECK(sync::upload_request_from_body(zero.dump()).error().field == "revision");
}

TEST_CASE("upload answer and error body round-trip; a newer server's unknown finding is skipped") {
  sync::UploadAnswer a{"form", tid("f"), 2, std::string(64, 'a'), 17,
                       {{rules::FindingCode::RegistrationLate, "For sent."}}};
  auto back = sync::upload_answer_from_json(sync::to_json(a));
  REQUIRE(back.ok());
  CHECK(back->server_seq == 17);
  CHECK(back->findings == a.findings);

  json with_unknown = sync::to_json(a);
  with_unknown["findings"].push_back({{"code", "SOMETHING_NEW"}, {"severity", "warning"}, {"message", "x"}});
  CHECK(sync::upload_answer_from_json(with_unknown)->findings.size() == 1);

  sync::ApiError e;
  e.error = Error::make(ErrorCode::CaseNotClosable, "Sagen kan ikke lukkes.", "data.closed_at");
  e.issues = {{tid("f"), "not_locked", "Skema 1 a er ikke låst."}, {"place", "", "Stedet mangler."}};
  model::Case current;
  current.id = tid("case");
  current.citizen_id = tid("citizen");
  current.base_course_id = model::base_course_id_for(current.citizen_id);
  current.title = "Sag";
  current.opened_at = "2024-03-01T09:30:00Z";
  e.current = sync::envelope_of(current);
  const auto parsed = sync::api_error_from_body(sync::to_json(e).dump(), "fallback");
  CHECK(parsed.error.code == ErrorCode::CaseNotClosable);
  CHECK(parsed.error.field == "data.closed_at");
  CHECK(parsed.issues == e.issues);
  REQUIRE(parsed.current.has_value());
  CHECK(parsed.current->record<model::Case>()->id == current.id);
  CHECK(sync::describe(parsed) == "Sagen kan ikke lukkes.\n• Skema 1 a er ikke låst.\n• Stedet mangler.");

  const auto junk = sync::api_error_from_body("<html>502</html>", "Serveren svarede ikke.");
  CHECK(junk.error.code == ErrorCode::Internal);
  CHECK(junk.error.message == "Serveren svarede ikke.");
}

TEST_CASE("changes page: a malformed entry is skipped, the cursor is required") {
  const json page = {{"records", json::array({json{{"kind", "case"}, {"id", tid("c")}, {"revision", 1},
                                                   {"content_hash", ""}, {"server_seq", 4},
                                                   {"data", {{"id", tid("c")}}}},
                                              json{{"kind", "case"}, {"revision", 1}}, 7})},
                     {"next_after", 4},
                     {"has_more", true}};
  auto p = sync::changes_page_from_json(page);
  REQUIRE(p.ok());
  CHECK(p->records.size() == 1);
  CHECK(p->has_more);
  CHECK(sync::to_json(*p)["records"][0]["server_seq"] == 4);
  CHECK_FALSE(sync::changes_page_from_json(json{{"records", json::array()}}).ok());
}

TEST_CASE("work list, report preview, list, detail and closing answer round-trip") {
  workflow::WorkItem item;
  item.kind = workflow::WorkKind::FormWithdrawn;
  item.title = "Registrering tilbagekaldt";
  item.detail = "Begrundelse: dobbelt";
  item.citizen_id = tid("citizen");
  item.due = time::LocalDateTime{{2025, 3, 4}, 23, 59};
  item.status = time::DeadlineStatus::Overdue;
  const sync::WorkList w{{item}, "2025-03-05T10:00"};
  auto wb = sync::work_list_from_json(sync::to_json(w));
  REQUIRE(wb.ok());
  REQUIRE(wb->items.size() == 1);
  CHECK(wb->items[0].kind == item.kind);
  CHECK(wb->items[0].due == item.due);
  CHECK(wb->items[0].status == item.status);
  json future = sync::to_json(w);
  future["items"].push_back({{"kind", "a_kind_from_the_future"}});
  CHECK(sync::work_list_from_json(future)->items.size() == 1);

  sync::ReportPreview p;
  p.institution_id = tid("inst");
  p.institution_name = "Bostedet Ærø";
  p.moves = true;
  p.month = "2025-03";
  p.month_text = "1. kvartal 2025";
  p.forms = {{tid("f"), "2020-2", "Skema 2", tid("citizen"), "Åse", tid("inst"), magtreg::core::model::FormState::Locked, "129", std::nullopt,
              "2025-03-02T10:00:00Z"}};
  p.recipients = {{"socialtilsyn", "Socialtilsyn Syd", {tid("f")}}};
  auto pb = sync::report_preview_from_json(sync::to_json(p));
  REQUIRE(pb.ok());
  CHECK(pb->moves);
  CHECK(pb->forms == p.forms);
  CHECK(pb->recipients == p.recipients);

  model::ReportBatch b;
  b.id = tid("batch");
  b.institution_id = tid("inst");
  b.month = "2025-03";
  b.form_ids = {tid("f")};
  b.recipients = {{"socialtilsyn", "Socialtilsyn Syd", std::nullopt}};
  b.created_by = tid("user");
  b.created_at = "2025-04-01T08:00:00Z";
  b.sync.revision = 2;
  b.sync.content_hash = model::content_hash(b);
  auto lb = sync::report_list_from_json(sync::to_json(sync::ReportList{{{b, true, "Bostedet Ærø"}}}));
  REQUIRE(lb.ok());
  REQUIRE(lb->reports.size() == 1);
  CHECK(lb->reports[0].batch == b);
  CHECK(lb->reports[0].moves);
  auto db = sync::report_detail_from_json(sync::to_json(sync::ReportDetail{b, false, "Bostedet Ærø", p.forms}));
  REQUIRE(db.ok());
  CHECK(db->batch == b);
  CHECK(db->institution_name == "Bostedet Ærø");
  CHECK(db->forms == p.forms);

  const auto closing =
      sync::closing_answer_of(tid("case"), {{cases::ClosingGap::NotReviewed, tid("f"), "Mangler udvalgets gennemgang."}});
  auto cb = sync::closing_answer_from_json(sync::to_json(closing));
  REQUIRE(cb.ok());
  CHECK_FALSE(cb->closable);
  REQUIRE(cb->gaps.size() == 1);
  CHECK(cb->gaps[0].gap == "not_reviewed");
  CHECK(cb->gaps[0].message == "Mangler udvalgets gennemgang.");
  CHECK(cb->gaps[0].path == tid("f"));
}

// Issue 27 item 5: the bodies the app writes and the server reads are written and read by core, once.
TEST_CASE("a login, an SSO session, a commentary and a report link round-trip through core, and a stray member is named") {
  SUBCASE("login") {
    sync::LoginRequest in{"mette", "Magtreg-demo-2026", "tablet-0042", "Stue 3 – Æblehaven"};
    auto out = sync::login_request_from_json(sync::to_json(in));
    REQUIRE(out.ok());
    CHECK(out->username == in.username);
    CHECK(out->password == in.password);
    CHECK(out->device_id == in.device_id);
    CHECK(out->device_name == in.device_name);
    auto scripted = sync::login_request_from_json(sync::to_json(sync::LoginRequest{"drift", "x", "", ""}));
    REQUIRE(scripted.ok());
    CHECK(scripted->device_id.empty());
    auto stray = sync::login_request_from_json(json{{"username", "a"}, {"password", "b"}, {"role", "admin"}});
    REQUIRE_FALSE(stray.ok());
    CHECK(stray.error().code == ErrorCode::UnknownField);
    CHECK(stray.error().field == "role");
    auto device = sync::login_request_from_json(json{{"username", "a"}, {"password", "b"}, {"device", {{"name", "x"}}}});
    REQUIRE_FALSE(device.ok());
    CHECK(device.error().field == "device.id");
    auto typed = sync::login_request_from_json(json{{"username", "a"}, {"password", 7}});
    REQUIRE_FALSE(typed.ok());
    CHECK(typed.error().code == ErrorCode::InvalidInput);
    CHECK(typed.error().field == "password");
  }
  SUBCASE("SSO status") {
    for (bool enabled : {false, true}) {
      auto out = sync::sso_status_from_json(sync::to_json(sync::SsoStatus{enabled}));
      REQUIRE(out.ok());
      CHECK(out->enabled == enabled);
    }
    CHECK_FALSE(sync::sso_status_from_json(json{{"enabled", "yes"}}).ok());
  }
  SUBCASE("SSO session") {
    sync::SsoSessionRequest in{"h-0123456789abcdef", "tablet-0042", "Stue 3 – Æblehaven"};
    auto out = sync::sso_session_request_from_json(sync::to_json(in));
    REQUIRE(out.ok());
    CHECK(out->handoff == in.handoff);
    CHECK(out->device_id == in.device_id);
    CHECK(out->device_name == in.device_name);
    auto bare = sync::sso_session_request_from_json(sync::to_json(sync::SsoSessionRequest{"h-1", "", ""}));
    REQUIRE(bare.ok());
    CHECK_FALSE(sync::to_json(sync::SsoSessionRequest{"h-1", "", ""}).contains("device"));
    CHECK(bare->device_id.empty());
    auto stray = sync::sso_session_request_from_json(json{{"handoff", "h"}, {"user_id", "admin"}});
    REQUIRE_FALSE(stray.ok());
    CHECK(stray.error().field == "user_id");
    auto missing = sync::sso_session_request_from_json(json{{"device", {{"id", "t"}}}});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().field == "handoff");
    auto device = sync::sso_session_request_from_json(json{{"handoff", "h"}, {"device", {{"id", 4}}}});
    REQUIRE_FALSE(device.ok());
    CHECK(device.error().field == "device.id");
  }
  SUBCASE("login answer") {
    sync::LoginAnswer in;
    in.token = "tok-123";
    in.user.user.id = tid("user");
    in.user.user.username = "mette";
    in.user.user.display_name = "Mette Sørensen";
    in.user.user.role = Role::Staff;
    in.user.user.municipality_id = tid("muni");
    in.user.user.institution_ids = {tid("inst")};
    in.user.role_label = "Medarbejder";
    in.idle_expires_at = "2026-12-07T22:35:00Z";
    in.absolute_expires_at = "2026-12-08T10:05:00Z";
    in.idle_seconds = 1800;
    in.offline_unlock_hours = 48;
    const json written = sync::to_json(in);
    CHECK(written["protocol"] == sync::k_protocol_version);
    auto out = sync::login_answer_from_json(written);
    REQUIRE(out.ok());
    CHECK(out->token == in.token);
    CHECK(out->user.user.username == "mette");
    CHECK(out->user.user.display_name == in.user.user.display_name);
    CHECK(out->user.user.role == Role::Staff);
    CHECK(out->user.user.institution_ids == in.user.user.institution_ids);
    CHECK(out->user.role_label == "Medarbejder");
    CHECK(out->idle_expires_at == in.idle_expires_at);
    CHECK(out->absolute_expires_at == in.absolute_expires_at);
    CHECK(out->idle_seconds == 1800);
    CHECK(out->offline_unlock_hours == 48);
    auto me = sync::me_answer_from_json(sync::me_answer_json(in.user));
    REQUIRE(me.ok());
    CHECK(me->user == in.user.user);
    CHECK(me->role_label == "Medarbejder");
    auto no_token = sync::login_answer_from_json(json{{"user", written["user"]}});
    REQUIRE_FALSE(no_token.ok());
    CHECK(no_token.error().field == "token");
  }
  SUBCASE("commentary") {
    stats::CommentaryUpdate in{2025, "Ældre", "Færre fastholdelser.", "Musik før badet."};
    auto out = stats::commentary_update_from_json(stats::to_json(in));
    REQUIRE(out.ok());
    CHECK(out->year == 2025);
    CHECK(out->department == "Ældre");
    CHECK(out->commentary == in.commentary);
    CHECK(out->positive_examples == in.positive_examples);
    auto bare = stats::commentary_update_from_json(json{{"year", 2025}, {"department", "Ældre"}});
    REQUIRE(bare.ok());
    CHECK(bare->commentary.empty());
    auto year = stats::commentary_update_from_json(json{{"year", "2025"}, {"department", "Ældre"}});
    REQUIRE_FALSE(year.ok());
    CHECK(year.error().field == "year");
  }
  SUBCASE("saved commentary") {
    stats::Commentary c{"Ældre", "Færre fastholdelser.", "Musik før badet.", tid("user"), "Lars Leder", "2026-12-07T22:00:00Z"};
    auto out = stats::saved_commentary_from_json(stats::saved_commentary_json(c));
    REQUIRE(out.ok());
    CHECK(out->department == c.department);
    CHECK(out->commentary == c.commentary);
    CHECK(out->positive_examples == c.positive_examples);
    CHECK(out->updated_by == "Lars Leder");
    CHECK(out->updated_at == c.updated_at);
    auto missing = stats::saved_commentary_from_json(json{{"department", "Ældre"}});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().field == "commentary");
  }
  SUBCASE("citizens") {
    model::Citizen c;
    c.id = tid("citizen");
    c.name = "Åse Ørnbøl";
    c.cpr = "010140-1234";
    c.institution_id = tid("inst");
    c.acting_municipality = "Egebjerg Kommune";
    c.sync.revision = 3;
    c.sync.content_hash = "abc";
    auto list = sync::citizen_list_from_json(sync::to_json(sync::CitizenList{{c}}));
    REQUIRE(list.ok());
    REQUIRE(list->citizens.size() == 1);
    CHECK(list->citizens[0].name == c.name);
    CHECK(list->citizens[0].cpr == c.cpr);
    auto one = sync::citizen_answer_from_json(sync::to_json(sync::CitizenAnswer{c}));
    REQUIRE(one.ok());
    CHECK(one->citizen.id == c.id);
    CHECK(one->citizen.sync.revision == 3);
    CHECK(one->citizen.sync.content_hash == "abc");
    CHECK_FALSE(sync::citizen_list_from_json(json::object()).ok());
  }
  SUBCASE("visible citizens") {
    sync::VisibleCitizens in{{tid("a"), tid("b")}};
    auto out = sync::visible_citizens_from_json(sync::to_json(in));
    REQUIRE(out.ok());
    CHECK(out->ids == in.ids);
  }
  SUBCASE("report link") {
    for (const stats::ReportLinkRequest& in : {stats::ReportLinkRequest{2025, "", ""},
                                               stats::ReportLinkRequest{2025, "Handicap", ""},
                                               stats::ReportLinkRequest{2026, "", tid("inst")}}) {
      auto out = stats::report_link_request_from_json(stats::to_json(in));
      REQUIRE(out.ok());
      CHECK(*out == in);
    }
    auto stray = stats::report_link_request_from_json(json{{"year", 2025}, {"quarter", 2}});
    REQUIRE_FALSE(stray.ok());
    CHECK(stray.error().code == ErrorCode::UnknownField);
    const stats::ReportLink link{"/rapport?ticket=t", "/rapport.csv?ticket=u", 600};
    auto back = stats::report_link_from_json(stats::to_json(link));
    REQUIRE(back.ok());
    CHECK(back->url == link.url);
    CHECK(back->csv_url == link.csv_url);
    CHECK(back->expires_in_seconds == 600);
  }
}
