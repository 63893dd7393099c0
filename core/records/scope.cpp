// Loading an institution set's records (see scope.hpp).
#include "core/records/scope.hpp"

#include "core/storage/directory.hpp"
#include "core/storage/form_repository.hpp"
#include "core/storage/note_repository.hpp"
#include "core/storage/record_repository.hpp"

namespace magtreg::core::records {

namespace st = storage;

namespace {

// "?1, ?2, ..." for n values.
std::string placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 1; i <= n; ++i) s += (i == 1 ? "?" : ", ?") + std::to_string(i);
  return s;
}

template <class T>
Status load(st::Database& db, const std::string& where, const std::vector<std::string>& ids, std::vector<T>& out) {
  st::RecordRepository<T> repo(db);
  auto rows = repo.query("t.deleted = 0 AND (" + where + ")", [&](st::Statement& q) {
    for (std::size_t i = 0; i < ids.size(); ++i) q.bind(static_cast<int>(i) + 1, ids[i]);
  });
  if (!rows) return rows.error();
  out = std::move(*rows);
  return {};
}

}  // namespace

Result<workflow::WorkInput> load_scope(st::Database& db, const std::vector<std::string>& institution_ids) {
  workflow::WorkInput in;
  if (institution_ids.empty()) return in;
  for (const auto& id : institution_ids) {
    auto inst = find_institution(db, id);
    if (!inst) return inst.error();
    if (*inst) in.institutions.push_back(**inst);
  }
  const std::string ids = placeholders(institution_ids.size());
  const std::string of_citizens = "t.citizen_id IN (SELECT id FROM citizens WHERE institution_id IN (" + ids + "))";
  if (auto s = load(db, "t.institution_id IN (" + ids + ")", institution_ids, in.citizens); !s) return s.error();
  if (auto s = load(db, of_citizens + " OR t.institution_id IN (" + ids + ")", institution_ids, in.forms); !s)
    return s.error();
  if (auto s = load(db, of_citizens, institution_ids, in.cases); !s) return s.error();
  if (auto s = load(db, of_citizens, institution_ids, in.decisions); !s) return s.error();
  if (auto s = load(db, "t.institution_id IN (" + ids + ")", institution_ids, in.batches); !s) return s.error();
  if (auto s = load(db, of_citizens, institution_ids, in.notes); !s) return s.error();
  if (auto s = load(db, of_citizens, institution_ids, in.complaints); !s) return s.error();
  if (auto s = load(db, of_citizens, institution_ids, in.action_plans); !s) return s.error();
  if (auto s = load(db, of_citizens, institution_ids, in.recommendations); !s) return s.error();
  {
    st::RecordRepository<model::FormInstance> repo(db);
    auto rows = repo.query("t.deleted = 1 AND t.withdrawn_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-31 days') AND"
                           " t.institution_id IN (" + ids + ")",
                           [&](st::Statement& q) {
                             for (std::size_t i = 0; i < institution_ids.size(); ++i)
                               q.bind(static_cast<int>(i) + 1, institution_ids[i]);
                           });
    if (!rows) return rows.error();
    in.withdrawn = std::move(*rows);
  }
  return in;
}

Result<workflow::ReportingUnit> reporting_unit(st::Database& db, const std::string& institution_id) {
  auto inst = find_institution(db, institution_id);
  if (!inst) return inst.error();
  if (!*inst) return Error::make(ErrorCode::NotFound, "Tilbuddet findes ikke.", "institution_id");
  auto mun = find_municipality(db, (*inst)->municipality_id);
  if (!mun) return mun.error();
  if (!*mun) return Error::make(ErrorCode::NotFound, "Kommunen findes ikke.", "institution_id");
  return workflow::ReportingUnit{**inst, **mun};
}

Result<std::vector<cases::Missing>> closing_gaps_of(st::Database& db, const model::Case& open_case) {
  st::FormRepository forms(db);
  auto on_case = forms.of_case(open_case.id);
  if (!on_case) return on_case.error();
  st::RecordRepository<model::ReportBatch> batch_repo(db);
  auto batches = batch_repo.query(
      "t.deleted = 0 AND EXISTS (SELECT 1 FROM json_each(t.form_ids) j"
      " WHERE j.value IN (SELECT id FROM form_instances WHERE case_id = ?1))",
      [&](st::Statement& q) { q.bind(1, open_case.id); });
  if (!batches) return batches.error();
  st::NoteRepository notes(db);
  auto case_notes = notes.of_case(open_case.id);
  if (!case_notes) return case_notes.error();
  std::optional<model::Decision> decision;
  if (open_case.decision_id) {
    st::RecordRepository<model::Decision> decisions(db);
    auto d = decisions.find(*open_case.decision_id);
    if (!d) return d.error();
    decision = *d;
  }
  return cases::closing_gaps(open_case, *on_case, *batches, *case_notes, decision);
}

}  // namespace magtreg::core::records
