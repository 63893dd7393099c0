// Loading a form's facts for the rule engine (see rule_input.hpp).
#include "core/records/rule_input.hpp"

#include "core/forms/catalogue.hpp"
#include "core/rules/form_check.hpp"
#include "core/storage/citizen_repository.hpp"
#include "core/storage/decision_repository.hpp"
#include "core/storage/form_repository.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "core/util/json_read.hpp"

namespace magtreg::core::records {

std::optional<time::LocalDateTime> registration_time(const model::FormInstance& form) {
  if (!form.registered_at) return std::nullopt;
  auto at = time::parse_utc(*form.registered_at);
  if (!at) return std::nullopt;
  return time::to_local(*at);
}

Result<std::optional<rules::CheckInput>> rule_input_for(storage::Database& db, const model::FormInstance& form,
                                                        std::optional<time::LocalDateTime> registered_at) {
  storage::CitizenRepository citizens(db);
  auto citizen = citizens.find(form.citizen_id);
  if (!citizen) return citizen.error();
  if (!*citizen) return std::optional<rules::CheckInput>();
  storage::FormRepository forms(db);
  auto others = forms.of_citizen(form.citizen_id);
  if (!others) return others.error();
  storage::DecisionRepository decisions(db);
  auto ds = decisions.of_citizen(form.citizen_id);
  if (!ds) return ds.error();
  storage::RecordRepository<model::Case> cases(db);
  auto the_case = cases.find(form.case_id);
  if (!the_case) return the_case.error();
  std::optional<std::string> case_decision;
  if (*the_case && (*the_case)->kind == model::CaseKind::Approval) case_decision = (*the_case)->decision_id;
  return rules::check_input_for(form, **citizen, *others, *ds, registered_at, case_decision);
}

Result<rules::CheckResult> check_form(storage::Database& db, const model::FormInstance& form,
                                      std::optional<time::LocalDateTime> registered_at) {
  auto input = rule_input_for(db, form, registered_at);
  if (!input) return input.error();
  if (!*input) return rules::CheckResult{};
  // A Bilag 1 is one intervention per line (issue #14 item 2).
  if (const auto* def = forms::Catalogue::current().definition(form.form_id, form.form_version);
      def != nullptr && def->meta.kind == forms::FormKind::DailyLines && def->period)
    return rules::check_daily_lines(**input, form.content, *def->period);
  return rules::check_registration(**input);
}

}  // namespace magtreg::core::records
