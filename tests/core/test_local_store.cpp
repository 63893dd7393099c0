// The tablet's local settings store persists values and counters in a real SQLite file.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "core/client/local_store.hpp"

using magtreg::core::client::LocalStore;

namespace {
std::string temp_db(const char* name) {
  std::string path = std::string("magtreg_test_") + name + ".db";
  std::remove(path.c_str());
  return path;
}
}  // namespace

TEST_CASE("local store keeps settings across reopen") {
  auto path = temp_db("local_store");
  {
    auto store = LocalStore::open(path);
    REQUIRE(store.ok());
    CHECK_FALSE(store->setting("device_name").has_value());
    REQUIRE(store->set_setting("device_name", "Stue 3 – Æblehaven").ok());
    REQUIRE(store->set_setting("device_name", "Stue 4 – Åbo").ok());
    auto n1 = store->increment("starts");
    REQUIRE(n1.ok());
    CHECK(*n1 == 1);
  }
  auto again = LocalStore::open(path);
  REQUIRE(again.ok());
  CHECK(again->setting("device_name").value_or("") == "Stue 4 – Åbo");
  auto n2 = again->increment("starts");
  REQUIRE(n2.ok());
  CHECK(*n2 == 2);
  std::remove(path.c_str());
}

TEST_CASE("local store reports a clear error for an unusable path") {
  auto store = LocalStore::open("/nonexistent-dir/x/y.db");
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().code == magtreg::core::ErrorCode::StorageError);
}

TEST_CASE("local store lists the tablet's store owners, the most recently unlocked first, one entry per user") {
  using magtreg::core::client::StoreOwner;
  using magtreg::core::client::store_file_for;
  auto path = temp_db("store_owners");
  {
    auto store = LocalStore::open(path);
    REQUIRE(store.ok());
    CHECK(store->store_owners().empty());
    REQUIRE(store->put_store_owner({"mette", "Mette Hansen", "{\"v\":1}", store_file_for("mette")}).ok());
    REQUIRE(store->put_store_owner({"ole", "Ole Jensen", "{\"v\":1,\"x\":2}", store_file_for("ole")}).ok());
    // Mette unlocks again (her name typed in capitals): one entry, first, with the new envelope.
    REQUIRE(store->put_store_owner({"Mette", "Mette Hansen", "{\"v\":1,\"y\":3}", store_file_for("Mette")}).ok());
  }
  auto again = LocalStore::open(path);
  REQUIRE(again.ok());
  auto owners = again->store_owners();
  REQUIRE(owners.size() == 2);
  CHECK(owners[0].username == "Mette");
  CHECK(owners[0].envelope == "{\"v\":1,\"y\":3}");
  CHECK(owners[0].file == "magtreg-store-6d65747465.db");  // the same file for "Mette" and "mette"
  CHECK(owners[1].username == "ole");
  CHECK(again->store_owner("METTE").has_value());
  CHECK_FALSE(again->store_owner("mett").has_value());
  REQUIRE(again->remove_store_owner("mette").ok());
  REQUIRE(again->store_owners().size() == 1);
  CHECK(again->store_owners()[0].username == "ole");
  // An entry whose file is a path (a changed device database) is not believed.
  REQUIRE(again->set_setting("store_owners",
                             R"([{"username":"x","display_name":"X","envelope":"e","file":"../x.db"}])").ok());
  CHECK(again->store_owners().empty());
  std::remove(path.c_str());
}

TEST_CASE("offline unlock is refused after ten wrong passwords, after the server's hours without contact, and once the server revoked the user") {
  using magtreg::core::client::offline_unlock_refusal;
  using magtreg::core::client::StoreOwner;
  auto path = temp_db("offline_unlock");
  StoreOwner o{"mette", "Mette Hansen", "{\"v\":1}", "magtreg-store-6d65747465.db"};
  o.last_contact_at = "2026-12-01T08:00:00Z";
  o.offline_hours = 72;
  CHECK_FALSE(offline_unlock_refusal(o, "2026-12-04T07:59:59Z").has_value());
  // 72 hours and a second after the last contact.
  auto late = offline_unlock_refusal(o, "2026-12-04T08:00:01Z");
  REQUIRE(late.has_value());
  CHECK(late->find("72 timer") != std::string::npos);
  o.offline_hours = 96;  // the server's policy, sent at login
  CHECK_FALSE(offline_unlock_refusal(o, "2026-12-04T08:00:01Z").has_value());
  o.failed_unlocks = 9;
  CHECK_FALSE(offline_unlock_refusal(o, "2026-12-02T08:00:00Z").has_value());
  o.failed_unlocks = 10;
  auto tries = offline_unlock_refusal(o, "2026-12-02T08:00:00Z");
  REQUIRE(tries.has_value());
  CHECK(tries->find("forbindelse til serveren") != std::string::npos);
  o.failed_unlocks = 0;
  o.online_only = "Din adgang er ændret på serveren.";
  CHECK(offline_unlock_refusal(o, "2026-12-02T08:00:00Z") == o.online_only);
  // Kept with the owner across a reopen.
  {
    auto store = LocalStore::open(path);
    REQUIRE(store.ok());
    o.failed_unlocks = 4;
    REQUIRE(store->put_store_owner(o).ok());
  }
  auto again = LocalStore::open(path);
  REQUIRE(again.ok());
  auto kept = again->store_owner("mette");
  REQUIRE(kept.has_value());
  CHECK(kept->failed_unlocks == 4);
  CHECK(kept->last_contact_at == "2026-12-01T08:00:00Z");
  CHECK(kept->offline_hours == 96);
  CHECK(kept->online_only == o.online_only);
  std::remove(path.c_str());
}
