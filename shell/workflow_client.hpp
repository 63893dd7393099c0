// The online part of the app: the work after registration (øjeoverblik, monthly report, decisions,
// complaints, notes, action plans, closing cases). It turns the screens' WorkflowCommands into server
// requests through PlatformRequests::http, checks records with core/workflow before sending them, and
// keeps what the server answered in a WorkflowView the screens draw from. Records are always read
// fresh from the server before they are changed (their revision is the server's); the lists on the
// citizen's follow-up screen come from the local database, which the sync loop keeps current.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/client/client_store.hpp"
#include "core/model/action_plan.hpp"
#include "core/model/case.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/note.hpp"
#include "core/model/report_batch.hpp"
#include "core/util/result.hpp"
#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct WorkRow {
  std::string kind, title, detail, citizen_id, citizen_name, institution_id, record_kind, record_id, month;
  std::string status;  // not_due_yet / due_today / overdue
  std::string due_text;
};

struct ReportFormRow {
  std::string id, short_title, citizen_id, citizen_name, case_id, started_at, locked_at;
};

struct ReportRecipientRow {
  std::string kind, name;
  std::size_t forms = 0;
};

struct StoredBatch {
  core::model::ReportBatch batch;  // batch.sync.revision is the server's
  std::string institution_name;
  bool moves = false;              // a quarterly move report (the server's "kind")
};

// The committee's review of one case in a report: the note, when written since the report was made.
struct CaseReview {
  std::string case_id, citizen_id, citizen_name;
  std::vector<std::string> forms;  // short titles
  std::optional<core::model::Note> note;
};

// The server's (or core's) refusal of the last action. `field` is the record field ("valid_to") so the
// screen can show the message next to it; empty for the whole screen.
struct ActionError {
  std::string code, message, field;
  std::vector<std::string> issues;  // what is missing (closing a case)
  bool empty() const { return message.empty(); }
};

// A citizen's records from the local database (follow-up screen).
struct CitizenRecords {
  std::string citizen_id;
  std::vector<core::model::Case> cases;
  std::vector<core::model::Decision> decisions;
  std::vector<core::model::Complaint> complaints;
  std::vector<core::model::Note> notes;
  std::vector<core::model::ActionPlan> action_plans;
  std::vector<core::model::FormInstance> applications;  // Skema 3 of the citizen
};

struct WorkflowView {
  std::uint64_t version = 0;
  bool busy = false;           // a request is in flight
  std::string busy_text;       // Danish, e.g. "Henter opgaver …"
  ActionError error;
  std::string notice;          // Danish, e.g. "Afgørelsen er gemt."
  std::vector<std::string> findings;  // the server's warnings on the last save

  // [SECTION] øjeoverblik
  bool work_loaded = false;
  std::vector<WorkRow> work;

  // [SECTION] monthly report
  std::string report_institution, report_institution_name, report_month, report_month_text, report_due_text;
  bool report_preview_loaded = false;
  bool report_moves = false;  // the report screen shows the quarterly move report
  std::vector<ReportFormRow> report_forms;          // in no report yet
  std::vector<ReportRecipientRow> report_recipients;
  std::vector<StoredBatch> batches;                 // of the institution and month
  std::string open_batch;                           // a batch opened from the overview
  std::vector<ReportFormRow> batch_forms;           // its forms as the server lists them (case_id read per form)
  std::vector<CaseReview> reviews;                  // of open_batch's cases (committee)

  // [SECTION] decision
  std::optional<core::model::FormInstance> application;
  std::optional<core::model::Case> approval_case;
  std::optional<core::model::Decision> decision;
  bool decision_loaded = false;

  // [SECTION] complaint
  std::optional<core::model::Complaint> complaint;  // new complaints have revision 0
  std::optional<core::model::Decision> complaint_decision;
  std::optional<core::model::FormInstance> complaint_form;

  // [SECTION] action plan, follow-up, closing
  std::string plan_citizen;
  std::optional<core::model::ActionPlan> plan;      // revision 0 = not stored yet
  bool plan_loaded = false;
  CitizenRecords citizen;
  std::string closing_case;
  std::optional<bool> closable;
  std::vector<std::string> closing_issues;
};

struct WorkflowUser {
  std::string id, role;
  std::vector<std::pair<std::string, std::string>> institutions;
};

class WorkflowClient {
 public:
  // Handles answers of this frame; true when the local database should be synced (a record was stored).
  bool tick(const PlatformState& platform, PlatformRequests& requests, core::client::ClientStore& store,
            const std::string& token, const WorkflowUser& user);
  // Applies a command; returns the screen to show, if the command opens one.
  std::optional<Screen> apply(const WorkflowCommand& cmd, const PlatformState& platform, PlatformRequests& requests,
                              core::client::ClientStore& store, const std::string& token, const WorkflowUser& user);
  // Reloads the local lists of the follow-up screen (after a sync changed the database).
  void load_local(core::client::ClientStore& store, const std::string& citizen_id);
  void reset() { *this = WorkflowClient(); }
  void notice(std::string text) {
    m_view.notice = std::move(text);
    changed();
  }
  const WorkflowView& view() const { return m_view; }

 private:
  using Handler = std::function<void(const HttpResponse&)>;
  struct Ctx {
    PlatformRequests* requests = nullptr;
    core::client::ClientStore* store = nullptr;
    const std::string* token = nullptr;
    const WorkflowUser* user = nullptr;
  };
  void get(const std::string& path, std::string busy_text, Handler on_ok);
  template <class T>
  void put(const std::string& kind, const T& record, long long revision, std::string busy_text,
           std::function<void()> on_ok);
  void fail(const HttpResponse& r);
  void fail(const core::Error& e);
  void changed() { ++m_view.version; }
  void begin(bool clear_notice = true);

  void load_work();
  void load_report();
  void load_batch(const std::string& id);
  void load_reviews();
  void load_decision(const std::string& application_id);
  void load_complaint(const std::string& id);
  void load_plan(const std::string& id);

  Ctx m_ctx;
  WorkflowView m_view;
  std::map<std::uint64_t, Handler> m_pending;
  bool m_sync_wanted = false;
};

}  // namespace magtreg::shell
