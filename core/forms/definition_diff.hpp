// What differs between two versions of a form definition: for `magtreg forms diff`, the administrator's
// screen, and a draft a user moves to a newer version (the screen shows what changes).
#pragma once

#include <string>
#include <vector>

#include "core/forms/form_definition.hpp"

namespace magtreg::core::forms {

struct DefinitionChange {
  enum class Kind { Added, Removed, Changed };
  Kind kind = Kind::Changed;
  std::string path;  // "title", "sections.involved", "fields.citizen_name", "fields.staff.columns.role", ...
  std::string text;  // Danish, one line: "Felt »Borgerens navn« (citizen_name): ledetekst »A« → »B«"
};

// Metadata, then sections, then fields (table columns under their table) in `to`'s order, removed ones
// after; an empty list when the two say the same (their content hashes may still differ only by order
// of keys, never by meaning).
std::vector<DefinitionChange> diff_definitions(const FormDefinition& from, const FormDefinition& to);

}  // namespace magtreg::core::forms
