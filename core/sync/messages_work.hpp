// The work-after-registration half of the /api/v1 protocol as core types (issue #13): the work list
// (øjeoverblik), the monthly/quarterly report preview, the list and detail of report batches, and what
// stands in the way of closing a case. The server writes them with to_json, the app reads them with the
// *_from_json readers (lenient: unknown members are ignored, a malformed entry is skipped).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/cases/cases.hpp"
#include "core/model/citizen.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/report_batch.hpp"
#include "core/records/accept.hpp"
#include "core/util/result.hpp"
#include "core/workflow/reporting.hpp"
#include "core/workflow/work.hpp"

namespace magtreg::core::forms {
class Catalogue;
}

namespace magtreg::core::sync {

// [SECTION] GET /api/v1/work
struct WorkList {
  std::vector<workflow::WorkItem> items;
  std::string now;  // the server's Copenhagen time, "YYYY-MM-DDTHH:MM"
};
nlohmann::json to_json(const WorkList& w);
Result<WorkList> work_list_from_json(const nlohmann::json& j);
// One item as the server wrote it (workflow::to_json); INVALID_INPUT for an unknown kind.
Result<workflow::WorkItem> work_item_from_json(const nlohmann::json& j);

// [SECTION] a form as a report lists it
struct FormSummary {
  std::string id, form_id, short_title, citizen_id, citizen_name, institution_id;
  model::FormState state = model::FormState::Draft;
  std::optional<std::string> legal_basis, started_at, locked_at;
  bool operator==(const FormSummary&) const = default;
};
// `citizens` names the citizen; the catalogue gives the short title.
FormSummary summary_of(const model::FormInstance& f, const std::vector<model::Citizen>& citizens,
                       const forms::Catalogue& catalogue);
nlohmann::json to_json(const FormSummary& f);
FormSummary form_summary_from_json(const nlohmann::json& j);

struct RecipientRow {
  std::string kind, name;
  std::vector<std::string> form_ids;
  bool operator==(const RecipientRow&) const = default;
};

// [SECTION] GET /api/v1/reports/preview?institution=…&month=…[&kind=moves]
struct ReportPreview {
  std::string institution_id, institution_name;
  bool moves = false;       // "kind": "moves" (the quarterly move report) or "monthly"
  std::string month;        // "YYYY-MM"; for moves the quarter's last month
  std::string month_text;   // "marts 2025" / "1. kvartal 2025"
  bool month_closed = false;
  std::string due, due_text;
  std::vector<FormSummary> forms;  // in no report yet, in official order
  std::vector<RecipientRow> recipients;
};
nlohmann::json to_json(const ReportPreview& p);
Result<ReportPreview> report_preview_from_json(const nlohmann::json& j);

// [SECTION] GET /api/v1/reports?month=…[&institution=…]
struct ReportListEntry {
  model::ReportBatch batch;  // with the server's revision and hash
  bool moves = false;
  std::string institution_name;
};
struct ReportList {
  std::vector<ReportListEntry> reports;
};
nlohmann::json to_json(const ReportList& l);
Result<ReportList> report_list_from_json(const nlohmann::json& j);

// [SECTION] GET /api/v1/reports/{id}
struct ReportDetail {
  model::ReportBatch batch;
  bool moves = false;
  std::string institution_name;
  std::vector<FormSummary> forms;
};
nlohmann::json to_json(const ReportDetail& d);
Result<ReportDetail> report_detail_from_json(const nlohmann::json& j);

// [SECTION] GET /api/v1/cases/{id}/closing
struct ClosingAnswer {
  std::string case_id;
  bool closable = false;
  std::vector<records::IssueNote> gaps;  // each a closing gap: gap, form id (path), message
};
ClosingAnswer closing_answer_of(const std::string& case_id, const std::vector<cases::Missing>& gaps);
nlohmann::json to_json(const ClosingAnswer& a);
Result<ClosingAnswer> closing_answer_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::sync
