// Upload and download decisions of the sync protocol.
#include "core/sync/protocol.hpp"

namespace magtreg::core::sync {

std::string_view to_string(UploadDecision d) {
  switch (d) {
    case UploadDecision::Insert: return "insert";
    case UploadDecision::Update: return "update";
    case UploadDecision::Replay: return "replay";
    case UploadDecision::Conflict: return "conflict";
    case UploadDecision::Stale: return "stale";
  }
  return "stale";
}

std::string_view to_string(DownloadDecision d) {
  switch (d) {
    case DownloadDecision::Apply: return "apply";
    case DownloadDecision::Ignore: return "ignore";
    case DownloadDecision::Conflict: return "conflict";
  }
  return "ignore";
}

UploadDecision decide_upload(const std::optional<StoredRevision>& stored, long long revision,
                             std::string_view content_hash) {
  if (!stored) return revision == 1 ? UploadDecision::Insert : UploadDecision::Stale;
  if (revision == stored->revision)
    return content_hash == stored->content_hash ? UploadDecision::Replay : UploadDecision::Conflict;
  if (revision == stored->revision + 1) return UploadDecision::Update;
  return UploadDecision::Stale;
}

DownloadDecision decide_download(const std::optional<LocalRecordState>& local, long long remote_revision) {
  if (!local) return DownloadDecision::Apply;
  if (remote_revision <= local->server_revision) return DownloadDecision::Ignore;
  return local->has_pending_edits ? DownloadDecision::Conflict : DownloadDecision::Apply;
}

}  // namespace magtreg::core::sync
