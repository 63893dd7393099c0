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
