// The embedded form definitions load and are well formed; broken definitions fail loading with
// precise messages (never a crash); stored forms stay pinned to the version they were filled on.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>

#include "core/forms/catalogue.hpp"
#include "core/forms/form_definition.hpp"
#include "core/forms/validation.hpp"
#include "test_forms_support.hpp"

using namespace magtreg::core;
using namespace magtreg::core::forms;
using magtreg::test::files_with;
using nlohmann::json;

namespace {

const char* const k_builtin_ids[] = {"2020-1a", "2020-1b", "2020-bilag1", "2020-2", "2020-3", "2024-1",
                                     "2024-2",  "2024-3",  "2024-4",      "2024-bilag136c", "boern-1a",
                                     "boern-supplement"};
// Ids with a second version (issue 14 item 15: the four principles on Skema 2, the Bilag til § 136 c as
// its Skema 1's annex); version 1 stays for the forms filled on it.
const char* const k_second_versions[] = {"2024-2", "2024-bilag136c"};

void collect_fields(const std::vector<FieldDef>& fields, std::vector<const FieldDef*>& out) {
  for (const auto& f : fields) {
    out.push_back(&f);
    collect_fields(f.columns, out);
  }
}

bool is_snake(const std::string& s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// A small valid form; `patch` replaces text in it to break one thing at a time.
std::string test_form(const std::string& staff_fields, const std::string& leader_fields = R"({"id": "ok", "type": "yes_no", "label": "OK?", "required": true})",
                      const std::string& extra = "") {
  return R"({"id": "t-1", "version": 1, "set": "t", "kind": "registration", "lifecycle": "staff_then_leader",
             "target_groups": ["handicap"], "bases": ["124c", "136a"], "short_title": "T", "title": "Test",)" +
         extra + R"( "sections": [
    {"id": "s", "title": "Medarbejder", "part": "staff", "fields": [)" +
         staff_fields + R"(]},
    {"id": "l", "title": "Leder", "part": "leader", "fields": [)" +
         leader_fields + "]}]}";
}

const std::string k_a = R"({"id": "a", "type": "text", "label": "A", "required": true})";

}  // namespace

TEST_CASE("the built-in catalogue loads every definition with sections") {
  const auto& cat = Catalogue::builtin();
  REQUIRE_MESSAGE(cat.load_error().empty(), cat.load_error());
  CHECK(cat.forms().size() == std::size(k_builtin_ids) + std::size(k_second_versions));
  for (const char* id : k_second_versions) {
    CAPTURE(id);
    REQUIRE(cat.find_form(id, 1) != nullptr);
    REQUIRE(cat.find_form(id, 2) != nullptr);
    CHECK(cat.find_form(id) == cat.find_form(id, 2));
    CHECK(cat.find_form(id, 1)->content_hash != cat.find_form(id, 2)->content_hash);
  }
  for (const char* id : k_builtin_ids) {
    CAPTURE(id);
    const FormMeta* meta = cat.find_form(id);
    REQUIRE(meta != nullptr);
    const FormDefinition* def = cat.definition(id, meta->version);
    REQUIRE(def != nullptr);
    CHECK(def == cat.definition(id));
    CHECK(def->meta.id == meta->id);
    CHECK(def->meta.lifecycle == meta->lifecycle);
    CHECK_FALSE(def->sections.empty());
    CHECK(def->meta.status == DefinitionStatus::Draft);  // nothing has been checked word for word yet
    CHECK_FALSE(def->meta.source_note.empty());
  }
}

TEST_CASE("built-in definitions are well formed") {
  const auto& cat = Catalogue::builtin();
  for (const char* id : k_builtin_ids) {
    CAPTURE(id);
    const FormDefinition* def = cat.definition(id);
    REQUIRE(def != nullptr);
    std::set<std::string> ids;
    std::vector<const FieldDef*> top;
    for (const auto& s : def->sections) {
      CHECK(is_snake(s.id));
      CHECK_FALSE(s.title.empty());
      for (const auto& f : s.fields) {
        CAPTURE(f.id);
        CHECK(ids.insert(f.id).second);
        top.push_back(&f);
      }
    }
    std::vector<const FieldDef*> all;
    for (const auto& s : def->sections) collect_fields(s.fields, all);
    for (const auto* f : all) {
      CAPTURE(f->id);
      CHECK(is_snake(f->id));
      CHECK_FALSE(f->label.empty());
      if (f->type == FieldType::SingleChoice || f->type == FieldType::MultiChoice) {
        REQUIRE_FALSE(f->options.empty());
        std::set<std::string> option_ids;
        for (const auto& o : f->options) {
          CHECK(option_ids.insert(o.id).second);
          CHECK_FALSE(o.label.empty());
        }
      }
      if (f->type == FieldType::Table) CHECK_FALSE(f->columns.empty());
      if (f->visible_if) {
        // Conditions refer to a field that exists and comes earlier (no cycles).
        const FieldDef* ref = def->find_field(f->visible_if->field);
        if (!ref) {  // a table column refers to an earlier column
          bool found = false;
          for (const auto* t : top)
            for (const auto& c : t->columns) found = found || c.id == f->visible_if->field;
          CHECK(found);
        } else if (def->find_field(f->id)) {
          auto pos = [&](const FieldDef* x) { return std::find(top.begin(), top.end(), x) - top.begin(); };
          CHECK(pos(ref) < pos(def->find_field(f->id)));
        }
        CHECK_FALSE(f->visible_if->values.empty());
      }
    }
    // Every part of the form asks at least one required question.
    for (FormPart p : def->parts()) {
      bool any = false;
      for (const auto& s : def->sections)
        for (const auto& f : s.fields) any = any || (s.part == p && f.required);
      CHECK_MESSAGE(any, to_string(p));
    }
  }
}

TEST_CASE("built-in definitions keep the lead's metadata and fit their lifecycle") {
  const auto& cat = Catalogue::builtin();
  struct Row {
    const char* id;
    LifecycleKind lifecycle;
    std::vector<FormPart> parts;
  };
  const Row rows[] = {
      {"2020-1a", LifecycleKind::StaffThenLeader, {FormPart::Staff, FormPart::Leader}},
      {"2020-1b", LifecycleKind::StaffThenLeader, {FormPart::Staff, FormPart::Leader}},
      {"2024-1", LifecycleKind::StaffThenLeader, {FormPart::Staff, FormPart::Leader}},
      {"2024-2", LifecycleKind::StaffThenLeader, {FormPart::Staff, FormPart::Leader}},
      {"2024-bilag136c", LifecycleKind::StaffThenLeader, {FormPart::Staff, FormPart::Leader}},
      {"boern-1a", LifecycleKind::StaffThenLeader, {FormPart::Staff, FormPart::Leader}},
      {"boern-supplement", LifecycleKind::StaffThenLeader, {FormPart::Staff, FormPart::Leader}},
      {"2020-3", LifecycleKind::DirectLock, {FormPart::Leader}},
      {"2024-3", LifecycleKind::DirectLock, {FormPart::Leader}},
      {"2020-2", LifecycleKind::DirectLock, {FormPart::Authority}},
      {"2024-4", LifecycleKind::DirectLock, {FormPart::Authority}},
      {"2020-bilag1", LifecycleKind::Period, {FormPart::Staff}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.id);
    const FormDefinition* def = cat.definition(r.id);
    REQUIRE(def != nullptr);
    CHECK(def->meta.lifecycle == r.lifecycle);
    CHECK(def->parts() == r.parts);
    CHECK(def->period.has_value() == (r.lifecycle == LifecycleKind::Period));
  }
  CHECK(cat.find_form("2020-1a")->covers_basis("136a"));
  CHECK(cat.find_form("2020-1b")->covers_basis("136c"));
  CHECK(cat.find_form("2024-4")->bases == std::vector<std::string>{"129", "129a", "136f"});
}

TEST_CASE("labels are Danish with æ ø å and §") {
  std::string all;
  for (const char* id : k_builtin_ids) {
    const FormDefinition* def = Catalogue::builtin().definition(id);
    REQUIRE(def != nullptr);
    std::vector<const FieldDef*> fields;
    for (const auto& s : def->sections) {
      all += s.title;
      collect_fields(s.fields, fields);
    }
    for (const auto* f : fields) {
      all += f->label + f->help;
      for (const auto& o : f->options) all += o.label;
    }
  }
  for (const char* needle : {"æ", "ø", "å", "§", "–"}) CHECK_MESSAGE(all.find(needle) != std::string::npos, std::string(needle));
  // Common ASCII stand-ins for Danish letters must not appear in labels.
  for (const char* bad : {"foer ", "paa ", "maa ", "naar ", "hjaelp", "vaerge", "baggrund af en kommunal afgoerelse"})
    CHECK_MESSAGE(all.find(bad) == std::string::npos, std::string(bad));
}

TEST_CASE("Skema 3 asks for the four contents an application must have") {
  for (const char* id : {"2020-3", "2024-3"}) {
    CAPTURE(id);
    const FormDefinition* def = Catalogue::builtin().definition(id);
    REQUIRE(def != nullptr);
    for (const char* field : {"reduced_function_documentation", "pedagogical_help_tried", "expected_from",
                              "expected_to", "citizen_remarks", "relatives_remarks", "basis"}) {
      CAPTURE(field);
      const FieldDef* f = def->find_field(field);
      REQUIRE(f != nullptr);
      CHECK(f->required);
      CHECK_FALSE(f->visible_if.has_value());
    }
    // Missing remarks are reported, one by one, as REQUIRED.
    json content = magtreg::test::sample_content(*def, "125", true);
    content.erase("citizen_remarks");
    content["guardian_remarks"] = " ";
    auto issues = validate(*def, content);
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].path == "citizen_remarks");
    CHECK(issues[1].path == "guardian_remarks");
    CHECK(issues[0].code == IssueCode::Required);
  }
}

TEST_CASE("move forms ask for Familieretshuset's decision only under §§ 129 and 129 a") {
  for (const char* id : {"2020-2", "2024-4"}) {
    CAPTURE(id);
    const FormDefinition* def = Catalogue::builtin().definition(id);
    REQUIRE(def != nullptr);
    const FieldDef* frh = def->find_field("familieretshuset_decision_date");
    const FieldDef* mun = def->find_field("municipal_decision_date");
    REQUIRE(frh != nullptr);
    REQUIRE(mun != nullptr);
    for (const char* basis : {"129", "129a", "136f"}) {
      CAPTURE(basis);
      json content = {{"basis", basis}};
      const bool family_court = std::string(basis) != "136f";
      CHECK(is_visible(*def, *frh, content) == family_court);
      CHECK(is_visible(*def, *mun, content) == !family_court);
    }
    for (const char* field : {"move_date", "from_offer", "to_offer"}) CHECK(def->find_field(field)->required);
  }
}

TEST_CASE("every built-in definition accepts a fully answered form for each legal basis and answer") {
  for (const char* id : k_builtin_ids) {
    const FormDefinition* def = Catalogue::builtin().definition(id);
    REQUIRE(def != nullptr);
    std::vector<std::string> bases = def->meta.bases;
    if (bases.empty()) bases.push_back("");
    std::set<std::string> reached;
    for (const auto& basis : bases)
      for (bool yes : {true, false}) {
        CAPTURE(id);
        CAPTURE(basis);
        CAPTURE(yes);
        json content = magtreg::test::sample_content(*def, basis, yes);
        auto issues = validate(*def, content);
        CHECK_MESSAGE(issues.empty(), magtreg::test::issues_text(issues));
        for (auto it = content.begin(); it != content.end(); ++it) reached.insert(it.key());
      }
    // Every conditional field can actually be shown by some answer.
    for (const auto& s : def->sections)
      for (const auto& f : s.fields) CHECK_MESSAGE(reached.count(f.id) == 1, id, " ", f.id);
  }
}

TEST_CASE("broken definitions fail loading with a precise message") {
  struct Row {
    const char* what;
    std::string form;
    const char* expected;
  };
  const std::string choice_a = R"({"id": "c", "type": "single_choice", "label": "C", "options": [{"id": "x", "label": "X"}]})";
  const Row rows[] = {
      {"not JSON", "{\"id\": ", "not a JSON object"},
      {"unknown type", test_form(R"({"id": "a", "type": "textt", "label": "A", "required": true})"), "unknown type 'textt'"},
      {"misspelt key", test_form(R"({"id": "a", "type": "text", "label": "A", "requird": true})"), "unknown key 'requird'"},
      {"unknown top-level key", test_form(k_a, R"({"id": "ok", "type": "yes_no", "label": "OK?", "required": true})", R"("sektioner": [],)"),
       "unknown key 'sektioner'"},
      {"duplicate field id", test_form(k_a + "," + k_a), "duplicate field id 'a'"},
      {"field id not snake_case", test_form(R"({"id": "Basis", "type": "text", "label": "A", "required": true})"), "must be snake_case"},
      {"missing label", test_form(R"({"id": "a", "type": "text", "label": " ", "required": true})"), "label is missing"},
      {"required not a boolean", test_form(R"({"id": "a", "type": "text", "label": "A", "required": "ja"})"), "required must be true or false"},
      {"condition on unknown field", test_form(k_a + R"(, {"id": "b", "type": "text", "label": "B", "visible_if": {"field": "zz", "equals": true}})"),
       "visible_if refers to 'zz', which is not an earlier field"},
      {"condition on a later field", test_form(R"({"id": "b", "type": "text", "label": "B", "visible_if": {"field": "a", "equals": "x"}}, )" + k_a),
       "visible_if refers to 'a', which is not an earlier field"},
      {"condition on itself", test_form(k_a + R"(, {"id": "b", "type": "yes_no", "label": "B", "visible_if": {"field": "b", "equals": true}})"),
       "visible_if refers to 'b'"},
      {"condition value not an option", test_form(k_a + "," + choice_a + R"(, {"id": "b", "type": "text", "label": "B", "visible_if": {"field": "c", "equals": "y"}})"),
       "visible_if value is not a possible value of 'c'"},
      {"condition value not a basis", test_form(R"({"id": "basis", "type": "legal_basis", "label": "H", "required": true}, {"id": "b", "type": "text", "label": "B", "visible_if": {"field": "basis", "in": ["125"]}})"),
       "visible_if value is not a possible value of 'basis'"},
      {"condition with equals and in", test_form(k_a + R"(, {"id": "b", "type": "text", "label": "B", "visible_if": {"field": "a", "equals": "x", "in": ["x"]}})"),
       "exactly one of equals or in"},
      {"empty options", test_form(k_a + R"(, {"id": "c", "type": "multi_choice", "label": "C", "options": []})"), "options must be a non-empty array"},
      {"duplicate option", test_form(k_a + R"(, {"id": "c", "type": "single_choice", "label": "C", "options": [{"id": "x", "label": "X"}, {"id": "x", "label": "Y"}]})"),
       "duplicate option id 'x'"},
      {"options on a text field", test_form(R"({"id": "a", "type": "text", "label": "A", "required": true, "options": [{"id": "x", "label": "X"}]})"),
       "options does not apply to type text"},
      {"table without columns", test_form(k_a + R"(, {"id": "t", "type": "table", "label": "T"})"), "columns must be a non-empty array"},
      {"table in a table", test_form(k_a + R"(, {"id": "t", "type": "table", "label": "T", "columns": [{"id": "u", "type": "table", "label": "U", "columns": [{"id": "v", "type": "text", "label": "V"}]}]})"),
       "a table column cannot be a table"},
      {"min_rows above max_rows", test_form(k_a + R"(, {"id": "p", "type": "person_list", "label": "P", "min_rows": 3, "max_rows": 2})"),
       "min_rows is greater than max_rows"},
      {"not_before of another type", test_form(R"({"id": "d", "type": "date", "label": "D", "required": true}, {"id": "e", "type": "datetime", "label": "E", "not_before": "d"})"),
       "not_before refers to a field of another type"},
      {"unknown part", R"({"id": "t-1", "version": 1, "set": "t", "kind": "registration", "lifecycle": "staff_then_leader", "short_title": "T", "title": "T",
                         "sections": [{"id": "s", "title": "S", "part": "chef", "fields": [)" + k_a + "]}]}",
       "part must be \"staff\", \"leader\" or \"authority\""},
      {"staff_then_leader without a leader part",
       R"({"id": "t-1", "version": 1, "set": "t", "kind": "registration", "lifecycle": "staff_then_leader", "short_title": "T", "title": "T",
           "sections": [{"id": "s", "title": "S", "part": "staff", "fields": [)" + k_a + "]}]}",
       "needs a staff part and a leader part"},
      {"a part with no required field", test_form(k_a, R"({"id": "ok", "type": "yes_no", "label": "OK?"})"), "the leader part has no required field"},
      {"period form without a period",
       R"({"id": "t-1", "version": 1, "set": "t", "kind": "daily_lines", "lifecycle": "period", "short_title": "T", "title": "T",
           "sections": [{"id": "s", "title": "S", "part": "staff", "fields": [)" + k_a + "]}]}",
       "a period form needs a \"period\" object"},
      {"a period on a non-period form", test_form(k_a, R"({"id": "ok", "type": "yes_no", "label": "OK?", "required": true})", R"("period": {},)"),
       "only period forms have a period"},
      {"legal basis without bases",
       R"({"id": "t-1", "version": 1, "set": "t", "kind": "application", "lifecycle": "direct_lock", "short_title": "T", "title": "T",
           "sections": [{"id": "s", "title": "S", "part": "leader", "fields": [{"id": "b", "type": "legal_basis", "label": "H", "required": true}]}]})",
       "a legal_basis field needs the form to list its bases"},
      {"a move filled in by the leader",
       R"({"id": "t-1", "version": 1, "set": "t", "kind": "move", "lifecycle": "direct_lock", "short_title": "T", "title": "T",
           "sections": [{"id": "s", "title": "S", "part": "leader", "fields": [)" + k_a + "]}]}",
       "a direct_lock move form has one part: authority"},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.what));
    auto loaded = Catalogue::load(files_with({r.form}));
    REQUIRE_FALSE(loaded.ok());
    CHECK_MESSAGE(loaded.error().message.find(r.expected) != std::string::npos, loaded.error().message);
    CHECK(loaded.error().message.rfind("t0.json: ", 0) == 0);
  }
  // The control: the unbroken test form loads.
  auto ok = Catalogue::load(files_with({test_form(k_a)}));
  REQUIRE_MESSAGE(ok.ok(), ok.error().message);
  CHECK(ok->definition("t-1", 1)->find_field("a") != nullptr);
}

TEST_CASE("load errors name the JSON path of the broken field") {
  auto loaded = Catalogue::load(files_with({test_form(k_a + R"(, {"id": "b", "type": "date", "label": "B", "max_length": 3})")}));
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().message == "t0.json: sections[0] 's'.fields[1] 'b': max_length does not apply to type date");
}

TEST_CASE("the loader never crashes on mangled definitions") {
  // Take each built-in definition, replace values at random with values of other types, and load.
  std::mt19937 rng(20240701);
  const json junk[] = {nullptr, true, 0, -1, 3.5, "", "x", json::array(), json::array({1, "a"}), json::object(),
                       json{{"id", 5}}};
  int rejected = 0, runs = 0;
  for (const char* id : k_builtin_ids) {
    const auto& cat = Catalogue::builtin();
    const FormDefinition* def = cat.definition(id);
    REQUIRE(def != nullptr);
    // Rebuild the JSON from the embedded text through a fresh parse of the data file.
    for (int round = 0; round < 40; ++round) {
      json j = json::parse(std::string(R"({"id": "t-1", "version": 1, "set": "t", "kind": ")") +
                               std::string(to_string(def->meta.kind)) + R"(", "lifecycle": ")" +
                               std::string(to_string(def->meta.lifecycle)) + R"(", "short_title": "T", "title": "T"})",
                           nullptr, false);
      REQUIRE_FALSE(j.is_discarded());
      j["bases"] = def->meta.bases;
      json sections = json::array();
      for (const auto& s : def->sections) {
        json fields = json::array();
        for (const auto& f : s.fields) {
          json fj = {{"id", f.id}, {"type", std::string(to_string(f.type))}, {"label", f.label}, {"required", f.required}};
          if (!f.options.empty()) {
            fj["options"] = json::array();
            for (const auto& o : f.options) fj["options"].push_back({{"id", o.id}, {"label", o.label}});
          }
          if (f.visible_if) fj["visible_if"] = {{"field", f.visible_if->field}, {"in", f.visible_if->values}};
          if (!f.columns.empty()) {
            fj["columns"] = json::array();
            for (const auto& c : f.columns) fj["columns"].push_back({{"id", c.id}, {"type", std::string(to_string(c.type))}, {"label", c.label}});
          }
          fields.push_back(fj);
        }
        sections.push_back({{"id", s.id}, {"title", s.title}, {"part", std::string(to_string(s.part))}, {"fields", fields}});
      }
      j["sections"] = sections;
      if (def->period)
        j["period"] = {{"start_field", def->period->start_field}, {"lines_field", def->period->lines_field},
                       {"date_column", def->period->date_column}, {"days", def->period->days}};
      if (round > 0) {
        // Mangle 1-3 values somewhere in the sections.
        for (int k = 0; k < 1 + round % 3; ++k) {
          json& sec = j["sections"][rng() % j["sections"].size()];
          json& field = sec["fields"][rng() % sec["fields"].size()];
          const char* keys[] = {"id", "type", "label", "required", "visible_if", "options", "columns"};
          field[keys[rng() % std::size(keys)]] = junk[rng() % std::size(junk)];
        }
      }
      auto loaded = Catalogue::load(files_with({j.dump()}));
      ++runs;
      if (round == 0) CHECK_MESSAGE(loaded.ok(), id, ": ", loaded.ok() ? "" : loaded.error().message);
      if (!loaded.ok()) {
        ++rejected;
        CHECK_FALSE(loaded.error().message.empty());
      }
    }
  }
  CHECK(runs == 40 * static_cast<int>(std::size(k_builtin_ids)));
  CHECK(rejected > runs / 2);  // nearly every mangling breaks a rule the loader checks
}

TEST_CASE("a stored form stays on the definition version it was filled on") {
  const std::string v1 = R"({"id": "t-1", "version": 1, "set": "t", "kind": "application", "lifecycle": "direct_lock",
    "bases": ["125"], "short_title": "T", "title": "Test v1", "sections": [{"id": "s", "title": "S", "part": "leader", "fields": [
      {"id": "place", "type": "text", "label": "Sted", "required": true}]}]})";
  const std::string v2 = R"({"id": "t-1", "version": 2, "set": "t", "kind": "application", "lifecycle": "direct_lock",
    "bases": ["125"], "short_title": "T", "title": "Test v2", "sections": [{"id": "s", "title": "S", "part": "leader", "fields": [
      {"id": "location", "type": "text", "label": "Lokalitet", "required": true}]}]})";
  auto loaded = Catalogue::load(files_with({v2, v1}));
  REQUIRE_MESSAGE(loaded.ok(), loaded.error().message);
  const Catalogue& cat = *loaded;
  CHECK(cat.find_form("t-1")->version == 2);
  CHECK(cat.definition("t-1")->meta.title == "Test v2");

  const json stored = {{"place", "Stuen"}};  // filled on version 1
  const FormDefinition* pinned = cat.definition("t-1", 1);
  REQUIRE(pinned != nullptr);
  CHECK(pinned->meta.title == "Test v1");
  CHECK(validate(*pinned, stored).empty());

  auto newest = validate(*cat.definition("t-1"), stored);
  REQUIRE(newest.size() == 2);
  CHECK(newest[0].code == IssueCode::UnknownField);
  CHECK(newest[0].path == "place");
  CHECK(newest[1].code == IssueCode::Required);
  CHECK(newest[1].path == "location");

  auto req = cat.require_definition("t-1", 1);
  REQUIRE(req.ok());
  CHECK(*req == pinned);
  auto missing = cat.require_definition("t-1", 3);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::UnknownForm);
  CHECK(missing.error().message.find("version 3") != std::string::npos);

  // The same (id, version) twice is a catalogue defect.
  auto dup = Catalogue::load(files_with({v1, v1}));
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().message.find("duplicate id and version") != std::string::npos);
}

TEST_CASE("display titles never repeat the short title") {
  for (const auto& meta : magtreg::core::forms::Catalogue::builtin().forms()) {
    CAPTURE(meta.id);
    const std::string t = meta.display_title();
    CHECK(t.rfind(meta.short_title, 0) == 0);                         // starts with the short title
    const bool once = t.find(meta.short_title, meta.short_title.size()) == std::string::npos;
    CHECK(once);  // the short title appears once
  }
  const auto* f = magtreg::core::forms::Catalogue::builtin().find_form("2020-1a");
  REQUIRE(f != nullptr);
  CHECK(f->display_title() == f->title);
  const auto* s = magtreg::core::forms::Catalogue::builtin().find_form("boern-supplement");
  REQUIRE(s != nullptr);
  CHECK(s->display_title() == s->short_title + " – " + s->title);
}
