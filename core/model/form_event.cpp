// JSON of form events.
#include "core/model/form_event.hpp"

#include "core/util/json_util.hpp"

namespace magtreg::core::model {

nlohmann::json to_json(const FormEvent& e) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = e.id;
  j["form_instance_id"] = e.form_instance_id;
  j["from_state"] = optional_json(e.from_state);
  j["to_state"] = e.to_state;
  j["by"] = e.by;
  j["at"] = e.at;
  j["comment"] = e.comment;
  j["deleted"] = e.sync.deleted;
  return j;
}

Result<FormEvent> form_event_from_json(const nlohmann::json& j) {
  FormEvent e;
  JsonReader r(j);
  r.text("id", e.id, TextFormat::Uuid)
      .text("form_instance_id", e.form_instance_id, TextFormat::Uuid)
      .optional_text("from_state", e.from_state)
      .one_of("to_state", e.to_state,
              {to_string(FormState::Draft), to_string(FormState::Filled), to_string(FormState::Locked), k_event_withdrawn})
      .text("by", e.by, TextFormat::Uuid)
      .text("at", e.at, TextFormat::UtcInstant)
      .text("comment", e.comment)
      .boolean("deleted", e.sync.deleted);
  if (Status st = r.finish(); !st) return st.error();
  if (e.from_state && !form_state_from_string(*e.from_state))
    return invalid_input("Ugyldig værdi; tilladt: kladde, udfyldt, laast.", "from_state");
  return e;
}

}  // namespace magtreg::core::model
