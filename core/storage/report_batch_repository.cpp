// Report batch queries.
#include "core/storage/report_batch_repository.hpp"

namespace magtreg::core::storage {

Result<std::vector<model::ReportBatch>> ReportBatchRepository::of_institution(std::string_view institution_id,
                                                                             std::string_view month) {
  return query(
      "t.institution_id = ?1 AND t.deleted = 0 AND (?2 = '' OR t.month = ?2) ORDER BY t.month DESC, t.created_at, t.id",
      [&](Statement& st) { st.bind(1, institution_id).bind(2, month); });
}

Result<bool> ReportBatchRepository::form_reported(std::string_view form_instance_id) {
  Result<Statement> st = m_db.prepare(
      "SELECT EXISTS (SELECT 1 FROM report_batches b, json_each(b.form_ids) f"
      " WHERE b.deleted = 0 AND f.value = ?1)");
  if (!st) return st.error();
  st->bind(1, form_instance_id);
  Result<bool> row = st->step();
  if (!row) return row.error();
  return *row && st->column_int64(0) != 0;
}

}  // namespace magtreg::core::storage
