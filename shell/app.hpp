// The app: owns the local stores, the session, the sync loop and the views; applies the commands views
// submit after each frame and refreshes the read-only model the views draw from.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/client/client_store.hpp"
#include "core/client/local_store.hpp"
#include "core/client/overview.hpp"
#include "core/rules/finding.hpp"
#include "shell/commands.hpp"
#include "shell/platform.hpp"
#include "shell/sync_loop.hpp"
#include "shell/clients/client_base.hpp"
#include "shell/clients/complaint_client.hpp"
#include "shell/clients/decision_client.hpp"
#include "shell/clients/follow_up_client.hpp"
#include "shell/clients/recommendation_client.hpp"
#include "shell/clients/report_client.hpp"
#include "shell/clients/stats_client.hpp"
#include "shell/clients/work_client.hpp"
#include "shell/workflow_commands.hpp"
#include "shell/views/citizen_list_view.hpp"
#include "shell/views/citizen_view.hpp"
#include "shell/views/form_view.hpp"
#include "shell/views/home_view.hpp"
#include "shell/views/outbox_view.hpp"
#include "shell/views/statistics_view.hpp"
#include "shell/views/status_bar.hpp"
#include "shell/views/workflow_screens.hpp"

namespace magtreg::shell {

// The logged-in user as the screens show them (from core's SessionUser, the login answer).
struct UserInfo {
  std::string id, username, display_name, role, role_label, municipality;
  std::vector<std::pair<std::string, std::string>> institutions;  // id, name
  std::string institution_name(const std::string& id) const;
};
UserInfo user_info_of(const core::sync::SessionUser& u);

// The idle lock's choices, in minutes, and the default (issue 16).
inline constexpr int k_lock_after_choices[] = {1, 2, 5, 10, 15, 30};
inline constexpr int k_default_lock_after_minutes = 5;

struct TabletUser {
  std::string username, display_name;
  bool offline_ok = true;  // the store may be opened without the server now (core::client::offline_unlock_refusal)
  bool sso = false;        // logs in with the municipality's login; a passcode opens the store
};

struct FormRow {
  core::model::FormInstance form;
  core::client::RecordSyncInfo sync;
  // The rule findings in the server's answer to the last accepted upload of this form, and its revision.
  std::optional<core::client::ClientStore::ServerFindings> server_findings;
  // When the server received the registration (shown beside the tablet's registration time).
  std::optional<std::string> received_at;
  // The registration's deadline (rules::registration_due with the citizen's decisions), as the server and
  // the leader's work list have it.
  std::optional<core::time::LocalDateTime> registration_due;
};

// What views read: a const snapshot of the app's data, refreshed when it changes.
struct AppModel {
  bool store_open = false;
  std::string store_error;
  std::string device_name;
  long long app_starts = 0;
  enum class SaveState { Idle, Saving, Saved, Failed } save_state = SaveState::Idle;
  std::string save_error;

  // [SECTION] session
  Screen screen = Screen::Start;
  bool unlocked = false;
  std::optional<UserInfo> user;          // the unlocked user, or the locked session's user
  bool login_busy = false;
  // Single sign-on: the server offers it (asked when online at the start screen); after the provider, the
  // passcode step (a new passcode when the user has no data on this tablet yet).
  bool sso_enabled = false;
  bool sso_passcode = false;
  bool sso_new_passcode = false;
  std::string sso_display_name;
  std::string login_error;
  std::string login_note;                // e.g. "Låst op uden netværk"
  double unlock_millis = 0;              // the last store key's derivation and unwrapping
  // The users with a store on this tablet (most recently unlocked first), and whose unlock the start
  // screen offers (empty: any user types their name, "Skift bruger").
  std::vector<TabletUser> tablet_users;
  std::string selected_user;
  bool needs_old_password = false;  // an online login whose store opens only with the previous password
  int lock_after_minutes = k_default_lock_after_minutes;  // the idle lock (device setting)

  // [SECTION] data
  std::vector<core::model::Citizen> citizens;
  std::optional<core::model::Citizen> citizen;  // the selected one
  std::vector<FormRow> forms;                    // of the selected citizen, newest first
  std::vector<core::model::Case> open_cases;
  std::optional<core::model::BaseCourse> base_course;
  std::vector<core::model::Decision> decisions;  // of the selected citizen, as downloaded
  std::vector<core::model::MoveRecommendation> recommendations;  // of the selected citizen, to Familieretshuset
  core::client::CitizenOverview overview;        // indexes into `forms` and `decisions`
  std::string registration_error;                // Danish: why a form could not be created
  std::optional<FormRow> form;                   // the open form
  std::vector<core::rules::Finding> findings;    // rule findings of the open form
  // The annex the open form must have (the Bilag til § 136 c of a Skema 1 on § 136 c; core::client::annex_of):
  // its form id and title, and the one made for it, when there is one (issue 14 item 15).
  struct AnnexOffer {
    std::string form_id, title, existing_id;
    core::model::FormState existing_state = core::model::FormState::Draft;
  };
  std::optional<AnnexOffer> annex;
  // The rule engine's registration deadline of the open form (issue 27 item 1: the screen shows the
  // engine's answer, the one the server gives); nullopt when the engine had too little to judge.
  std::string form_error;                        // Danish, e.g. why it could not be marked Udfyldt
  enum class FormSave { Idle, Saving, Saved, Failed } form_save = FormSave::Idle;
  core::client::OutboxCounts outbox;
  std::vector<core::client::OutboxEntry> recent_outbox;
  std::vector<core::client::Conflict> conflicts;
  int unsynced_records = 0;                      // pending + rejected entries (logout warns)
  SyncStatusView sync;
  bool can_view_statistics = false;              // the role's ViewStatistics scope is not None
  bool can_view_citizens = true;                 // false for management: no citizens, no sync, no outbox
  StatsData stats;                               // the statistics screen's figures (online)
  // [SECTION] the work after registration, one state per feature client (shell/clients/)
  WorkState work;
  ReportState report;
  DecisionState decision;
  ComplaintState complaint;
  RecommendationState recommendation;
  FollowUpState follow_up;
};

class App {
 public:
  // `db_path`: the plain device database; `store_dir`: the folder of the users' encrypted record stores.
  explicit App(std::string db_path, std::string store_dir = "/data")
      : m_db_path(std::move(db_path)), m_store_dir(std::move(store_dir)) {}
  // Called every animation frame by the platform with a fresh state snapshot.
  void frame(const PlatformState& platform, PlatformRequests& requests);
  // Saves at once what the user typed on the form screen and the autosave has not saved yet (issue 30
  // item 8): the platform calls it when the page is hidden or left, where no further frame may come
  // (a tablet discards background tabs). Outside a frame: it draws nothing.
  void save_now(const PlatformState& platform, PlatformRequests& requests);

 private:
  void open_store(PlatformRequests& requests);
  void apply(const Command& cmd, const PlatformState& platform, PlatformRequests& requests);
  void handle_login_answer(const HttpResponse& r, PlatformRequests& requests);
  void handle_sso(const PlatformState& platform, PlatformRequests& requests);
  void handle_sso_answer(const HttpResponse& r);
  void unlock_offline(PlatformRequests& requests);
  void request_store_key(PlatformRequests& requests, std::optional<core::sync::LoginAnswer> answer);
  void handle_store_key(const StoreKeyResult& r, PlatformRequests& requests);
  core::Result<core::client::ClientStore> open_records(const std::string& key);
  void close_records();
  void erase_device(PlatformRequests& requests);
  void remove_store_file(const std::string& file, PlatformRequests& requests);
  bool save_device_setting(std::string_view key, const std::string& value, PlatformRequests& requests);
  std::optional<core::client::StoreOwner> update_owner(const std::string& username,
                                                        const std::function<void(core::client::StoreOwner&)>& change,
                                                        PlatformRequests& requests);
  void note_server_contact(PlatformRequests& requests);
  void end_offline_unlock(const std::string& reason, PlatformRequests& requests);
  void login_failed(std::string message);
  // True when `username` is the user of a store written before encryption that has no envelope yet.
  bool is_legacy_user(const std::string& username) const;
  void refresh_tablet_users();
  void unlocked(const core::client::StoredSession& s, std::string note);
  void logout(const PlatformState& platform, PlatformRequests& requests);
  void refresh();
  void refresh_form();
  void save_form(core::model::FormInstance form, PlatformRequests& requests);
  void open_new_form(const std::string& form_id, PlatformRequests& requests);
  void new_form(const std::string& citizen_id, const core::forms::FormDefinition& def,
                const std::optional<std::string>& decision_id, const core::model::FormInstance* parent,
                PlatformRequests& requests, const std::string& day = {});
  void persist(PlatformRequests& requests);
  // app_workflow.cpp: the work after registration
  void apply_workflow(const WorkflowCommand& cmd, const PlatformState& platform, PlatformRequests& requests);
  void transition_form(const TransitionForm& t, const PlatformState& platform, PlatformRequests& requests);
  void withdraw_form(const WithdrawForm& w, PlatformRequests& requests);
  void tick_workflow(const PlatformState& platform, PlatformRequests& requests);
  // The feature clients' context for this call; after it, persist_if_written() stores what they wrote.
  ClientContext client_context(const PlatformState& platform, PlatformRequests& requests);
  void persist_if_written(const ClientContext& ctx, PlatformRequests& requests);
  // The clients' states into the model (only those that changed).
  void copy_client_states();
  void reset_clients();

  // The single plain store of the versions before encryption; its user's first unlock encrypts it.
  static constexpr const char* k_legacy_store_file = "magtreg-records.db";
  std::string m_db_path, m_store_dir;
  std::string m_records_path;  // the unlocked user's store; empty while locked
  std::optional<core::client::LocalStore> m_store;
  std::optional<core::client::ClientStore> m_records;
  std::optional<core::client::StoredSession> m_session;
  // The session of a record store written before encryption (plain), until its first unlock encrypts it.
  std::optional<core::client::StoredSession> m_legacy_session;
  std::uint64_t m_key_request = 0;
  std::optional<core::sync::LoginAnswer> m_pending_login;  // an online login waiting for its store's key
  bool m_open_attempted = false;
  std::uint64_t m_pending_save = 0;
  std::uint64_t m_form_save_token = 0;
  std::uint64_t m_login_request = 0;
  std::string m_login_username, m_login_password;  // only while a login request is in flight
  std::uint64_t m_sso_check = 0, m_sso_request = 0;
  bool m_sso_checked = false, m_sso_return_done = false;
  std::optional<core::sync::LoginAnswer> m_sso_answer;  // a single sign-on waiting for the passcode
  std::string m_noted_contact;  // the sync run (its "HH:MM") last noted as the user's contact with the server
  std::string m_selected_citizen, m_open_form;
  bool m_dirty = true;
  AppModel m_model;
  std::vector<Command> m_commands;
  SyncLoop m_sync;
  StatusBar m_status_bar;
  HomeView m_home;
  CitizenListView m_citizen_list;
  CitizenView m_citizen_view;
  FormView m_form_view;
  OutboxView m_outbox_view;
  StatsClient m_stats;
  StatisticsView m_statistics_view;
  Session m_api;  // token and user for the feature clients
  // This frame's platform state and requests (set at the start of frame(), for refresh()).
  const PlatformState* m_frame_platform = nullptr;
  PlatformRequests* m_frame_requests = nullptr;
  WorkClient m_work;
  ReportClient m_report;
  DecisionClient m_decision;
  ComplaintClient m_complaint;
  RecommendationClient m_recommendation;
  FollowUpClient m_follow_up;
  WorkflowScreens m_workflow_screens;
  bool m_open_work = false;  // roles with work after registration start on "Opgaver"
  double m_work_refreshed_at = 0;  // platform time of the last "Opgaver" load (reloaded every minute)
};

}  // namespace magtreg::shell
