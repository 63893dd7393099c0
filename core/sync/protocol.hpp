// The sync protocol's pure rules (docs/sync-protocol.md): the version constant, how the server decides
// on an uploaded revision, and how the tablet merges a downloaded record. Both sides call these.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace magtreg::core::sync {

// Changelog: 1 = first version (login/sessions, per-record upload with revision + content hash,
// paged download after a cursor).
inline constexpr int k_protocol_version = 1;

struct StoredRevision {
  long long revision = 0;
  std::string content_hash;
};

enum class UploadDecision {
  Insert,    // new record, revision 1
  Update,    // revision == stored + 1
  Replay,    // the same revision and hash again: answer with the original result
  Conflict,  // the same revision, other content: REVISION_CONFLICT
  Stale,     // older than stored, or a gap: REVISION_STALE
};

std::string_view to_string(UploadDecision d);

// `stored` is empty when the server has no record with that id.
UploadDecision decide_upload(const std::optional<StoredRevision>& stored, long long revision,
                             std::string_view content_hash);

// What the tablet does with a record downloaded from the server.
enum class DownloadDecision {
  Apply,     // take the server's version (nothing local is pending, and it is newer)
  Ignore,    // already have it (same or older revision)
  Conflict,  // the server changed a record the user has unsent edits to: show both, drop nothing
};

std::string_view to_string(DownloadDecision d);

struct LocalRecordState {
  long long server_revision = 0;  // last revision the server acknowledged (0 = never)
  bool has_pending_edits = false; // outbox entries not yet acknowledged
};

DownloadDecision decide_download(const std::optional<LocalRecordState>& local, long long remote_revision);

}  // namespace magtreg::core::sync
