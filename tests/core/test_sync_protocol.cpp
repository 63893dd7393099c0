// The sync protocol's decisions as tables (docs/sync-protocol.md).
#include <doctest/doctest.h>

#include "core/sync/protocol.hpp"

using namespace magtreg::core::sync;

TEST_CASE("upload decision: stored revision x incoming revision and hash") {
  struct Row {
    std::optional<StoredRevision> stored;
    long long revision;
    const char* hash;
    UploadDecision expect;
  };
  const StoredRevision r3{3, "aaa"};
  const Row rows[] = {
      {std::nullopt, 1, "aaa", UploadDecision::Insert},
      {std::nullopt, 2, "aaa", UploadDecision::Stale},  // the server never saw revision 1
      {std::nullopt, 0, "aaa", UploadDecision::Stale},
      {r3, 3, "aaa", UploadDecision::Replay},    // a retried upload
      {r3, 3, "bbb", UploadDecision::Conflict},  // same revision, different content: never overwrite
      {r3, 4, "bbb", UploadDecision::Update},
      {r3, 4, "aaa", UploadDecision::Update},    // unchanged content is still a new revision
      {r3, 2, "aaa", UploadDecision::Stale},
      {r3, 5, "ccc", UploadDecision::Stale},     // a gap
  };
  for (const auto& r : rows) {
    CAPTURE(r.revision);
    CAPTURE(r.hash);
    CHECK(to_string(decide_upload(r.stored, r.revision, r.hash)) == to_string(r.expect));
  }
}

TEST_CASE("download decision: a local record with unsent edits is never overwritten") {
  CHECK(decide_download(std::nullopt, 1) == DownloadDecision::Apply);
  CHECK(decide_download(LocalRecordState{2, false}, 3) == DownloadDecision::Apply);
  CHECK(decide_download(LocalRecordState{2, true}, 3) == DownloadDecision::Conflict);
  CHECK(decide_download(LocalRecordState{3, true}, 3) == DownloadDecision::Ignore);
  CHECK(decide_download(LocalRecordState{3, false}, 2) == DownloadDecision::Ignore);
}
