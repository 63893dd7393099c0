// One transition in a form's history (created, saved as udfyldt, sent back, locked): append-only.
#pragma once

#include <optional>
#include <string>

#include "core/model/form_state.hpp"

#include <nlohmann/json.hpp>

#include "core/model/sync_meta.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::model {

// The event of a leader's withdrawal of a registration: not a form state (the form keeps its state and
// becomes a tombstone), only the event's to_state.
inline constexpr const char* k_event_withdrawn = "tilbagekaldt";

struct FormEvent {
  std::string id;                          // UUID
  std::string form_instance_id;            // UUID
  std::optional<std::string> from_state;   // empty when the form was created
  // The state's text (model::to_string(FormState)), or tilbagekaldt (withdrawn): an event's record, kept as text.
  std::string to_state = std::string(to_string(FormState::Draft));
  std::string by;                          // user UUID
  std::string at;                          // UTC instant
  std::string comment;                     // e.g. the reason for sending back
  SyncMeta sync;

  bool operator==(const FormEvent&) const = default;
};

nlohmann::json to_json(const FormEvent& e);
Result<FormEvent> form_event_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::model
