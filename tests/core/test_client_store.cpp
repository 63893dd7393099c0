// The tablet's record database (core/client/client_store): local saves and their outbox entries
// (supersede rules, acknowledged revision), refusals and conflicts, applying downloads, the purge of
// what the server holds locked, and the server's findings kept with an acknowledged entry.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "core/client/client_store.hpp"
#include "test_storage_support.hpp"

using magtreg::core::client::ClientStore;
using magtreg::core::client::OutboxEntry;
using magtreg::core::client::SyncStatus;
using nlohmann::json;
namespace model = magtreg::core::model;
using magtreg::test::Ids;
using magtreg::test::TempDir;
using magtreg::test::tid;

namespace {

ClientStore open_store(const TempDir& dir, const char* name = "records.db") {
  auto s = ClientStore::open(dir.file(name));
  REQUIRE_MESSAGE(s.ok(), magtreg::test::describe(s));
  return std::move(s).value();
}

// One record of GET /api/v1/changes as the server sends it.
template <class T>
json change(const char* kind, const T& record, long long revision, long long server_seq) {
  return {{"kind", kind}, {"id", record.id}, {"revision", revision}, {"server_seq", server_seq},
          {"content_hash", ""}, {"data", model::to_json(record)}};
}

model::Citizen citizen_at(const std::string& tag, const std::string& institution) {
  Ids ids = magtreg::test::ids_for(tag, institution, tid("citizen-" + tag));
  auto c = magtreg::test::sample_citizen(ids);
  return c;
}

model::FormInstance draft(const std::string& tag, const std::string& citizen_id, const std::string& case_id) {
  model::FormInstance f;
  f.id = tid("form-" + tag);
  f.form_id = "2020-1a";
  f.form_version = 1;
  f.citizen_id = citizen_id;
  f.case_id = case_id;
  f.institution_id = tid("institution-a");
  f.state = magtreg::core::model::FormState::Draft;
  f.content = {{"place", "Fællesstuen"}};
  f.created_by = tid("user-a");
  f.created_at = f.updated_at = "2024-05-14T08:00:00Z";
  return f;
}

model::FormInstance locked(model::FormInstance f) {
  f.state = magtreg::core::model::FormState::Locked;
  f.locked_at = "2024-05-20T10:00:00Z";
  f.locked_by = tid("leader");
  return f;
}

model::Case single_case(const std::string& tag, const std::string& citizen_id, bool closed) {
  model::Case k;
  k.id = tid("case-" + tag);
  k.citizen_id = citizen_id;
  k.base_course_id = model::base_course_id_for(citizen_id);
  k.kind = magtreg::core::model::CaseKind::Single;
  k.title = "Magtanvendelse";
  k.opened_at = "2024-05-14T08:00:00Z";
  if (closed) k.closed_at = "2024-07-01T08:00:00Z";
  return k;
}

// The user's save as the app makes it (ClientStore::save with the tablet's checks), as a Result.
template <class T>
magtreg::core::Result<T> save(ClientStore& s, T record) {
  auto a = s.save(std::move(record), magtreg::test::tablet_writer(tid("user-a")));
  if (!a.accepted()) return a.status.error();
  return a.record;
}

std::vector<OutboxEntry> entries_of(ClientStore& s, const std::string& id) {
  std::vector<OutboxEntry> out;
  for (auto& e : s.recent_outbox(1000))
    if (e.id == id) out.push_back(e);
  return out;
}

long long count(ClientStore& s, const std::string& sql) {
  auto st = s.db().prepare(sql);
  REQUIRE(st.ok());
  auto row = st->step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return st->column_int64(0);
}

}  // namespace

// [SECTION] local saves and the outbox
TEST_CASE("client store: a save stores the record and one outbox entry whose payload is the PUT body") {
  TempDir dir;
  auto s = open_store(dir);
  auto f = draft("a", tid("citizen-a"), tid("case-a"));
  auto saved = save(s, f);
  REQUIRE_MESSAGE(saved.ok(), magtreg::test::describe(saved));
  CHECK(saved->sync.revision == 1);
  auto stored = s.form(f.id);
  REQUIRE(stored.ok());
  REQUIRE(stored->has_value());
  CHECK((*stored)->content["place"] == "Fællesstuen");
  auto es = entries_of(s, f.id);
  REQUIRE(es.size() == 1);
  CHECK(es[0].kind == "form");
  CHECK(es[0].state == magtreg::core::client::OutboxState::Pending);
  CHECK(es[0].revision == 1);
  json body = json::parse(es[0].payload);
  CHECK(body["revision"] == 1);
  CHECK(body["content_hash"] == saved->sync.content_hash);
  CHECK(body["data"]["content"]["place"] == "Fællesstuen");
  CHECK(s.sync_info("form", f.id).status == SyncStatus::Pending);
  CHECK(s.outbox_counts().pending == 1);
}

TEST_CASE("client store: a draft with a text past its field's limit is refused before it is stored or queued") {
  TempDir dir;
  auto s = open_store(dir);
  auto f = draft("long", tid("citizen-a"), tid("case-a"));
  f.content["place"] = std::string(501, 'a');  // a text field: 500 characters
  auto saved = save(s, f);
  REQUIRE_FALSE(saved.ok());
  CHECK(saved.error().code == magtreg::core::ErrorCode::FieldTooLong);
  CHECK(saved.error().field == "data.content.place");
  CHECK(s.outbox_counts().pending == 0);
  auto stored = s.form(f.id);
  REQUIRE(stored.ok());
  CHECK_FALSE(stored->has_value());
}

TEST_CASE("client store: outbox supersede rules") {
  TempDir dir;
  auto s = open_store(dir);
  auto f = draft("a", tid("citizen-a"), tid("case-a"));
  REQUIRE(save(s, f).ok());

  SUBCASE("an entry never attempted is replaced by newer content under the same revision") {
    for (const char* text : {"F", "Fæ", "Fællesstuen på Åbo"}) {
      f.content["place"] = text;
      REQUIRE(save(s, f).ok());
    }
    auto es = entries_of(s, f.id);
    REQUIRE(es.size() == 1);
    CHECK(es[0].revision == 1);
    CHECK(json::parse(es[0].payload)["data"]["content"]["place"] == "Fællesstuen på Åbo");
  }
  SUBCASE("an attempted entry is never changed: the edit waits as the next revision") {
    auto first = s.next_pending();
    REQUIRE(first.has_value());
    const std::string payload = first->payload;
    REQUIRE(s.mark_attempt(first->seq).ok());
    f.content["place"] = "Haven";
    REQUIRE(save(s, f).ok());
    f.content["place"] = "Haven ved Ålen";
    REQUIRE(save(s, f).ok());
    auto es = entries_of(s, f.id);
    REQUIRE(es.size() == 2);  // newest first
    CHECK(es[1].revision == 1);
    CHECK(es[1].payload == payload);
    CHECK(es[1].attempts == 1);
    CHECK(es[0].revision == 2);
    CHECK(json::parse(es[0].payload)["data"]["content"]["place"] == "Haven ved Ålen");
    // The oldest goes first.
    CHECK(s.next_pending()->revision == 1);
  }
  SUBCASE("after an acknowledgement the next save is the acknowledged revision + 1") {
    auto e = s.next_pending();
    REQUIRE(s.mark_attempt(e->seq).ok());
    REQUIRE(s.mark_acked(*e, magtreg::test::accepted_at(41)).ok());
    CHECK(s.sync_info("form", f.id).status == SyncStatus::Sent);
    auto stored = s.form(f.id);
    CHECK((*stored)->sync.server_seq == 41);
    f.content["place"] = "Køkkenet";
    auto saved = save(s, f);
    REQUIRE(saved.ok());
    CHECK(saved->sync.revision == 2);
    CHECK(s.next_pending()->revision == 2);
    CHECK(s.outbox_counts().acked == 1);
    CHECK(s.outbox_counts().pending == 1);
  }
}

TEST_CASE("client store: a refusal keeps the entry with the reason and drops later pending entries") {
  TempDir dir;
  auto s = open_store(dir);
  auto f = draft("a", tid("citizen-a"), tid("case-a"));
  REQUIRE(save(s, f).ok());
  auto first = s.next_pending();
  REQUIRE(s.mark_attempt(first->seq).ok());
  f.content["place"] = "Haven";
  REQUIRE(save(s, f).ok());  // revision 2, builds on revision 1

  SUBCASE("a plain refusal: no conflict") {
    REQUIRE(s.mark_rejected(*first, magtreg::test::refusal("Skemaet mangler oplysninger.")).ok());
    auto es = entries_of(s, f.id);
    REQUIRE(es.size() == 1);
    CHECK(es[0].state == magtreg::core::client::OutboxState::Rejected);
    CHECK(es[0].last_error == "Skemaet mangler oplysninger.");
    CHECK(s.sync_info("form", f.id).status == SyncStatus::Rejected);
    CHECK(s.sync_info("form", f.id).message == "Skemaet mangler oplysninger.");
    CHECK(s.conflicts().empty());
    CHECK_FALSE(s.next_pending().has_value());
    // The local record keeps its newest content.
    CHECK((*s.form(f.id))->content["place"] == "Haven");
    // The corrected save replaces the refused entry.
    f.content["place"] = "Haven ved Ålen";
    REQUIRE(save(s, f).ok());
    es = entries_of(s, f.id);
    REQUIRE(es.size() == 1);
    CHECK(es[0].state == magtreg::core::client::OutboxState::Pending);
    CHECK(es[0].revision == 1);
  }
  SUBCASE("REVISION_CONFLICT keeps the server's version beside the local one") {
    REQUIRE(s.mark_rejected(*first, magtreg::test::refusal("Posten er allerede gemt i denne version med andet indhold.",
                                                           std::optional(locked(f))))
                .ok());
    auto cs = s.conflicts();
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].kind == "form");
    CHECK(cs[0].id == f.id);
    CHECK(cs[0].server["state"] == "laast");
    CHECK(cs[0].local["content"]["place"] == "Fællesstuen");
    REQUIRE(s.dismiss_conflict("form", f.id).ok());
    CHECK(s.conflicts().empty());
    // Dismissing the notice removes nothing else.
    CHECK(entries_of(s, f.id).size() == 1);
  }
}

TEST_CASE("client store: the server's findings are kept with the acknowledged entry") {
  TempDir dir;
  auto s = open_store(dir);
  auto f = draft("a", tid("citizen-a"), tid("case-a"));
  REQUIRE(save(s, f).ok());
  auto e = s.next_pending();
  json findings = json::array({{{"code", "REGISTRATION_LATE"}, {"severity", "warning"},
                                {"message", "Registreringen er foretaget for sent."}}});
  REQUIRE(s.mark_acked(*e, magtreg::test::accepted_at(7, findings)).ok());
  auto es = entries_of(s, f.id);
  REQUIRE(es.size() == 1);
  REQUIRE(es[0].findings.size() == 1);
  CHECK(es[0].findings[0].code == magtreg::core::rules::FindingCode::RegistrationLate);
  CHECK(es[0].findings[0].message == "Registreringen er foretaget for sent.");
  auto kept = s.server_findings("form", f.id);
  REQUIRE(kept.has_value());
  CHECK(kept->revision == 1);
  // A later revision accepted without findings replaces them; the old entry no longer shows them.
  f.content["place"] = "Haven";
  REQUIRE(save(s, f).ok());
  auto e2 = s.next_pending();
  REQUIRE(s.mark_acked(*e2, magtreg::test::accepted_at(8, json::array())).ok());
  CHECK(s.server_findings("form", f.id)->revision == 2);
  CHECK(s.server_findings("form", f.id)->findings.empty());
  for (const auto& x : entries_of(s, f.id)) CHECK(x.findings.empty());
}

// [SECTION] downloads
TEST_CASE("client store: applying a page of changes") {
  TempDir dir;
  auto s = open_store(dir);
  auto c = citizen_at("a", tid("institution-a"));
  auto f = draft("a", c.id, tid("case-a"));

  SUBCASE("new records are stored as the server's copy and the cursor moves in the same transaction") {
    auto r = s.apply_changes(magtreg::test::page_of(json::array({change("citizen", c, 1, 10), change("form", f, 3, 11)}), 11));
    REQUIRE(r.ok());
    CHECK(r->applied == 2);
    CHECK(s.cursor() == 11);
    CHECK(s.citizen(c.id)->has_value());
    CHECK((*s.form(f.id))->sync.revision == 3);
    CHECK(s.sync_info("form", f.id).status == SyncStatus::FromServer);
    // The next local edit builds on the server's revision.
    CHECK(save(s, f)->sync.revision == 4);
  }
  SUBCASE("an older or equal revision is ignored") {
    REQUIRE(s.apply_changes(magtreg::test::page_of(json::array({change("form", f, 3, 11)}), 11)).ok());
    auto older = f;
    older.content["place"] = "gammel";
    auto r = s.apply_changes(magtreg::test::page_of(json::array({change("form", older, 2, 5), change("form", older, 3, 6)}), 12));
    REQUIRE(r.ok());
    CHECK(r->ignored == 2);
    CHECK((*s.form(f.id))->content["place"] == "Fællesstuen");
    CHECK(s.cursor() == 12);
  }
  SUBCASE("a newer server version over unsent edits becomes a conflict, the local edit stays") {
    REQUIRE(s.apply_changes(magtreg::test::page_of(json::array({change("form", f, 1, 11)}), 11)).ok());
    auto mine = f;
    mine.content["place"] = "min tekst";
    REQUIRE(save(s, mine).ok());  // pending revision 2
    auto theirs = f;
    theirs.content["place"] = "lederens tekst";
    auto r = s.apply_changes(magtreg::test::page_of(json::array({change("form", theirs, 2, 12)}), 12));
    REQUIRE(r.ok());
    CHECK(r->conflicts == 1);
    CHECK((*s.form(f.id))->content["place"] == "min tekst");
    auto cs = s.conflicts();
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].server["content"]["place"] == "lederens tekst");
    CHECK(s.next_pending().has_value());
  }
  SUBCASE("malformed records are skipped; a page without an array is refused") {
    // The tablet reads a page through core's protocol reader, which skips a malformed entry.
    const json body = {{"records", json::array({1, json::object(), {{"kind", "form"}, {"id", f.id}, {"revision", 0}}})},
                       {"next_after", 3}};
    auto page = magtreg::core::sync::changes_page_from_json(body);
    REQUIRE(page.ok());
    CHECK(page->records.empty());
    auto r = s.apply_changes(*page);
    REQUIRE(r.ok());
    CHECK(r->applied == 0);
    CHECK(s.cursor() == 3);
    auto bad = magtreg::core::sync::changes_page_from_json(json::object());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == magtreg::core::ErrorCode::InvalidInput);
  }
}

// [SECTION] purge
TEST_CASE("client store: purge removes what the server holds locked and never what is unsynced") {
  TempDir dir;
  auto s = open_store(dir);
  const std::string inst = tid("institution-a");
  auto c = citizen_at("a", inst);
  auto closed_case = single_case("closed", c.id, true);
  auto open_case = single_case("open", c.id, false);
  auto done = locked(draft("done", c.id, closed_case.id));
  auto done2 = locked(draft("done2", c.id, open_case.id));
  auto mine = draft("mine", c.id, open_case.id);
  model::FormEvent done_locked;  // the server's history of a form goes with it
  done_locked.id = tid("event-done");
  done_locked.form_instance_id = done.id;
  done_locked.from_state = "udfyldt";
  done_locked.to_state = "laast";
  done_locked.by = tid("leader");
  done_locked.at = "2024-05-20T10:00:00Z";
  REQUIRE(s.apply_changes(magtreg::test::page_of(json::array({change("citizen", c, 1, 1), change("case", closed_case, 2, 2),
                                       change("case", open_case, 1, 3), change("form", done, 3, 4),
                                       change("form", done2, 3, 5), change("form_event", done_locked, 1, 6)}), 6))
              .ok());
  REQUIRE(count(s, "SELECT count(*) FROM form_events WHERE form_instance_id = '" + done.id + "'") == 1);
  REQUIRE(save(s, mine).ok());  // a draft with a pending entry

  SUBCASE("locked and acknowledged forms go; a closed case left empty goes; drafts and open cases stay") {
    auto r = s.purge({inst});
    REQUIRE_MESSAGE(r.ok(), magtreg::test::describe(r));
    CHECK(r->forms == 2);
    CHECK(r->cases == 1);
    CHECK(r->citizens == 0);
    CHECK_FALSE(s.form(done.id)->has_value());
    CHECK_FALSE(s.form(done2.id)->has_value());
    CHECK(s.form(mine.id)->has_value());
    CHECK(s.citizen(c.id)->has_value());
    CHECK(count(s, "SELECT count(*) FROM cases WHERE id = '" + closed_case.id + "'") == 0);
    CHECK(count(s, "SELECT count(*) FROM cases WHERE id = '" + open_case.id + "'") == 1);
    CHECK(count(s, "SELECT count(*) FROM sync_state WHERE key = 'server_revision/form/" + done.id + "'") == 0);
    CHECK(count(s, "SELECT count(*) FROM form_events WHERE form_instance_id = '" + done.id + "'") == 0);
    CHECK(count(s, "SELECT count(*) FROM sync_state WHERE key = 'server_revision/form_event/" + done_locked.id + "'") == 0);
    CHECK(s.outbox_counts().pending == 1);
    // A second purge finds nothing more.
    auto again = s.purge({inst});
    REQUIRE(again.ok());
    CHECK_FALSE(again->any());
  }
  SUBCASE("a locked form with a pending local edit stays (it is not what the server holds)") {
    auto edited = done;
    edited.content["place"] = "rettet her";
    REQUIRE(s.store_unchecked(edited).ok());  // the edit of a form the leader locked meanwhile
    auto r = s.purge({inst});
    REQUIRE(r.ok());
    CHECK(s.form(done.id)->has_value());
    CHECK(r->forms == 1);  // done2 only
    CHECK(count(s, "SELECT count(*) FROM cases WHERE id = '" + closed_case.id + "'") == 1);  // still holds a form
  }
  SUBCASE("a locked form with a refused entry or a conflict stays") {
    auto edited = done2;
    edited.content["place"] = "rettet her";
    REQUIRE(s.store_unchecked(edited).ok());  // the edit of a form the leader locked meanwhile
    std::optional<OutboxEntry> e;
    for (auto& x : entries_of(s, done2.id)) e = x;
    REQUIRE(e.has_value());
    REQUIRE(s.mark_rejected(*e, magtreg::test::refusal("Afvist.", std::optional(done2))).ok());
    // The local copy of done: the server sends it again while nothing is pending: no conflict; make one.
    REQUIRE(s.set("conflict/form/" + done.id, json{{"kind", "form"}, {"id", done.id}}.dump()).ok());
    auto r = s.purge({inst});
    REQUIRE(r.ok());
    CHECK(r->forms == 0);
    CHECK(s.form(done.id)->has_value());
    CHECK(s.form(done2.id)->has_value());
  }
  SUBCASE("a locked form a remaining draft is attached to stays (Bilag 1 under its Skema 1 a)") {
    auto bilag = draft("bilag", c.id, open_case.id);
    bilag.form_id = "2020-bilag1";
    bilag.content = json::object();  // Bilag 1 has no "place": the tablet's checks refuse unknown fields
    bilag.parent_id = done2.id;
    auto saved_bilag = save(s, bilag);
    REQUIRE_MESSAGE(saved_bilag.ok(), magtreg::test::describe(saved_bilag));
    auto r = s.purge({inst});
    REQUIRE(r.ok());
    CHECK(r->forms == 1);
    CHECK_FALSE(s.form(done.id)->has_value());
    CHECK(s.form(done2.id)->has_value());
  }
  SUBCASE("an acknowledged upload that the leader locked later is purged with its outbox entries") {
    auto e = s.next_pending();
    REQUIRE(s.mark_attempt(e->seq).ok());
    REQUIRE(s.mark_acked(*e, magtreg::test::accepted_at(6, json::array({{{"code", "X"}}}))).ok());
    auto now_locked = locked(mine);
    REQUIRE(s.apply_changes(magtreg::test::page_of(json::array({change("form", now_locked, 2, 7)}), 7)).ok());
    auto r = s.purge({inst});
    REQUIRE(r.ok());
    CHECK(r->forms == 3);
    CHECK(r->outbox_entries == 1);
    CHECK_FALSE(s.form(mine.id)->has_value());
    CHECK(s.outbox_counts().acked == 0);
    CHECK_FALSE(s.server_findings("form", mine.id).has_value());
  }
  SUBCASE("a citizen moved out of the user's institutions goes with all records when nothing is unsynced") {
    // Unsynced: the pending draft keeps the citizen.
    auto r = s.purge({tid("institution-b")});
    REQUIRE(r.ok());
    CHECK(r->citizens == 0);
    CHECK(r->kept_unsynced_citizens == 1);
    CHECK(s.citizen(c.id)->has_value());
    CHECK(s.form(mine.id)->has_value());
    // Once the draft is sent and locked by the leader, nothing holds the citizen any more.
    auto e = s.next_pending();
    REQUIRE(s.mark_acked(*e, magtreg::test::accepted_at(6)).ok());
    REQUIRE(s.apply_changes(magtreg::test::page_of(json::array({change("form", locked(mine), 2, 7)}), 7)).ok());
    r = s.purge({tid("institution-b")});
    REQUIRE(r.ok());
    CHECK(r->citizens == 1);
    CHECK_FALSE(s.citizen(c.id)->has_value());
    CHECK(count(s, "SELECT count(*) FROM cases") == 0);
    CHECK(count(s, "SELECT count(*) FROM form_instances") == 0);
    CHECK(count(s, "SELECT count(*) FROM outbox") == 0);
    CHECK(count(s, "SELECT count(*) FROM sync_state WHERE key LIKE 'server_revision/%'") == 0);
  }
  SUBCASE("a moved citizen with a synced draft stays: drafts are never purged") {
    auto e = s.next_pending();
    REQUIRE(s.mark_acked(*e, magtreg::test::accepted_at(6)).ok());
    auto r = s.purge({tid("institution-b")});
    REQUIRE(r.ok());
    CHECK(r->citizens == 0);
    CHECK(s.form(mine.id)->has_value());
  }
  SUBCASE("a citizen the server no longer lists as visible goes, with notes and complaints too") {
    // Moved to another institution: the tablet's copy still says institution A, which the user has.
    auto e = s.next_pending();
    REQUIRE(s.mark_acked(*e, magtreg::test::accepted_at(6)).ok());
    model::Note n;
    n.id = tid("note-a");
    n.citizen_id = c.id;
    n.case_id = open_case.id;
    n.kind = "paaroerende_orientering";
    n.text = "Orienteret.";
    n.tags = {"magtanvendelse"};
    n.author = tid("leader");
    n.at = "2024-05-20T10:00:00Z";
    REQUIRE(s.apply_changes(magtreg::test::page_of(json::array({change("form", locked(mine), 2, 7), change("note", n, 1, 8)}), 8)).ok());
    REQUIRE(count(s, "SELECT count(*) FROM notes") == 1);
    auto still = s.purge({inst}, std::vector<std::string>{c.id});
    REQUIRE(still.ok());
    CHECK(still->citizens == 0);
    auto r = s.purge({inst}, std::vector<std::string>{tid("someone-else")});
    REQUIRE_MESSAGE(r.ok(), magtreg::test::describe(r));
    CHECK(r->citizens == 1);
    CHECK_FALSE(s.citizen(c.id)->has_value());
    CHECK(count(s, "SELECT count(*) FROM notes") == 0);
    CHECK(count(s, "SELECT count(*) FROM cases") == 0);
  }
    SUBCASE("an empty list of institutions is 'unknown', not 'none': no citizen is purged") {
    auto e = s.next_pending();
    REQUIRE(s.mark_acked(*e, magtreg::test::accepted_at(6)).ok());
    REQUIRE(s.apply_changes(magtreg::test::page_of(json::array({change("form", locked(mine), 2, 7)}), 7)).ok());
    auto r = s.purge({});
    REQUIRE(r.ok());
    CHECK(r->citizens == 0);
    CHECK(s.citizen(c.id)->has_value());
  }
}

TEST_CASE("client store: purge shrinks the database file") {
  TempDir dir;
  const std::string path = dir.file("records.db");
  const std::string inst = tid("institution-a");
  auto s = open_store(dir);
  auto c = citizen_at("a", inst);
  auto k = single_case("k", c.id, false);
  json page = json::array({change("citizen", c, 1, 1), change("case", k, 1, 2)});
  const std::string filler(4000, 'x');
  for (int i = 0; i < 200; ++i) {
    auto f = locked(draft("big" + std::to_string(i), c.id, k.id));
    f.content["situation_before"] = filler + std::to_string(i);
    page.push_back(change("form", f, 3, 10 + i));
  }
  REQUIRE(s.apply_changes(magtreg::test::page_of(page, 300)).ok());
  const auto before = std::filesystem::file_size(path);
  auto r = s.purge({inst});
  REQUIRE(r.ok());
  CHECK(r->forms == 200);
  const auto after = std::filesystem::file_size(path);
  CHECK(after * 3 < before);
  MESSAGE("database file " << before << " bytes before the purge, " << after << " after");
}

TEST_CASE("client store: small pages keep an empty database small, also when reopened") {
  TempDir dir;
  const std::string path = dir.file("records.db");
  {
    auto s = open_store(dir);
    CHECK(count(s, "PRAGMA page_size") == ClientStore::k_page_size);
  }
  auto s = open_store(dir);
  CHECK(count(s, "PRAGMA page_size") == ClientStore::k_page_size);
  const auto bytes = std::filesystem::file_size(path);
  // About one page per table and index (130 in schema 12): small with 1 KB pages, over 500 KB with SQLite's 4 KB.
  CHECK(bytes < 160 * 1024);
  MESSAGE("empty client database: " << bytes << " bytes");
}
