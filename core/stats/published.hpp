// The statistics as the server publishes them (GET /api/v1/stats, /api/v1/stats/commentary,
// POST /api/v1/stats/report-link): what a reader sees — suppressed counts absent, every count also as
// the text to show ("12", "< 5", "–"). The server writes them with to_json(Statistics) and the
// commentary writers below; the app reads them with these readers (issue #13: no hand-written copies).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/stats/commentary.hpp"
#include "core/stats/statistics.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::stats {

struct PublishedFigure {
  std::optional<long long> count, previous;  // empty when suppressed
  std::string shown, previous_shown;         // "12", "< 5", "–"
};

struct PublishedRow {
  std::string key, label;
  PublishedFigure figure;
};

struct PublishedTable {
  std::string id, title;
  std::vector<PublishedRow> rows;
};

struct PublishedStatistics {
  std::string municipality, period_label, previous_label, unit_label;
  bool pseudonymised = true;
  int threshold = 0;
  PublishedFigure registrations, preapprovable_as_acute, late_registrations, moves, complaints;
  std::optional<long long> citizens, top_citizens;
  std::optional<double> top_share;
  std::vector<PublishedTable> tables;
  std::vector<PublishedRow> complaints_by_status;
  std::vector<Unit> units;

  const PublishedTable* table(const std::string& id) const;
};
// INVALID_INPUT when the answer lacks its period or tables.
Result<PublishedStatistics> published_statistics_from_json(const nlohmann::json& j);

// [SECTION] the yearly report's commentary
struct PublishedCommentary {
  std::string department, commentary, positive_examples, updated_by, updated_at;  // updated_by: a name
};
nlohmann::json to_json(const Commentary& c);  // as published: the writer's display name
PublishedCommentary published_commentary_from_json(const nlohmann::json& j);
// PUT commentary's answer: {"commentary": the saved commentary as published}.
nlohmann::json saved_commentary_json(const Commentary& c);
Result<PublishedCommentary> saved_commentary_from_json(const nlohmann::json& j);

struct CommentaryList {
  int year = 0;
  std::vector<std::string> departments, writable;
  std::map<std::string, PublishedCommentary> by_department;
};
nlohmann::json commentary_list_json(int year, const std::vector<std::string>& departments,
                                    const std::vector<Commentary>& commentary, const std::vector<std::string>& writable);
Result<CommentaryList> commentary_list_from_json(const nlohmann::json& j);

struct CommentaryUpdate {
  int year = 0;
  std::string department, commentary, positive_examples;
};
nlohmann::json to_json(const CommentaryUpdate& u);
// PUT commentary's body as the server reads it: "year" and "department" required, the two texts optional
// (empty when absent); no other member. The year's range and the texts' length are save_commentary's to
// judge (after the access policy, so the refusal is audited).
Result<CommentaryUpdate> commentary_update_from_json(const nlohmann::json& j);

// POST report-link's body: the year, and a department or an institution (empty = the whole municipality);
// the year's range is compute_statistics' to judge.
struct ReportLinkRequest {
  int year = 0;
  std::string department, institution;
  bool operator==(const ReportLinkRequest&) const = default;
};
nlohmann::json to_json(const ReportLinkRequest& r);
Result<ReportLinkRequest> report_link_request_from_json(const nlohmann::json& j);

// POST report-link's answer: {"url", "csv_url"}.
struct ReportLink {
  std::string url, csv_url;
  long long expires_in_seconds = 0;  // each link opens its page once, within this time
};
nlohmann::json to_json(const ReportLink& l);
Result<ReportLink> report_link_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::stats
