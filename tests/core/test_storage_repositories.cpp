// Every repository on a real SQLite file: round trips, insert replay vs conflict, the revision-checked
// update exactly as record_repository.hpp documents it, put of a server copy, server_seq assignment,
// acknowledgement, and each kind's list queries.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/storage/action_plan_repository.hpp"
#include "core/storage/base_course_repository.hpp"
#include "core/storage/case_repository.hpp"
#include "core/storage/citizen_repository.hpp"
#include "core/storage/complaint_repository.hpp"
#include "core/storage/decision_repository.hpp"
#include "core/storage/form_repository.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/note_repository.hpp"
#include "core/storage/report_batch_repository.hpp"
#include "test_storage_support.hpp"

using namespace magtreg;
using namespace magtreg::core;
using namespace magtreg::core::storage;
using magtreg::test::Sample;

namespace {

struct Fixture {
  test::TempDir dir;
  Database db;

  static Database open(const test::TempDir& dir) {
    auto db = open_database(dir.file("repo.db"));
    REQUIRE_MESSAGE(db.ok(), test::describe(db));
    return std::move(db).value();
  }
  Fixture() : db(open(dir)) {}
};

template <class T>
T with_meta(T record, const model::SyncMeta& meta) {
  record.sync = meta;
  return record;
}

std::vector<std::string> ids_of(const auto& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.id);
  return out;
}

}  // namespace

TEST_CASE_TEMPLATE("round trip: what insert stores, get returns field for field", T, MAGTREG_SYNCED_KINDS) {
  Fixture f;
  RecordRepository<T> repo(f.db);
  T record = Sample<T>::make();
  SUBCASE("as given") {}
  SUBCASE("a tombstone") { record.sync.deleted = true; }
  auto meta = repo.insert(record);
  REQUIRE_MESSAGE(meta.ok(), test::describe(meta));
  CHECK(meta->revision == 1);
  CHECK(meta->content_hash == model::content_hash(record));
  CHECK_FALSE(meta->server_seq.has_value());
  CHECK(meta->deleted == record.sync.deleted);

  auto got = repo.get(record.id);
  REQUIRE(got.ok());
  CHECK(*got == with_meta(record, *meta));
  CHECK(model::to_json(*got) == model::to_json(record));
  CHECK(model::content_hash(*got) == meta->content_hash);

  auto missing = repo.get(test::tid("missing"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::NotFound);
  auto none = repo.find(test::tid("missing"));
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  CHECK_FALSE(RecordRepository<T>::kind().empty());
}

TEST_CASE_TEMPLATE("insert again: the same content is a replay, other content a REVISION_CONFLICT", T,
                   MAGTREG_SYNCED_KINDS) {
  Fixture f;
  RecordRepository<T> repo(f.db);
  const T record = Sample<T>::make();
  auto first = repo.insert(record);
  REQUIRE(first.ok());

  auto replay = repo.insert(record);
  REQUIRE(replay.ok());
  CHECK(*replay == *first);

  T other = record;
  Sample<T>::change(other);
  auto conflict = repo.insert(other);
  REQUIRE_FALSE(conflict.ok());
  CHECK(conflict.error().code == ErrorCode::RevisionConflict);
  CHECK(conflict.error().field == "revision");
  CHECK(*repo.get(record.id) == with_meta(record, *first));  // nothing written

  T zero = record;
  zero.sync.revision = 0;
  auto bad = repo.insert(zero);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::InvalidInput);
  CHECK(bad.error().field == "revision");
}

TEST_CASE_TEMPLATE("update: the documented revision table", T, MAGTREG_SYNCED_KINDS) {
  Fixture f;
  RecordRepository<T> repo(f.db);
  const T original = Sample<T>::make();
  REQUIRE(repo.insert(original).ok());
  T changed = original;
  Sample<T>::change(changed);

  // stored 1, expected 1: written as revision 2.
  auto updated = repo.update(changed, 1);
  REQUIRE_MESSAGE(updated.ok(), test::describe(updated));
  CHECK(updated->revision == 2);
  CHECK(updated->content_hash == model::content_hash(changed));
  CHECK(*repo.get(original.id) == with_meta(changed, *updated));

  struct Row {
    const char* what;
    bool same_content;
    long long expected;
    bool ok;
    ErrorCode code;
  };
  const Row rows[] = {
      {"stored == expected + 1, same content: a replay", true, 1, true, ErrorCode::Internal},
      {"stored == expected + 1, other content: conflict", false, 1, false, ErrorCode::RevisionConflict},
      {"stored == expected + 2: stale", true, 0, false, ErrorCode::RevisionStale},
      {"expected ahead of stored: stale", true, 3, false, ErrorCode::RevisionStale},
      {"expected far behind: stale", false, -5, false, ErrorCode::RevisionStale},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    const T attempt = row.same_content ? changed : original;
    auto r = repo.update(attempt, row.expected);
    CHECK(r.ok() == row.ok);
    if (r.ok()) {
      CHECK(*r == *updated);
    } else {
      CHECK(r.error().code == row.code);
      CHECK(r.error().field == "revision");
    }
    // Nothing but the first update was ever written.
    CHECK(*repo.get(original.id) == with_meta(changed, *updated));
  }

  SUBCASE("no such record: NOT_FOUND") {
    T stranger = original;
    stranger.id = test::tid("stranger");
    if constexpr (std::is_same_v<T, model::BaseCourse>) stranger.citizen_id = test::tid("stranger-citizen");
    auto r = repo.update(stranger, 1);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::NotFound);
    CHECK_FALSE(repo.find(stranger.id)->has_value());
  }
  SUBCASE("the tombstone flag travels with an update") {
    T deleted = changed;
    deleted.sync.deleted = true;
    auto r = repo.update(deleted, 2);
    REQUIRE(r.ok());
    CHECK(r->revision == 3);
    CHECK(r->deleted);
    CHECK(repo.get(original.id)->sync.deleted);
  }
}

TEST_CASE_TEMPLATE("put writes a server copy as given and refuses a wrong content hash", T, MAGTREG_SYNCED_KINDS) {
  Fixture f;
  RecordRepository<T> repo(f.db);
  T copy = Sample<T>::make();
  copy.sync.revision = 4;
  copy.sync.server_seq = 120;
  copy.sync.content_hash = model::content_hash(copy);

  SUBCASE("wrong hash: INVALID_INPUT on content_hash, nothing written") {
    T wrong = copy;
    wrong.sync.content_hash = model::content_hash(Sample<T>::make(test::ids_for("z", test::tid("i"), test::tid("c"))));
    auto r = repo.put(wrong);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::InvalidInput);
    CHECK(r.error().field == "content_hash");
    CHECK_FALSE(repo.find(copy.id)->has_value());
  }
  SUBCASE("a hash of other content than the record's is refused on an existing record too") {
    REQUIRE(repo.insert(Sample<T>::make()).ok());
    T wrong = copy;
    Sample<T>::change(wrong);  // the hash is still that of the unchanged copy
    auto r = repo.put(wrong);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "content_hash");
    CHECK(repo.get(copy.id)->sync.revision == 1);
  }
  SUBCASE("right hash: stored with its revision and server_seq; a newer copy replaces it") {
    auto r = repo.put(copy);
    REQUIRE(r.ok());
    CHECK(*r == copy.sync);
    CHECK(*repo.get(copy.id) == copy);

    T newer = copy;
    Sample<T>::change(newer);
    newer.sync.revision = 5;
    newer.sync.server_seq = 130;
    newer.sync.deleted = true;
    newer.sync.content_hash.clear();  // an empty hash is computed
    auto r2 = repo.put(newer);
    REQUIRE(r2.ok());
    CHECK(r2->content_hash == model::content_hash(newer));
    newer.sync.content_hash = r2->content_hash;
    CHECK(*repo.get(copy.id) == newer);
  }
  SUBCASE("revision 0 is refused") {
    T zero = copy;
    zero.sync.revision = 0;
    CHECK(repo.put(zero).error().field == "revision");
  }
}

TEST_CASE("server side: every write takes the next server_seq, across kinds; the client keeps its own") {
  Fixture f;
  RecordRepository<model::Citizen> citizens(f.db, Side::Server);
  FormRepository forms(f.db, Side::Server);
  NoteRepository notes(f.db, Side::Server);
  auto c = test::sample_citizen();
  auto m1 = citizens.insert(c);
  auto m2 = forms.insert(test::sample_form());
  auto m3 = notes.insert(test::sample_note());
  REQUIRE(m1.ok());
  REQUIRE(m2.ok());
  REQUIRE(m3.ok());
  CHECK(m1->server_seq == 1);
  CHECK(m2->server_seq == 2);
  CHECK(m3->server_seq == 3);

  auto replay = citizens.insert(c);  // a replay takes no number
  REQUIRE(replay.ok());
  CHECK(replay->server_seq == 1);

  Sample<model::Citizen>::change(c);
  auto m4 = citizens.update(c, 1);
  REQUIRE(m4.ok());
  CHECK(m4->server_seq == 4);
  CHECK(citizens.get(c.id)->sync.server_seq == 4);
  auto again = citizens.update(c, 1);  // replayed update: the stored meta, no new number
  REQUIRE(again.ok());
  CHECK(again->server_seq == 4);

  auto other = c;
  other.name = "Konflikt";
  REQUIRE_FALSE(citizens.update(other, 1).ok());
  // A write that fails after taking its number gives it back (the transaction rolled back).
  auto broken = test::sample_form(test::ids_for("broken", c.institution_id, c.id));
  broken.state = magtreg::core::model::FormState::Filled;  // the table refuses locked_at on a form that is not laast
  auto failed = forms.insert(broken);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().code == ErrorCode::StorageError);
  auto m5 = notes.update(test::sample_note(), 1);
  REQUIRE(m5.ok());
  CHECK(m5->server_seq == 5);

  SUBCASE("the client side never assigns one; acknowledge records the server's") {
    RecordRepository<model::Case> cases(f.db, Side::Client);
    auto cm = cases.insert(test::sample_case());
    REQUIRE(cm.ok());
    CHECK_FALSE(cm->server_seq.has_value());
    auto changed = test::sample_case();
    Sample<model::Case>::change(changed);
    REQUIRE(cases.update(changed, 1).ok());
    CHECK_FALSE(cases.get(changed.id)->sync.server_seq.has_value());

    REQUIRE(cases.acknowledge(changed.id, 2, 77).ok());
    CHECK(cases.get(changed.id)->sync.server_seq == 77);
    // An older revision's answer arriving late does not move the cursor back.
    REQUIRE(cases.acknowledge(changed.id, 1, 60).ok());
    CHECK(cases.get(changed.id)->sync.server_seq == 77);
    auto ack_future = cases.acknowledge(changed.id, 3, 79);
    REQUIRE_FALSE(ack_future.ok());
    CHECK(ack_future.error().code == ErrorCode::NotFound);
    auto ack_missing = cases.acknowledge(test::tid("none"), 1, 80);
    REQUIRE_FALSE(ack_missing.ok());
    CHECK(ack_missing.error().code == ErrorCode::NotFound);
  }
}

TEST_CASE("base course: created on first need, one per citizen, the same id everywhere") {
  Fixture f;
  BaseCourseRepository courses(f.db);
  const std::string citizen = test::tid("citizen-a");
  CHECK_FALSE(courses.of_citizen(citizen)->has_value());
  auto first = courses.ensure_for_citizen(citizen);
  REQUIRE(first.ok());
  CHECK(first->id == model::base_course_id_for(citizen));
  CHECK(first->title == model::k_base_course_title);
  auto second = courses.ensure_for_citizen(citizen);
  REQUIRE(second.ok());
  CHECK(*second == *first);
  auto third = courses.ensure_for_citizen(test::tid("citizen-b"));
  REQUIRE(third.ok());
  CHECK(third->id != first->id);
  CHECK(courses.of_citizen(citizen)->value() == *first);

  // A second tablet creating the same course offline uploads an identical record: a replay.
  Fixture server;
  BaseCourseRepository on_server(server.db, Side::Server);
  REQUIRE(on_server.insert(model::new_base_course(citizen)).ok());
  auto replay = on_server.insert(model::new_base_course(citizen));
  REQUIRE(replay.ok());
  CHECK(replay->server_seq == 1);
}

TEST_CASE("citizen lists: by institution, by name part or CPR start, without tombstones") {
  Fixture f;
  CitizenRepository repo(f.db);
  const std::string a = test::tid("inst-a"), b = test::tid("inst-b");
  auto make = [&](const char* tag, const char* name, const char* cpr, const std::string& inst) {
    auto c = test::sample_citizen(test::ids_for(tag, inst, test::tid(std::string("c-") + tag)));
    c.name = name;
    c.cpr = cpr;
    REQUIRE(repo.insert(c).ok());
    return c;
  };
  const auto anna = make("1", "Anna Hansen", "010190-1234", a);
  const auto bo = make("2", "Bo 50% Ørum", "020280-5678", a);
  const auto carl = make("3", "Carl Hansen", "030370-9012", b);
  auto deleted = make("4", "Dorte Hansen", "040460-3456", a);
  deleted.sync.deleted = true;
  REQUIRE(repo.update(deleted, 1).ok());

  CHECK(ids_of(*repo.of_institutions({a})) == std::vector<std::string>{anna.id, bo.id});
  CHECK(ids_of(*repo.of_institutions({a, b})) == std::vector<std::string>{anna.id, bo.id, carl.id});
  CHECK(repo.of_institutions({})->empty());
  CHECK(ids_of(*repo.of_institutions({a, b}, "hansen")) == std::vector<std::string>{anna.id, carl.id});
  CHECK(ids_of(*repo.of_institutions({a, b}, "0202805")) == std::vector<std::string>{bo.id});
  CHECK(ids_of(*repo.of_institutions({a, b}, "020280-5")) == std::vector<std::string>{bo.id});
  CHECK(ids_of(*repo.of_institutions({a, b}, "50%")) == std::vector<std::string>{bo.id});  // % is literal
  CHECK(repo.of_institutions({a, b}, "5%")->empty());
  CHECK(ids_of(*repo.of_institutions({a, b}, "Ørum")) == std::vector<std::string>{bo.id});
  CHECK(repo.of_institutions({a, b}, "", 1)->size() == 1);
}

TEST_CASE("form lists: by case, by state, children, overdue candidates, unsynced") {
  Fixture f;
  FormRepository forms(f.db);
  const std::string inst = test::tid("inst-a"), other_inst = test::tid("inst-b");
  auto make = [&](const char* tag, const char* state, const char* started, const std::string& institution,
                  const std::string& case_id) {
    auto form = test::sample_form(test::ids_for(tag, institution, test::tid("citizen")));
    form.state = *magtreg::core::model::form_state_from_string(state);
    form.case_id = case_id;
    form.started_at = started;
    form.created_at = std::string(started).substr(0, 10) + "T12:00:00Z";
    form.parent_id.reset();
    if (std::string(state) != "laast") {
      form.locked_at.reset();
      form.locked_by.reset();
    }
    REQUIRE(forms.insert(form).ok());
    return form;
  };
  const std::string case1 = test::tid("case-1"), case2 = test::tid("case-2");
  const auto draft = make("1", "kladde", "2024-03-05T14:30", inst, case1);
  const auto filled = make("2", "udfyldt", "2024-03-01T08:00", inst, case1);
  const auto locked = make("3", "laast", "2024-02-20T10:00", inst, case2);
  const auto elsewhere = make("4", "udfyldt", "2024-03-02T09:00", other_inst, case2);
  auto addendum = test::sample_form(test::ids_for("5", inst, test::tid("citizen")));
  addendum.parent_id = locked.id;
  addendum.case_id = case2;
  addendum.created_at = "2024-03-10T12:00:00Z";
  REQUIRE(forms.insert(addendum).ok());

  CHECK(ids_of(*forms.of_case(case1)) == std::vector<std::string>{filled.id, draft.id});
  CHECK(ids_of(*forms.by_state({inst}, core::model::FormState::Filled)) == std::vector<std::string>{filled.id});
  CHECK(ids_of(*forms.by_state({inst, other_inst}, core::model::FormState::Filled)) == std::vector<std::string>{filled.id, elsewhere.id});
  CHECK(ids_of(*forms.children_of(locked.id)) == std::vector<std::string>{addendum.id});
  // Started before the cutoff and not locked; the cutoff minute itself is not before it.
  CHECK(ids_of(*forms.overdue_candidates({inst, other_inst}, "2024-03-02T09:00")) ==
        std::vector<std::string>{filled.id});
  CHECK(ids_of(*forms.overdue_candidates({inst, other_inst}, "2024-03-02T09:01")) ==
        std::vector<std::string>{filled.id, elsewhere.id});
  CHECK(forms.of_citizen(test::tid("citizen"))->size() == 5);
  CHECK(forms.unsynced()->size() == 5);
  REQUIRE(forms.acknowledge(draft.id, 1, 10).ok());
  CHECK(forms.unsynced()->size() == 4);
  REQUIRE(f.db.exec("INSERT INTO outbox(record_kind, record_id, revision, payload, created_at) VALUES ('form', '" +
                    draft.id + "', 2, '{}', '2024-03-06T10:00:00Z')")
              .ok());
  CHECK(forms.unsynced()->size() == 5);  // acknowledged once, but an edit is waiting in the outbox

  FormEventRepository events(f.db);
  auto e1 = test::sample_form_event(test::ids_for("1", inst, test::tid("citizen")));
  e1.form_instance_id = draft.id;
  e1.at = "2024-03-05T15:00:00Z";
  auto e0 = e1;
  e0.id = test::tid("event-0");
  e0.at = "2024-03-05T14:45:00Z";
  REQUIRE(events.insert(e1).ok());
  REQUIRE(events.insert(e0).ok());
  CHECK(ids_of(*events.of_form(draft.id)) == std::vector<std::string>{e0.id, e1.id});
}

TEST_CASE("decisions granted on a day: first and last valid day inclusive, by basis") {
  Fixture f;
  DecisionRepository repo(f.db);
  const test::Ids ids;
  auto granted = test::sample_decision(ids);  // 128, 2024-01-01 .. 2024-12-31
  REQUIRE(repo.insert(granted).ok());
  auto pending = test::sample_decision(test::ids_for("p", ids.institution, ids.citizen));
  pending.status = magtreg::core::model::DecisionStatus::Pending;
  pending.valid_from.reset();
  pending.valid_to.reset();
  pending.decided_by.reset();
  pending.decided_at.reset();
  REQUIRE(repo.insert(pending).ok());

  struct Row {
    const char* day;
    const char* basis;
    std::size_t count;
  };
  const Row rows[] = {{"2023-12-31", "", 0}, {"2024-01-01", "", 1},    {"2024-12-31", "", 1},
                      {"2025-01-01", "", 0}, {"2024-06-15", "128", 1}, {"2024-06-15", "125", 0}};
  for (const auto& r : rows) {
    CAPTURE(r.day);
    CAPTURE(r.basis);
    CHECK(repo.granted_on(ids.citizen, r.day, r.basis)->size() == r.count);
  }
  CHECK(ids_of(*repo.of_citizen(ids.citizen)) == std::vector<std::string>{pending.id, granted.id});
}

TEST_CASE("notes by tag, open complaints, current action plan, report batches and reported forms, open cases") {
  Fixture f;
  const test::Ids ids;
  SUBCASE("notes") {
    NoteRepository notes(f.db);
    auto tagged = test::sample_note(ids);
    auto plain = test::sample_note(test::ids_for("b", ids.institution, ids.citizen));
    plain.tags = {"intern"};
    plain.case_id.reset();
    REQUIRE(notes.insert(tagged).ok());
    REQUIRE(notes.insert(plain).ok());
    CHECK(ids_of(*notes.of_citizen(ids.citizen, "magtanvendelse")) == std::vector<std::string>{tagged.id});
    CHECK(notes.of_citizen(ids.citizen)->size() == 2);
    CHECK(ids_of(*notes.of_case(*tagged.case_id)) == std::vector<std::string>{tagged.id});
    CHECK(notes.of_case(*tagged.case_id, "intern")->empty());
  }
  SUBCASE("complaints") {
    ComplaintRepository complaints(f.db);
    auto open = test::sample_complaint(ids);
    auto closed = test::sample_complaint(test::ids_for("b", ids.institution, ids.citizen));
    closed.status = magtreg::core::model::ComplaintStatus::Closed;
    REQUIRE(complaints.insert(open).ok());
    REQUIRE(complaints.insert(closed).ok());
    CHECK(ids_of(*complaints.open_complaints()) == std::vector<std::string>{open.id});
    CHECK(complaints.of_citizen(ids.citizen)->size() == 2);
  }
  SUBCASE("action plans") {
    ActionPlanRepository plans(f.db);
    CHECK_FALSE(plans.current_of_citizen(ids.citizen)->has_value());
    auto older = test::sample_action_plan(ids);
    auto newer = test::sample_action_plan(test::ids_for("b", ids.institution, ids.citizen));
    newer.updated_at = "2024-05-01T00:00:00Z";
    REQUIRE(plans.insert(older).ok());
    REQUIRE(plans.insert(newer).ok());
    CHECK(plans.current_of_citizen(ids.citizen)->value().id == newer.id);
    CHECK(ids_of(*plans.of_citizen(ids.citizen)) == std::vector<std::string>{newer.id, older.id});
  }
  SUBCASE("report batches") {
    ReportBatchRepository batches(f.db);
    auto march = test::sample_report_batch(ids);
    auto april = test::sample_report_batch(test::ids_for("b", ids.institution, ids.citizen));
    april.month = "2024-04";
    april.form_ids = {test::tid("april-form")};
    REQUIRE(batches.insert(march).ok());
    REQUIRE(batches.insert(april).ok());
    CHECK(ids_of(*batches.of_institution(ids.institution)) == std::vector<std::string>{april.id, march.id});
    CHECK(ids_of(*batches.of_institution(ids.institution, "2024-03")) == std::vector<std::string>{march.id});
    CHECK(*batches.form_reported(march.form_ids[0]));
    CHECK(*batches.form_reported(test::tid("april-form")));
    CHECK_FALSE(*batches.form_reported(test::tid("never-reported")));
  }
  SUBCASE("cases") {
    CaseRepository cases(f.db);
    auto closed = test::sample_case(ids);
    auto open = test::sample_case(test::ids_for("b", ids.institution, ids.citizen));
    open.closed_at.reset();
    open.opened_at = "2024-04-01T00:00:00Z";
    REQUIRE(cases.insert(closed).ok());
    REQUIRE(cases.insert(open).ok());
    CHECK(ids_of(*cases.of_citizen(ids.citizen)) == std::vector<std::string>{open.id, closed.id});
    CHECK(ids_of(*cases.open_of_citizen(ids.citizen)) == std::vector<std::string>{open.id});
  }
}
