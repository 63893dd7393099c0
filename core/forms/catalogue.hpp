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
  Registration,  // one intervention (2020-1a, 2020-1b, 2024-1, 2024-bilag136c version 1, boern-1a)
  PreApproved,   // combined registration under a decision (2024-2)
  DailyLines,    // Bilag 1 (2020): daily lines under a decision, period of at most 31 days
  Application,   // request for a municipal decision (2020-3, 2024-3)
  Move,          // moving without consent (2020-2, 2024-4)
  Supplement,    // internal supplement (boern-supplement)
  // An official annex to one registration, made from it and reported with it, never an intervention of its
  // own (2024-bilag136c from version 2: the Bilag til § 136 c of a Skema 1 on § 136 c; issue 14 item 15).
  Attachment,
};

// Where a definition stands against the agency's official form. Every status can be in force; the
// status is what the header of a shown or printed form says about its wording.
enum class DefinitionStatus {
  Draft,     // written from the law and guidance, not yet checked word for word ("draft")
  Verified,  // checked word for word against the official form ("verified")
  Retired,   // withdrawn: no new form begins on it; forms filled on it keep it ("retired")
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
  DefinitionStatus status = DefinitionStatus::Draft;
  std::string in_force_from;    // "YYYY-MM-DD": for interventions from that day; empty = the set's first day
  std::string source_title;     // the official document the wording was checked against, e.g. "Skema 1 (Word)"
  std::string source_date;      // that document's date, "YYYY-MM-DD"
  std::string source_note;      // what the definition was written from
  // SHA-256 (hex) of the definition's canonical JSON (keys sorted, no spaces): a stored form names the
  // wording it was filled on by this hash, and a published (id, version) never changes it.
  std::string content_hash;

  bool verified() const { return status == DefinitionStatus::Verified; }

  bool covers_basis(std::string_view basis) const;
  bool for_target_group(std::string_view group) const;
  // The heading to show: the title, with the short title in front only when the title does not
  // already begin with it ("Skema 1 a: Registrering …", "Supplement 1 a (GRØN) – Supplerende …").
  std::string display_title() const;
};

std::string_view to_string(FormKind kind);
std::string_view to_string(LifecycleKind kind);
std::string_view to_string(DefinitionStatus status);  // "draft", "verified", "retired"
std::optional<DefinitionStatus> definition_status_from_string(std::string_view name);
// Danish, for lists and form headers: "ikke kontrolleret", "kontrolleret", "udgået".
std::string_view status_label(DefinitionStatus status);

// The built-in catalogue, parsed once from the embedded JSON. A broken embedded file is a build
// defect: catalogue_status() reports it and the tests fail on it.
class Catalogue {
 public:
  // The embedded definitions only: the seed of a database's catalogue (core/catalogue).
  static const Catalogue& builtin();
  // The catalogue in use: builtin() until install() gives another (the server's, from its table
  // form_definitions). Every installed catalogue stays alive until the process ends, so a reference or a
  // definition pointer taken from one never dangles, also when another thread installs a newer one: a
  // catalogue only grows (a stored version never changes) and installs are rare.
  static const Catalogue& current();
  static void install(Catalogue next);
  // Loads from JSON texts (used by builtin() and by tests with their own definitions). A refused file
  // gives one of the DEFINITION_* codes, its JSON path as the error's field, and "FILE: PATH: what" as
  // the message.
  static Result<Catalogue> load(const std::vector<std::pair<std::string, std::string>>& files);
  // The embedded files (name, text): the seed of a fresh database and the catalogue before a server answers.
  static std::vector<std::pair<std::string, std::string>> embedded_files();

  const std::vector<FormSet>& sets() const { return m_sets; }
  const std::vector<FormMeta>& forms() const { return m_forms; }
  const FormSet* find_set(std::string_view id) const;
  // The newest version of a form id.
  const FormMeta* find_form(std::string_view id) const;
  const FormMeta* find_form(std::string_view id, int version) const;
  // The version a new form for an intervention on `day` ("YYYY-MM-DD") begins on: the highest version
  // that is not retired, whose in-force day (its own, else its set's first day) is on or before `day`,
  // and whose set is in force that day. nullptr when none is.
  const FormMeta* form_for_day(std::string_view id, std::string_view day) const;
  // The first day a version is used for: its in_force_from, else its set's valid_from (empty = always).
  std::string in_force_from(const FormMeta& meta) const;
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
