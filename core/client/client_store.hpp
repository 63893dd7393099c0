// The tablet's record database: the same schema as the server (core/storage migrations), holding the
// user's session, the citizens and records downloaded from the server, the user's own drafts, and the
// outbox of immutable upload entries (docs/client.md). One SQLite file, persisted to IndexedDB by the
// platform after each write.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/cases/cases.hpp"
#include "core/client/new_form.hpp"
#include "core/model/base_course.hpp"
#include "core/model/case.hpp"
#include "core/model/action_plan.hpp"
#include "core/model/move_recommendation.hpp"
#include "core/model/citizen.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/note.hpp"
#include "core/records/accept.hpp"
#include "core/rules/finding.hpp"
#include "core/sync/messages.hpp"
#include "core/storage/database.hpp"
#include "core/storage/record_repository.hpp"
#include "core/time/utc.hpp"
#include "core/util/enum_text.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::client {

struct StoredSession {
  std::string token;
  nlohmann::json user = nlohmann::json::object();  // the server's "user" object from login
  std::string verifier;                            // password_verifier.hpp
  std::string logged_in_at;                        // UTC instant
};

// An outbox entry waits to be sent, was accepted (acked) or was refused by the server. Text only in SQL.
enum class OutboxState { Pending, Acked, Rejected };
inline constexpr EnumText<OutboxState> k_outbox_state_texts[] = {
    {OutboxState::Pending, "pending"}, {OutboxState::Acked, "acked"}, {OutboxState::Rejected, "rejected"}};
constexpr std::string_view to_string(OutboxState s) { return enum_text(k_outbox_state_texts, s); }
// Danish, as the outbox lists it: "Venter", "Sendt", "Afvist".
const char* outbox_state_label(OutboxState s);

struct OutboxEntry {
  long long seq = 0;
  std::string kind;  // "base_course", "case", "form"
  std::string id;
  long long revision = 0;
  std::string payload;  // the PUT body, byte for byte the same on every retry
  int attempts = 0;
  std::string last_error;
  OutboxState state = OutboxState::Pending;
  std::string created_at;
  // The rule engine's findings in the server's answer to this entry (acked entries only); empty when none
  // or not answered yet.
  std::vector<rules::Finding> findings;
};

// A record kind in Danish, as the outbox names it ("form" -> "Skema"); an unknown kind as it is.
std::string record_kind_label(std::string_view kind);
// What an outbox entry is about, in Danish, as the outbox lists it (issue 30 item 10): the kind, the
// citizen and, for a form, its short title and the intervention's time, e.g.
// "Skema 1 a · Jens Pedersen · 05.03.2024 kl. 10:15". Read from the entry's payload; a citizen not in
// `citizens` is left out.
std::string describe_outbox_entry(const OutboxEntry& entry, const std::vector<model::Citizen>& citizens,
                                  const forms::Catalogue& catalogue);

struct OutboxCounts {
  int pending = 0, acked = 0, rejected = 0;
};

// A server version that collided with local edits: kept until the user has seen it; never dropped.
struct Conflict {
  std::string kind, id;
  std::string message;          // Danish
  nlohmann::json server;        // the server's record
  nlohmann::json local;         // the local record at the time
};

enum class SyncStatus { LocalOnly, Pending, Sent, Rejected, FromServer };

struct RecordSyncInfo {
  SyncStatus status = SyncStatus::LocalOnly;
  std::string message;  // the server's reason when rejected
};

struct ApplyResult {
  int applied = 0, ignored = 0, conflicts = 0;
};

// What one purge removed from the tablet (docs/client.md, "Purge").
struct PurgeResult {
  int forms = 0, cases = 0, citizens = 0, outbox_entries = 0;
  int kept_unsynced_citizens = 0;  // no longer visible, but holding unsynced data: kept
  bool any() const { return forms + cases + citizens + outbox_entries > 0; }
};

class ClientStore {
 public:
  static constexpr long long k_page_size = 1024;
  // `key`: the store's 32-byte data key (encrypted at rest, storage::DatabaseOptions::key); empty opens
  // a plain file (native tools, and a store written before encryption, which the app then encrypts).
  static Result<ClientStore> open(const std::string& path, const std::string& key = {});
  storage::Database& db() { return m_db; }

  // [SECTION] key/value state (sync_state table)
  std::optional<std::string> get(std::string_view key);
  Status set(std::string_view key, std::string_view value);

  // [SECTION] session
  std::optional<StoredSession> session();
  Status save_session(const StoredSession& s);

  // [SECTION] queries for the screens
  // The citizens of the institutions; all citizens on the device when the list is empty (municipal roles).
  Result<std::vector<model::Citizen>> citizens(const std::vector<std::string>& institution_ids);
  Result<std::optional<model::Citizen>> citizen(std::string_view id);
  Result<std::vector<model::FormInstance>> forms_of(std::string_view citizen_id);
  Result<std::optional<model::FormInstance>> form(std::string_view id);
  Result<std::vector<model::Case>> open_cases_of(std::string_view citizen_id);
  Result<std::optional<model::BaseCourse>> base_course_of(std::string_view citizen_id);
  Result<std::vector<model::Decision>> decisions_of(std::string_view citizen_id);
  // Records of the work after registration, as downloaded (written online by their owners' screens).
  Result<std::vector<model::Case>> cases_of(std::string_view citizen_id);
  Result<std::vector<model::Complaint>> complaints_of(std::string_view citizen_id);
  Result<std::vector<model::Note>> notes_of(std::string_view citizen_id);
  Result<std::vector<model::ActionPlan>> action_plans_of(std::string_view citizen_id);
  // The administration's recommendations to Familieretshuset and refusals, newest day first.
  Result<std::vector<model::MoveRecommendation>> recommendations_of(std::string_view citizen_id);
  // Any record by id (tombstones included), as the tablet holds it.
  template <class T>
  Result<std::optional<T>> find(std::string_view id) {
    return storage::RecordRepository<T>(m_db, storage::Side::Client).find(id);
  }
  RecordSyncInfo sync_info(std::string_view kind, std::string_view id);
  // When the server received the form's registration (its first event out of Kladde, or of a form that
  // arrived already filled, downloaded with the form); nullopt until the server's copy has arrived.
  std::optional<std::string> received_at(std::string_view form_id);
  // What placing a new form needs (core/cases): the citizen, their base course, open cases and decisions.
  // NOT_FOUND when the citizen is not on the tablet.
  Result<cases::CitizenFile> citizen_file(std::string_view citizen_id);

  // [SECTION] local writes
  // The user's write of a record: its derived columns set (a form's, core/records), checked by
  // records::accept_upload on the tablet's data — the function the server runs on the upload — then
  // stored with its outbox entry in one transaction. Refused (nothing stored) exactly when the tablet can
  // tell that the server would refuse; the acceptance says why, with every missing field.
  // The revision is the server's acknowledged revision + 1 (docs/sync-protocol.md); an entry never
  // attempted is superseded by the newer content (same revision), so typing offline does not pile up
  // revisions; an attempted entry is never changed and the edit waits as the next revision.
  template <class T>
  records::Acceptance<T> save(T record, const records::Writer& writer);
  // A new form with the base course and case it needs (core/client/new_form), all or nothing, each
  // checked as save() checks it. The acceptance is the form's (or the first refused record's status).
  records::Acceptance<model::FormInstance> save_new_form(const NewFormPlan& plan, const records::Writer& writer);
  // Stores and queues `record` exactly as given, without the checks: for tests of the outbox and the
  // purge that need states a user's save can no longer make. The app always calls save().
  template <class T>
  Result<T> store_unchecked(T record);

  // [SECTION] outbox
  std::optional<OutboxEntry> next_pending();
  Status mark_attempt(long long seq);
  // Accepted: the entry is acked and the record's acknowledged revision moves forward; the answer's
  // findings are kept per record until a newer revision is acknowledged.
  Status mark_acked(const OutboxEntry& e, const sync::UploadAnswer& answer);
  // The findings of the server's answer to the record's last accepted upload, and its revision.
  struct ServerFindings {
    long long revision = 0;
    std::vector<rules::Finding> findings;
  };
  std::optional<ServerFindings> server_findings(std::string_view kind, std::string_view id);
  // Refused by the server: kept with the Danish reason (and every issue); later pending entries of the
  // same record are dropped (they build on a revision the server never took). A form keeps its local
  // content, with the server's version kept as a conflict when the refusal carries one; any other record
  // goes back to the server's version (or away, when the server never had it).
  Status mark_rejected(const OutboxEntry& e, const sync::ApiError& refusal);
  OutboxCounts outbox_counts();
  std::vector<OutboxEntry> recent_outbox(int limit);

  // [SECTION] download
  long long cursor();
  // Applies one page of /api/v1/changes (core::sync::decide_download per record), then stores its
  // next_after as the cursor, all in one transaction.
  Result<ApplyResult> apply_changes(const sync::ChangesPage& page);
  // The same for records the server sent another way (a single read, a report list): applied as a
  // download would apply them, the cursor untouched. A nested transaction (savepoint) inside a caller's.
  Result<ApplyResult> apply_records(const std::vector<sync::RecordEnvelope>& records);
  std::vector<Conflict> conflicts();
  Status dismiss_conflict(std::string_view kind, std::string_view id);

  // [SECTION] purge: keeps the file small (IDBFS rewrites it whole on every save). Removes, in one
  // transaction, what the server holds and nobody can change here any more:
  //  - forms that are Låst in the server's copy as stored here, at the acknowledged revision, with no
  //    pending or refused outbox entry and no conflict, unless a remaining form is attached to them or
  //    the intervention lies within the last 200 days (the rule engine's six-month history);
  //  - closed cases with no form left on them and nothing unsynced;
  //  - citizens whose institution is not among `visible_institution_ids`, or who are not among
  //    `visible_citizen_ids` (moved elsewhere), with all their records (forms, cases, base course,
  //    decisions, complaints, notes, action plans), when nothing of theirs is unsynced (pending/refused
  //    entries, conflicts, drafts);
  //  - acknowledged outbox entries of removed records, and acknowledged entries older than the newest
  //    acknowledged entry of the same record.
  // Never removes a draft, a pending or refused entry, or a conflict. Vacuums when anything went.
  // `visible_citizen_ids`, when given, is the server's list of the citizens the user may see now
  // (GET /api/v1/visible-citizens): a citizen moved to an institution out of sight is removed too.
  Result<PurgeResult> purge(const std::vector<std::string>& visible_institution_ids,
                            const std::optional<std::vector<std::string>>& visible_citizen_ids = std::nullopt);

 private:
  explicit ClientStore(storage::Database db) : m_db(std::move(db)) {}
  template <class T>
  Result<T> store_and_queue(T record);
  long long server_revision(std::string_view kind, std::string_view id);
  Status set_server_revision(std::string_view kind, std::string_view id, long long revision);
  bool has_pending(std::string_view kind, std::string_view id);

  storage::Database m_db;
};

// The current UTC instant as "YYYY-MM-DDTHH:MM:SSZ" (core/time/utc.hpp).
using time::utc_now_text;

}  // namespace magtreg::core::client
