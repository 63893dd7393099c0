// The model of one versioned form definition (sections, fields, options, table columns, visibility
// conditions) and its parser from the definition JSON. Schema: docs/forms.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/forms/catalogue.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::forms {

enum class FieldType {
  Text,              // one line of text
  LongText,          // free text, several lines
  Date,              // "YYYY-MM-DD"
  Time,              // "HH:MM"
  DateTime,          // "YYYY-MM-DDTHH:MM" (local time, no zone)
  Duration,          // whole minutes, >= 0
  SingleChoice,      // one option id
  MultiChoice,       // array of distinct option ids
  LegalBasis,        // one legal basis id from the form's `bases`
  HygieneSituation,  // one hygiene situation id (or an array when `multiple`)
  PersonList,        // array of {"name": ..., "role": ...}
  YesNo,             // true / false
  Number,            // whole number
  Table,             // array of row objects; each column is itself a field
};

// The part of a form a field belongs to; it decides who fills it in and when.
enum class FormPart {
  Staff,      // the employee who intervened (medarbejderdel)
  Leader,     // the leader who completes and locks the form (ledelsesdel)
  Authority,  // the municipal administration (myndighed), e.g. Skema 2/4 on moves
};

std::string_view to_string(FieldType type);
std::optional<FieldType> field_type_from_string(std::string_view name);
std::string_view to_string(FormPart part);  // "staff", "leader", "authority"
std::optional<FormPart> form_part_from_string(std::string_view name);
std::string_view part_label(FormPart part);  // Danish, e.g. "Medarbejderdel"

struct Option {
  std::string id;
  std::string label;  // Danish
};

// Visibility: the field is shown when the referenced (earlier) field is visible and its value equals
// one of `values` (for an array value: contains one of them). A hidden field is never required.
struct Condition {
  std::string field;
  std::vector<nlohmann::json> values;  // from "equals" (one value) or "in" (several)
};

struct FieldDef {
  std::string id;     // snake_case, unique in the form (columns: unique in the table)
  std::string label;  // Danish
  std::string help;   // Danish, optional
  FieldType type = FieldType::Text;
  bool required = false;
  std::optional<Condition> visible_if;
  std::vector<Option> options;          // single_choice, multi_choice
  std::vector<FieldDef> columns;        // table
  int min_rows = 0;                     // table, person_list
  int max_rows = 0;                     // table, person_list; 0 = no limit
  int max_length = 0;                   // text, long_text (code points); 0 = type default
  std::optional<std::int64_t> min;      // number, duration
  std::optional<std::int64_t> max;      // number, duration
  std::string not_before;               // date, datetime: an earlier field of the same type
  bool multiple = false;                // hygiene_situation: an array of situations
  std::string role_label;               // person_list: label of the role/relation column
};

struct Section {
  std::string id;
  std::string title;  // Danish
  std::string help;   // Danish, optional
  FormPart part = FormPart::Staff;
  std::vector<FieldDef> fields;
};

// Bilag 1: the daily lines of a period of at most `days` days starting on `start_field`.
struct PeriodSpec {
  std::string start_field;  // a date field
  std::string lines_field;  // a table field
  std::string date_column;  // a date column of that table
  // Each line is an intervention (issue #14 item 2): its time of day and duration, when the table has them.
  std::string time_column;      // a time column, optional
  std::string duration_column;  // a duration column (minutes), optional
  int days = 31;
};

struct FormDefinition {
  FormMeta meta;
  std::vector<Section> sections;
  std::optional<PeriodSpec> period;  // required for LifecycleKind::Period

  // Top-level field by id (not table columns); nullptr when unknown.
  const FieldDef* find_field(std::string_view id) const;
  // The part of the section holding a top-level field.
  std::optional<FormPart> part_of(std::string_view field_id) const;
  // The parts the form has, in order of first appearance.
  std::vector<FormPart> parts() const;
};

// Parses "sections" and "period" of a definition JSON object into `def` (whose meta is already read).
// Errors name the JSON path and say what is wrong; the definition is rejected, never half-loaded.
Status parse_definition_body(const nlohmann::json& j, FormDefinition& def);

// Default text limits when a field does not set max_length.
inline constexpr int k_text_max_length = 500;
inline constexpr int k_long_text_max_length = 20000;
// The most characters (code points) a text or long_text field takes: its max_length, else its type's
// default. The validation, the upload check and the tablet's text fields all ask this.
int text_limit(const FieldDef& f);

}  // namespace magtreg::core::forms
