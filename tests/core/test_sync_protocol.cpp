// The sync protocol's decisions as tables (docs/sync-protocol.md).
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "core/sync/protocol.hpp"
#include "core/sync/routes.hpp"

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

// Issue 27 item 5: the route table the app builds its paths from and the server's router registers. Every
// route's path, built as the app builds it, is matched by its own regex and by no other route of the same
// method, so a request the app sends reaches the handler the table names.
TEST_CASE("every route of the API table is reached by the path the app builds for it, and only that route") {
  namespace routes = magtreg::core::sync::routes;
  for (const routes::Route* route : routes::k_all) {
    CAPTURE(std::string(route->name));
    for (const bool optional : {false, true}) {
      const std::string_view id = "0b7d7d1c-5a55-4b8e-8f3a-1c2d3e4f5a6b";
      const std::string path = route->name.find("{kind}") != std::string_view::npos
                                   ? routes::expand(*route, {"form", id}, optional)
                                   : routes::expand(*route, {id}, optional);
      CHECK(path.find('{') == std::string::npos);
      CHECK(path.rfind(std::string(routes::k_base), 0) == 0);
      for (const routes::Route* other : routes::k_all) {
        if (other->method != route->method) continue;
        const bool matches = std::regex_match(path, std::regex(std::string(other->match())));
        CHECK_MESSAGE(matches == (other == route), std::string(other->name));
      }
    }
  }
  CHECK(routes::expand(routes::upload, {"form", "f-1"}) == "/api/v1/records/form/f-1");
  CHECK(routes::expand(routes::report, {"r-1"}, true) == "/api/v1/reports/r-1/document");
}
