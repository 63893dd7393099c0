// One UNION ALL over the synced tables, each range-scanned on its unique server_seq index.
#include "core/storage/change_feed.hpp"

#include "core/storage/record_repository.hpp"
#include "core/storage/sql_text.hpp"

namespace magtreg::core::storage {
namespace {

// ?1 = after, ?2 = institution ids as JSON (NULL = all), ?3 = limit + 1.
constexpr std::string_view k_feed_sql = R"SQL(
SELECT kind, id, server_seq FROM (
  SELECT 'citizen' AS kind, t.id, t.server_seq FROM citizens t
    WHERE t.server_seq > ?1 AND (?2 IS NULL OR t.institution_id IN (SELECT value FROM json_each(?2)))
  UNION ALL
  SELECT 'form', t.id, t.server_seq FROM form_instances t
    WHERE t.server_seq > ?1 AND (?2 IS NULL OR t.institution_id IN (SELECT value FROM json_each(?2)))
  UNION ALL
  SELECT 'report_batch', t.id, t.server_seq FROM report_batches t
    WHERE t.server_seq > ?1 AND (?2 IS NULL OR t.institution_id IN (SELECT value FROM json_each(?2)))
  UNION ALL
  SELECT 'form_event', t.id, t.server_seq FROM form_events t
    WHERE t.server_seq > ?1 AND (?2 IS NULL OR EXISTS (SELECT 1 FROM form_instances f WHERE f.id = t.form_instance_id
      AND f.institution_id IN (SELECT value FROM json_each(?2))))
  UNION ALL
  SELECT 'base_course', t.id, t.server_seq FROM base_courses t
    WHERE t.server_seq > ?1 AND (?2 IS NULL OR EXISTS (SELECT 1 FROM citizens c WHERE c.id = t.citizen_id
      AND c.institution_id IN (SELECT value FROM json_each(?2))))
  UNION ALL
  SELECT 'case', t.id, t.server_seq FROM cases t
    WHERE t.server_seq > ?1 AND (?2 IS NULL OR EXISTS (SELECT 1 FROM citizens c WHERE c.id = t.citizen_id
      AND c.institution_id IN (SELECT value FROM json_each(?2))))
  UNION ALL
  SELECT 'decision', t.id, t.server_seq FROM decisions t
    WHERE t.server_seq > ?1 AND (?2 IS NULL OR EXISTS (SELECT 1 FROM citizens c WHERE c.id = t.citizen_id
      AND c.institution_id IN (SELECT value FROM json_each(?2))))
  UNION ALL
  SELECT 'complaint', t.id, t.server_seq FROM complaints t
    WHERE t.server_seq > ?1 AND (?2 IS NULL OR EXISTS (SELECT 1 FROM citizens c WHERE c.id = t.citizen_id
      AND c.institution_id IN (SELECT value FROM json_each(?2))))
  UNION ALL
  SELECT 'note', t.id, t.server_seq FROM notes t
    WHERE t.server_seq > ?1 AND (?2 IS NULL OR EXISTS (SELECT 1 FROM citizens c WHERE c.id = t.citizen_id
      AND c.institution_id IN (SELECT value FROM json_each(?2))))
  UNION ALL
  SELECT 'action_plan', t.id, t.server_seq FROM action_plans t
    WHERE t.server_seq > ?1 AND (?2 IS NULL OR EXISTS (SELECT 1 FROM citizens c WHERE c.id = t.citizen_id
      AND c.institution_id IN (SELECT value FROM json_each(?2))))
  UNION ALL
  SELECT 'move_recommendation', t.id, t.server_seq FROM move_recommendations t
    WHERE t.server_seq > ?1 AND (?2 IS NULL OR EXISTS (SELECT 1 FROM citizens c WHERE c.id = t.citizen_id
      AND c.institution_id IN (SELECT value FROM json_each(?2))))
) ORDER BY server_seq LIMIT ?3
)SQL";

template <class T>
Status load(Database& db, Change& change) {
  RecordRepository<T> repo(db);
  Result<T> record = repo.get(change.id);
  if (!record) return record.error();
  change.revision = record->sync.revision;
  change.content_hash = record->sync.content_hash;
  change.data = model::to_json(*record);
  return {};
}

Status load_change(Database& db, Change& change) {
  const std::string& k = change.kind;
  if (k == "citizen") return load<model::Citizen>(db, change);
  if (k == "form") return load<model::FormInstance>(db, change);
  if (k == "report_batch") return load<model::ReportBatch>(db, change);
  if (k == "form_event") return load<model::FormEvent>(db, change);
  if (k == "base_course") return load<model::BaseCourse>(db, change);
  if (k == "case") return load<model::Case>(db, change);
  if (k == "decision") return load<model::Decision>(db, change);
  if (k == "complaint") return load<model::Complaint>(db, change);
  if (k == "note") return load<model::Note>(db, change);
  if (k == "action_plan") return load<model::ActionPlan>(db, change);
  if (k == "move_recommendation") return load<model::MoveRecommendation>(db, change);
  return storage_error("ændringsliste", "unknown kind " + k);
}

}  // namespace

Result<ChangePage> changes_after(Database& db, long long after,
                                 const std::optional<std::vector<std::string>>& institution_ids, int limit) {
  if (limit < 1 || limit > 1000)
    return Error::make(ErrorCode::InvalidInput, "Sidestørrelsen skal være mellem 1 og 1000.", "limit");
  if (after < 0) return Error::make(ErrorCode::InvalidInput, "Markøren kan ikke være negativ.", "after");
  Result<Statement> st = db.prepare(k_feed_sql);
  if (!st) return st.error();
  st->bind(1, after);
  if (institution_ids)
    st->bind(2, ids_json(*institution_ids));
  else
    st->bind(2, nullptr);
  st->bind(3, limit + 1);  // one more tells whether there is a next page

  ChangePage page;
  page.next_after = after;
  for (;;) {
    Result<bool> row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    if (static_cast<int>(page.records.size()) == limit) {
      page.has_more = true;
      break;
    }
    Change c;
    c.kind = st->column_text(0);
    c.id = st->column_text(1);
    c.server_seq = st->column_int64(2);
    page.records.push_back(std::move(c));
  }
  // Load the records after the scan, each through its repository (one code path for JSON).
  for (Change& c : page.records) {
    if (Status s = load_change(db, c); !s) return s.error();
    page.next_after = c.server_seq;
  }
  return page;
}

}  // namespace magtreg::core::storage
