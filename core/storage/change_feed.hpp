// The sync download: every record kind changed after a server_seq cursor, limited to what the user's
// institutions may see, oldest change first, one page at a time (docs/sync-protocol.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::storage {

struct Change {
  std::string kind;  // "citizen", "form", ...
  std::string id;
  long long revision = 0;
  std::string content_hash;
  long long server_seq = 0;
  nlohmann::json data;  // to_json of the record (includes "deleted")
};

struct ChangePage {
  std::vector<Change> records;
  long long next_after = 0;  // the cursor to store once the page is applied
  bool has_more = false;
};

// Records with server_seq > `after`, at most `limit` (1..1000). `institution_ids` std::nullopt = every
// institution (roles with municipality-wide access); an empty list = none. A record belongs to an
// institution through its own institution_id (citizens, forms, report batches), its form (events), or
// its citizen (the rest).
Result<ChangePage> changes_after(Database& db, long long after,
                                 const std::optional<std::vector<std::string>>& institution_ids, int limit);

}  // namespace magtreg::core::storage
