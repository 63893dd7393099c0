// JSON of the sync envelope fields.
#include "core/model/sync_meta.hpp"

#include "core/util/json_util.hpp"

namespace magtreg::core::model {

nlohmann::json to_json(const SyncMeta& meta) {
  nlohmann::json j = nlohmann::json::object();
  j["revision"] = meta.revision;
  j["content_hash"] = meta.content_hash;
  j["server_seq"] = optional_json(meta.server_seq);
  return j;
}

Result<SyncMeta> sync_meta_from_json(const nlohmann::json& j) {
  SyncMeta m;
  JsonReader r(j);
  r.integer("revision", m.revision, 1, (1LL << 53))
      .text("content_hash", m.content_hash, TextFormat::Sha256Hex)
      .optional_integer("server_seq", m.server_seq, 1, (1LL << 53));
  if (Status st = r.finish(); !st) return st.error();
  return m;
}

}  // namespace magtreg::core::model
