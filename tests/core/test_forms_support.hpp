// Shared helpers for the form tests: a test catalogue built from JSON texts, and a generator of
// content that fills every visible field of a definition with a valid value.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/forms/catalogue.hpp"
#include "core/forms/form_definition.hpp"
#include "core/forms/hygiene.hpp"
#include "core/forms/validation.hpp"

namespace magtreg::test {

inline const char* k_test_sets =
    R"({"sets": [{"id": "t", "name": "Testsæt", "valid_from": "2020-01-01", "valid_to": null}]})";

inline std::vector<std::pair<std::string, std::string>> files_with(std::vector<std::string> forms) {
  std::vector<std::pair<std::string, std::string>> files{{"_sets.json", k_test_sets}};
  for (std::size_t i = 0; i < forms.size(); ++i) {
    std::string name = "t";  // built stepwise: g++ 12 warns falsely (-Wrestrict) on "t" + to_string(i)
    name += std::to_string(i);
    name += ".json";
    files.emplace_back(std::move(name), forms[i]);
  }
  return files;
}

// A valid value for one field; `yes` decides every yes/no answer, so conditions of both kinds are reached.
inline nlohmann::json sample_value(const core::forms::FormDefinition& def, const core::forms::FieldDef& f,
                                   std::string_view basis, bool yes) {
  using core::forms::FieldType;
  switch (f.type) {
    case FieldType::Text: return "Tekst med æøå";
    case FieldType::LongText: return "En længere beskrivelse af forløbet.";
    case FieldType::Date: return "2024-03-01";
    case FieldType::Time: return "10:15";
    case FieldType::DateTime: return "2024-03-01T10:15";
    case FieldType::Duration: return f.max && *f.max < 5 ? *f.max : 5;
    case FieldType::Number: return f.min && *f.min > 1 ? *f.min : (f.max && *f.max < 1 ? *f.max : 1);
    case FieldType::SingleChoice: return f.options.front().id;
    case FieldType::MultiChoice: return nlohmann::json::array({f.options.front().id});
    case FieldType::LegalBasis: return std::string(basis.empty() ? def.meta.bases.front() : std::string(basis));
    case FieldType::HygieneSituation: {
      std::string id(core::forms::k_hygiene_situations[1].id);
      return f.multiple ? nlohmann::json::array({id}) : nlohmann::json(id);
    }
    case FieldType::PersonList: return nlohmann::json::array({{{"name", "Anna Jensen"}, {"role", "Pædagog"}}});
    case FieldType::YesNo: return yes;
    case FieldType::Table: {
      nlohmann::json row = nlohmann::json::object();
      for (const auto& c : f.columns) row[c.id] = sample_value(def, c, basis, yes);
      return nlohmann::json::array({row});
    }
  }
  return nullptr;
}

// Fills every field that is visible given the answers before it (conditions refer to earlier fields).
inline nlohmann::json sample_content(const core::forms::FormDefinition& def, std::string_view basis, bool yes) {
  nlohmann::json content = nlohmann::json::object();
  for (const auto& s : def.sections)
    for (const auto& f : s.fields)
      if (core::forms::is_visible(def, f, content)) content[f.id] = sample_value(def, f, basis, yes);
  return content;
}

inline std::string issues_text(const std::vector<core::forms::Issue>& issues) {
  std::string out;
  for (const auto& i : issues)
    out += std::string(core::forms::to_string(i.code)) + " " + i.path + ": " + i.message + "\n";
  return out;
}

}  // namespace magtreg::test
