// API error bodies and typed request reading name the offending field.
#include <doctest/doctest.h>
#include <httplib.h>

#include "sync/http_json.hpp"

using namespace magtreg;
using core::ErrorCode;
using nlohmann::json;

TEST_CASE("errors map to their HTTP status and a stable JSON body") {
  struct Row {
    ErrorCode code;
    int status;
  };
  const Row rows[] = {{ErrorCode::InvalidInput, 400},      {ErrorCode::UnknownField, 400},
                      {ErrorCode::Unauthenticated, 401},   {ErrorCode::SessionExpired, 401},
                      {ErrorCode::Forbidden, 403},         {ErrorCode::RoleNotAllowed, 403},
                      {ErrorCode::NotFound, 404},          {ErrorCode::RevisionConflict, 409},
                      {ErrorCode::RevisionStale, 409},     {ErrorCode::FormLocked, 409},
                      {ErrorCode::TransitionNotAllowed, 409}, {ErrorCode::PayloadTooLarge, 413},
                      {ErrorCode::FormInvalid, 422},       {ErrorCode::RateLimited, 429},
                      {ErrorCode::StorageError, 500}};
  for (const auto& r : rows) {
    CAPTURE(core::to_string(r.code));
    CHECK(sync::http_status(r.code) == r.status);
  }
  httplib::Response res;
  sync::send_error(res, core::Error::make(ErrorCode::UnknownField, "Ukendt felt: data.farve", "data.farve"));
  CHECK(res.status == 400);
  auto body = json::parse(res.body);
  CHECK(body["error"]["code"] == "UNKNOWN_FIELD");
  CHECK(body["error"]["field"] == "data.farve");
  CHECK(body["error"]["message"] == "Ukendt felt: data.farve");
}

TEST_CASE("request bodies must be JSON objects") {
  CHECK_FALSE(sync::parse_object("{\"a\":").ok());
  CHECK(sync::parse_object("{\"a\":").error().code == ErrorCode::InvalidInput);
  CHECK_FALSE(sync::parse_object("[1,2]").ok());
  CHECK_FALSE(sync::parse_object("").ok());
  CHECK(sync::parse_object("{\"a\": 1}").ok());
}

TEST_CASE("object reader names the bad field") {
  json j = {{"revision", "3"}, {"data", {{"state", 7}}}, {"ok", true}, {"extra", 1}};
  sync::ObjectReader r(j);
  auto rev = r.integer("revision");
  REQUIRE_FALSE(rev.ok());
  CHECK(rev.error().field == "revision");
  auto missing = r.string("content_hash");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().field == "content_hash");
  CHECK(missing.error().message.find("mangler") != std::string::npos);
  auto only = r.only({"revision", "data", "ok"});
  REQUIRE_FALSE(only.ok());
  CHECK(only.error().code == ErrorCode::UnknownField);
  CHECK(only.error().field == "extra");
  auto data = r.object("data");
  REQUIRE(data.ok());
  sync::ObjectReader inner(**data, "data");
  auto state = inner.string("state");
  REQUIRE_FALSE(state.ok());
  CHECK(state.error().field == "data.state");
  CHECK(r.boolean("ok").ok());
  CHECK(r.optional_string("absent", "x").value() == "x");
}
