// The tablet's record database keeps the records of the work after registration it downloads
// (complaints, notes, action plans, report batches) and starts the download over once when it comes
// from a version that ignored them.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "core/client/client_store.hpp"
#include "core/model/sync_meta.hpp"
#include "core/util/uuid.hpp"
#include "test_storage_support.hpp"

namespace model = magtreg::core::model;
using magtreg::core::client::ClientStore;
using nlohmann::json;

namespace {
std::string temp_db() {
  return (std::filesystem::temp_directory_path() / ("magtreg_test_client_" + magtreg::core::new_uuid() + ".db")).string();
}

template <class T>
json change(const std::string& kind, const T& record, long long seq) {
  return {{"kind", kind}, {"id", record.id}, {"revision", 1}, {"content_hash", model::content_hash(record)},
          {"server_seq", seq}, {"data", model::to_json(record)}};
}
}  // namespace

TEST_CASE("client store keeps downloaded complaints, notes and action plans of a citizen") {
  const std::string path = temp_db();
  {
    auto store = ClientStore::open(path);
    REQUIRE(store.ok());
    const std::string citizen = magtreg::core::new_uuid();
    model::Complaint c;
    c.id = magtreg::core::new_uuid();
    c.citizen_id = citizen;
    c.form_instance_id = magtreg::core::new_uuid();
    c.received_at = "2026-11-20T09:00:00Z";
    c.complainant = "borger";
    model::Note n;
    n.id = magtreg::core::new_uuid();
    n.citizen_id = citizen;
    n.text = "Skrivelse vedr. klageadgang udleveret.";
    n.tags = {"magtanvendelse"};
    n.kind = "klageadgang_udleveret";
    n.author = magtreg::core::new_uuid();
    n.at = "2026-11-20T10:00:00Z";
    model::ActionPlan p;
    p.id = magtreg::core::new_uuid();
    p.citizen_id = citizen;
    p.purpose = "Formål";
    p.effort = "Indsats";
    p.expected_duration = "6 måneder";
    p.other_matters = "Bolig";
    p.author = n.author;
    p.updated_at = "2026-11-20T11:00:00Z";
    json page = json::array({change("complaint", c, 3), change("note", n, 4), change("action_plan", p, 5)});
    auto applied = store->apply_changes(magtreg::test::page_of(page, 5));
    REQUIRE(applied.ok());
    CHECK(applied->applied == 3);
    auto complaints = store->complaints_of(citizen);
    REQUIRE(complaints.ok());
    REQUIRE(complaints->size() == 1);
    CHECK(complaints->front().received_at == c.received_at);
    CHECK(store->notes_of(citizen)->size() == 1);
    CHECK(store->action_plans_of(citizen)->front().expected_duration == "6 måneder");
    CHECK(store->cursor() == 5);

    SUBCASE("a database from before these kinds were kept downloads everything again, once") {
      REQUIRE(store->set("download_kinds", "1").ok());
      CHECK(store->cursor() == 0);
      REQUIRE(store->apply_changes(magtreg::test::page_of(page, 5)).ok());  // the same records again: nothing duplicated
      CHECK(store->cursor() == 5);
      CHECK(store->complaints_of(citizen)->size() == 1);
    }
  }
  std::filesystem::remove(path);
}
