// Validation of form content (a JSON object {field_id: value}) against the definition version it
// was filled on: a list of issues with stable codes, JSON paths and Danish messages. Never throws,
// whatever the JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/forms/form_definition.hpp"

namespace magtreg::core::forms {

enum class IssueCode {
  Required,        // REQUIRED: a visible required field is missing or empty
  WrongType,       // WRONG_TYPE: e.g. a number where text was expected
  NotAnOption,     // NOT_AN_OPTION: a choice, legal basis or hygiene situation that is not offered
  DuplicateChoice, // DUPLICATE_CHOICE: the same option twice in a multi choice
  InvalidDate,     // INVALID_DATE: not a real "YYYY-MM-DD"
  InvalidTime,     // INVALID_TIME: not "HH:MM"
  InvalidDateTime, // INVALID_DATETIME: not "YYYY-MM-DDTHH:MM"
  TooLong,         // TOO_LONG: text longer than the field allows
  OutOfRange,      // OUT_OF_RANGE: number or duration outside min/max (durations are >= 0)
  TooManyRows,     // TOO_MANY_ROWS
  TooFewRows,      // TOO_FEW_ROWS
  UnknownField,    // UNKNOWN_FIELD: a key the definition does not have (never silently kept)
  EndBeforeStart,  // END_BEFORE_START: a date/datetime before its `not_before` field
  OutOfPeriod,     // OUT_OF_PERIOD: a Bilag 1 line dated outside the period
  InvalidJson,     // INVALID_JSON: the content text is not JSON, or not an object
};

std::string_view to_string(IssueCode code);  // the stable wire name, e.g. "NOT_AN_OPTION"
std::optional<IssueCode> issue_code_from_string(std::string_view name);

struct Issue {
  std::string path;  // "basis", "staff_involved[1].name", "lines[3].date"; "" = the whole content
  IssueCode code = IssueCode::Required;
  std::string message;  // Danish, shown next to the field
};

// Which fields to check: one part (the staff part when staff saves as Udfyldt, ...) or all of them.
// Unknown fields are reported in every scope.
enum class Scope { All, Staff, Leader, Authority };
Scope scope_of(FormPart part);

std::vector<Issue> validate(const FormDefinition& def, const nlohmann::json& content, Scope scope = Scope::All);
// Parses `text` first (INVALID_JSON when it is not a JSON object).
std::vector<Issue> validate_text(const FormDefinition& def, std::string_view text, Scope scope = Scope::All);

// The first text longer than its field allows, as FIELD_TOO_LONG naming its path under "content". Every
// save and upload is checked, drafts included, so no record grows past what its form allows and one
// user's oversized drafts cannot slow everyone's uploads (issue #29, finding 4).
Status check_text_lengths(const FormDefinition& def, const nlohmann::json& content);

// Whether a top-level field is visible for this content (its condition chain holds).
bool is_visible(const FormDefinition& def, const FieldDef& field, const nlohmann::json& content);
// A copy of `content` without the values of hidden fields (and hidden table cells), so a stored form
// never carries answers to questions it no longer asks. Non-objects are returned unchanged.
nlohmann::json strip_hidden(const FormDefinition& def, const nlohmann::json& content);

// Bilag 1: the last day of the period ("YYYY-MM-DD", start + days - 1), or "" when the form has no
// period or its start date is missing or invalid.
std::string period_last_day(const FormDefinition& def, const nlohmann::json& content);

}  // namespace magtreg::core::forms
