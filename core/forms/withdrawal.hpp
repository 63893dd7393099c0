// A registered use of force never disappears (issue #12): no upload deletes a record, except
//  - a leader's withdrawal of an Udfyldt registration (e.g. registered twice), with a reason: the form
//    becomes a tombstone carrying who, when and why, the server records a "tilbagekaldt" event and the
//    committee sees it in its work list;
//  - the creator's discarding of their own draft that was never Udfyldt.
// A tombstone is final. Pure rules: the tablet checks them before it saves, the server before it stores.
#pragma once

#include <optional>
#include <string>

#include "core/model/form_instance.hpp"
#include "core/model/role.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::forms {

struct TombstoneContext {
  Role role = Role::Staff;
  std::string uploader_id;
  // The form was Udfyldt at some point (the server knows its events; a draft sent back by the leader
  // carries a return comment): it was registered, so it is no longer a draft to discard.
  bool ever_filled = false;
};

// Checks the step from `stored` (absent for a new record) to `next` as far as `deleted` and the
// withdrawal fields go. Errors: INVALID_INPUT (a new record marked deleted, a withdrawal without its
// reason, who or when, or with other changes), FORBIDDEN (another user's draft), ROLE_NOT_ALLOWED (a
// withdrawal by anyone but a leader), FORM_LOCKED (a locked form), RECORD_FINAL (a tombstone changed or
// restored). Field names are the record's ("withdrawn_reason", "deleted").
Status check_form_tombstone(const std::optional<model::FormInstance>& stored, const model::FormInstance& next,
                            const TombstoneContext& context);

// Every other record kind: an upload never changes `deleted` (INVALID_INPUT naming "deleted").
Status check_no_tombstone(std::optional<bool> stored_deleted, bool next_deleted);

// The withdrawn copy of an Udfyldt form, as the leader's tablet saves it. INVALID_INPUT when the reason
// is blank, TRANSITION_NOT_ALLOWED when the form is not Udfyldt (or already withdrawn).
Result<model::FormInstance> withdraw_form(model::FormInstance form, const std::string& reason,
                                          const std::string& by_user_id, const std::string& at_utc);

}  // namespace magtreg::core::forms
