// Form list queries and the form + event save.
#include "core/storage/form_repository.hpp"

#include "core/storage/sql_text.hpp"
#include "core/storage/transaction.hpp"

namespace magtreg::core::storage {

Result<std::vector<model::FormInstance>> FormRepository::of_citizen(std::string_view citizen_id) {
  return query("t.citizen_id = ?1 AND t.deleted = 0 ORDER BY t.created_at DESC, t.id",
               [&](Statement& st) { st.bind(1, citizen_id); });
}

Result<std::vector<model::FormInstance>> FormRepository::of_case(std::string_view case_id) {
  return query("t.case_id = ?1 AND t.deleted = 0 ORDER BY t.created_at, t.id",
               [&](Statement& st) { st.bind(1, case_id); });
}

Result<std::vector<model::FormInstance>> FormRepository::by_state(const std::vector<std::string>& institution_ids,
                                                                  model::FormState state) {
  return query(
      "t.institution_id IN (SELECT value FROM json_each(?1)) AND t.state = ?2 AND t.deleted = 0"
      " ORDER BY t.started_at, t.created_at, t.id",
      [&](Statement& st) { st.bind(1, ids_json(institution_ids)).bind(2, model::to_string(state)); });
}

Result<std::vector<model::FormInstance>> FormRepository::children_of(std::string_view parent_id) {
  return query("t.parent_id = ?1 AND t.deleted = 0 ORDER BY t.created_at, t.id",
               [&](Statement& st) { st.bind(1, parent_id); });
}

Result<std::vector<model::FormInstance>> FormRepository::unsynced() {
  return query(
      "(t.server_seq IS NULL OR EXISTS (SELECT 1 FROM outbox o WHERE o.record_kind = 'form'"
      " AND o.record_id = t.id AND o.state = 'pending')) ORDER BY t.updated_at, t.id",
      nullptr);
}

Result<std::vector<model::FormInstance>> FormRepository::overdue_candidates(
    const std::vector<std::string>& institution_ids, std::string_view local_cutoff) {
  return query(
      "t.institution_id IN (SELECT value FROM json_each(?1)) AND t.state IN ('kladde', 'udfyldt')"
      " AND t.deleted = 0 AND t.started_at IS NOT NULL AND t.started_at < ?2 ORDER BY t.started_at, t.id",
      [&](Statement& st) { st.bind(1, ids_json(institution_ids)).bind(2, local_cutoff); });
}

Result<model::SyncMeta> FormRepository::save_with_event(const model::FormInstance& form,
                                                        std::optional<long long> expected_revision,
                                                        const model::FormEvent& event) {
  if (event.form_instance_id != form.id)
    return Error::make(ErrorCode::InvalidInput, "Hændelsen hører til en anden formular.", "form_instance_id");
  Transaction tx(m_db);
  if (!tx.begin_status()) return tx.begin_status().error();
  Result<model::SyncMeta> meta = expected_revision ? update(form, *expected_revision) : insert(form);
  if (!meta) return meta.error();
  FormEventRepository events(m_db, m_side);
  if (auto e = events.insert(event); !e) return e.error();
  if (Status c = tx.commit(); !c) return c.error();
  return meta;
}

Result<std::vector<model::FormEvent>> FormEventRepository::of_form(std::string_view form_instance_id) {
  return query("t.form_instance_id = ?1 ORDER BY t.at, t.id", [&](Statement& st) { st.bind(1, form_instance_id); });
}

}  // namespace magtreg::core::storage
