// The versioned form catalogue: form sets with the dates they are in force, and form definitions
// (metadata here; sections and fields in form_definition.hpp), all loaded from embedded JSON data.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"

namespace magtreg::core::forms {

struct FormDefinition;  // form_definition.hpp

// A calendar day as "YYYY-MM-DD" text compares correctly as a string; kept as text here so the
// catalogue has no dependency on the time module.
struct FormSet {
  std::string id;          // "2020", "2024", "boern"
  std::string name;        // Danish, shown to users
  std::string valid_from;  // inclusive "YYYY-MM-DD"; empty = always
  std::string valid_to;    // inclusive "YYYY-MM-DD"; empty = no end date
  std::string source;      // where the set comes from (Danish, shown in the UI)

  // True when the set is in force on `day` ("YYYY-MM-DD").
  bool in_force_on(std::string_view day) const;
};

enum class FormKind {
  Registration,  // one intervention (2020-1a, 2020-1b, 2024-1, 2024-bilag136c, boern-1a)
  PreApproved,   // combined registration under a decision (2024-2)
  DailyLines,    // Bilag 1 (2020): daily lines under a decision, period of at most 31 days
  Application,   // request for a municipal decision (2020-3, 2024-3)
  Move,          // moving without consent (2020-2, 2024-4)
  Supplement,    // internal supplement (boern-supplement)
};

enum class LifecycleKind {
  StaffThenLeader,  // Kladde -> Udfyldt (staff part valid) -> Låst (leader part valid)
  DirectLock,       // Kladde -> Låst
  Period,           // Bilag 1: Udfyldt while the period is open, Låst at day 31 / period end
};

struct FormMeta {
  std::string id;               // "2020-1a"
  int version = 1;              // definition version; a stored form keeps the version it was filled on
  std::string set;              // "2020"
  std::string title;            // Danish full title
  std::string short_title;      // "Skema 1 a"
  FormKind kind = FormKind::Registration;
  LifecycleKind lifecycle = LifecycleKind::StaffThenLeader;
  std::vector<std::string> target_groups;  // "handicap", "demens", "boern"
  std::vector<std::string> bases;          // legal basis ids the form covers
  bool verified = false;        // checked word for word against the official form
  std::string source_note;      // what the definition was written from

  bool covers_basis(std::string_view basis) const;
  bool for_target_group(std::string_view group) const;
  // The heading to show: the title, with the short title in front only when the title does not
  // already begin with it ("Skema 1 a: Registrering …", "Supplement 1 a (GRØN) – Supplerende …").
  std::string display_title() const;
};

std::string_view to_string(FormKind kind);
std::string_view to_string(LifecycleKind kind);

// The built-in catalogue, parsed once from the embedded JSON. A broken embedded file is a build
// defect: catalogue_status() reports it and the tests fail on it.
class Catalogue {
 public:
  static const Catalogue& builtin();
  // Loads from JSON texts (used by builtin() and by tests with their own definitions).
  static Result<Catalogue> load(const std::vector<std::pair<std::string, std::string>>& files);

  const std::vector<FormSet>& sets() const { return m_sets; }
  const std::vector<FormMeta>& forms() const { return m_forms; }
  const FormSet* find_set(std::string_view id) const;
  // The newest version of a form id.
  const FormMeta* find_form(std::string_view id) const;
  const FormMeta* find_form(std::string_view id, int version) const;
  // Form sets in force on a day ("YYYY-MM-DD").
  std::vector<const FormSet*> sets_in_force(std::string_view day) const;

  // The full definition (sections, fields) of one form version; nullptr when unknown. A stored
  // form names (id, version) and is always shown and validated with exactly that version.
  const FormDefinition* definition(std::string_view id, int version) const;
  // The newest version's definition.
  const FormDefinition* definition(std::string_view id) const;
  // As definition(id, version), with an UNKNOWN_FORM error (Danish message) when it is missing.
  Result<const FormDefinition*> require_definition(std::string_view id, int version) const;

  const std::string& load_error() const { return m_load_error; }

 private:
  std::vector<FormSet> m_sets;
  std::vector<FormMeta> m_forms;
  std::vector<std::shared_ptr<const FormDefinition>> m_definitions;  // parallel to m_forms
  std::string m_load_error;
  friend struct CatalogueLoader;
};

}  // namespace magtreg::core::forms
