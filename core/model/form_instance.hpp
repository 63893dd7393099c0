// A filled-in form (skema) of a citizen: which definition and version it was filled on, its state
// (kladde / udfyldt / laast), its content as JSON, and who created, changed and locked it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/model/form_state.hpp"
#include "core/model/sync_meta.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::model {

struct FormInstance {
  std::string id;                 // UUID
  std::string form_id;            // catalogue id, e.g. "2020-1a"
  int form_version = 1;           // definition version it was filled on (kept for ever)
  std::string citizen_id;         // UUID
  std::string case_id;            // UUID
  std::string institution_id;     // UUID: where it happened (the citizen may move later)
  FormState state = FormState::Draft;
  nlohmann::json content = nlohmann::json::object();  // field id -> value, as the form engine keeps it
  std::optional<std::string> legal_basis;  // basis id, e.g. "124d"
  std::optional<std::string> started_at;   // Copenhagen wall clock "YYYY-MM-DDTHH:MM" of the intervention
  std::string created_by;                  // user UUID
  std::string created_at;                  // UTC instant
  std::string updated_at;                  // UTC instant
  std::optional<std::string> locked_at;    // UTC instant; set exactly when laast
  std::optional<std::string> locked_by;    // user UUID; set exactly when laast
  std::optional<std::string> parent_id;    // addendum -> the locked form; Bilag 1 -> its Skema 1 a/1 b
  std::optional<std::string> return_comment;  // why the leader sent it back to staff
  // A registration the leader withdrew (e.g. registered twice): set together, with sync.deleted, once
  // and for ever (core/forms/withdrawal.hpp). Written to JSON only when set, so the content hash of
  // every other form is what it was before these fields existed.
  std::optional<std::string> withdrawn_at;      // UTC instant
  std::optional<std::string> withdrawn_by;      // user UUID
  std::optional<std::string> withdrawn_reason;  // Danish, why
  // When the registration was made (seed 002: "straks og senest 3 dage efter"): the device's clock at
  // the moment the form first left Kladde (Udfyldt, or Låst for a one-step form), set once by the tablet
  // and never changed, also when a leader sends the form back. The server keeps its own receipt time
  // beside it (the form event); lateness and the statistics are judged on this one. Written to JSON only
  // when set, like the withdrawal.
  std::optional<std::string> registered_at;  // UTC instant
  SyncMeta sync;

  bool operator==(const FormInstance&) const = default;
};

nlohmann::json to_json(const FormInstance& f);
Result<FormInstance> form_instance_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::model
