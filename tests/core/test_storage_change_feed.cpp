// The download feed on a real SQLite file: every kind after a cursor, oldest change first, paged with
// limit / next_after / has_more, and filtered to the institutions a user may see, per record kind.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/storage/change_feed.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/record_repository.hpp"
#include "test_storage_support.hpp"

using namespace magtreg;
using namespace magtreg::core;
using namespace magtreg::core::storage;

namespace {

struct Written {
  std::string kind;
  std::string id;
  long long seq = 0;
};

template <class T>
Written write(Database& db, const T& record) {
  RecordRepository<T> repo(db, Side::Server);
  auto meta = repo.insert(record);
  REQUIRE_MESSAGE(meta.ok(), test::describe(meta));
  REQUIRE(meta->server_seq.has_value());
  return Written{std::string(RecordRepository<T>::kind()), record.id, *meta->server_seq};
}

// One record of every kind for a citizen living at `institution`.
std::vector<Written> write_all_kinds(Database& db, const test::Ids& ids) {
  return {write(db, test::sample_citizen(ids)),     write(db, test::sample_base_course(ids)),
          write(db, test::sample_case(ids)),        write(db, test::sample_form(ids)),
          write(db, test::sample_form_event(ids)),  write(db, test::sample_decision(ids)),
          write(db, test::sample_complaint(ids)),   write(db, test::sample_note(ids)),
          write(db, test::sample_action_plan(ids)), write(db, test::sample_report_batch(ids))};
}

std::vector<std::string> kinds_of(const ChangePage& page) {
  std::vector<std::string> out;
  for (const auto& c : page.records) out.push_back(c.kind);
  return out;
}

const std::vector<std::string> k_all_kinds{"citizen", "base_course", "case",    "form",        "form_event",
                                           "decision", "complaint",  "note",    "action_plan", "report_batch"};

}  // namespace

TEST_CASE("the feed lists every kind after the cursor in server_seq order, with the stored record") {
  test::TempDir dir;
  auto db = open_database(dir.file("feed.db"));
  REQUIRE(db.ok());
  const auto written = write_all_kinds(*db, test::Ids{});

  auto page = changes_after(*db, 0, std::nullopt, 100);
  REQUIRE(page.ok());
  CHECK_FALSE(page->has_more);
  CHECK(kinds_of(*page) == k_all_kinds);
  REQUIRE(page->records.size() == written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    CAPTURE(written[i].kind);
    const Change& c = page->records[i];
    CHECK(c.id == written[i].id);
    CHECK(c.server_seq == written[i].seq);
    CHECK(c.revision == 1);
    CHECK(c.content_hash == sha256_hex(c.data.dump()));
    CHECK(c.data["id"] == c.id);
    CHECK(c.data["deleted"] == false);
  }
  CHECK(page->records[3].data == model::to_json(test::sample_form()));
  CHECK(page->next_after == written.back().seq);

  auto after = changes_after(*db, page->next_after, std::nullopt, 100);
  REQUIRE(after.ok());
  CHECK(after->records.empty());
  CHECK_FALSE(after->has_more);
  CHECK(after->next_after == page->next_after);  // nothing new: the cursor stays

  auto mid = changes_after(*db, written[4].seq, std::nullopt, 100);
  REQUIRE(mid.ok());
  CHECK(mid->records.size() == 5);
  CHECK(mid->records.front().kind == "decision");
}

TEST_CASE("paging: limit, next_after and has_more walk the feed exactly once") {
  test::TempDir dir;
  auto db = open_database(dir.file("paging.db"));
  REQUIRE(db.ok());
  std::vector<Written> written;
  for (int i = 0; i < 3; ++i) {
    auto w = write_all_kinds(*db, test::ids_for(std::to_string(i), test::tid("inst"), test::tid("c" + std::to_string(i))));
    written.insert(written.end(), w.begin(), w.end());
  }
  REQUIRE(written.size() == 30);

  for (int limit : {1, 7, 10, 29, 30, 31, 1000}) {
    CAPTURE(limit);
    long long cursor = 0;
    std::vector<std::string> seen;
    int pages = 0;
    for (;;) {
      auto page = changes_after(*db, cursor, std::nullopt, limit);
      REQUIRE(page.ok());
      ++pages;
      CHECK(static_cast<int>(page->records.size()) <= limit);
      for (const auto& c : page->records) seen.push_back(c.id);
      if (!page->records.empty()) CHECK(page->next_after == page->records.back().server_seq);
      cursor = page->next_after;
      if (!page->has_more) break;
      CHECK(static_cast<int>(page->records.size()) == limit);  // has_more only on a full page
      REQUIRE(pages < 100);
    }
    REQUIRE(seen.size() == written.size());
    for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == written[i].id);
    // A page that ends exactly at the last record says there is no more.
    CHECK(pages == (30 + limit - 1) / limit);
  }
}

TEST_CASE("an updated record moves to its new server_seq and appears once") {
  test::TempDir dir;
  auto db = open_database(dir.file("update.db"));
  REQUIRE(db.ok());
  const auto written = write_all_kinds(*db, test::Ids{});
  RecordRepository<model::Citizen> citizens(*db, Side::Server);
  auto c = test::sample_citizen();
  c.name = "Nyt navn";
  auto m = citizens.update(c, 1);
  REQUIRE(m.ok());
  auto page = changes_after(*db, 0, std::nullopt, 100);
  REQUIRE(page.ok());
  REQUIRE(page->records.size() == written.size());
  CHECK(page->records.back().kind == "citizen");
  CHECK(page->records.back().revision == 2);
  CHECK(page->records.back().data["name"] == "Nyt navn");
  CHECK(page->records.front().kind == "base_course");

  // A record the client wrote and the server never numbered is not in any feed.
  RecordRepository<model::Note> local(*db, Side::Client);
  auto n = test::sample_note(test::ids_for("local", test::tid("inst"), test::tid("c")));
  REQUIRE(local.insert(n).ok());
  auto again = changes_after(*db, 0, std::nullopt, 100);
  REQUIRE(again.ok());
  CHECK(again->records.size() == written.size());
}

TEST_CASE("institution filter: each kind belongs through its own institution, its form, or its citizen") {
  test::TempDir dir;
  auto db = open_database(dir.file("filter.db"));
  REQUIRE(db.ok());
  const std::string inst_a = test::tid("inst-a"), inst_b = test::tid("inst-b"), inst_c = test::tid("inst-c");
  const auto a = write_all_kinds(*db, test::ids_for("a", inst_a, test::tid("citizen-a")));
  const auto b = write_all_kinds(*db, test::ids_for("b", inst_b, test::tid("citizen-b")));

  auto ids_in = [&](const std::optional<std::vector<std::string>>& filter) {
    auto page = changes_after(*db, 0, filter, 1000);
    REQUIRE(page.ok());
    std::set<std::string> out;
    for (const auto& c : page->records) out.insert(c.id);
    return out;
  };
  auto ids_of = [](const std::vector<Written>& w) {
    std::set<std::string> out;
    for (const auto& x : w) out.insert(x.id);
    return out;
  };

  CHECK(ids_in(std::vector<std::string>{inst_a}) == ids_of(a));
  CHECK(ids_in(std::vector<std::string>{inst_b}) == ids_of(b));
  std::set<std::string> both = ids_of(a);
  for (const auto& id : ids_of(b)) both.insert(id);
  CHECK(ids_in(std::vector<std::string>{inst_a, inst_b}) == both);
  CHECK(ids_in(std::nullopt) == both);                         // no filter: municipality-wide roles
  CHECK(ids_in(std::vector<std::string>{}).empty());           // no institutions: nothing
  CHECK(ids_in(std::vector<std::string>{inst_c}).empty());

  SUBCASE("per kind: a form of institution C for citizen A is C's, not A's; its events follow the form") {
    auto ids = test::ids_for("moved", inst_c, test::tid("citizen-a"));
    const auto form = write(*db, test::sample_form(ids));
    const auto event = write(*db, test::sample_form_event(ids));
    const auto batch = write(*db, test::sample_report_batch(ids));
    const auto note = write(*db, test::sample_note(ids));  // belongs through citizen A (institution A)
    const auto in_c = ids_in(std::vector<std::string>{inst_c});
    CHECK(in_c == std::set<std::string>{form.id, event.id, batch.id});
    const auto in_a = ids_in(std::vector<std::string>{inst_a});
    CHECK(in_a.count(note.id) == 1);
    CHECK(in_a.count(form.id) == 0);
    CHECK(in_a.count(event.id) == 0);
  }
}

TEST_CASE("feed arguments are checked") {
  test::TempDir dir;
  auto db = open_database(dir.file("args.db"));
  REQUIRE(db.ok());
  for (int limit : {0, -1, 1001}) {
    auto r = changes_after(*db, 0, std::nullopt, limit);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::InvalidInput);
    CHECK(r.error().field == "limit");
  }
  auto r = changes_after(*db, -1, std::nullopt, 10);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "after");
  CHECK(changes_after(*db, 0, std::nullopt, 1).ok());
  CHECK(changes_after(*db, 0, std::nullopt, 1000).ok());
}
