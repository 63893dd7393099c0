// A monthly report batch (indberetning) of an institution: the month's locked registrations and the
// recipients they went to (handlekommune, socialtilsyn, driftsherre, værge, region for children).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/sync_meta.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::model {

inline constexpr std::string_view k_recipient_kinds[] = {"handlekommune", "socialtilsyn", "driftsherre", "vaerge",
                                                         "region"};

struct ReportRecipient {
  std::string kind;                    // one of k_recipient_kinds
  std::string name;                    // "Nyborg Kommune", "Socialtilsyn Syd", ...
  std::optional<std::string> sent_at;  // UTC instant; empty until sent

  bool operator==(const ReportRecipient&) const = default;
};

struct ReportBatch {
  std::string id;                         // UUID
  std::string institution_id;             // UUID
  std::string month;                      // "YYYY-MM"
  std::vector<ReportRecipient> recipients;
  std::vector<std::string> form_ids;      // form instance UUIDs in the batch, in report order
  std::string created_by;                 // user UUID
  std::string created_at;                 // UTC instant
  SyncMeta sync;

  bool operator==(const ReportBatch&) const = default;
};

nlohmann::json to_json(const ReportRecipient& r);
nlohmann::json to_json(const ReportBatch& b);
Result<ReportBatch> report_batch_from_json(const nlohmann::json& j);
Result<std::vector<ReportRecipient>> recipients_from_json(const nlohmann::json& j, const std::string& path);

}  // namespace magtreg::core::model
