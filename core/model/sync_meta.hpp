// Sync bookkeeping every citizen-data record carries (docs/sync-protocol.md): revision, content hash,
// the server's change cursor, and a tombstone flag. Not part of a record's content hash.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/util/result.hpp"
#include "core/util/sha256.hpp"

namespace magtreg::core::model {

struct SyncMeta {
  long long revision = 1;                // starts at 1, +1 per accepted change
  std::string content_hash;              // sha256 hex of the record's canonical JSON (set by storage)
  std::optional<long long> server_seq;   // the server's change cursor; empty on the tablet until acknowledged
  bool deleted = false;                  // tombstone: synced like any change, hidden from lists

  bool operator==(const SyncMeta&) const = default;
};

// {"revision", "content_hash", "server_seq"}: the envelope fields of an uploaded/downloaded record.
// `deleted` travels inside the record's data, so it is covered by the content hash.
nlohmann::json to_json(const SyncMeta& meta);
Result<SyncMeta> sync_meta_from_json(const nlohmann::json& j);

// The canonical JSON text of a record is to_json(record).dump(): nlohmann's objects keep keys sorted and
// dump() writes no spaces, so equal content gives equal bytes on both sides.
template <class T>
std::string canonical_json(const T& record) {
  return to_json(record).dump();
}

template <class T>
std::string content_hash(const T& record) {
  return sha256_hex(canonical_json(record));
}

}  // namespace magtreg::core::model
