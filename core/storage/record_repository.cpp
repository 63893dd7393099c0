// Column mappings of the synced tables and the generic insert / update / put / get over them.
#include "core/storage/record_repository.hpp"

#include <type_traits>

#include "core/records/kinds.hpp"
#include "core/storage/transaction.hpp"
#include "core/util/json_text.hpp"
#include "core/util/json_util.hpp"

namespace magtreg::core::storage {
namespace {

// [SECTION] helpers for column binding and reading
struct Binder {
  Statement& st;
  int index;
  template <class V>
  Binder& operator<<(const V& value) {
    if constexpr (std::is_enum_v<V>) st.bind(index++, std::string(to_string(value)));  // its wire text
    else st.bind(index++, value);
    return *this;
  }
};

struct Reader {
  const Statement& st;
  int index;
  std::optional<Error> error;

  std::string text() { return st.column_text(index++); }
  std::optional<std::string> optional_text() { return st.column_optional_text(index++); }
  int integer() { return static_cast<int>(st.column_int64(index++)); }
  bool boolean() { return st.column_int64(index++) != 0; }
  // An enum column (core/util/enum_text.hpp); an unknown text is an error, read as the table's first value.
  template <class E, std::size_t N>
  E enumerated(const EnumText<E> (&table)[N], const char* column) {
    const std::string raw = st.column_text(index++);
    const auto value = enum_from_text(table, raw);
    if (!value && !error) error = storage_error("læsning", std::string("unknown ") + column + " '" + raw + "'");
    return value.value_or(table[0].value);
  }
  nlohmann::json json(const char* column) {
    const std::string raw = st.column_text(index++);
    nlohmann::json j = parse_json_or_discarded(raw);
    if (j.is_discarded() && !error) error = storage_error("læsning", std::string("invalid JSON in column ") + column);
    return j;
  }
  // Reads a JSON list column through one of the model's list readers.
  template <class V, class F>
  V list(const char* column, F parse) {
    nlohmann::json j = json(column);
    if (error) return V{};
    auto parsed = parse(j, std::string(column));
    if (!parsed) {
      error = storage_error("læsning", std::string("bad ") + column + ": " + parsed.error().message);
      return V{};
    }
    return std::move(parsed).value();
  }
  std::vector<std::string> text_list(const char* column) {
    nlohmann::json j = json(column);
    std::vector<std::string> out;
    if (error) return out;
    if (!j.is_array()) {
      error = storage_error("læsning", std::string("column ") + column + " is not a JSON array");
      return out;
    }
    for (const auto& e : j) {
      if (!e.is_string()) {
        error = storage_error("læsning", std::string("column ") + column + " holds a non-text element");
        return out;
      }
      out.push_back(e.get<std::string>());
    }
    return out;
  }
};

template <class V>
std::string json_list(const std::vector<V>& values) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& v : values) j.push_back(model::to_json(v));
  return j.dump();
}

std::string json_text_list(const std::vector<std::string>& values) { return nlohmann::json(values).dump(); }

// [SECTION] tables: the domain columns (between id and the sync columns) of each record type
template <class T>
struct Table;

template <>
struct Table<model::Citizen> {
  static constexpr std::string_view name = "citizens";
  static constexpr std::string_view kind = "citizen";
  static std::vector<std::string_view> columns() {
    return {"cpr", "name", "target_group", "acting_municipality", "institution_id", "relatives",
            "can_complain_unaided"};
  }
  static void bind(Binder& b, const model::Citizen& r) {
    b << r.cpr << r.name << r.target_group << r.acting_municipality << r.institution_id << json_list(r.relatives)
      << r.can_complain_unaided;
  }
  static void read(Reader& rd, model::Citizen& r) {
    r.cpr = rd.text();
    r.name = rd.text();
    r.target_group = rd.text();
    r.acting_municipality = rd.text();
    r.institution_id = rd.text();
    r.relatives = rd.list<std::vector<model::Relative>>("relatives", model::relatives_from_json);
    r.can_complain_unaided = rd.boolean();
  }
};

template <>
struct Table<model::BaseCourse> {
  static constexpr std::string_view name = "base_courses";
  static constexpr std::string_view kind = "base_course";
  static std::vector<std::string_view> columns() { return {"citizen_id", "title"}; }
  static void bind(Binder& b, const model::BaseCourse& r) { b << r.citizen_id << r.title; }
  static void read(Reader& rd, model::BaseCourse& r) {
    r.citizen_id = rd.text();
    r.title = rd.text();
  }
};

template <>
struct Table<model::Case> {
  static constexpr std::string_view name = "cases";
  static constexpr std::string_view kind = "case";
  static std::vector<std::string_view> columns() {
    return {"citizen_id", "base_course_id", "kind", "title", "decision_id", "opened_at", "closed_at"};
  }
  static void bind(Binder& b, const model::Case& r) {
    b << r.citizen_id << r.base_course_id << r.kind << r.title << r.decision_id << r.opened_at << r.closed_at;
  }
  static void read(Reader& rd, model::Case& r) {
    r.citizen_id = rd.text();
    r.base_course_id = rd.text();
    r.kind = rd.enumerated(model::k_case_kind_texts, "case kind");
    r.title = rd.text();
    r.decision_id = rd.optional_text();
    r.opened_at = rd.text();
    r.closed_at = rd.optional_text();
  }
};

template <>
struct Table<model::FormInstance> {
  static constexpr std::string_view name = "form_instances";
  static constexpr std::string_view kind = "form";
  static std::vector<std::string_view> columns() {
    return {"form_id",     "form_version", "citizen_id", "case_id",    "institution_id", "state",
            "content",     "legal_basis",  "started_at", "created_by", "created_at",     "updated_at",
            "locked_at",   "locked_by",    "parent_id",  "return_comment", "withdrawn_at",   "withdrawn_by",
            "withdrawn_reason", "registered_at"};
  }
  static void bind(Binder& b, const model::FormInstance& r) {
    b << r.form_id << r.form_version << r.citizen_id << r.case_id << r.institution_id << r.state << r.content.dump()
      << r.legal_basis << r.started_at << r.created_by << r.created_at << r.updated_at << r.locked_at << r.locked_by
      << r.parent_id << r.return_comment << r.withdrawn_at << r.withdrawn_by << r.withdrawn_reason
      << r.registered_at;
  }
  static void read(Reader& rd, model::FormInstance& r) {
    r.form_id = rd.text();
    r.form_version = rd.integer();
    r.citizen_id = rd.text();
    r.case_id = rd.text();
    r.institution_id = rd.text();
    r.state = rd.enumerated(model::k_form_state_texts, "state");
    r.content = rd.json("content");
    r.legal_basis = rd.optional_text();
    r.started_at = rd.optional_text();
    r.created_by = rd.text();
    r.created_at = rd.text();
    r.updated_at = rd.text();
    r.locked_at = rd.optional_text();
    r.locked_by = rd.optional_text();
    r.parent_id = rd.optional_text();
    r.return_comment = rd.optional_text();
    r.withdrawn_at = rd.optional_text();
    r.withdrawn_by = rd.optional_text();
    r.withdrawn_reason = rd.optional_text();
    r.registered_at = rd.optional_text();
  }
};

template <>
struct Table<model::FormEvent> {
  static constexpr std::string_view name = "form_events";
  static constexpr std::string_view kind = "form_event";
  static std::vector<std::string_view> columns() {
    return {"form_instance_id", "from_state", "to_state", "by_user", "at", "comment"};
  }
  static void bind(Binder& b, const model::FormEvent& r) {
    b << r.form_instance_id << r.from_state << r.to_state << r.by << r.at << r.comment;
  }
  static void read(Reader& rd, model::FormEvent& r) {
    r.form_instance_id = rd.text();
    r.from_state = rd.optional_text();
    r.to_state = rd.text();
    r.by = rd.text();
    r.at = rd.text();
    r.comment = rd.text();
  }
};

template <>
struct Table<model::Decision> {
  static constexpr std::string_view name = "decisions";
  static constexpr std::string_view kind = "decision";
  static std::vector<std::string_view> columns() {
    return {"citizen_id", "case_id",    "application_form_id", "basis",       "status",     "valid_from",
            "valid_to",   "conditions", "complaint_guidance",  "decided_by", "decided_at", "notifications"};
  }
  static void bind(Binder& b, const model::Decision& r) {
    b << r.citizen_id << r.case_id << r.application_form_id << r.basis << r.status << r.valid_from << r.valid_to
      << r.conditions << r.complaint_guidance << r.decided_by << r.decided_at << json_list(r.notifications);
  }
  static void read(Reader& rd, model::Decision& r) {
    r.citizen_id = rd.text();
    r.case_id = rd.text();
    r.application_form_id = rd.optional_text();
    r.basis = rd.text();
    r.status = rd.enumerated(model::k_decision_status_texts, "decision status");
    r.valid_from = rd.optional_text();
    r.valid_to = rd.optional_text();
    r.conditions = rd.text();
    r.complaint_guidance = rd.text();
    r.decided_by = rd.optional_text();
    r.decided_at = rd.optional_text();
    r.notifications = rd.list<std::vector<model::Notification>>("notifications", model::notifications_from_json);
  }
};

template <>
struct Table<model::Complaint> {
  static constexpr std::string_view name = "complaints";
  static constexpr std::string_view kind = "complaint";
  static std::vector<std::string_view> columns() {
    return {"citizen_id", "decision_id",  "form_instance_id", "received_at", "notified_at",
            "status",     "committee_assessment", "forwarded_at", "outcome", "court_or_lawyer",
            "complainant", "statement_sent_to"};
  }
  static void bind(Binder& b, const model::Complaint& r) {
    b << r.citizen_id << r.decision_id << r.form_instance_id << r.received_at << r.notified_at << r.status
      << r.committee_assessment << r.forwarded_at << r.outcome << r.court_or_lawyer << r.complainant
      << json_list(r.statement_sent_to);
  }
  static void read(Reader& rd, model::Complaint& r) {
    r.citizen_id = rd.text();
    r.decision_id = rd.optional_text();
    r.form_instance_id = rd.optional_text();
    r.received_at = rd.text();
    r.notified_at = rd.optional_text();
    r.status = rd.enumerated(model::k_complaint_status_texts, "complaint status");
    r.committee_assessment = rd.text();
    r.forwarded_at = rd.optional_text();
    r.outcome = rd.text();
    r.court_or_lawyer = rd.boolean();
    r.complainant = rd.text();
    r.statement_sent_to = rd.list<std::vector<model::Notification>>("statement_sent_to", model::notifications_from_json);
  }
};

template <>
struct Table<model::MoveRecommendation> {
  static constexpr std::string_view name = "move_recommendations";
  static constexpr std::string_view kind = "move_recommendation";
  static std::vector<std::string_view> columns() {
    return {"citizen_id", "basis", "subsection", "status", "decided_on", "lawyer_appointed_on",
            "guardian_requested_on", "familieretshuset_decided_on", "familieretshuset_outcome", "cohabitant",
            "cohabitant_advised_on", "author", "at"};
  }
  static void bind(Binder& b, const model::MoveRecommendation& r) {
    b << r.citizen_id << r.basis << r.subsection << r.status << r.decided_on << r.lawyer_appointed_on
      << r.guardian_requested_on << r.familieretshuset_decided_on << r.familieretshuset_outcome << r.cohabitant
      << r.cohabitant_advised_on << r.author << r.at;
  }
  static void read(Reader& rd, model::MoveRecommendation& r) {
    r.citizen_id = rd.text();
    r.basis = rd.text();
    r.subsection = rd.text();
    r.status = rd.text();
    r.decided_on = rd.text();
    r.lawyer_appointed_on = rd.optional_text();
    r.guardian_requested_on = rd.optional_text();
    r.familieretshuset_decided_on = rd.optional_text();
    r.familieretshuset_outcome = rd.text();
    r.cohabitant = rd.text();
    r.cohabitant_advised_on = rd.optional_text();
    r.author = rd.text();
    r.at = rd.text();
  }
};

template <>
struct Table<model::Note> {
  static constexpr std::string_view name = "notes";
  static constexpr std::string_view kind = "note";
  static std::vector<std::string_view> columns() {
    return {"citizen_id", "case_id", "text", "tags", "kind", "author", "at"};
  }
  static void bind(Binder& b, const model::Note& r) {
    // The canonical (sorted, unique) tag list, as to_json writes it.
    b << r.citizen_id << r.case_id << r.text << model::to_json(r)["tags"].dump() << r.kind << r.author << r.at;
  }
  static void read(Reader& rd, model::Note& r) {
    r.citizen_id = rd.text();
    r.case_id = rd.optional_text();
    r.text = rd.text();
    r.tags = rd.text_list("tags");
    r.kind = rd.text();
    r.author = rd.text();
    r.at = rd.text();
  }
};

template <>
struct Table<model::ActionPlan> {
  static constexpr std::string_view name = "action_plans";
  static constexpr std::string_view kind = "action_plan";
  static std::vector<std::string_view> columns() {
    return {"citizen_id", "purpose", "effort", "expected_duration", "other_matters", "updated_at", "author"};
  }
  static void bind(Binder& b, const model::ActionPlan& r) {
    b << r.citizen_id << r.purpose << r.effort << r.expected_duration << r.other_matters << r.updated_at << r.author;
  }
  static void read(Reader& rd, model::ActionPlan& r) {
    r.citizen_id = rd.text();
    r.purpose = rd.text();
    r.effort = rd.text();
    r.expected_duration = rd.text();
    r.other_matters = rd.text();
    r.updated_at = rd.text();
    r.author = rd.text();
  }
};

template <>
struct Table<model::ReportBatch> {
  static constexpr std::string_view name = "report_batches";
  static constexpr std::string_view kind = "report_batch";
  static std::vector<std::string_view> columns() {
    return {"institution_id", "month", "recipients", "form_ids", "created_by", "created_at"};
  }
  static void bind(Binder& b, const model::ReportBatch& r) {
    b << r.institution_id << r.month << json_list(r.recipients) << json_text_list(r.form_ids) << r.created_by
      << r.created_at;
  }
  static void read(Reader& rd, model::ReportBatch& r) {
    r.institution_id = rd.text();
    r.month = rd.text();
    r.recipients = rd.list<std::vector<model::ReportRecipient>>("recipients", model::recipients_from_json);
    r.form_ids = rd.text_list("form_ids");
    r.created_by = rd.text();
    r.created_at = rd.text();
  }
};

// [SECTION] generated SQL
constexpr std::string_view k_sync_columns[] = {"revision", "content_hash", "server_seq", "deleted"};

template <class T>
std::string select_sql() {
  std::string sql = "SELECT t.id";
  for (auto c : Table<T>::columns()) sql += ", t." + std::string(c);
  for (auto c : k_sync_columns) sql += ", t." + std::string(c);
  sql += " FROM " + std::string(Table<T>::name) + " t";
  return sql;
}

template <class T>
std::string insert_sql(bool upsert) {
  std::vector<std::string_view> all{"id"};
  for (auto c : Table<T>::columns()) all.push_back(c);
  for (auto c : k_sync_columns) all.push_back(c);
  std::string sql = "INSERT INTO " + std::string(Table<T>::name) + "(";
  std::string values;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0) {
      sql += ", ";
      values += ", ";
    }
    sql += std::string(all[i]);
    values += "?" + std::to_string(i + 1);
  }
  sql += ") VALUES (" + values + ")";
  if (upsert) {
    sql += " ON CONFLICT(id) DO UPDATE SET ";
    for (std::size_t i = 1; i < all.size(); ++i) {
      if (i > 1) sql += ", ";
      sql += std::string(all[i]) + " = excluded." + std::string(all[i]);
    }
  }
  return sql;
}

template <class T>
std::string update_sql() {
  std::vector<std::string_view> all;
  for (auto c : Table<T>::columns()) all.push_back(c);
  for (auto c : k_sync_columns) all.push_back(c);
  std::string sql = "UPDATE " + std::string(Table<T>::name) + " SET ";
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += std::string(all[i]) + " = ?" + std::to_string(i + 2);
  }
  sql += " WHERE id = ?1 AND revision = ?" + std::to_string(all.size() + 2);
  return sql;
}

// Binds id, the domain columns and `meta` from ?1 on; returns the next free index.
template <class T>
int bind_record(Statement& st, const T& record, const model::SyncMeta& meta) {
  Binder b{st, 1};
  b << record.id;
  Table<T>::bind(b, record);
  b << meta.revision << meta.content_hash << meta.server_seq << meta.deleted;
  return b.index;
}

template <class T>
Result<T> read_record(const Statement& st) {
  T record;
  Reader rd{st, 0, std::nullopt};
  record.id = rd.text();
  Table<T>::read(rd, record);
  record.sync.revision = st.column_int64(rd.index++);
  record.sync.content_hash = st.column_text(rd.index++);
  record.sync.server_seq = st.column_optional_int64(rd.index++);
  record.sync.deleted = st.column_int64(rd.index++) != 0;
  if (rd.error) return *rd.error;
  return record;
}

template <class T>
Result<std::optional<model::SyncMeta>> stored_meta(Database& db, std::string_view id) {
  Result<Statement> st = db.prepare("SELECT revision, content_hash, server_seq, deleted FROM " +
                                    std::string(Table<T>::name) + " WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  Result<bool> row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<model::SyncMeta>{};
  model::SyncMeta m;
  m.revision = st->column_int64(0);
  m.content_hash = st->column_text(1);
  m.server_seq = st->column_optional_int64(2);
  m.deleted = st->column_int64(3) != 0;
  return std::optional<model::SyncMeta>{m};
}

Error conflict_error() {
  return Error::make(ErrorCode::RevisionConflict,
                     "Posten er samtidig ændret et andet sted: samme revision, andet indhold.", "revision");
}

Error stale_error(long long stored, long long expected) {
  return Error::make(ErrorCode::RevisionStale,
                     "Posten er forældet: den gemte revision er " + std::to_string(stored) + ", forventet " +
                         std::to_string(expected) + ".",
                     "revision");
}

}  // namespace

Result<long long> next_server_seq(Database& db) {
  Result<Statement> st = db.prepare("UPDATE counters SET value = value + 1 WHERE name = 'server_seq' RETURNING value");
  if (!st) return st.error();
  Result<bool> row = st->step();
  if (!row) return row.error();
  if (!*row) return storage_error("server_seq", "counter row missing");
  const long long value = st->column_int64(0);
  if (Status done = st->run(); !done) return done.error();
  return value;
}

template <class T>
std::string_view RecordRepository<T>::kind() {
  return Table<T>::kind;
}

template <class T>
Result<model::SyncMeta> RecordRepository<T>::insert(const T& record) {
  if (record.sync.revision < 1) return invalid_input("Revisionen skal være mindst 1.", "revision");
  const std::string hash = model::content_hash(record);
  Transaction tx(m_db);
  if (!tx.begin_status()) return tx.begin_status().error();
  Result<std::optional<model::SyncMeta>> existing = stored_meta<T>(m_db, record.id);
  if (!existing) return existing.error();
  if (existing->has_value()) {
    const model::SyncMeta& s = **existing;
    if (s.revision == record.sync.revision && s.content_hash == hash) return s;
    return conflict_error();
  }
  model::SyncMeta meta = record.sync;
  meta.content_hash = hash;
  if (m_side == Side::Server) {
    Result<long long> seq = next_server_seq(m_db);
    if (!seq) return seq.error();
    meta.server_seq = *seq;
  }
  Result<Statement> st = m_db.prepare(insert_sql<T>(false));
  if (!st) return st.error();
  bind_record(*st, record, meta);
  if (Status run = st->run(); !run) return run.error();
  if (Status c = tx.commit(); !c) return c.error();
  return meta;
}

template <class T>
Result<model::SyncMeta> RecordRepository<T>::update(const T& record, long long expected_revision) {
  const std::string hash = model::content_hash(record);
  Transaction tx(m_db);
  if (!tx.begin_status()) return tx.begin_status().error();
  Result<std::optional<model::SyncMeta>> existing = stored_meta<T>(m_db, record.id);
  if (!existing) return existing.error();
  if (!existing->has_value()) return Error::make(ErrorCode::NotFound, "Posten findes ikke.", "id");
  const model::SyncMeta stored = **existing;
  if (stored.revision != expected_revision) {
    if (stored.revision == expected_revision + 1) {
      if (stored.content_hash == hash) return stored;
      return conflict_error();
    }
    return stale_error(stored.revision, expected_revision);
  }
  model::SyncMeta meta;
  meta.revision = expected_revision + 1;
  meta.content_hash = hash;
  meta.deleted = record.sync.deleted;
  meta.server_seq = stored.server_seq;
  if (m_side == Side::Server) {
    Result<long long> seq = next_server_seq(m_db);
    if (!seq) return seq.error();
    meta.server_seq = *seq;
  }
  Result<Statement> st = m_db.prepare(update_sql<T>());
  if (!st) return st.error();
  const int next = bind_record(*st, record, meta);
  st->bind(next, expected_revision);
  if (Status run = st->run(); !run) return run.error();
  if (m_db.changes() != 1) return stale_error(stored.revision, expected_revision);
  if (Status c = tx.commit(); !c) return c.error();
  return meta;
}

template <class T>
Result<model::SyncMeta> RecordRepository<T>::put(const T& record) {
  if (record.sync.revision < 1) return invalid_input("Revisionen skal være mindst 1.", "revision");
  model::SyncMeta meta = record.sync;
  const std::string hash = model::content_hash(record);
  if (!meta.content_hash.empty() && meta.content_hash != hash)
    return invalid_input("Indholdets SHA-256 passer ikke til indholdet.", "content_hash");
  meta.content_hash = hash;
  Transaction tx(m_db);
  if (!tx.begin_status()) return tx.begin_status().error();
  Result<Statement> st = m_db.prepare(insert_sql<T>(true));
  if (!st) return st.error();
  bind_record(*st, record, meta);
  if (Status run = st->run(); !run) return run.error();
  if (Status c = tx.commit(); !c) return c.error();
  return meta;
}

template <class T>
Result<std::optional<T>> RecordRepository<T>::find(std::string_view id) {
  Result<Statement> st = m_db.prepare(select_sql<T>() + " WHERE t.id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  Result<bool> row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<T>{};
  Result<T> record = read_record<T>(*st);
  if (!record) return record.error();
  return std::optional<T>{std::move(record).value()};
}

template <class T>
Result<T> RecordRepository<T>::get(std::string_view id) {
  Result<std::optional<T>> found = find(id);
  if (!found) return found.error();
  if (!found->has_value()) return Error::make(ErrorCode::NotFound, "Posten findes ikke.", "id");
  return std::move(**found);
}

template <class T>
Status RecordRepository<T>::acknowledge(std::string_view id, long long revision, long long server_seq) {
  Result<Statement> st = m_db.prepare("UPDATE " + std::string(Table<T>::name) +
                                      " SET server_seq = max(coalesce(server_seq, 0), ?3)"
                                      " WHERE id = ?1 AND revision >= ?2");
  if (!st) return st.error();
  st->bind(1, id).bind(2, revision).bind(3, server_seq);
  if (Status run = st->run(); !run) return run;
  if (m_db.changes() == 0) return Error::make(ErrorCode::NotFound, "Posten findes ikke i den revision.", "id");
  return {};
}

template <class T>
Result<std::vector<T>> RecordRepository<T>::query(std::string_view where_and_order,
                                                  const std::function<void(Statement&)>& bind) {
  Result<Statement> st = m_db.prepare(select_sql<T>() + " WHERE " + std::string(where_and_order));
  if (!st) return st.error();
  if (bind) bind(*st);
  std::vector<T> out;
  for (;;) {
    Result<bool> row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    Result<T> record = read_record<T>(*st);
    if (!record) return record.error();
    out.push_back(std::move(record).value());
  }
  return out;
}

// Every kind of the registry (records::Kind) has its table here, named alike: a kind added there without its
// columns here does not build.
// Every kind has its table's columns here (the build names a missing one before anything else).
template <class T>
concept HasTable = requires { Table<T>::name; Table<T>::columns(); };
template <class T>
constexpr bool table_defined() {
  static_assert(HasTable<T>, "a record kind lacks its storage::Table<T> (name, columns, bind, read) in "
                             "core/storage/record_repository.cpp, and its table in a migration");
  return true;
}
template <class... Ts>
constexpr bool all_tables_defined(records::KindList<Ts...>) {
  return (table_defined<Ts>() && ...);
}
static_assert(all_tables_defined(records::AllKinds{}));

template <class T>
constexpr bool named_alike() {
  return Table<T>::name == records::Kind<T>::table && Table<T>::kind == records::Kind<T>::name;
}
template <class... Ts>
constexpr bool all_named_alike(records::KindList<Ts...>) {
  return (named_alike<Ts>() && ...);
}
static_assert(all_named_alike(records::AllKinds{}), "records::Kind and storage's Table<T> must name each kind alike");

#define MAGTREG_REPOSITORY(T) template class RecordRepository<T>;
MAGTREG_RECORD_KINDS(MAGTREG_REPOSITORY)
#undef MAGTREG_REPOSITORY

}  // namespace magtreg::core::storage
