// JSON of form instances (content embedded as an object, so the canonical text does not depend on how
// the content was once formatted).
#include "core/model/form_instance.hpp"

#include "core/util/json_util.hpp"

namespace magtreg::core::model {

nlohmann::json to_json(const FormInstance& f) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = f.id;
  j["form_id"] = f.form_id;
  j["form_version"] = f.form_version;
  j["citizen_id"] = f.citizen_id;
  j["case_id"] = f.case_id;
  j["institution_id"] = f.institution_id;
  j["state"] = to_string(f.state);
  j["content"] = f.content;
  j["legal_basis"] = optional_json(f.legal_basis);
  j["started_at"] = optional_json(f.started_at);
  j["created_by"] = f.created_by;
  j["created_at"] = f.created_at;
  j["updated_at"] = f.updated_at;
  j["locked_at"] = optional_json(f.locked_at);
  j["locked_by"] = optional_json(f.locked_by);
  j["parent_id"] = optional_json(f.parent_id);
  j["return_comment"] = optional_json(f.return_comment);
  if (f.withdrawn_at) j["withdrawn_at"] = *f.withdrawn_at;
  if (f.withdrawn_by) j["withdrawn_by"] = *f.withdrawn_by;
  if (f.withdrawn_reason) j["withdrawn_reason"] = *f.withdrawn_reason;
  if (f.registered_at) j["registered_at"] = *f.registered_at;
  j["deleted"] = f.sync.deleted;
  return j;
}

Result<FormInstance> form_instance_from_json(const nlohmann::json& j) {
  FormInstance f;
  std::string state;
  JsonReader r(j);
  r.text("id", f.id, TextFormat::Uuid)
      .text("form_id", f.form_id, TextFormat::NonEmpty)
      .integer("form_version", f.form_version, 1, 1000000)
      .text("citizen_id", f.citizen_id, TextFormat::Uuid)
      .text("case_id", f.case_id, TextFormat::Uuid)
      .text("institution_id", f.institution_id, TextFormat::Uuid)
      .one_of("state", state, {to_string(FormState::Draft), to_string(FormState::Filled), to_string(FormState::Locked)})
      .object("content", f.content)
      .optional_text("legal_basis", f.legal_basis, TextFormat::NonEmpty)
      .optional_text("started_at", f.started_at, TextFormat::LocalMinute)
      .text("created_by", f.created_by, TextFormat::Uuid)
      .text("created_at", f.created_at, TextFormat::UtcInstant)
      .text("updated_at", f.updated_at, TextFormat::UtcInstant)
      .optional_text("locked_at", f.locked_at, TextFormat::UtcInstant)
      .optional_text("locked_by", f.locked_by, TextFormat::Uuid)
      .optional_text("parent_id", f.parent_id, TextFormat::Uuid)
      .optional_text("return_comment", f.return_comment)
      .optional_text("withdrawn_at", f.withdrawn_at, TextFormat::UtcInstant)
      .optional_text("withdrawn_by", f.withdrawn_by, TextFormat::Uuid)
      .optional_text("withdrawn_reason", f.withdrawn_reason)
      .optional_text("registered_at", f.registered_at, TextFormat::UtcInstant)
      .boolean("deleted", f.sync.deleted);
  if (Status st = r.finish(); !st) return st.error();
  f.state = *form_state_from_string(state);
  const bool locked = f.state == FormState::Locked;
  if (locked != f.locked_at.has_value())
    return invalid_input(locked ? "En låst formular skal have et låsetidspunkt." : "Kun en låst formular har et låsetidspunkt.",
                         "locked_at");
  if (locked != f.locked_by.has_value())
    return invalid_input(locked ? "En låst formular skal have en bruger, der låste den." : "Kun en låst formular er låst af nogen.",
                         "locked_by");
  const bool withdrawn = f.withdrawn_at.has_value();
  if (withdrawn != f.withdrawn_by.has_value() || withdrawn != f.withdrawn_reason.has_value())
    return invalid_input("En tilbagekaldt registrering har tidspunkt, bruger og begrundelse.", "withdrawn_at");
  if (withdrawn && !f.sync.deleted)
    return invalid_input("En tilbagekaldt registrering er slettet fra listerne.", "deleted");
  if (f.parent_id && *f.parent_id == f.id) return invalid_input("En formular kan ikke være sin egen forælder.", "parent_id");
  return f;
}

}  // namespace magtreg::core::model
