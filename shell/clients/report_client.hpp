// The monthly report (and the administration's quarterly report of moves): the server's preview of what
// is not reported yet and the batches already made (online reads, core's ReportPreview/ReportList/
// ReportDetail); a new batch and each "sent" mark are records the user saves through the outbox; the
// committee's review notes come from the tablet's records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/note.hpp"
#include "core/sync/messages_work.hpp"
#include "shell/clients/client_base.hpp"

namespace magtreg::shell {

// The committee's review of one case in a report: the note, when written since the report was made.
struct CaseReview {
  std::string case_id, citizen_id, citizen_name;
  std::vector<std::string> forms;  // "Skema 1 a – 05.03.2024 kl. 14:30"
  std::optional<core::model::Note> note;
};

struct ReportState {
  std::uint64_t version = 0;
  ActionStatus status;
  std::string report_institution, report_institution_name, report_month, report_month_text, report_due_text;
  bool report_moves = false;  // the quarterly move report
  bool report_preview_loaded = false;
  std::vector<core::sync::FormSummary> report_forms;        // in no report yet
  std::vector<core::sync::RecipientRow> report_recipients;
  std::vector<core::sync::ReportListEntry> batches;         // of the institution and month
  std::string open_batch;                                   // a batch opened from Opgaver
  std::vector<core::sync::FormSummary> batch_forms;         // its forms as the server lists them
  std::vector<CaseReview> reviews;                          // of open_batch's cases (committee)
};

struct ReportRequest {
  std::string institution_id, month, batch_id;  // batch_id: open a stored batch
  bool moves = false;
};

class ReportClient {
 public:
  void open(ClientContext& ctx, const ReportRequest& request);
  void create(ClientContext& ctx);                                  // a batch of the preview on screen
  void mark_sent(ClientContext& ctx, const std::string& batch_id, int recipient);
  bool tick(ClientContext& ctx);
  // The tablet's records changed (a sync, a saved note): the reviews and the saved batch's fate.
  void refresh_local(ClientContext& ctx);
  const ReportState& state() const { return m_state; }
  void reset() { *this = ReportClient(); }

 private:
  void load(ClientContext& ctx);
  void load_batch(ClientContext& ctx, const std::string& id);
  void load_reviews(ClientContext& ctx);

  ReportState m_state;
  Exchanges m_exchanges;
  std::optional<PendingWrite> m_pending;
  std::vector<std::string> m_batch_cases;  // case id per batch_forms entry ("" until known)
};

}  // namespace magtreg::shell
