// The one bounded JSON parser (core/util/json_text): depth measured past strings and escapes, deep
// input refused before nlohmann/json builds it, the errors' identities.
#include <doctest/doctest.h>

#include <string>

#include "core/util/json_text.hpp"

using namespace magtreg::core;

TEST_CASE("json_nesting_depth counts arrays and objects, not brackets inside strings") {
  struct Row {
    const char* text;
    int depth;
  };
  const Row rows[] = {
      {"1", 0},
      {"[]", 1},
      {"{\"a\":[1,{\"b\":[]}]}", 4},
      {"\"[[[[\"", 0},
      {"[\"\\\"[[[\"]", 1},           // an escaped quote does not end the string
      {"[\"\\\\\",[[]]]", 3},         // an escaped backslash does
      {"]]][[", 2},                   // malformed: measured as far as it goes
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    CHECK(json_nesting_depth(r.text) == r.depth);
  }
}

TEST_CASE("parse_json refuses nesting deeper than the limit, at the boundary exactly") {
  const auto nested = [](int n) { return std::string(static_cast<std::size_t>(n), '[') + std::string(static_cast<std::size_t>(n), ']'); };
  CHECK(parse_json(nested(k_max_json_depth)).ok());
  auto deep = parse_json(nested(k_max_json_depth + 1), "data.content");
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.error().code == ErrorCode::InvalidInput);
  CHECK(deep.error().field == "data.content");
  CHECK(deep.error().message.find("dybt") != std::string::npos);
  // 300,000 levels (600 KB) once crashed the server; now it is a plain refusal, fast.
  CHECK_FALSE(parse_json(nested(300000)).ok());
  CHECK(parse_json_or_discarded(nested(300000)).is_discarded());
}

TEST_CASE("parse_json and parse_json_object name malformed text and the wrong type") {
  auto bad = parse_json("{\"a\":", "body");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::InvalidInput);
  CHECK(bad.error().field == "body");
  CHECK_FALSE(parse_json_object("[1,2]").ok());
  auto ok = parse_json_object("{\"æ\":\"ø\"}");
  REQUIRE(ok.ok());
  CHECK((*ok)["æ"] == "ø");
  CHECK(parse_json_or_discarded("nope").is_discarded());
}

TEST_CASE("parse_json refuses a NUL byte and a key named twice in one object, at any depth") {
  using namespace std::string_literals;
  auto nul = parse_json("{\"a\":1}\0{\"b\":2}"s, "body");
  REQUIRE_FALSE(nul.ok());  // before: read as {"a":1}, the rest ignored
  CHECK(nul.error().field == "body");
  CHECK(nul.error().message.find("NUL") != std::string::npos);
  CHECK_FALSE(parse_json("{\"a\":\"x\0y\"}"s).ok());
  CHECK(parse_json(R"({"a":"x\u0000y"})").ok());  // an escaped NUL inside a string is text
  auto twice = parse_json(R"({"role":"staff","role":"admin"})");
  REQUIRE_FALSE(twice.ok());  // before: "admin", the last
  CHECK(twice.error().message.find("»role«") != std::string::npos);
  CHECK_FALSE(parse_json(R"({"data":{"content":{"x":1,"y":2,"x":3}}})").ok());
  // The same key in different objects, or side by side in an array, is fine.
  CHECK(parse_json(R"({"a":{"id":1},"b":{"id":2},"list":[{"id":1},{"id":2}],"id":0})").ok());
  CHECK(parse_json_or_discarded(R"({"a":1,"a":1})").is_discarded());
}
