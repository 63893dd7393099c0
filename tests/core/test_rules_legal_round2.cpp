// Legal fidelity, round 2 (issue #14): one table per item, scenario in, codes out, boundaries included.
// Runs natively and as WebAssembly.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/cases/cases.hpp"
#include "core/forms/catalogue.hpp"
#include "core/model/case.hpp"
#include "core/model/note.hpp"
#include "core/model/report_batch.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/citizen.hpp"
#include "core/rules/check.hpp"
#include "core/rules/form_check.hpp"

using namespace magtreg::core;
using nlohmann::json;

namespace {

std::string codes_of(const rules::CheckResult& r) {
  std::string out;
  for (const auto& f : r.findings) out += std::string(rules::to_string(f.code)) + " ";
  return out;
}

}  // namespace

// Item 10: Skema 3 names its field "hygiene_situations" (a list); an application that names its situations
// is not told they are missing, and one that names a situation outside § 7 is told which.
TEST_CASE("issue 14 item 10: an application's hygiene situations are read from its own field") {
  struct Row {
    const char* form;
    json situations;  // the application's list, or null
    bool required_finding, not_allowed_finding;
  };
  const Row rows[] = {
      {"2024-3", json::array({"tandboerstning"}), false, false},
      {"2024-3", json::array({"tandboerstning", "barbering"}), false, false},
      {"2024-3", json::array({"tandboerstning", "madning"}), false, true},  // one outside § 7
      {"2024-3", json::array(), true, false},                             // the boundary: none named
      {"2024-3", nullptr, true, false},
      {"2020-3", json::array({"klipning_haar_negle"}), false, false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.form);
    CAPTURE(row.situations.dump());
    json reg = {{"form", row.form}, {"basis", "136a"}, {"started_at", "2025-03-03T10:00"}};
    if (!row.situations.is_null()) reg["hygiene_situations"] = row.situations;
    const json input = {{"citizen", {{"target_group", "handicap"}}}, {"registration", reg}};
    auto parsed = rules::parse_check_input(input);
    REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
    auto result = rules::check_registration(*parsed, forms::Catalogue::builtin());
    CAPTURE(codes_of(result));
    CHECK(result.has(rules::FindingCode::HygieneSituationRequired) == row.required_finding);
    CHECK(result.has(rules::FindingCode::HygieneSituationNotAllowed) == row.not_allowed_finding);
    // And the input reads back as written (magtreg check's echo of its input).
    auto again = rules::parse_check_input(json::parse(rules::check_input_to_json(*parsed).dump()));
    REQUIRE(again.ok());
    CHECK(again->registration == parsed->registration);
  }

  // The stored application's content gives the same list to the rule input.
  model::FormInstance f;
  f.id = "a";
  f.form_id = "2024-3";
  f.started_at = "2025-03-03T10:00";
  f.legal_basis = "136a";
  f.content = {{"basis", "136a"}, {"hygiene_situations", {"tandboerstning", ""}}};
  model::Citizen c;
  c.id = "c";
  c.target_group = "handicap";
  auto in = rules::check_input_for(f, c, {}, {}, std::nullopt, std::nullopt);
  REQUIRE(in.has_value());
  CHECK(in->registration.hygiene_situations == std::vector<std::string>{"tandboerstning"});

  // A list that is not a list of texts is refused with the field named.
  auto bad = rules::parse_check_input(json{{"citizen", {{"target_group", "handicap"}}},
                                           {"registration", {{"form", "2024-3"}, {"basis", "136a"},
                                                             {"started_at", "2025-03-03T10:00"},
                                                             {"hygiene_situations", {"tandboerstning", 7}}}}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().field == "registration.hygiene_situations[1]");
}

// Item 7: a move's case closes once the move is locked and reported; the committee does not review
// moves. A registration on a case still needs the committee's review note.
TEST_CASE("issue 14 item 7: a move's case closes without a committee review; a registration's does not") {
  struct Row {
    const char* form_id;
    int version;
    bool reviewed;
    std::vector<std::string> gaps;
  };
  const Row rows[] = {
      {"2024-4", 1, false, {}},
      {"2020-2", 1, false, {}},
      {"2024-1", 1, false, {"not_reviewed"}},
      {"2024-1", 1, true, {}},
      {"2020-1a", 1, false, {"not_reviewed"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.form_id);
    CAPTURE(row.reviewed);
    model::Case k;
    k.id = "case";
    k.citizen_id = "citizen";
    k.kind = "single";
    model::FormInstance f;
    f.id = "form";
    f.form_id = row.form_id;
    f.form_version = row.version;
    f.case_id = k.id;
    f.citizen_id = k.citizen_id;
    f.state = "laast";
    f.created_at = "2025-02-01T10:00:00Z";
    model::ReportBatch b;
    b.id = "batch";
    b.form_ids = {f.id};
    b.created_at = "2025-03-03T10:00:00Z";
    std::vector<model::Note> notes;
    if (row.reviewed) {
      model::Note n;
      n.id = "note";
      n.case_id = k.id;
      n.kind = std::string(model::k_note_kind_committee_review);
      n.at = "2025-03-10T10:00:00Z";
      notes.push_back(n);
    }
    std::vector<std::string> gaps;
    for (const auto& m : cases::closing_gaps(k, {f}, {b}, notes, std::nullopt))
      gaps.push_back(std::string(cases::to_string(m.gap)));
    CHECK(gaps == row.gaps);
  }
}
