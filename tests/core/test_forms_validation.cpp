// Validation of form content: every field type with wrong types and boundary values, conditional
// requirements, scopes, unknown fields, Bilag 1's period, and robustness against arbitrary JSON.
#include <doctest/doctest.h>

#include <functional>
#include <random>

#include "core/forms/catalogue.hpp"
#include "core/forms/date_text.hpp"
#include "core/forms/validation.hpp"
#include "core/util/utf8.hpp"
#include "test_forms_support.hpp"

using namespace magtreg::core;
using namespace magtreg::core::forms;
using magtreg::test::files_with;
using magtreg::test::issues_text;
using nlohmann::json;

namespace {

// One field of every type (and a leader part), to test the engine independent of the real forms.
const char* const k_all_types = R"({"id": "t-all", "version": 1, "set": "t", "kind": "registration",
  "lifecycle": "staff_then_leader", "target_groups": ["handicap"], "bases": ["124c", "136a"],
  "short_title": "Testskema", "title": "Testskema", "sections": [
  {"id": "s", "title": "Medarbejderdel", "part": "staff", "fields": [
    {"id": "t", "type": "text", "label": "Tekst", "required": true, "max_length": 10},
    {"id": "lt", "type": "long_text", "label": "Lang tekst"},
    {"id": "d", "type": "date", "label": "Dato"},
    {"id": "d2", "type": "date", "label": "Slutdato", "not_before": "d"},
    {"id": "tm", "type": "time", "label": "Klokkeslæt"},
    {"id": "dt", "type": "datetime", "label": "Tidspunkt"},
    {"id": "dur", "type": "duration", "label": "Varighed", "max": 600},
    {"id": "sc", "type": "single_choice", "label": "Et valg", "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]},
    {"id": "mc", "type": "multi_choice", "label": "Flere valg", "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}]},
    {"id": "lb", "type": "legal_basis", "label": "Hjemmel"},
    {"id": "hy", "type": "hygiene_situation", "label": "Hygiejnesituation", "required": true, "visible_if": {"field": "lb", "equals": "136a"}},
    {"id": "hym", "type": "hygiene_situation", "label": "Hygiejnesituationer", "multiple": true},
    {"id": "pl", "type": "person_list", "label": "Personer", "required": true, "min_rows": 1, "max_rows": 2},
    {"id": "yn", "type": "yes_no", "label": "Ja eller nej"},
    {"id": "yn_detail", "type": "text", "label": "Uddybning", "required": true, "visible_if": {"field": "yn", "equals": true}},
    {"id": "num", "type": "number", "label": "Antal", "min": -5, "max": 5},
    {"id": "tab", "type": "table", "label": "Linjer", "max_rows": 2, "columns": [
      {"id": "c_date", "type": "date", "label": "Dato", "required": true},
      {"id": "c_kind", "type": "single_choice", "label": "Art", "required": true, "options": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}]},
      {"id": "c_note", "type": "text", "label": "Note", "required": true, "visible_if": {"field": "c_kind", "equals": "y"}}]}
  ]},
  {"id": "l", "title": "Ledelsesdel", "part": "leader", "fields": [
    {"id": "ok", "type": "yes_no", "label": "Godkendt", "required": true}]}]})";

const Catalogue& test_catalogue() {
  static const Catalogue cat = [] {
    auto loaded = Catalogue::load(files_with({k_all_types}));
    REQUIRE_MESSAGE(loaded.ok(), loaded.error().message);
    return std::move(loaded).value();
  }();
  return cat;
}

const FormDefinition& all_types() { return *test_catalogue().definition("t-all", 1); }

json valid_base() { return {{"t", "abc"}, {"pl", json::array({{{"name", "Anna"}, {"role", "Pædagog"}}})}, {"ok", true}}; }

struct Case {
  const char* field;
  json value;
  const char* code;  // "" = no issue
  const char* path;  // "" = the field itself
};

void run_cases(const std::vector<Case>& cases, json base = valid_base()) {
  REQUIRE(validate(all_types(), base).empty());
  for (const auto& c : cases) {
    json content = base;
    content[c.field] = c.value;
    CAPTURE(c.field);
    CAPTURE(c.value.dump());
    auto issues = validate(all_types(), content);
    if (std::string(c.code).empty()) {
      CHECK_MESSAGE(issues.empty(), issues_text(issues));
      continue;
    }
    REQUIRE_MESSAGE(issues.size() == 1, issues_text(issues));
    CHECK(to_string(issues[0].code) == std::string(c.code));
    CHECK(issues[0].path == (std::string(c.path).empty() ? std::string(c.field) : std::string(c.path)));
    CHECK_FALSE(issues[0].message.empty());
  }
}

}  // namespace

TEST_CASE("issue codes have stable wire names that round-trip") {
  CHECK(to_string(IssueCode::Required) == "REQUIRED");
  CHECK(to_string(IssueCode::WrongType) == "WRONG_TYPE");
  CHECK(to_string(IssueCode::NotAnOption) == "NOT_AN_OPTION");
  CHECK(to_string(IssueCode::TooManyRows) == "TOO_MANY_ROWS");
  CHECK(to_string(IssueCode::UnknownField) == "UNKNOWN_FIELD");
  for (int i = 0; i <= static_cast<int>(IssueCode::InvalidJson); ++i) {
    auto code = static_cast<IssueCode>(i);
    auto back = issue_code_from_string(to_string(code));
    REQUIRE(back.has_value());
    CHECK(*back == code);
  }
  CHECK_FALSE(issue_code_from_string("NOPE").has_value());
}

TEST_CASE("check_text_lengths refuses the first text past its field's limit as FIELD_TOO_LONG, whatever else is missing") {
  const auto& def = all_types();
  json content = json::object();  // nothing required filled: a draft
  CHECK(check_text_lengths(def, content).ok());
  content["lt"] = std::string(20000, 'x');
  content["t"] = "æøåæøåæøåæ";  // at its limit of ten, counted in letters
  CHECK(check_text_lengths(def, content).ok());
  content["lt"] = std::string(900 * 1024, 'x');
  auto r = check_text_lengths(def, content);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == magtreg::core::ErrorCode::FieldTooLong);
  CHECK(r.error().field == "content.lt");
  CHECK(r.error().message.find("20000 tegn") != std::string::npos);
  content["lt"] = "kort";
  content["t"] = "æøåæøåæøåæø";
  r = check_text_lengths(def, content);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "content.t");
}

TEST_CASE("characters are counted, and cut, at code points") {
  using magtreg::core::code_points;
  using magtreg::core::prefix_bytes;
  CHECK(code_points("") == 0);
  CHECK(code_points("æøå") == 3);
  CHECK(code_points("a\xF0\x9F\x98\x80" "b") == 3);  // an emoji is one character of four bytes
  CHECK(prefix_bytes("æøå", 2) == 4);
  CHECK(prefix_bytes("æøå", 3) == 6);
  CHECK(prefix_bytes("æøå", 10) == 6);
  CHECK(prefix_bytes("a\xF0\x9F\x98\x80" "b", 1) == 1);
  CHECK(prefix_bytes("a\xF0\x9F\x98\x80" "b", 2) == 5);
  CHECK(prefix_bytes("abc", 0) == 0);
}

TEST_CASE("date and time texts") {
  struct Row {
    const char* text;
    bool date, time, datetime;
  };
  const Row rows[] = {
      {"2024-02-29", true, false, false}, {"2023-02-29", false, false, false}, {"2000-02-29", true, false, false},
      {"1900-02-29", false, false, false}, {"2024-04-31", false, false, false}, {"2024-12-31", true, false, false},
      {"2024-13-01", false, false, false}, {"2024-1-01", false, false, false}, {"1899-12-31", false, false, false},
      {"2024-03-01 ", false, false, false}, {"00:00", false, true, false},     {"23:59", false, true, false},
      {"24:00", false, false, false},      {"7:30", false, false, false},      {"07:60", false, false, false},
      {"2024-03-01T23:59", false, false, true}, {"2024-03-01 10:00", false, false, false},
      {"2024-02-30T10:00", false, false, false}, {"", false, false, false},     {"２０24-01-01", false, false, false},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    CHECK(is_date_text(r.text) == r.date);
    CHECK(is_time_text(r.text) == r.time);
    CHECK(is_datetime_text(r.text) == r.datetime);
  }
  CHECK(add_days("2024-02-01", 30) == "2024-03-02");  // leap year
  CHECK(add_days("2023-02-01", 30) == "2023-03-03");
  CHECK(add_days("2024-12-15", 30) == "2025-01-14");
  CHECK(add_days("2024-03-01", -1) == "2024-02-29");
  CHECK(add_days("2024-02-30", 1).empty());
}

TEST_CASE("a date or time typed on the tablet is read the Danish way, also from a number keypad") {
  const std::pair<const char*, const char*> dates[] = {
      {"05.03.2024", "2024-03-05"}, {"5.3.2024", "2024-03-05"},   {"05-03-2024", "2024-03-05"},
      {"05/03/2024", "2024-03-05"}, {"05,03,2024", "2024-03-05"}, {"05032024", "2024-03-05"},
      {"2024-03-05", "2024-03-05"}, {"29.02.2024", "2024-02-29"}, {"29.02.2023", ""},
      {"06.12.20266", ""},  // a caret put mid-text: refused, not read as another year
      {"05.03-2024", ""},           {"0503202", ""},              {"00.03.2024", ""},
      {"31.04.2024", ""},           {"", ""},                     {"5.3.1899", ""},
  };
  for (const auto& row : dates) {  // not a structured binding: clang 14 cannot capture one in CAPTURE
    CAPTURE(row.first);
    CHECK(parse_danish_date(row.first) == row.second);
  }
  CHECK(danish_date("2024-03-05") == "05.03.2024");
  CHECK(danish_date("05.03.2024") == "05.03.2024");
  const std::pair<const char*, const char*> times[] = {
      {"14:30", "14:30"}, {"14.30", "14:30"}, {"14,30", "14:30"}, {"1430", "14:30"},
      {"930", "09:30"},   {"24:00", ""},      {"12:60", ""},      {"1", ""},       {"14:300", ""},
  };
  for (const auto& row : times) {
    CAPTURE(row.first);
    CHECK(parse_time(row.first) == row.second);
  }
}

TEST_CASE("text fields") {
  run_cases({
      {"t", "0123456789", "", ""},
      {"t", "æøåæøåæøåæ", "", ""},  // ten letters, twenty bytes: the limit counts letters
      {"t", "01234567890", "TOO_LONG", ""},
      {"t", "", "REQUIRED", ""},
      {"t", "   ", "REQUIRED", ""},
      {"t", nullptr, "REQUIRED", ""},
      {"t", 5, "WRONG_TYPE", ""},
      {"t", true, "WRONG_TYPE", ""},
      {"t", json::array(), "WRONG_TYPE", ""},
      {"t", json::object(), "WRONG_TYPE", ""},
      {"lt", std::string(20000, 'x'), "", ""},
      {"lt", std::string(20001, 'x'), "TOO_LONG", ""},
      {"lt", json::array({"a"}), "WRONG_TYPE", ""},
  });
}

TEST_CASE("date, time and datetime fields") {
  run_cases({
      {"d", "2024-02-29", "", ""},
      {"d", "2023-02-29", "INVALID_DATE", ""},
      {"d", "29-02-2024", "INVALID_DATE", ""},
      {"d", 20240229, "WRONG_TYPE", ""},
      {"tm", "00:00", "", ""},
      {"tm", "23:59", "", ""},
      {"tm", "24:00", "INVALID_TIME", ""},
      {"tm", "07:30:00", "INVALID_TIME", ""},
      {"tm", 730, "WRONG_TYPE", ""},
      {"dt", "2024-03-01T10:00", "", ""},
      {"dt", "2024-03-01 10:00", "INVALID_DATETIME", ""},
      {"dt", "2024-03-01", "INVALID_DATETIME", ""},
      {"dt", false, "WRONG_TYPE", ""},
  });
}

TEST_CASE("an end may not lie before its start") {
  json base = valid_base();
  base["d"] = "2024-03-02";
  run_cases({{"d2", "2024-03-02", "", ""}, {"d2", "2024-03-03", "", ""}, {"d2", "2024-03-01", "END_BEFORE_START", ""},
             {"d2", "2024-02-30", "INVALID_DATE", ""}},
            base);
  // With no valid start there is nothing to compare with.
  base["d"] = "snart";
  json content = base;
  content["d2"] = "2024-03-01";
  auto issues = validate(all_types(), content);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].path == "d");
}

TEST_CASE("duration and number fields") {
  run_cases({
      {"dur", 0, "", ""},
      {"dur", 600, "", ""},
      {"dur", 601, "OUT_OF_RANGE", ""},
      {"dur", -1, "OUT_OF_RANGE", ""},
      {"dur", 1.5, "WRONG_TYPE", ""},
      {"dur", 10.0, "WRONG_TYPE", ""},
      {"dur", "10", "WRONG_TYPE", ""},
      {"dur", 18446744073709551615ULL, "OUT_OF_RANGE", ""},
      {"num", -5, "", ""},
      {"num", 5, "", ""},
      {"num", 0, "", ""},
      {"num", 6, "OUT_OF_RANGE", ""},
      {"num", -6, "OUT_OF_RANGE", ""},
      {"num", INT64_MIN, "OUT_OF_RANGE", ""},
      {"num", true, "WRONG_TYPE", ""},
      {"num", json::array({1}), "WRONG_TYPE", ""},
  });
}

TEST_CASE("choice fields") {
  run_cases({
      {"sc", "a", "", ""},
      {"sc", "c", "NOT_AN_OPTION", ""},
      {"sc", "A", "NOT_AN_OPTION", ""},
      {"sc", json::array({"a"}), "WRONG_TYPE", ""},
      {"mc", json::array({"a", "c"}), "", ""},
      {"mc", json::array(), "", ""},
      {"mc", json::array({"a", "a"}), "DUPLICATE_CHOICE", "mc[1]"},
      {"mc", json::array({"a", "d"}), "NOT_AN_OPTION", "mc[1]"},
      {"mc", json::array({1}), "WRONG_TYPE", "mc[0]"},
      {"mc", "a", "WRONG_TYPE", ""},
      {"lb", "124c", "", ""},
      {"lb", "125", "NOT_AN_OPTION", ""},
      {"lb", 124, "WRONG_TYPE", ""},
      {"hym", json::array({"barbering", "tandboerstning"}), "", ""},
      {"hym", json::array({"barbering", "barbering"}), "DUPLICATE_CHOICE", "hym[1]"},
      {"hym", json::array({"fodbad"}), "NOT_AN_OPTION", "hym[0]"},
      {"hym", "barbering", "WRONG_TYPE", ""},
      {"yn", false, "", ""},
      {"yn", "ja", "WRONG_TYPE", ""},
      {"yn", 1, "WRONG_TYPE", ""},
  });
}

TEST_CASE("a hygiene situation is required only under § 136 a, and must be one of § 7's") {
  json content = valid_base();
  content["lb"] = "124c";
  CHECK(validate(all_types(), content).empty());
  content["lb"] = "136a";
  auto issues = validate(all_types(), content);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == IssueCode::Required);
  CHECK(issues[0].path == "hy");
  CHECK(issues[0].message == "»Hygiejnesituation« skal udfyldes.");
  for (const auto& h : k_hygiene_situations) {
    content["hy"] = std::string(h.id);
    CHECK(validate(all_types(), content).empty());
  }
  content["hy"] = "fodbad";
  issues = validate(all_types(), content);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == IssueCode::NotAnOption);
}

TEST_CASE("conditional fields are required only while visible") {
  json content = valid_base();
  content["yn"] = true;
  auto issues = validate(all_types(), content);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].path == "yn_detail");
  CHECK(issues[0].code == IssueCode::Required);
  content["yn"] = false;
  CHECK(validate(all_types(), content).empty());
  content.erase("yn");
  CHECK(validate(all_types(), content).empty());
  // A hidden field's value is still type-checked, and strip_hidden() drops it.
  content["yn_detail"] = 7;
  issues = validate(all_types(), content);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == IssueCode::WrongType);
  content["yn_detail"] = "gammelt svar";
  json stripped = strip_hidden(all_types(), content);
  CHECK_FALSE(stripped.contains("yn_detail"));
  CHECK(stripped["t"] == "abc");
  content["yn"] = true;
  CHECK(strip_hidden(all_types(), content).contains("yn_detail"));
}

TEST_CASE("person lists") {
  run_cases({
      {"pl", json::array({{{"name", "A"}}}), "", ""},
      {"pl", json::array({{{"name", "A"}, {"role", nullptr}}}), "", ""},
      {"pl", json::array({{{"name", "A"}}, {{"name", "B"}}}), "", ""},
      {"pl", json::array({{{"name", "A"}}, {{"name", "B"}}, {{"name", "C"}}}), "TOO_MANY_ROWS", ""},
      {"pl", json::array(), "REQUIRED", ""},
      {"pl", json::array({{{"name", ""}}}), "REQUIRED", "pl[0].name"},
      {"pl", json::array({{{"role", "Pædagog"}}}), "REQUIRED", "pl[0].name"},
      {"pl", json::array({{{"name", 5}}}), "WRONG_TYPE", "pl[0].name"},
      {"pl", json::array({{{"name", "A"}, {"role", 5}}}), "WRONG_TYPE", "pl[0].role"},
      {"pl", json::array({{{"name", "A"}, {"age", 3}}}), "UNKNOWN_FIELD", "pl[0].age"},
      {"pl", json::array({"A"}), "WRONG_TYPE", "pl[0]"},
      {"pl", json{{"name", "A"}}, "WRONG_TYPE", ""},
  });
}

TEST_CASE("tables validate each row's cells against the columns") {
  const json row_x = {{"c_date", "2024-01-01"}, {"c_kind", "x"}};
  run_cases({
      {"tab", json::array(), "", ""},
      {"tab", json::array({row_x, row_x}), "", ""},
      {"tab", json::array({row_x, row_x, row_x}), "TOO_MANY_ROWS", ""},
      {"tab", json::array({{{"c_date", "2024-01-01"}, {"c_kind", "y"}}}), "REQUIRED", "tab[0].c_note"},
      {"tab", json::array({{{"c_date", "2024-01-01"}, {"c_kind", "y"}, {"c_note", "ok"}}}), "", ""},
      {"tab", json::array({row_x, {{"c_date", "2024-01-32"}, {"c_kind", "x"}}}), "INVALID_DATE", "tab[1].c_date"},
      {"tab", json::array({{{"c_date", "2024-01-01"}, {"c_kind", "z"}}}), "NOT_AN_OPTION", "tab[0].c_kind"},
      {"tab", json::array({{{"c_kind", "x"}}}), "REQUIRED", "tab[0].c_date"},
      {"tab", json::array({{{"c_date", "2024-01-01"}, {"c_kind", "x"}, {"zz", 1}}}), "UNKNOWN_FIELD", "tab[0].zz"},
      {"tab", json::array({"linje"}), "WRONG_TYPE", "tab[0]"},
      {"tab", row_x, "WRONG_TYPE", ""},
  });
}

TEST_CASE("unknown fields are reported, never silently kept") {
  json content = valid_base();
  content["extra"] = "x";
  content["Basis"] = "124c";
  for (Scope scope : {Scope::All, Scope::Staff, Scope::Leader}) {
    auto issues = validate(all_types(), content, scope);
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].code == IssueCode::UnknownField);
    CHECK(issues[0].path == "Basis");
    CHECK(issues[1].path == "extra");
    CHECK(issues[1].message == "Feltet »extra« findes ikke i Testskema (version 1).");
  }
}

TEST_CASE("a scope checks one part only") {
  json content = {{"pl", json::array({{{"name", "A"}}})}};  // t and ok are missing
  auto staff = validate(all_types(), content, Scope::Staff);
  REQUIRE(staff.size() == 1);
  CHECK(staff[0].path == "t");
  auto leader = validate(all_types(), content, Scope::Leader);
  REQUIRE(leader.size() == 1);
  CHECK(leader[0].path == "ok");
  CHECK(validate(all_types(), content, Scope::All).size() == 2);
  CHECK(validate(all_types(), content, Scope::Authority).empty());
  CHECK(scope_of(FormPart::Leader) == Scope::Leader);
}

TEST_CASE("content that is not a JSON object is one INVALID_JSON issue") {
  for (const char* text : {"", "{", "[1, 2]", "null", "\"tekst\"", "42", "{\"t\": }", "\xff\xfe{}"}) {
    CAPTURE(text);
    auto issues = validate_text(all_types(), text);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == IssueCode::InvalidJson);
    CHECK(issues[0].path.empty());
  }
  CHECK(validate_text(all_types(), valid_base().dump()).empty());
}

TEST_CASE("Bilag 1 lines must lie within the 31-day period") {
  const FormDefinition* def = Catalogue::builtin().definition("2020-bilag1");
  REQUIRE(def != nullptr);
  json content = magtreg::test::sample_content(*def, "128", true);
  content["period_start"] = "2024-01-15";
  CHECK(period_last_day(*def, content) == "2024-02-14");
  auto line = [](const char* date) {
    return json{{"date", date}, {"time", "08:00"}, {"duration_minutes", 10}, {"staff", "Anna"}, {"description", "Stofsele"}};
  };
  struct Row {
    const char* date;
    bool inside;
  };
  for (const Row& r : {Row{"2024-01-15", true}, Row{"2024-02-14", true}, Row{"2024-01-14", false}, Row{"2024-02-15", false}}) {
    CAPTURE(r.date);
    content["lines"] = json::array({line("2024-01-20"), line(r.date)});
    auto issues = validate(*def, content);
    if (r.inside) {
      CHECK_MESSAGE(issues.empty(), issues_text(issues));
    } else {
      REQUIRE(issues.size() == 1);
      CHECK(issues[0].code == IssueCode::OutOfPeriod);
      CHECK(issues[0].path == "lines[1].date");
    }
  }
  content["lines"] = json::array();
  auto issues = validate(*def, content);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == IssueCode::Required);
  content.erase("period_start");
  CHECK(period_last_day(*def, content).empty());
}

TEST_CASE("every field of every form rejects a value of the wrong JSON kind") {
  // An object is wrong for every field; a number for every non-number field; a bool for every
  // non-yes/no field. Each must produce an issue at that field, whether or not it is visible.
  for (const auto& meta : Catalogue::builtin().forms()) {
    const FormDefinition* def = Catalogue::builtin().definition(meta.id, meta.version);
    REQUIRE(def != nullptr);
    for (const auto& s : def->sections)
      for (const auto& f : s.fields) {
        std::vector<json> wrong = {json{{"x", 1}}};
        if (f.type != FieldType::Number && f.type != FieldType::Duration) wrong.push_back(7);
        if (f.type != FieldType::YesNo) wrong.push_back(true);
        for (const auto& v : wrong) {
          CAPTURE(meta.id);
          CAPTURE(f.id);
          CAPTURE(v.dump());
          json content = magtreg::test::sample_content(*def, "", true);
          content[f.id] = v;
          auto issues = validate(*def, content);
          bool at_field = false;
          for (const auto& i : issues) at_field = at_field || (i.path == f.id && i.code == IssueCode::WrongType);
          CHECK_MESSAGE(at_field, issues_text(issues));
        }
      }
  }
}

TEST_CASE("validation never crashes on arbitrary JSON") {
  std::mt19937 rng(31);
  std::vector<std::string> keys = {"x", "", "ÆØÅ", "lines", "basis", "staff_involved", "tab", "pl", "mc"};
  for (const auto& meta : Catalogue::builtin().forms())
    for (const auto& s : Catalogue::builtin().definition(meta.id, meta.version)->sections)
      for (const auto& f : s.fields) keys.push_back(f.id);
  // A random JSON value up to `depth` levels deep.
  std::function<json(int)> random_value = [&](int depth) -> json {
    switch (rng() % (depth > 0 ? 12 : 9)) {
      case 0: return nullptr;
      case 1: return rng() % 2 == 0;
      case 2: return static_cast<std::int64_t>(rng()) - 2147483648LL;
      case 3: return 18446744073709551615ULL;
      case 4: return 2.5e300;
      case 5: return keys[rng() % keys.size()];
      case 6: return "2024-02-29";
      case 7: return "2024-03-01T10:00";
      case 8: return std::string(rng() % 3, '\xc3');  // broken UTF-8
      case 9: {
        json a = json::array();
        for (unsigned i = rng() % 4; i > 0; --i) a.push_back(random_value(depth - 1));
        return a;
      }
      default: {
        json o = json::object();
        for (unsigned i = rng() % 5; i > 0; --i) o[keys[rng() % keys.size()]] = random_value(depth - 1);
        return o;
      }
    }
  };
  std::vector<const FormDefinition*> defs = {&all_types()};
  for (const auto& meta : Catalogue::builtin().forms())
    defs.push_back(Catalogue::builtin().definition(meta.id, meta.version));
  std::size_t total_issues = 0;
  for (int round = 0; round < 300; ++round)
    for (const auto* def : defs) {
      json content = round % 10 == 0 ? random_value(3) : json::object();
      if (content.is_object())
        for (unsigned i = rng() % 12; i > 0; --i) content[keys[rng() % keys.size()]] = random_value(3);
      for (Scope scope : {Scope::All, Scope::Staff, Scope::Leader, Scope::Authority}) {
        auto issues = validate(*def, content, scope);
        for (const auto& issue : issues) {
          CHECK_FALSE(issue.message.empty());
          CHECK(issue_code_from_string(to_string(issue.code)).has_value());
        }
        total_issues += issues.size();
      }
      (void)strip_hidden(*def, content);
      (void)period_last_day(*def, content);
    }
  CHECK(total_issues > 0);
  // Deep nesting as text is parsed without recursion trouble and rejected as content.
  std::string deep(20000, '[');
  deep += std::string(20000, ']');
  auto issues = validate_text(all_types(), deep);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == IssueCode::InvalidJson);
}
