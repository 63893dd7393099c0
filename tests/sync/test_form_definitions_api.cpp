// GET /api/v1/form-definitions (issue 17): the server's stored catalogue for tablets, only to a logged-in
// user, whole when the tablet's tag differs and as "unchanged" when it is the same.
#include <doctest/doctest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/catalogue/definition_store.hpp"
#include "core/sync/messages.hpp"
#include "core/util/sha256.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using nlohmann::json;

TEST_CASE("the form catalogue reaches a logged-in tablet whole, then by tag; never without a session") {
  tests::ApiServer server;
  auto c = server.client();
  auto anonymous = c.Get("/api/v1/form-definitions");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);

  const std::string token = server.login("staff_a");
  REQUIRE_FALSE(token.empty());
  auto all = c.Get("/api/v1/form-definitions", tests::bearer(token));
  REQUIRE(all);
  REQUIRE(all->status == 200);
  auto answer = core::sync::form_definitions_from_json(json::parse(all->body));
  REQUIRE(answer.ok());
  CHECK_FALSE(answer->unchanged);
  CHECK(answer->bodies.size() == core::forms::Catalogue::builtin().forms().size());
  auto db = server.open_db();
  CHECK(tests::scalar(db, "SELECT count(*) FROM form_definitions") == static_cast<long long>(answer->bodies.size()));
  // Each body is the stored canonical text: its hash is the stored hash.
  for (const auto& body : answer->bodies) {
    const json j = json::parse(body);
    CHECK(tests::scalar(db, "SELECT count(*) FROM form_definitions WHERE form_id = '" + j["id"].get<std::string>() +
                                "' AND content_hash = '" + core::sha256_hex(body) + "'") == 1);
  }

  auto same = c.Get(("/api/v1/form-definitions?have=" + answer->tag).c_str(), tests::bearer(token));
  REQUIRE(same);
  REQUIRE(same->status == 200);
  auto unchanged = core::sync::form_definitions_from_json(json::parse(same->body));
  REQUIRE(unchanged.ok());
  CHECK(unchanged->unchanged);
  CHECK(unchanged->bodies.empty());
  auto other = c.Get(("/api/v1/form-definitions?have=" + std::string(64, '0')).c_str(), tests::bearer(token));
  REQUIRE(other);
  CHECK(json::parse(other->body)["definitions"].size() == answer->bodies.size());
}
