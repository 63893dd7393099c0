// The form catalogue as data a database holds (issue 17): every definition version in use, stored once
// with its canonical JSON and content hash and never changed (table form_definitions, migration 12).
// The server's catalogue is built from it; `magtreg forms import|list|show|diff` work on it. The
// embedded definitions are its seed: a database gains each embedded version it lacks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/forms/catalogue.hpp"
#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::catalogue {

inline constexpr const char* k_builtin_importer = "magtreg";  // imported_by of the embedded seed

struct StoredDefinition {
  forms::FormMeta meta;
  std::string body;  // canonical JSON (keys sorted, no spaces); its SHA-256 is meta.content_hash
  std::string imported_by;
  std::string imported_at;  // UTC "YYYY-MM-DDTHH:MM:SSZ"
};

// Adds every embedded definition version the database lacks. Returns what it noticed and left alone: an
// embedded version whose text differs from the stored one (the stored one stays: forms were filled on it).
Result<std::vector<std::string>> seed_builtin_definitions(storage::Database& db, const std::string& now);

// Every stored version, by form id and version.
Result<std::vector<StoredDefinition>> list_definitions(storage::Database& db);
Result<std::optional<StoredDefinition>> find_definition(storage::Database& db, std::string_view form_id, int version);

// The catalogue of the stored definitions with the embedded form sets.
Result<forms::Catalogue> load_catalogue(storage::Database& db);

struct ImportOutcome {
  forms::FormMeta meta;
  bool already_stored = false;    // the same version with the same text was there: nothing changed
  std::string in_force_from;      // the first intervention day it is used for (its own, else its set's)
  std::optional<int> previous;    // the version it follows, if any
};

// Checks `text` as a definition version and stores it, in the caller's transaction. Refusals carry a
// DEFINITION_* code and the JSON path, and their message begins with `source_name` (the file): the shape
// (core/forms), the law it names (rules), the set, and DEFINITION_VERSION_PUBLISHED when that
// (id, version) is stored with other content.
Result<ImportOutcome> import_definition(storage::Database& db, std::string_view source_name, std::string_view text,
                                        const std::string& actor, const std::string& now);

// [SECTION] the catalogue a process uses (the server at start, the tablet at unlock and after a sync)
struct Installed {
  long long versions = 0;              // stored versions now installed
  std::vector<std::string> noticed;    // from seed_builtin_definitions
};
// Seeds the embedded versions the database lacks, loads the table and installs it as
// forms::Catalogue::current(). The caller holds no transaction (this opens its own).
Result<Installed> install_stored_catalogue(storage::Database& db, const std::string& now);

// The catalogue's version tag for delivery: SHA-256 over every stored "id@version:hash" line, in order.
// Two databases with the same versions have the same tag.
std::string catalogue_tag(const std::vector<StoredDefinition>& all);

// The definitions a tablet received from its server, each stored as an import by "server" would be
// (checked the same way; one it already holds with the same text is skipped). A definition this build
// cannot use (a paragraph it does not know, a newer format) is counted and skipped, never half-stored.
struct Received {
  int added = 0;
  int refused = 0;
  std::string first_refusal;  // the first refusal's message, for the sync line
};
Result<Received> store_received_definitions(storage::Database& db, const std::vector<std::string>& bodies,
                                            const std::string& now);

}  // namespace magtreg::core::catalogue
