// One UNION ALL over the synced tables, each range-scanned on its unique server_seq index.
#include "core/storage/change_feed.hpp"

#include "core/records/kinds.hpp"
#include "core/storage/record_repository.hpp"
#include "core/storage/sql_text.hpp"

namespace magtreg::core::storage {
namespace {

// The feed's query, one range scan per kind of the registry (records::Kind): ?1 = after, ?2 = institution ids
// as JSON (NULL = all), ?3 = limit + 1.
std::string where_visible(records::FeedScope scope) {
  constexpr std::string_view ids = "(SELECT value FROM json_each(?2))";
  switch (scope) {
    case records::FeedScope::OwnInstitution: return "t.institution_id IN " + std::string(ids);
    case records::FeedScope::CitizensInstitution:
      return "EXISTS (SELECT 1 FROM citizens c WHERE c.id = t.citizen_id AND c.institution_id IN " + std::string(ids) + ")";
    case records::FeedScope::FormsInstitution:
      return "EXISTS (SELECT 1 FROM form_instances f WHERE f.id = t.form_instance_id AND f.institution_id IN " +
             std::string(ids) + ")";
  }
  return "0";
}

const std::string& feed_sql() {
  static const std::string sql = [] {
    std::string s = "SELECT kind, id, server_seq FROM (\n";
    bool first = true;
    records::for_each_kind([&](auto tag) {
      using K = records::Kind<typename decltype(tag)::type>;
      if (!first) s += "  UNION ALL\n";
      first = false;
      s += "  SELECT '" + std::string(K::name) + "' AS kind, t.id, t.server_seq FROM " + std::string(K::table) +
           " t\n    WHERE t.server_seq > ?1 AND (?2 IS NULL OR " + where_visible(K::feed) + ")\n";
    });
    return s + ") ORDER BY server_seq LIMIT ?3\n";
  }();
  return sql;
}

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
  Status out = storage_error("ændringsliste", "unknown kind " + change.kind);
  records::for_kind(change.kind, [&](auto tag) { out = load<typename decltype(tag)::type>(db, change); });
  return out;
}

}  // namespace

Result<ChangePage> changes_after(Database& db, long long after,
                                 const std::optional<std::vector<std::string>>& institution_ids, int limit) {
  if (limit < 1 || limit > 1000)
    return Error::make(ErrorCode::InvalidInput, "Sidestørrelsen skal være mellem 1 og 1000.", "limit");
  if (after < 0) return Error::make(ErrorCode::InvalidInput, "Markøren kan ikke være negativ.", "after");
  Result<Statement> st = db.prepare(feed_sql());
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
