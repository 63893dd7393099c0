// The app's feature clients and sync loop (shell/clients, shell/sync_loop) against a scripted server: a
// fake transport records every request the app makes and the test answers it with the bodies the server
// builds from the same core types (core/sync/messages*). Covers what the tablet decides before a write
// leaves it (ClientStore::save through the clients), how a saved record is followed through the outbox to
// the server's verdict, and that the server's closing gaps reach the screen line by line.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/cases/cases.hpp"
#include "core/client/client_store.hpp"
#include "core/sync/messages.hpp"
#include "core/sync/messages_work.hpp"
#include "shell/api.hpp"
#include "shell/clients/decision_client.hpp"
#include "shell/clients/follow_up_client.hpp"
#include "shell/sync_loop.hpp"
#include "test_storage_support.hpp"

namespace model = magtreg::core::model;
namespace proto = magtreg::core::sync;
using magtreg::core::Role;
using magtreg::core::client::ClientStore;
using magtreg::core::client::SyncStatus;
using magtreg::test::TempDir;
using magtreg::test::tid;
using nlohmann::json;
namespace shell = magtreg::shell;

namespace {

// The platform's transport as the test sees it: every request, answered when the test says so.
class ScriptedServer : public shell::PlatformRequests {
 public:
  std::uint64_t request_save() override { return ++m_saves; }
  std::uint64_t http(const shell::HttpRequest& request) override {
    sent.push_back({++m_next, request});
    return m_next;
  }
  void open_document(const std::string&, const std::string&) override {}
  bool remove_file(const std::string&) override { return true; }
  // The feature clients never unlock the store (the app does, tests/browser).
  std::uint64_t store_key(const std::string&, const std::string&, const std::string&) override { return 0; }

  struct Sent {
    std::uint64_t id;
    shell::HttpRequest request;
  };
  std::vector<Sent> sent;

  // The last request, which the test answers next.
  const Sent& last() const {
    REQUIRE_FALSE(sent.empty());
    return sent.back();
  }
  shell::HttpResponse answer(int status, const json& body) const { return {last().id, status, body.dump()}; }

 private:
  std::uint64_t m_next = 0, m_saves = 0;
};

ClientStore open_store(const TempDir& dir) {
  auto s = ClientStore::open(dir.file("records.db"));
  REQUIRE_MESSAGE(s.ok(), magtreg::test::describe(s));
  return std::move(s).value();
}

shell::Session session_as(Role role, std::string user_id) {
  shell::Session s;
  s.token = "token-" + user_id;
  s.user.user.id = std::move(user_id);
  s.user.user.username = "test";
  s.user.user.role = role;
  s.user.user.municipality_id = tid("municipality");
  if (role == Role::Staff || role == Role::Leader) s.user.user.institution_ids = {tid("institution-a")};
  return s;
}

// A Skema 1 a draft by the session's user, on a citizen the tablet does not hold (the server decides).
model::FormInstance draft_by(const shell::Session& s) {
  model::FormInstance form;
  form.id = tid("form-draft");
  form.form_id = "2020-1a";
  form.form_version = 1;
  form.citizen_id = tid("citizen-a");
  form.case_id = tid("case-a");
  form.institution_id = tid("institution-a");
  form.state = magtreg::core::model::FormState::Draft;
  form.content = {{"place", "Fællesstuen"}};
  form.created_by = s.user.user.id;
  form.created_at = form.updated_at = "2024-05-14T08:00:00Z";
  return form;
}

json api_error(const char* code, const std::string& message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

// A staff member's draft saved on the tablet and its upload sent by the sync loop: the test answers it.
struct DraftInFlight {
  TempDir dir;
  ClientStore store = open_store(dir);
  ScriptedServer server;
  shell::PlatformState platform;
  shell::Session staff = session_as(Role::Staff, tid("user-a"));
  model::FormInstance form = draft_by(staff);
  shell::SyncLoop loop;

  explicit DraftInFlight(const std::string& place = "Fællesstuen") {
    platform.online = shell::Tristate::Yes;
    form.content["place"] = place;
    auto saved = store.save(form, staff.writer());
    REQUIRE_MESSAGE(saved.accepted(), (saved.accepted() ? "" : saved.status.error().message));
    tick();
    REQUIRE(server.sent.size() == 1);
    CHECK(server.last().request.path == "/api/v1/records/form/" + form.id);
  }
  // One frame of the loop with `answer` arriving for the last request (none: a frame without answers).
  bool tick(std::optional<shell::HttpResponse> answer = std::nullopt) {
    platform.http_done.clear();
    if (answer) platform.http_done.push_back(*answer);
    const bool changed = loop.tick(platform, server, store, staff.token);
    platform.http_done.clear();
    return changed;
  }
  SyncStatus status() { return store.sync_info("form", form.id).status; }
};

}  // namespace

TEST_CASE("a decision the user's role may not make is refused on the tablet: nothing is stored or sent") {
  TempDir dir;
  auto store = open_store(dir);
  ScriptedServer server;
  shell::PlatformState platform;
  const auto staff = session_as(Role::Staff, tid("mette"));
  shell::ClientContext ctx{platform, server, store, staff};

  shell::DecisionClient client;
  client.save(ctx, magtreg::test::sample_decision());
  const auto& st = client.state().status;
  CHECK_FALSE(st.error.empty());
  CHECK(st.error.code == "FORBIDDEN");
  CHECK(st.notice.empty());
  CHECK_FALSE(ctx.wrote);
  CHECK(store.outbox_counts().pending == 0);
  CHECK(server.sent.empty());
}

TEST_CASE("a committee decision is stored and queued, then followed to the server's acceptance") {
  TempDir dir;
  auto store = open_store(dir);
  ScriptedServer server;
  shell::PlatformState platform;
  platform.online = shell::Tristate::Yes;
  const auto committee = session_as(Role::Committee, tid("udvalg"));
  shell::ClientContext ctx{platform, server, store, committee};

  shell::DecisionClient client;
  auto decision = magtreg::test::sample_decision();
  decision.status = magtreg::core::model::DecisionStatus::Pending;
  decision.decided_by.reset();
  decision.decided_at.reset();
  client.save(ctx, decision);
  REQUIRE_MESSAGE(client.state().status.error.empty(), client.state().status.error.message);
  CHECK(ctx.wrote);
  CHECK(client.state().status.notice == "Gemt på tabletten – sendes til serveren …");
  CHECK(store.outbox_counts().pending == 1);

  // The sync loop sends exactly the stored entry, as the user.
  shell::SyncLoop loop;
  loop.tick(platform, server, store, committee.token);
  REQUIRE(server.sent.size() == 1);
  CHECK(server.last().request.method == "PUT");
  CHECK(server.last().request.path == "/api/v1/records/decision/" + decision.id);
  CHECK(server.last().request.bearer == committee.token);
  const auto body = json::parse(server.last().request.body);
  CHECK(body["data"]["status"] == "pending");

  // Not known yet: the screen still says it is on its way.
  client.refresh_local(ctx);
  CHECK(client.state().status.notice == "Gemt på tabletten – sendes til serveren …");

  // Accepted with a finding (the answer built as the server builds it); then the download page (empty).
  proto::UploadAnswer accepted;
  accepted.kind = "decision";
  accepted.id = decision.id;
  accepted.revision = 1;
  accepted.server_seq = 7;
  accepted.findings = {{magtreg::core::rules::FindingCode::ComplaintLate, "Husk at underrette værgen."}};
  platform.http_done = {server.answer(200, proto::to_json(accepted))};
  CHECK(loop.tick(platform, server, store, committee.token));
  CHECK(server.last().request.path.rfind("/api/v1/changes?after=", 0) == 0);
  proto::ChangesPage page;
  page.next_after = 7;
  platform.http_done = {server.answer(200, proto::to_json(page))};
  loop.tick(platform, server, store, committee.token);
  platform.http_done.clear();

  CHECK(store.sync_info("decision", decision.id).status == SyncStatus::Sent);
  client.refresh_local(ctx);
  CHECK(client.state().status.notice == "Afgørelsen er gemt.");
  REQUIRE(client.state().status.findings.size() == 1);
  CHECK(client.state().status.findings[0] == "Husk at underrette værgen.");
  CHECK(loop.view().last_error.empty());
}

TEST_CASE("a refusal by the server reaches the screen with its Danish reason, and a form keeps what was typed") {
  DraftInFlight t("Fællesstuen – ved vinduet");
  CHECK(t.tick(t.server.answer(403, api_error("FORBIDDEN", "Du har ikke adgang til borgeren."))));

  const auto info = t.store.sync_info("form", t.form.id);
  CHECK(info.status == SyncStatus::Rejected);
  CHECK(info.message.find("Du har ikke adgang til borgeren.") != std::string::npos);
  CHECK(t.store.outbox_counts().pending == 0);
  auto kept = t.store.form(t.form.id);
  REQUIRE(kept.ok());
  REQUIRE(kept->has_value());
  CHECK((**kept).content["place"] == "Fællesstuen – ved vinduet");
}

TEST_CASE("a server that cannot be reached leaves the entry pending and the loop backs off") {
  DraftInFlight t;
  t.tick(shell::HttpResponse{t.server.last().id, 0, ""});
  CHECK(t.loop.view().last_error == "Serveren kunne ikke nås. Prøver igen.");
  CHECK(t.store.outbox_counts().pending == 1);
  CHECK(t.status() == SyncStatus::Pending);
  // No new attempt before the backoff has run out.
  const auto requests = t.server.sent.size();
  t.tick();
  CHECK(t.server.sent.size() == requests);
}

TEST_CASE("what stands in the way of closing a case reaches the leader one line per gap") {
  TempDir dir;
  auto store = open_store(dir);
  ScriptedServer server;
  shell::PlatformState platform;
  const auto leader = session_as(Role::Leader, tid("lars"));
  shell::ClientContext ctx{platform, server, store, leader};

  shell::FollowUpClient client;
  const auto case_id = tid("case-a");
  client.check_closing(ctx, case_id);
  REQUIRE(server.sent.size() == 1);
  CHECK(server.last().request.path == "/api/v1/cases/" + case_id + "/closing");

  // The server's answer, built as the server builds it.
  std::vector<magtreg::core::cases::Missing> gaps = {
      {magtreg::core::cases::ClosingGap::NotLocked, tid("form-1"), "Skema 1 a – 05.03.2024 er ikke låst."},
      {magtreg::core::cases::ClosingGap::NotReviewed, tid("form-1"),
       "Skema 1 a – 05.03.2024 er ikke gennemgået af udvalget."}};
  platform.http_done = {server.answer(200, proto::to_json(proto::closing_answer_of(case_id, gaps)))};
  CHECK(client.tick(ctx));
  platform.http_done.clear();

  const auto& st = client.state();
  REQUIRE(st.closable.has_value());
  CHECK_FALSE(*st.closable);
  REQUIRE(st.closing_issues.size() == 2);
  CHECK(st.closing_issues[0] == "Skema 1 a – 05.03.2024 er ikke låst.");
  CHECK(st.closing_issues[1] == "Skema 1 a – 05.03.2024 er ikke gennemgået af udvalget.");
  CHECK_FALSE(st.status.busy);
}

TEST_CASE("an unreadable answer is a Danish error on the screen, never a crash") {
  TempDir dir;
  auto store = open_store(dir);
  ScriptedServer server;
  shell::PlatformState platform;
  const auto leader = session_as(Role::Leader, tid("lars"));
  shell::ClientContext ctx{platform, server, store, leader};

  shell::FollowUpClient client;
  client.check_closing(ctx, tid("case-a"));
  platform.http_done = {{server.last().id, 200, std::string(100, '[')}};
  client.tick(ctx);
  CHECK_FALSE(client.state().status.error.empty());
  CHECK_FALSE(client.state().closable.has_value());

  client.check_closing(ctx, tid("case-a"));
  platform.http_done = {server.answer(403, api_error("FORBIDDEN", "Posten findes ikke, eller du har ikke adgang til den."))};
  client.tick(ctx);
  CHECK(client.state().status.error.message == "Posten findes ikke, eller du har ikke adgang til den.");
}

TEST_CASE("an accepting answer the tablet cannot read leaves the entry pending: the retry gets the receipt") {
  DraftInFlight t;
  t.tick(shell::HttpResponse{t.server.last().id, 200, "<html>proxy</html>"});
  CHECK(t.status() == SyncStatus::Pending);
  CHECK_FALSE(t.loop.view().last_error.empty());
}

TEST_CASE("on a citizen the tablet holds, the role and the citizen's institution decide on the tablet as on the server") {
  TempDir dir;
  auto store = open_store(dir);
  ScriptedServer server;
  shell::PlatformState platform;
  // The citizen as the server sent it (of institution a, in the user's municipality).
  auto citizen = magtreg::test::sample_citizen();
  citizen.sync.revision = 1;
  citizen.sync.server_seq = 1;
  REQUIRE(store.apply_records({proto::envelope_of(citizen)}).ok());
  REQUIRE(store.citizen(citizen.id).ok());
  REQUIRE(store.citizen(citizen.id)->has_value());

  auto decision = magtreg::test::sample_decision();
  decision.citizen_id = citizen.id;
  decision.status = magtreg::core::model::DecisionStatus::Pending;
  decision.decided_by.reset();
  decision.decided_at.reset();

  SUBCASE("the committee may decide") {
    const auto committee = session_as(Role::Committee, tid("udvalg"));
    shell::ClientContext ctx{platform, server, store, committee};
    shell::DecisionClient client;
    client.save(ctx, decision);
    CHECK_MESSAGE(client.state().status.error.empty(), client.state().status.error.message);
    CHECK(store.outbox_counts().pending == 1);
  }
  SUBCASE("a leader of the citizen's institution may not") {
    const auto leader = session_as(Role::Leader, tid("lars"));
    shell::ClientContext ctx{platform, server, store, leader};
    shell::DecisionClient client;
    client.save(ctx, decision);
    CHECK(client.state().status.error.message == "Du har ikke adgang til denne borgers oplysninger.");
    CHECK(store.outbox_counts().pending == 0);
  }
  SUBCASE("a staff member of another institution may not register on the citizen") {
    auto staff = session_as(Role::Staff, tid("mette"));
    staff.user.user.institution_ids = {tid("institution-b")};
    auto form = draft_by(staff);
    form.citizen_id = citizen.id;
    auto saved = store.save(form, staff.writer());
    CHECK_FALSE(saved.accepted());
    CHECK(saved.denied());
    CHECK(store.outbox_counts().pending == 0);
  }
}

TEST_CASE("after the changes the loop fetches the server's form catalogue, stores and installs it, then asks only by tag") {
  DraftInFlight t;
  // The upload is accepted, the changes are empty: the loop asks for the catalogue without a tag.
  proto::UploadAnswer accepted;
  accepted.kind = "form";
  accepted.id = t.form.id;
  accepted.revision = 1;
  accepted.server_seq = 3;
  t.tick(t.server.answer(200, proto::to_json(accepted)));
  REQUIRE(t.server.last().request.path.rfind("/api/v1/changes", 0) == 0);
  t.tick(t.server.answer(200, proto::to_json(proto::ChangesPage{})));
  REQUIRE(t.server.last().request.path == "/api/v1/form-definitions");

  // The server holds a version 2 of Skema 1 (2024) from 1 January 2027, besides the embedded versions.
  std::vector<std::pair<std::string, std::string>> files = magtreg::core::forms::Catalogue::embedded_files();
  json v2;
  for (const auto& f : files)
    if (f.first == "2024-1.json") v2 = json::parse(f.second);
  v2["version"] = 2;
  v2["in_force_from"] = "2027-01-01";
  proto::FormDefinitions answer;
  answer.tag = std::string(64, 'a');
  for (const auto& f : files)
    if (f.first != "_sets.json") answer.bodies.push_back(json::parse(f.second).dump());
  answer.bodies.push_back(v2.dump());
  answer.bodies.push_back(R"({"id": "2024-1", "version": 3, "set": "2024", "bases": ["999q"]})");  // unusable here
  CHECK(magtreg::core::forms::Catalogue::current().find_form("2024-1", 2) == nullptr);
  t.tick(t.server.answer(200, proto::to_json(answer)));
  CHECK(t.loop.view().last_error.empty());
  CHECK_FALSE(t.loop.view().running);  // the run ended
  const auto& cat = magtreg::core::forms::Catalogue::current();
  REQUIRE(cat.find_form("2024-1", 2) != nullptr);
  CHECK(cat.find_form("2024-1", 3) == nullptr);
  CHECK(cat.form_for_day("2024-1", "2026-12-31")->version == 1);
  CHECK(cat.form_for_day("2024-1", "2027-01-01")->version == 2);
  auto rows = t.store.db().prepare("SELECT count(*) FROM form_definitions WHERE form_id = '2024-1'");
  REQUIRE(rows.ok());
  REQUIRE(rows->step().ok());
  CHECK(rows->column_int64(0) == 2);  // stored in the tablet's own store, for the next unlock offline

  // The next run asks by the tag; "unchanged" stores nothing.
  t.loop.request_now();
  t.tick();
  REQUIRE(t.server.last().request.path.rfind("/api/v1/changes", 0) == 0);
  t.tick(t.server.answer(200, proto::to_json(proto::ChangesPage{})));
  CHECK(t.server.last().request.path == "/api/v1/form-definitions?have=" + std::string(64, 'a'));
  proto::FormDefinitions same;
  same.tag = answer.tag;
  same.unchanged = true;
  t.tick(t.server.answer(200, proto::to_json(same)));
  CHECK_FALSE(t.loop.view().running);
  CHECK(t.loop.view().last_error.empty());
  // Back to the embedded catalogue for the tests after this one.
  magtreg::core::forms::Catalogue::install(*magtreg::core::forms::Catalogue::load(files));
}
