// Rule checks per second: check_registration over a realistic mix of registrations (acute holds, holds
// under a decision, § 136 a with a six-month history, late and on-time, moves, Bilag 1 lines, children,
// errors of every kind), and the whole `magtreg check` path (JSON text in, JSON text out).
// Prints "name value unit" lines; never asserted. Usage: bench_rules [checks] [json_checks]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/rules/check.hpp"

using namespace magtreg::core;

namespace {

// Earlier registrations and decisions a long-time resident may have: history grows with the mix.
std::string history_json(int n) {
  std::string out = "[";
  for (int i = 0; i < n; ++i) {
    char buf[128];
    const int month = 1 + (i % 12);
    const int day = 1 + (i * 7) % 28;
    std::snprintf(buf, sizeof buf, R"(%s{"basis": "%s", "started_at": "2023-%02d-%02dT%02d:15", "approval_id": null})",
                  i ? ", " : "", (i % 3 == 0) ? "136a" : (i % 3 == 1 ? "124d" : "124c"), month, day, 8 + i % 10);
    out += buf;
  }
  return out + "]";
}

const char* k_approvals = R"([
  {"id": "A128", "basis": "128", "status": "granted", "valid_from": "2024-01-01", "valid_to": "2024-12-31"},
  {"id": "A125", "basis": "125", "status": "granted", "valid_from": "2024-01-01", "valid_to": "2024-06-30"},
  {"id": "A136a", "basis": "136a", "status": "granted", "valid_from": "2023-10-01", "valid_to": "2024-03-31"},
  {"id": "P1", "basis": "128c", "status": "pending", "valid_from": null, "valid_to": null}])";

struct Reg {
  const char* group;
  const char* form;
  const char* basis;
  const char* started;
  const char* ended;
  const char* registered;
  const char* hygiene;
  const char* approval;
  const char* period_start;
  int history;
};

std::string q(const char* s) { return s ? std::string("\"") + s + "\"" : std::string("null"); }

std::string input_json(const Reg& r) {
  return std::string(R"({"citizen": {"target_group": ")") + r.group + R"("}, "registration": {"form": ")" + r.form +
         R"(", "basis": ")" + r.basis + R"(", "started_at": )" + q(r.started) + R"(, "ended_at": )" + q(r.ended) +
         R"(, "registered_at": )" + q(r.registered) + R"(, "hygiene_situation": )" + q(r.hygiene) +
         R"(, "approval_id": )" + q(r.approval) + R"(, "period_start": )" + q(r.period_start) +
         R"(}, "history": )" + history_json(r.history) + R"(, "approvals": )" + k_approvals + "}";
}

// Roughly the shape of a month's registrations: mostly acute holds, some under decisions, a few
// hygiene holds, moves, Bilag 1 lines and children, and the occasional mistake.
const Reg k_mix[] = {
    {"handicap", "2020-1a", "124d", "2024-03-05T14:30", "2024-03-05T14:40", "2024-03-06T09:00", nullptr, nullptr, nullptr, 4},
    {"handicap", "2020-1a", "124c", "2024-03-07T08:10", "2024-03-07T08:12", "2024-03-07T10:00", nullptr, nullptr, nullptr, 12},
    {"demens", "2020-1b", "124d", "2024-02-10T19:00", "2024-02-10T19:05", "2024-02-14T08:00", nullptr, nullptr, nullptr, 2},
    {"demens", "2020-1b", "136d", "2024-04-01T07:30", "2024-04-01T07:35", "2024-04-02T12:00", nullptr, nullptr, nullptr, 8},
    {"demens", "2020-1b", "136c", "2024-05-12T09:00", "2024-05-12T09:03", "2024-05-12T15:00", "tandboerstning", nullptr, nullptr, 1},
    {"handicap", "2020-1a", "136a", "2024-03-20T08:00", "2024-03-20T08:02", "2024-03-21T09:00", "barbering", nullptr, nullptr, 24},
    {"handicap", "2020-1a", "136a", "2024-03-20T08:00", "2024-03-20T08:02", "2024-03-21T09:00", "barbering", "A136a", nullptr, 24},
    {"handicap", "2020-1a", "128", "2024-06-03T22:00", "2024-06-04T06:00", "2024-06-04T08:00", nullptr, "A128", nullptr, 6},
    {"handicap", "2020-1a", "125", "2024-06-15T13:00", "2024-06-15T13:30", "2024-06-16T08:00", nullptr, "A125", nullptr, 3},
    {"handicap", "2020-bilag1", "128", "2024-06-20T22:00", nullptr, "2024-06-21T08:00", nullptr, "A128", "2024-06-01", 6},
    {"handicap", "2020-bilag1", "128", "2024-06-29T22:00", nullptr, "2024-06-30T08:00", nullptr, "A128", "2024-05-25", 6},
    {"demens", "2020-2", "129", "2024-03-18T10:00", nullptr, "2024-04-02T10:00", nullptr, nullptr, nullptr, 0},
    {"handicap", "2024-1", "124d", "2024-09-02T16:45", "2024-09-02T16:50", "2024-09-03T08:30", nullptr, nullptr, nullptr, 10},
    {"demens", "2024-1", "136c", "2024-10-27T02:30", "2024-10-27T02:40", "2024-10-27T09:00", "saarpleje", nullptr, nullptr, 5},
    {"handicap", "2024-2", "128", "2024-11-01T21:00", nullptr, "2024-11-02T08:00", nullptr, "A128", nullptr, 6},
    {"handicap", "2024-1", "128", "2024-11-01T21:00", nullptr, "2024-11-02T08:00", nullptr, nullptr, nullptr, 6},
    {"demens", "2024-4", "136f", "2024-08-10T10:00", nullptr, "2024-09-01T10:00", nullptr, nullptr, nullptr, 0},
    {"boern", "boern-1a", "124d", "2024-03-31T01:50", "2024-03-31T03:10", "2024-04-04T00:00", nullptr, nullptr, nullptr, 2},
    {"boern", "2020-1a", "124d", "2024-03-05T14:30", nullptr, "2024-03-05T15:00", nullptr, nullptr, nullptr, 0},
    {"handicap", "2020-1a", "noedvaerge", "2024-01-08T11:00", "2024-01-08T11:01", "2024-01-08T12:00", nullptr, nullptr, nullptr, 3},
    {"demens", "2020-1b", "uden_hjemmel", "2024-02-02T17:00", "2024-02-02T17:10", "2024-02-09T08:00", nullptr, nullptr, nullptr, 7},
    {"handicap", "2020-1a", "124d", "2024-07-01T09:00", "2024-07-01T08:00", "2024-07-01T10:00", nullptr, nullptr, nullptr, 1},
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const long checks = argc > 1 ? std::atol(argv[1]) : 400000;
  const long json_checks = argc > 2 ? std::atol(argv[2]) : 20000;

  std::vector<std::string> texts;
  std::vector<rules::CheckInput> inputs;
  for (const Reg& r : k_mix) {
    texts.push_back(input_json(r));
    auto in = rules::parse_check_input(texts.back());
    if (!in) {
      std::fprintf(stderr, "bench_rules: bad input %s: %s\n", in.error().field.c_str(), in.error().message.c_str());
      return 2;
    }
    inputs.push_back(std::move(in).value());
  }

  // Warm up (first use builds the catalogue and the basis table).
  long sink = 0;
  for (const auto& in : inputs) sink += static_cast<long>(rules::check_registration(in).findings.size());

  auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < checks; ++i) {
    const rules::CheckResult r = rules::check_registration(inputs[static_cast<std::size_t>(i) % inputs.size()]);
    sink += static_cast<long>(r.findings.size()) + (r.has_errors() ? 1 : 0);
  }
  const double check_s = seconds_since(t0);

  t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < json_checks; ++i) {
    const rules::CheckRun run = rules::run_check(texts[static_cast<std::size_t>(i) % texts.size()]);
    sink += static_cast<long>(run.output_json.size()) + run.exit_code;
  }
  const double json_s = seconds_since(t0);

  std::printf("rule_inputs %zu kinds\n", inputs.size());
  std::printf("rule_checks %ld checks\n", checks);
  std::printf("rule_checks_per_second %.0f checks/s\n", static_cast<double>(checks) / check_s);
  std::printf("rule_check_microseconds %.3f us\n", check_s * 1e6 / static_cast<double>(checks));
  std::printf("rule_checks_json %ld checks\n", json_checks);
  std::printf("rule_checks_json_per_second %.0f checks/s\n", static_cast<double>(json_checks) / json_s);
  std::printf("rule_sink %ld findings\n", sink);  // keeps the work observable
  return 0;
}
