// One core for both ends (issue #13): every form of the demo database is judged by the tablet's checks
// and by the server's, and both must say the same — the same findings and deadline, the same derived
// columns, the same accept or refuse with the same reason and code — as the form's author and as a leader
// of its institution. The tablet holds what the server's change feed gives a municipality-wide user.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "core/client/client_store.hpp"
#include "core/records/accept.hpp"
#include "core/records/rule_input.hpp"
#include "core/storage/change_feed.hpp"
#include "core/storage/record_repository.hpp"
#include "core/sync/messages.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/util/json_text.hpp"
#include "sync/directory.hpp"
#include "sync/seed_demo.hpp"
#include "tests/sync/api_fixture.hpp"

namespace core = magtreg::core;
namespace rec = magtreg::core::records;
using magtreg::core::client::ClientStore;

namespace {

std::string describe(const core::Status& s) {
  return s ? std::string("accepted") : std::string(core::to_string(s.error().code)) + " " + s.error().field + ": " + s.error().message;
}

std::string codes(const std::vector<core::rules::Finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += std::string(core::rules::to_string(f.code)) + " ";
  return out;
}

// Everything the change feed gives a municipality-wide user, applied on a tablet as the sync loop does.
void download_everything(core::storage::Database& server, ClientStore& tablet) {
  long long after = 0;
  for (;;) {
    auto page = core::storage::changes_after(server, after, std::nullopt, 1000);
    REQUIRE(page.ok());
    core::sync::ChangesPage p;
    p.next_after = page->next_after;
    p.has_more = page->has_more;
    for (const auto& c : page->records)
      p.records.push_back({c.kind, c.id, c.revision, c.content_hash, c.server_seq, c.data});
    auto applied = tablet.apply_changes(p);
    REQUIRE(applied.ok());
    CHECK(applied->conflicts == 0);
    after = page->next_after;
    if (!page->has_more) break;
  }
}

}  // namespace

TEST_CASE("every form of the demo database is judged alike by the tablet and by the server") {
  const std::string dir_db = magtreg::tests::ChildServer::temp_path("parity-server.db");
  auto server = core::storage::open_database(dir_db, magtreg::sync::server_database_options());
  REQUIRE(server.ok());
  const auto today = core::time::now_local();
  REQUIRE(magtreg::sync::seed_demo(*server, today.date).ok());

  auto tablet_opened = ClientStore::open(magtreg::tests::ChildServer::temp_path("parity-tablet.db"));
  REQUIRE(tablet_opened.ok());
  auto tablet = std::move(tablet_opened).value();
  download_everything(*server, tablet);

  // Every user, by id, and a leader per institution.
  auto users = magtreg::sync::list_users(*server);
  REQUIRE(users.ok());
  std::map<std::string, core::model::User> by_id;
  std::map<std::string, core::model::User> leader_of;
  for (const auto& u : *users) {
    by_id[u.id] = u;
    if (u.role == core::Role::Leader)
      for (const auto& i : u.institution_ids) leader_of.emplace(i, u);
  }

  auto ids = server->prepare("SELECT id FROM form_instances ORDER BY id");
  REQUIRE(ids.ok());
  std::vector<std::string> form_ids;
  REQUIRE(ids->for_each_row([&](const core::storage::Statement& r) { form_ids.push_back(r.column_text(0)); }).ok());
  REQUIRE(form_ids.size() > 100);

  core::storage::RecordRepository<core::model::FormInstance> server_forms(*server, core::storage::Side::Server);
  int compared = 0, accepted = 0, refused = 0, with_findings = 0, undated = 0;
  for (const auto& id : form_ids) {
    auto on_server = server_forms.find(id);
    REQUIRE(on_server.ok());
    REQUIRE(on_server->has_value());
    auto on_tablet = tablet.find<core::model::FormInstance>(id);
    REQUIRE(on_tablet.ok());
    REQUIRE_MESSAGE(on_tablet->has_value(), "the tablet holds form ", id);
    const auto& form = **on_server;
    CAPTURE(form.id);
    CAPTURE(form.form_id);
    CAPTURE(form.state);
    CHECK(core::model::to_json(form) == core::model::to_json(**on_tablet));

    // The rule engine's verdict on the stored form at its registration time (as both ends judge it), and
    // on it as if completed now.
    for (std::optional<core::time::LocalDateTime> registered :
         {rec::registration_time(form), std::optional<core::time::LocalDateTime>(), std::optional(today)}) {
      auto s = rec::check_form(*server, form, registered);
      auto t = rec::check_form(tablet.db(), form, registered);
      REQUIRE(s.ok());
      REQUIRE(t.ok());
      CHECK_MESSAGE(*s == *t, "server: ", codes(s->findings), " tablet: ", codes(t->findings));
      if (!s->findings.empty()) ++with_findings;
    }

    // The derived columns: what the tablet sets before it saves is what the server stored.
    auto derived = form;
    rec::derive_form_columns(derived);
    CHECK(derived.legal_basis == form.legal_basis);
    // Every form is dated by its own content (a move by its move_date, a 2024 Skema 2 by its decision's
    // first day; issue #14 item 2): what the tablet derives is what the server stored.
    CHECK(derived.started_at == form.started_at);
    if (!form.started_at) ++undated;
    CHECK(derived.content == form.content);

    // The same upload (the next revision, unchanged) as its author and as a leader of its institution.
    std::vector<core::model::User> writers;
    if (auto a = by_id.find(form.created_by); a != by_id.end()) writers.push_back(a->second);
    if (auto l = leader_of.find(form.institution_id); l != leader_of.end()) writers.push_back(l->second);
    // And someone the form is not for: a leader of another institution (refused alike on both ends).
    for (const auto& [institution, leader] : leader_of)
      if (institution != form.institution_id) {
        writers.push_back(leader);
        break;
      }
    REQUIRE_FALSE(writers.empty());
    for (const auto& u : writers) {
      CAPTURE(u.username);
      const rec::Writer writer{magtreg::sync::principal_of(u), core::time::utc_now_text(), today};
      auto next = form;
      next.sync.revision = form.sync.revision + 1;
      // The server asks may_write of both versions first; the tablet's accept_upload asks it itself.
      auto may = rec::may_write(*server, writer.principal, form);
      REQUIRE(may.ok());
      core::Status server_verdict;
      rec::Acceptance<core::model::FormInstance> s{core::Status{}, next, {}, {}, std::nullopt};
      if (*may) {
        s = rec::accept_upload(*server, rec::Side::Server, writer, *on_server, next);
        server_verdict = s.status;
      } else {
        server_verdict = rec::write_refused(form, form.citizen_id);
      }
      auto t = rec::accept_upload(tablet.db(), rec::Side::Tablet, writer, *on_tablet, next);
      CHECK_MESSAGE(server_verdict.ok() == t.status.ok(), "server: ", describe(server_verdict), " | tablet: ", describe(t.status));
      if (!server_verdict.ok() && !t.status.ok()) {
        CHECK(server_verdict.error().code == t.status.error().code);
        CHECK(server_verdict.error().message == t.status.error().message);
      }
      if (*may) CHECK_MESSAGE(codes(s.findings) == codes(t.findings), "server: ", codes(s.findings), " tablet: ", codes(t.findings));
      (server_verdict.ok() ? accepted : refused) += 1;
      ++compared;
    }
  }
  MESSAGE(compared, " uploads compared (", accepted, " accepted, ", refused, " refused), ", with_findings,
          " verdicts with findings, over ", form_ids.size(), " forms (", undated,
          " undated)");
  CHECK(accepted > 0);
  CHECK(refused > 0);
}
