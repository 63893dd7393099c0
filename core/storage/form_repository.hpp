// Form instances: the lists of the product (a citizen's forms, a case's forms, forms by state for
// institutions, unsynced and overdue candidates) and the atomic save of a form with its history event.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/record_repository.hpp"

namespace magtreg::core::storage {

class FormRepository : public RecordRepository<model::FormInstance> {
 public:
  using RecordRepository::RecordRepository;

  // Newest first.
  Result<std::vector<model::FormInstance>> of_citizen(std::string_view citizen_id);
  // Oldest first (the order of the incident).
  Result<std::vector<model::FormInstance>> of_case(std::string_view case_id);
  // Forms of the institutions in `state`, by intervention time.
  Result<std::vector<model::FormInstance>> by_state(const std::vector<std::string>& institution_ids,
                                                    model::FormState state);
  // Addenda and Bilag 1 attached to a form.
  Result<std::vector<model::FormInstance>> children_of(std::string_view parent_id);
  // Tablet: forms the server has not acknowledged in their current form (never acknowledged, or with
  // an outbox entry still pending), oldest change first.
  Result<std::vector<model::FormInstance>> unsynced();
  // Not yet locked forms whose intervention started before `local_cutoff` ("YYYY-MM-DDTHH:MM",
  // Copenhagen): the candidates the deadline rules then judge.
  Result<std::vector<model::FormInstance>> overdue_candidates(const std::vector<std::string>& institution_ids,
                                                              std::string_view local_cutoff);

  // Saves the form and its history event in one transaction: both or neither. A new form
  // (expected_revision empty) is inserted; otherwise updated with the revision check.
  Result<model::SyncMeta> save_with_event(const model::FormInstance& form, std::optional<long long> expected_revision,
                                          const model::FormEvent& event);
};

class FormEventRepository : public RecordRepository<model::FormEvent> {
 public:
  using RecordRepository::RecordRepository;

  // The form's history, oldest first.
  Result<std::vector<model::FormEvent>> of_form(std::string_view form_instance_id);
};

}  // namespace magtreg::core::storage
