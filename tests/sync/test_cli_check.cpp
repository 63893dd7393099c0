// `magtreg check` through the real binary: every example in tests/core/data/check (input and the
// expected exit code and output), stdin, and the usage and unreadable-file errors.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/sync/server_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using Run = magtreg::tests::CommandRun;

Run run_magtreg(const std::string& args, const std::string& stdin_file = {}) {
  std::string cmd = std::string(MAGTREG_BINARY) + " " + args + " 2>/dev/null";
  if (!stdin_file.empty()) cmd += " < '" + stdin_file + "'";
  return magtreg::tests::run_command(cmd);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// `expected` is contained in `actual`: objects by key (extra keys in actual allowed, e.g. the
// Danish messages), arrays element by element with the same length, scalars equal.
bool contains(const json& actual, const json& expected, std::string& where) {
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (!actual.contains(it.key())) {
        where = it.key() + " missing";
        return false;
      }
      if (!contains(actual[it.key()], it.value(), where)) {
        where = it.key() + "." + where;
        return false;
      }
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      where = "array length";
      return false;
    }
    for (std::size_t i = 0; i < expected.size(); ++i)
      if (!contains(actual[i], expected[i], where)) {
        where = "[" + std::to_string(i) + "]." + where;
        return false;
      }
    return true;
  }
  if (actual != expected) where = "value " + actual.dump() + " != " + expected.dump();
  return actual == expected;
}

const fs::path k_examples = fs::path(MAGTREG_SOURCE_DIR) / "tests/core/data/check";

}  // namespace

TEST_CASE("magtreg check: every example file gives its expected exit code and output") {
  int examples = 0;
  for (const auto& entry : fs::directory_iterator(k_examples)) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".input.json";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const std::string stem = name.substr(0, name.size() - suffix.size());
    CAPTURE(stem);
    const json expected = json::parse(slurp(k_examples / (stem + ".expected.json")));
    const Run r = run_magtreg("check '" + entry.path().string() + "'");
    CHECK(r.exit_code == expected["exit_code"].get<int>());
    const json out = json::parse(r.out, nullptr, false);
    REQUIRE_FALSE(out.is_discarded());
    std::string where;
    CHECK_MESSAGE(contains(out, expected["output"], where), where, "\n", r.out);
    ++examples;
  }
  CHECK(examples >= 5);
}

TEST_CASE("magtreg check - reads stdin and gives the same answer as the file") {
  const auto file = k_examples / "issue3_example.input.json";
  const Run from_file = run_magtreg("check '" + file.string() + "'");
  const Run from_stdin = run_magtreg("check -", file.string());
  CHECK(from_stdin.exit_code == from_file.exit_code);
  CHECK(from_stdin.out == from_file.out);
}

TEST_CASE("magtreg check: usage errors and unreadable input exit 2 with INVALID_INPUT") {
  CHECK(run_magtreg("check").exit_code == 2);
  const Run missing = run_magtreg("check /nonexistent/registration.json");
  CHECK(missing.exit_code == 2);
  const json out = json::parse(missing.out, nullptr, false);
  REQUIRE(out.is_object());
  CHECK(out["error"]["code"] == "INVALID_INPUT");

  const fs::path tmp = fs::temp_directory_path() / "magtreg_check_bad.json";
  std::ofstream(tmp) << "{\"citizen\": {\"target_group\": \"handicap\"}, \"registration\": [";
  const Run bad = run_magtreg("check '" + tmp.string() + "'");
  fs::remove(tmp);
  CHECK(bad.exit_code == 2);
  CHECK(json::parse(bad.out, nullptr, false)["error"]["code"] == "INVALID_INPUT");
}
