// The tablet's record database: session, queries, local saves with their outbox entries, downloads.
#include "core/client/client_store.hpp"

#include <algorithm>
#include <ctime>
#include <set>

#include "core/storage/action_plan_repository.hpp"
#include "core/storage/base_course_repository.hpp"
#include "core/storage/case_repository.hpp"
#include "core/storage/citizen_repository.hpp"
#include "core/storage/complaint_repository.hpp"
#include "core/storage/decision_repository.hpp"
#include "core/storage/form_repository.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/note_repository.hpp"
#include "core/storage/report_batch_repository.hpp"
#include "core/storage/transaction.hpp"
#include "core/records/kinds.hpp"
#include "core/sync/messages.hpp"
#include "core/sync/protocol.hpp"
#include "core/time/format.hpp"
#include "core/util/json_read.hpp"
#include "core/util/json_text.hpp"

namespace magtreg::core::client {

using nlohmann::json;
using storage::Side;
using storage::Statement;
using storage::Transaction;

namespace {
std::string rev_key(std::string_view kind, std::string_view id) {
  return "server_revision/" + std::string(kind) + "/" + std::string(id);
}
std::string conflict_key(std::string_view kind, std::string_view id) {
  return "conflict/" + std::string(kind) + "/" + std::string(id);
}
std::string findings_key(std::string_view kind, std::string_view id) {
  return "findings/" + std::string(kind) + "/" + std::string(id);
}
Status run_delete(storage::Database& db, std::string_view table, std::string_view id) {
  auto st = db.prepare("DELETE FROM " + std::string(table) + " WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  return st->run();
}
}  // namespace

Result<ClientStore> ClientStore::open(const std::string& path, const std::string& key) {
  storage::DatabaseOptions opt;
  opt.wal = false;  // one file for IDBFS to persist
  opt.key = key;
  opt.page_size = static_cast<int>(k_page_size);
  auto db = storage::open_database(path, opt);
  if (!db) return db.error();
  // Small pages: the schema's ~70 tables and indexes take a page each even when empty (4 KB pages made
  // an empty database 340 KB), and IDBFS rewrites the whole file on every save. Set once, by VACUUM.
  {
    auto st = db->prepare("PRAGMA page_size");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    const long long page = *row ? st->column_int64(0) : 0;
    st = storage::Statement();
    if (page != k_page_size)
      if (auto v = db->exec("PRAGMA page_size = " + std::to_string(k_page_size) + "; VACUUM"); !v) return v.error();
  }
  return ClientStore(std::move(db).value());
}

// [SECTION] key/value
std::optional<std::string> ClientStore::get(std::string_view key) {
  auto st = m_db.prepare("SELECT value FROM sync_state WHERE key = ?1");
  if (!st) return std::nullopt;
  st->bind(1, key);
  auto row = st->step();
  if (!row || !*row) return std::nullopt;
  return st->column_text(0);
}

Status ClientStore::set(std::string_view key, std::string_view value) {
  auto st = m_db.prepare(
      "INSERT INTO sync_state(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!st) return st.error();
  st->bind(1, key).bind(2, value);
  auto row = st->step();
  if (!row) return row.error();
  return {};
}

// [SECTION] session
std::optional<StoredSession> ClientStore::session() {
  auto text = get("session");
  if (!text) return std::nullopt;
  json j = parse_json_or_discarded(*text);
  if (!j.is_object()) return std::nullopt;
  StoredSession s;
  auto str = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  s.token = str("token");
  s.verifier = str("verifier");
  s.logged_in_at = str("logged_in_at");
  auto u = j.find("user");
  if (u == j.end() || !u->is_object()) return std::nullopt;
  s.user = *u;
  return s;
}

Status ClientStore::save_session(const StoredSession& s) {
  json j = {{"token", s.token}, {"user", s.user}, {"verifier", s.verifier}, {"logged_in_at", s.logged_in_at}};
  return set("session", j.dump());
}

// [SECTION] queries
Result<std::vector<model::Citizen>> ClientStore::citizens(const std::vector<std::string>& institution_ids) {
  storage::CitizenRepository repo(m_db, Side::Client);
  // No institutions: a municipal role (committee, administration, caseworker); the server sent only the
  // citizens it may see, so every citizen on the device is theirs.
  if (institution_ids.empty()) return repo.query("t.deleted = 0 ORDER BY t.name, t.id LIMIT 5000", {});
  return repo.of_institutions(institution_ids, {}, 5000);
}

Result<std::optional<model::Citizen>> ClientStore::citizen(std::string_view id) {
  storage::CitizenRepository repo(m_db, Side::Client);
  return repo.find(id);
}

Result<std::vector<model::FormInstance>> ClientStore::forms_of(std::string_view citizen_id) {
  storage::FormRepository repo(m_db, Side::Client);
  return repo.of_citizen(citizen_id);
}

Result<std::optional<model::FormInstance>> ClientStore::form(std::string_view id) {
  storage::FormRepository repo(m_db, Side::Client);
  return repo.find(id);
}

Result<std::vector<model::Case>> ClientStore::open_cases_of(std::string_view citizen_id) {
  storage::CaseRepository repo(m_db, Side::Client);
  return repo.open_of_citizen(citizen_id);
}

Result<std::optional<model::BaseCourse>> ClientStore::base_course_of(std::string_view citizen_id) {
  storage::BaseCourseRepository repo(m_db, Side::Client);
  return repo.of_citizen(citizen_id);
}

Result<std::vector<model::Decision>> ClientStore::decisions_of(std::string_view citizen_id) {
  storage::DecisionRepository repo(m_db, Side::Client);
  return repo.of_citizen(citizen_id);
}

Result<std::vector<model::Case>> ClientStore::cases_of(std::string_view citizen_id) {
  storage::CaseRepository repo(m_db, Side::Client);
  return repo.of_citizen(citizen_id);
}

Result<std::vector<model::Complaint>> ClientStore::complaints_of(std::string_view citizen_id) {
  storage::ComplaintRepository repo(m_db, Side::Client);
  return repo.of_citizen(citizen_id);
}

Result<std::vector<model::Note>> ClientStore::notes_of(std::string_view citizen_id) {
  storage::NoteRepository repo(m_db, Side::Client);
  return repo.of_citizen(citizen_id);
}

Result<std::vector<model::ActionPlan>> ClientStore::action_plans_of(std::string_view citizen_id) {
  storage::ActionPlanRepository repo(m_db, Side::Client);
  return repo.of_citizen(citizen_id);
}

Result<std::vector<model::MoveRecommendation>> ClientStore::recommendations_of(std::string_view citizen_id) {
  storage::RecordRepository<model::MoveRecommendation> repo(m_db, Side::Client);
  return repo.query("t.citizen_id = ?1 AND t.deleted = 0 ORDER BY t.decided_on DESC, t.id",
                    [&](storage::Statement& q) { q.bind(1, std::string(citizen_id)); });
}

Result<cases::CitizenFile> ClientStore::citizen_file(std::string_view citizen_id) {
  auto c = citizen(citizen_id);
  if (!c) return c.error();
  if (!*c) return Error::make(ErrorCode::NotFound, "Borgeren findes ikke på tabletten.", "citizen_id");
  cases::CitizenFile file;
  file.citizen = **c;
  auto b = base_course_of(citizen_id);
  if (!b) return b.error();
  if (*b) file.base_courses.push_back(**b);
  auto cs = open_cases_of(citizen_id);
  if (!cs) return cs.error();
  file.cases = std::move(*cs);
  auto ds = decisions_of(citizen_id);
  if (!ds) return ds.error();
  file.decisions = std::move(*ds);
  auto rs = recommendations_of(citizen_id);
  if (!rs) return rs.error();
  file.recommendations = std::move(*rs);
  return file;
}

std::optional<std::string> ClientStore::received_at(std::string_view form_id) {
  auto st = m_db.prepare(
      "SELECT min(at) FROM form_events WHERE form_instance_id = ?1 AND coalesce(from_state, 'kladde') = 'kladde' "
      "AND to_state IN ('udfyldt', 'laast') AND deleted = 0");
  if (!st) return std::nullopt;
  st->bind(1, form_id);
  auto row = st->step();
  if (!row || !*row || st->column_is_null(0)) return std::nullopt;
  return st->column_text(0);
}

RecordSyncInfo ClientStore::sync_info(std::string_view kind, std::string_view id) {
  RecordSyncInfo info;
  auto st = m_db.prepare(
      "SELECT state, coalesce(last_error, '') FROM outbox WHERE record_kind = ?1 AND record_id = ?2 "
      "ORDER BY revision DESC, seq DESC LIMIT 1");
  if (!st) return info;
  st->bind(1, kind).bind(2, id);
  auto row = st->step();
  if (!row || !*row) {
    info.status = server_revision(kind, id) > 0 ? SyncStatus::FromServer : SyncStatus::LocalOnly;
    return info;
  }
  const auto state = enum_from_text(k_outbox_state_texts, st->column_view(0)).value_or(OutboxState::Pending);
  info.message = st->column_text(1);
  info.status = state == OutboxState::Acked      ? SyncStatus::Sent
                : state == OutboxState::Rejected ? SyncStatus::Rejected
                                                 : SyncStatus::Pending;
  return info;
}

// [SECTION] revisions
long long ClientStore::server_revision(std::string_view kind, std::string_view id) {
  auto v = get(rev_key(kind, id));
  return v ? std::atoll(v->c_str()) : 0;
}

Status ClientStore::set_server_revision(std::string_view kind, std::string_view id, long long revision) {
  if (revision <= server_revision(kind, id)) return {};
  return set(rev_key(kind, id), std::to_string(revision));
}

bool ClientStore::has_pending(std::string_view kind, std::string_view id) {
  auto st = m_db.prepare("SELECT 1 FROM outbox WHERE record_kind = ?1 AND record_id = ?2 AND state = 'pending'");
  if (!st) return false;
  st->bind(1, kind).bind(2, id);
  auto row = st->step();
  return row && *row;
}

// [SECTION] local writes
template <class T>
Result<T> ClientStore::store_and_queue(T record) {
  constexpr std::string_view kind = records::Kind<T>::name;
  Transaction tx(m_db);
  if (!tx.begin_status()) return tx.begin_status().error();
  long long revision = server_revision(kind, record.id) + 1;
  {
    auto st = m_db.prepare(
        "SELECT seq, revision, attempts FROM outbox WHERE record_kind = ?1 AND record_id = ?2 AND state = 'pending' "
        "ORDER BY revision DESC LIMIT 1");
    if (!st) return st.error();
    st->bind(1, kind).bind(2, record.id);
    auto row = st->step();
    if (!row) return row.error();
    if (*row) {
      long long seq = st->column_int64(0), rev = st->column_int64(1);
      if (st->column_int64(2) == 0) {
        // Never sent: nobody has seen it, so the newer content replaces it under the same revision.
        revision = rev;
        auto del = m_db.prepare("DELETE FROM outbox WHERE seq = ?1");
        if (!del) return del.error();
        del->bind(1, seq);
        if (auto d = del->step(); !d) return d.error();
      } else {
        revision = rev + 1;
      }
    }
  }
  {
    // A refused entry at this revision is superseded by the corrected content.
    auto del = m_db.prepare(
        "DELETE FROM outbox WHERE record_kind = ?1 AND record_id = ?2 AND state = 'rejected' AND revision >= ?3");
    if (!del) return del.error();
    del->bind(1, kind).bind(2, record.id).bind(3, revision);
    if (auto d = del->step(); !d) return d.error();
  }
  storage::RecordRepository<T> repo(m_db, Side::Client);
  auto existing = repo.find(record.id);
  if (!existing) return existing.error();
  record.sync.revision = revision;
  record.sync.content_hash.clear();
  record.sync.server_seq = *existing ? (*existing)->sync.server_seq : std::nullopt;
  auto meta = repo.put(record);
  if (!meta) return meta.error();
  record.sync = *meta;
  auto ins = m_db.prepare(
      "INSERT INTO outbox(record_kind, record_id, revision, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!ins) return ins.error();
  ins->bind(1, kind).bind(2, record.id).bind(3, revision).bind(4, sync::to_body(sync::upload_request_for(record)));
  ins->bind(5, utc_now_text());
  if (auto r = ins->step(); !r) return r.error();
  if (auto c = tx.commit(); !c) return c.error();
  return record;
}

template <class T>
records::Acceptance<T> ClientStore::save(T record, const records::Writer& writer) {
  if constexpr (std::is_same_v<T, model::FormInstance>) records::derive_form_columns(record);
  storage::RecordRepository<T> repo(m_db, Side::Client);
  auto stored = repo.find(record.id);
  if (!stored) return {stored.error(), std::move(record), {}, {}, std::nullopt};
  if constexpr (std::is_same_v<T, model::FormInstance>) records::stamp_registration_time(record, *stored, writer.now_utc);
  // The revision the upload will carry, so the checks see the record as the server will.
  record.sync.revision = server_revision(records::Kind<T>::name, record.id) + 1;
  auto accepted = records::accept_upload(m_db, records::Side::Tablet, writer, *stored, std::move(record));
  if (!accepted.accepted()) return accepted;
  auto saved = store_and_queue(accepted.record);
  if (!saved) accepted.status = saved.error();
  else accepted.record = std::move(*saved);
  return accepted;
}

template <class T>
Result<T> ClientStore::store_unchecked(T record) {
  return store_and_queue(std::move(record));
}

records::Acceptance<model::FormInstance> ClientStore::save_new_form(const NewFormPlan& plan,
                                                                    const records::Writer& writer) {
  Transaction tx(m_db);
  if (!tx.begin_status()) return {tx.begin_status().error(), plan.form, {}, {}, std::nullopt};
  if (plan.new_base_course)
    if (auto b = save(*plan.new_base_course, writer); !b.accepted()) return {b.status, plan.form, {}, {}, std::nullopt};
  if (plan.new_case)
    if (auto k = save(*plan.new_case, writer); !k.accepted()) return {k.status, plan.form, {}, {}, std::nullopt};
  auto saved = save(plan.form, writer);
  if (!saved.accepted()) return saved;
  if (auto c = tx.commit(); !c) saved.status = c.error();
  return saved;
}

#define MAGTREG_CLIENT_KIND(T)                                                               \
  template records::Acceptance<T> ClientStore::save<T>(T, const records::Writer&);          \
  template Result<T> ClientStore::store_unchecked<T>(T);
MAGTREG_UPLOADED_RECORD_KINDS(MAGTREG_CLIENT_KIND)
#undef MAGTREG_CLIENT_KIND

// [SECTION] outbox
namespace {
OutboxEntry read_entry(const Statement& st) {
  OutboxEntry e;
  e.seq = st.column_int64(0);
  e.kind = st.column_text(1);
  e.id = st.column_text(2);
  e.revision = st.column_int64(3);
  e.payload = st.column_text(4);
  e.attempts = static_cast<int>(st.column_int64(5));
  e.last_error = st.column_text(6);
  e.state = enum_from_text(k_outbox_state_texts, st.column_view(7)).value_or(OutboxState::Rejected);
  e.created_at = st.column_text(8);
  return e;
}
constexpr const char* k_entry_columns =
    "SELECT seq, record_kind, record_id, revision, payload, attempts, coalesce(last_error, ''), state, created_at "
    "FROM outbox ";
}  // namespace

std::optional<OutboxEntry> ClientStore::next_pending() {
  auto st = m_db.prepare(std::string(k_entry_columns) + "WHERE state = 'pending' ORDER BY seq LIMIT 1");
  if (!st) return std::nullopt;
  auto row = st->step();
  if (!row || !*row) return std::nullopt;
  return read_entry(*st);
}

Status ClientStore::mark_attempt(long long seq) {
  auto st = m_db.prepare("UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?1");
  if (!st) return st.error();
  st->bind(1, seq);
  auto r = st->step();
  if (!r) return r.error();
  return {};
}

Status ClientStore::mark_acked(const OutboxEntry& e, const sync::UploadAnswer& answer) {
  const long long server_seq = answer.server_seq.value_or(0);
  Transaction tx(m_db);
  if (!tx.begin_status()) return tx.begin_status().error();
  auto st = m_db.prepare("UPDATE outbox SET state = 'acked', last_error = NULL WHERE seq = ?1");
  if (!st) return st.error();
  st->bind(1, e.seq);
  if (auto r = st->step(); !r) return r.error();
  if (auto s = set_server_revision(e.kind, e.id, e.revision); !s) return s;
  // NOT_FOUND only when the local record is gone (purged): the entry is still acknowledged.
  records::for_kind(e.kind, [&](auto tag) {
    (void)storage::RecordRepository<typename decltype(tag)::type>(m_db).acknowledge(e.id, e.revision, server_seq);
  });
  {
    json f = {{"revision", e.revision}, {"findings", sync::findings_to_json(answer.findings)}};
    if (auto old = server_findings(e.kind, e.id); !old || old->revision <= e.revision)
      if (auto s = set(findings_key(e.kind, e.id), f.dump(-1, ' ', false, json::error_handler_t::replace)); !s) return s;
  }
  return tx.commit();
}

Status ClientStore::mark_rejected(const OutboxEntry& e, const sync::ApiError& refusal) {
  Transaction tx(m_db);
  if (!tx.begin_status()) return tx.begin_status().error();
  auto st = m_db.prepare("UPDATE outbox SET state = 'rejected', last_error = ?2 WHERE seq = ?1");
  if (!st) return st.error();
  st->bind(1, e.seq).bind(2, sync::describe(refusal));
  if (auto r = st->step(); !r) return r.error();
  auto del = m_db.prepare(
      "DELETE FROM outbox WHERE record_kind = ?1 AND record_id = ?2 AND state = 'pending' AND revision > ?3");
  if (!del) return del.error();
  del->bind(1, e.kind).bind(2, e.id).bind(3, e.revision);
  if (auto r = del->step(); !r) return r.error();
  if (e.kind == records::Kind<model::FormInstance>::name) {
    // A form keeps what the user typed; the server's version, when it sent one, waits beside it.
    if (refusal.current) {
      json local = parse_json_or_discarded(e.payload);
      json c = {{"kind", e.kind}, {"id", e.id}, {"message", refusal.error.message},
                {"server", refusal.current->data},
                {"local", local.is_object() && local.contains("data") ? local["data"] : json()}};
      if (auto s = set(conflict_key(e.kind, e.id), c.dump()); !s) return s;
    }
  } else {
    // Any other record shows what the server holds: its version when it has one, nothing when the
    // record is new. What the user wrote stays in the refused entry for the screen to offer again.
    Status reverted;
    records::for_kind(e.kind, [&](auto tag) {
      using T = typename decltype(tag)::type;
      storage::RecordRepository<T> repo(m_db, Side::Client);
      if (refusal.current) {
        auto record = refusal.current->record<T>();
        if (!record) return;  // unreadable: keep the local copy rather than lose it
        if (auto m = repo.put(*record); !m) reverted = m.error();
        else if (auto r = set_server_revision(e.kind, e.id, record->sync.revision); !r) reverted = r;
      } else if (server_revision(e.kind, e.id) == 0) {
        if (auto s = run_delete(m_db, records::Kind<T>::table, e.id); !s) reverted = s;
      }
    });
    if (!reverted) return reverted;
  }
  return tx.commit();
}

OutboxCounts ClientStore::outbox_counts() {
  OutboxCounts c;
  auto st = m_db.prepare("SELECT state, count(*) FROM outbox GROUP BY state");
  if (!st) return c;
  // A read error ends the counting; the counts read so far stand.
  (void)st->for_each_row([&](Statement& r) {
    const auto s = enum_from_text(k_outbox_state_texts, r.column_view(0));
    const int n = static_cast<int>(r.column_int64(1));
    if (s == OutboxState::Pending) c.pending = n;
    else if (s == OutboxState::Acked) c.acked = n;
    else c.rejected = n;
  });
  return c;
}

std::vector<OutboxEntry> ClientStore::recent_outbox(int limit) {
  std::vector<OutboxEntry> out;
  auto st = m_db.prepare(std::string(k_entry_columns) + "ORDER BY seq DESC LIMIT ?1");
  if (!st) return out;
  st->bind(1, limit);
  // A read error ends the list; the entries read so far stand.
  (void)st->for_each_row([&](Statement& r) { out.push_back(read_entry(r)); });
  for (auto& e : out)
    if (e.state == OutboxState::Acked)
      if (auto f = server_findings(e.kind, e.id); f && f->revision == e.revision) e.findings = f->findings;
  return out;
}

std::optional<ClientStore::ServerFindings> ClientStore::server_findings(std::string_view kind, std::string_view id) {
  auto text = get(findings_key(kind, id));
  if (!text) return std::nullopt;
  json j = parse_json_or_discarded(*text);
  if (!j.is_object()) return std::nullopt;
  ServerFindings out;
  auto r = j.find("revision");
  if (r != j.end() && r->is_number_integer()) out.revision = r->get<long long>();
  auto f = j.find("findings");
  if (f != j.end()) out.findings = sync::findings_from_json(*f);
  return out;
}

// [SECTION] download
// Bumped when the tablet starts keeping record kinds it used to ignore: a database from before starts the
// download over (records it already has are ignored by revision), so the newly kept kinds arrive too.
// 2: complaints, notes, action plans, report batches; 3: form events (the server's receipt of a registration);
// 4: recommendations to Familieretshuset.
constexpr std::string_view k_download_kinds = "4";

long long ClientStore::cursor() {
  if (get("download_kinds").value_or("") != k_download_kinds) return 0;
  auto v = get("download_cursor");
  return v ? std::atoll(v->c_str()) : 0;
}

Result<ApplyResult> ClientStore::apply_changes(const sync::ChangesPage& page) {
  Transaction tx(m_db);
  if (!tx.begin_status()) return tx.begin_status().error();
  auto out = apply_records(page.records);
  if (!out) return out.error();
  if (auto st = set("download_cursor", std::to_string(page.next_after)); !st) return st.error();
  if (auto st = set("download_kinds", k_download_kinds); !st) return st.error();
  if (auto c = tx.commit(); !c) return c.error();
  return out;
}

Result<ApplyResult> ClientStore::apply_records(const std::vector<sync::RecordEnvelope>& records) {
  ApplyResult out;
  Transaction tx(m_db);
  if (!tx.begin_status()) return tx.begin_status().error();
  for (const auto& r : records) {
    // Does a local copy exist, and does it carry unsent edits?
    bool local_exists = false;
    auto exists = m_db.prepare("SELECT 1 FROM outbox WHERE record_kind = ?1 AND record_id = ?2 LIMIT 1");
    if (exists) {
      exists->bind(1, r.kind).bind(2, r.id);
      auto row = exists->step();
      local_exists = row && *row;
    }
    long long srev = server_revision(r.kind, r.id);
    std::optional<sync::LocalRecordState> local;
    if (local_exists || srev > 0) local = sync::LocalRecordState{srev, has_pending(r.kind, r.id)};
    auto decision = sync::decide_download(local, r.revision);
    if (decision == sync::DownloadDecision::Ignore) {
      ++out.ignored;
      continue;
    }
    if (decision == sync::DownloadDecision::Conflict) {
      json c = {{"kind", r.kind}, {"id", r.id},
                {"message", "Posten er ændret på serveren, mens du havde ændringer, der ikke er sendt."},
                {"server", r.data}, {"local", json()}};
      if (auto st = set(conflict_key(r.kind, r.id), c.dump()); !st) return st.error();
      ++out.conflicts;
      continue;
    }
    // The server's copy as given.
    Status put;
    bool kept = false;
    records::for_kind(r.kind, [&](auto tag) {
      using T = typename decltype(tag)::type;
      kept = true;
      auto record = r.record<T>();
      if (!record) {
        put = record.error();
        return;
      }
      if (auto m = storage::RecordRepository<T>(m_db, Side::Client).put(*record); !m) put = m.error();
    });
    if (!kept) {
      ++out.ignored;
      continue;
    }
    if (!put) return put.error();
    if (auto st = set_server_revision(r.kind, r.id, r.revision); !st) return st.error();
    ++out.applied;
  }
  if (auto c = tx.commit(); !c) return c.error();
  return out;
}

std::vector<Conflict> ClientStore::conflicts() {
  std::vector<Conflict> out;
  auto st = m_db.prepare("SELECT value FROM sync_state WHERE key LIKE 'conflict/%' ORDER BY key");
  if (!st) return out;
  // A read error ends the list; the conflicts read so far stand.
  (void)st->for_each_row([&](Statement& r) {
    json j = parse_json_or_discarded(r.column_text(0));
    if (!j.is_object()) return;
    Conflict c;
    auto s = [&](const char* k) {
      auto it = j.find(k);
      return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    c.kind = s("kind");
    c.id = s("id");
    c.message = s("message");
    if (auto it = j.find("server"); it != j.end()) c.server = *it;
    if (auto it = j.find("local"); it != j.end()) c.local = *it;
    out.push_back(std::move(c));
  });
  return out;
}

Status ClientStore::dismiss_conflict(std::string_view kind, std::string_view id) {
  auto st = m_db.prepare("DELETE FROM sync_state WHERE key = ?1");
  if (!st) return st.error();
  st->bind(1, conflict_key(kind, id));
  auto r = st->step();
  if (!r) return r.error();
  return {};
}

// [SECTION] purge
namespace {
// Runs a statement that returns nothing, binding `text` to ?1 (when given).
Status run(storage::Database& db, std::string_view sql, std::optional<std::string_view> text = std::nullopt) {
  auto st = db.prepare(sql);
  if (!st) return st.error();
  if (text) st->bind(1, *text);
  auto r = st->step();
  if (!r) return r.error();
  return {};
}

Result<std::vector<std::string>> column(storage::Database& db, std::string_view sql,
                                        std::optional<std::string_view> text = std::nullopt) {
  auto st = db.prepare(sql);
  if (!st) return st.error();
  if (text) st->bind(1, *text);
  return st->collect<std::string>([](Statement& r) { return r.column_text(0); });
}

// True when nothing of this record waits for the server or for the user: no pending or refused outbox
// entry, no conflict. Combined with "acknowledged revision >= local revision" in the queries below.
constexpr const char* k_settled =
    "NOT EXISTS (SELECT 1 FROM outbox o WHERE o.record_kind = '%KIND%' AND o.record_id = t.id "
    "  AND o.state IN ('pending', 'rejected')) "
    "AND NOT EXISTS (SELECT 1 FROM sync_state s WHERE s.key = 'conflict/%KIND%/' || t.id) "
    "AND coalesce((SELECT CAST(s.value AS INTEGER) FROM sync_state s "
    "  WHERE s.key = 'server_revision/%KIND%/' || t.id), 0) >= t.revision";

std::string settled(std::string_view kind) {
  std::string s = k_settled;
  for (std::size_t at = s.find("%KIND%"); at != std::string::npos; at = s.find("%KIND%", at))
    s.replace(at, 6, kind);
  return s;
}
}  // namespace

Result<PurgeResult> ClientStore::purge(const std::vector<std::string>& visible_institution_ids,
                                       const std::optional<std::vector<std::string>>& visible_citizen_ids) {
  PurgeResult out;
  std::vector<std::pair<std::string, std::string>> removed;  // kind, id
  {
    Transaction tx(m_db);
    if (!tx.begin_status()) return tx.begin_status().error();

    // Citizens out of sight: at an institution the user does not have (an empty list means "not known",
    // never "none"), or not among the citizens the server says the user may see now (moved elsewhere).
    std::vector<std::string> gone_ids;
    if (!visible_institution_ids.empty()) {
      auto gone = column(m_db, "SELECT id FROM citizens WHERE institution_id NOT IN (SELECT value FROM json_each(?1))",
                         json(visible_institution_ids).dump());
      if (!gone) return gone.error();
      gone_ids = std::move(*gone);
    }
    if (visible_citizen_ids) {
      auto gone = column(m_db, "SELECT id FROM citizens WHERE id NOT IN (SELECT value FROM json_each(?1))",
                         json(*visible_citizen_ids).dump());
      if (!gone) return gone.error();
      for (auto& id : *gone)
        if (std::find(gone_ids.begin(), gone_ids.end(), id) == gone_ids.end()) gone_ids.push_back(std::move(id));
    }
    {
      for (const auto& cid : gone_ids) {
        auto unsynced = column(
            m_db,
            "SELECT 1 FROM outbox WHERE state IN ('pending', 'rejected') AND json_extract(payload, '$.data.citizen_id') = ?1 "
            "UNION ALL SELECT 1 FROM form_instances WHERE citizen_id = ?1 AND state = 'kladde' "
            "UNION ALL SELECT 1 FROM sync_state WHERE key LIKE 'conflict/%' AND (key = 'conflict/citizen/' || ?1 "
            "  OR json_extract(value, '$.server.citizen_id') = ?1 OR json_extract(value, '$.local.citizen_id') = ?1) "
            "LIMIT 1",
            cid);
        if (!unsynced) return unsynced.error();
        if (!unsynced->empty()) {
          ++out.kept_unsynced_citizens;
          continue;
        }
        Status removed_all;
        records::for_each_kind([&](auto tag) {
          using T = typename decltype(tag)::type;
          if (!records::Kind<T>::per_citizen || !removed_all) return;
          const std::string table(records::Kind<T>::table), kind(records::Kind<T>::name);
          auto ids = column(m_db, "SELECT id FROM " + table + " WHERE citizen_id = ?1", cid);
          if (!ids) {
            removed_all = ids.error();
            return;
          }
          for (const auto& id : *ids) removed.emplace_back(kind, id);
          if (std::is_same_v<T, model::FormInstance>) out.forms += static_cast<int>(ids->size());
          if (std::is_same_v<T, model::Case>) out.cases += static_cast<int>(ids->size());
          if (auto s = run(m_db, "DELETE FROM " + table + " WHERE citizen_id = ?1", cid); !s) removed_all = s.error();
        });
        if (!removed_all) return removed_all.error();
        if (auto s = run(m_db, "DELETE FROM citizens WHERE id = ?1", cid); !s) return s.error();
        removed.emplace_back("citizen", cid);
        ++out.citizens;
      }
    }

    // Locked forms as the server holds them, unless a remaining form is attached to them.
    std::set<std::string> forms;
    {
      // Kept while the rule engine may still count them: a registration's history is the citizen's
      // interventions of the last six months (§ 136 a), so the tablet judges a new registration on the
      // same facts as the server (docs/client.md, "Purge"). 200 days cover six months and a late entry.
      auto ids = column(m_db, "SELECT t.id FROM form_instances t WHERE t.state = 'laast' AND (t.started_at IS NULL"
                              " OR t.started_at < strftime('%Y-%m-%d', 'now', '-200 days')) AND " + settled("form"));
      if (!ids) return ids.error();
      forms.insert(ids->begin(), ids->end());
      auto st = m_db.prepare("SELECT id, parent_id FROM form_instances WHERE parent_id IS NOT NULL");
      if (!st) return st.error();
      auto links = st->collect<std::pair<std::string, std::string>>(
          [](Statement& r) { return std::pair{r.column_text(0), r.column_text(1)}; });
      if (!links) return links.error();
      for (bool changed = true; changed;) {
        changed = false;
        for (const auto& [child, parent] : *links)
          if (!forms.count(child) && forms.erase(parent)) changed = true;
      }
    }
    for (const auto& id : forms) {
      if (auto s = run(m_db, "DELETE FROM form_instances WHERE id = ?1", id); !s) return s.error();
      removed.emplace_back("form", id);
      ++out.forms;
    }

    // Closed cases that no longer hold a form here.
    auto cases = column(m_db, "SELECT t.id FROM cases t WHERE t.closed_at IS NOT NULL AND NOT EXISTS "
                              "(SELECT 1 FROM form_instances f WHERE f.case_id = t.id) AND " + settled("case"));
    if (!cases) return cases.error();
    for (const auto& id : *cases) {
      if (auto s = run(m_db, "DELETE FROM cases WHERE id = ?1", id); !s) return s.error();
      removed.emplace_back("case", id);
      ++out.cases;
    }

    // The history of the removed forms (the server's events).
    {
      auto events = column(m_db, "SELECT id FROM form_events e WHERE NOT EXISTS "
                                 "(SELECT 1 FROM form_instances f WHERE f.id = e.form_instance_id)");
      if (!events) return events.error();
      for (const auto& id : *events) {
        if (auto s = run(m_db, "DELETE FROM form_events WHERE id = ?1", id); !s) return s.error();
        removed.emplace_back("form_event", id);
      }
      if (auto s = run(m_db, "DELETE FROM form_filled WHERE NOT EXISTS "
                             "(SELECT 1 FROM form_instances f WHERE f.id = form_filled.form_instance_id)");
          !s)
        return s.error();
    }

    // What the tablet kept about the removed records: acknowledged entries, revisions, findings.
    for (const auto& [kind, id] : removed) {
      auto st = m_db.prepare("DELETE FROM outbox WHERE record_kind = ?1 AND record_id = ?2 AND state = 'acked'");
      if (!st) return st.error();
      st->bind(1, kind).bind(2, id);
      if (auto r = st->step(); !r) return r.error();
      out.outbox_entries += m_db.changes();
      for (const auto& key : {rev_key(kind, id), findings_key(kind, id)})
        if (auto s = run(m_db, "DELETE FROM sync_state WHERE key = ?1", key); !s) return s.error();
    }
    // Older acknowledged entries of a record whose newer revision is acknowledged too.
    if (auto s = run(m_db, "DELETE FROM outbox WHERE state = 'acked' AND EXISTS (SELECT 1 FROM outbox n "
                           "WHERE n.record_kind = outbox.record_kind AND n.record_id = outbox.record_id "
                           "AND n.state = 'acked' AND n.revision > outbox.revision)");
        !s)
      return s.error();
    out.outbox_entries += m_db.changes();
    if (auto c = tx.commit(); !c) return c.error();
  }
  // Deleted rows leave free pages in the file; VACUUM gives them back so the persisted file shrinks.
  if (out.any())
    if (auto v = m_db.exec("VACUUM"); !v) return v.error();
  return out;
}

const char* outbox_state_label(OutboxState s) {
  switch (s) {
    case OutboxState::Pending: return "Venter";
    case OutboxState::Acked: return "Sendt";
    case OutboxState::Rejected: return "Afvist";
  }
  return "Venter";
}

std::string record_kind_label(std::string_view kind) { return records::kind_label(kind); }

std::string describe_outbox_entry(const OutboxEntry& entry, const std::vector<model::Citizen>& citizens,
                                  const forms::Catalogue& catalogue) {
  std::string label = record_kind_label(entry.kind);
  const json payload = parse_json_or_discarded(entry.payload);
  const json& data = json_read::member(payload, "data");
  if (entry.kind == "form") {
    const json& version = json_read::member(data, "form_version");
    const auto* meta = catalogue.find_form(json_read::text(data, "form_id"),
                                           version.is_number_integer() ? version.get<int>() : 1);
    if (meta != nullptr) label = meta->short_title;
  }
  const std::string citizen_id = json_read::text(data, "citizen_id");
  for (const auto& c : citizens)
    if (!citizen_id.empty() && c.id == citizen_id) label += " · " + c.name;
  if (entry.kind == "form")
    if (auto started = time::parse_local_date_time(json_read::text(data, "started_at")))
      label += " · " + time::format_danish(*started);
  return label;
}

}  // namespace magtreg::core::client
