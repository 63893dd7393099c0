// The tombstone rules of forms (see withdrawal.hpp).
#include "core/forms/withdrawal.hpp"

#include <algorithm>
#include <cctype>

namespace magtreg::core::forms {
namespace {

bool blank(const std::optional<std::string>& s) {
  return !s || std::all_of(s->begin(), s->end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

bool withdrawal_fields_equal(const model::FormInstance& a, const model::FormInstance& b) {
  return a.withdrawn_at == b.withdrawn_at && a.withdrawn_by == b.withdrawn_by && a.withdrawn_reason == b.withdrawn_reason;
}

// `next` equals `stored` but for the tombstone, the withdrawal fields and updated_at.
bool only_tombstone_changed(const model::FormInstance& stored, const model::FormInstance& next) {
  model::FormInstance a = stored, b = next;
  for (auto* f : {&a, &b}) {
    f->sync = {};
    f->withdrawn_at = f->withdrawn_by = f->withdrawn_reason = std::nullopt;
    f->updated_at.clear();
  }
  return a == b;
}

}  // namespace

Status check_form_tombstone(const std::optional<model::FormInstance>& stored, const model::FormInstance& next,
                            const TombstoneContext& context) {
  if (!stored) {
    if (next.sync.deleted || next.withdrawn_at)
      return Error::make(ErrorCode::InvalidInput, "En ny registrering kan ikke være slettet eller tilbagekaldt.",
                         "deleted");
    return {};
  }
  if (stored->sync.deleted) {
    if (!next.sync.deleted)
      return Error::make(ErrorCode::RecordFinal, "En slettet eller tilbagekaldt registrering kan ikke genoprettes.",
                         "deleted");
    return Error::make(ErrorCode::RecordFinal, "En slettet eller tilbagekaldt registrering kan ikke ændres.", "deleted");
  }
  if (!next.sync.deleted) {
    if (next.withdrawn_at || !withdrawal_fields_equal(*stored, next))
      return Error::make(ErrorCode::InvalidInput, "Kun en tilbagekaldelse sætter oplysningerne om tilbagekaldelse.",
                         "withdrawn_at");
    return {};
  }

  // A tombstone is asked for.
  if (stored->state == model::FormState::Locked)
    return Error::make(ErrorCode::FormLocked,
                       "En låst registrering kan hverken slettes eller tilbagekaldes. Opret et tillæg i stedet.",
                       "deleted");
  if (stored->state == model::FormState::Draft && !context.ever_filled && !next.withdrawn_at) {
    if (stored->created_by != context.uploader_id)
      return Error::make(ErrorCode::Forbidden, "Kun den, der har oprettet kladden, kan slette den.", "deleted");
    return {};
  }
  if (stored->state == model::FormState::Draft)
    return Error::make(ErrorCode::InvalidInput,
                       "Registreringen har været udfyldt og kan ikke slettes. Lederen kan tilbagekalde den, når den "
                       "er udfyldt igen.",
                       "deleted");
  // Udfyldt: only the leader's withdrawal, with who, when and why, and nothing else changed.
  if (context.role != Role::Leader)
    return Error::make(ErrorCode::RoleNotAllowed, "Kun lederen kan tilbagekalde en udfyldt registrering.", "deleted");
  if (blank(next.withdrawn_reason))
    return Error::make(ErrorCode::InvalidInput, "Skriv, hvorfor registreringen tilbagekaldes.", "withdrawn_reason");
  if (!next.withdrawn_at || next.withdrawn_by != context.uploader_id)
    return Error::make(ErrorCode::InvalidInput, "En tilbagekaldelse skal bære den, der tilbagekalder, og tidspunktet.",
                       "withdrawn_by");
  if (!only_tombstone_changed(*stored, next))
    return Error::make(ErrorCode::InvalidInput, "En tilbagekaldelse kan ikke samtidig ændre registreringen.", "content");
  return {};
}

Status check_no_tombstone(std::optional<bool> stored_deleted, bool next_deleted) {
  if (next_deleted != stored_deleted.value_or(false))
    return Error::make(ErrorCode::InvalidInput, "Posten kan ikke slettes eller genoprettes.", "deleted");
  return {};
}

Result<model::FormInstance> withdraw_form(model::FormInstance form, const std::string& reason,
                                          const std::string& by_user_id, const std::string& at_utc) {
  if (form.state != model::FormState::Filled || form.sync.deleted)
    return Error::make(ErrorCode::TransitionNotAllowed, "Kun en udfyldt registrering kan tilbagekaldes.", "state");
  if (blank(reason))
    return Error::make(ErrorCode::InvalidInput, "Skriv, hvorfor registreringen tilbagekaldes.", "withdrawn_reason");
  form.withdrawn_reason = reason;
  form.withdrawn_by = by_user_id;
  form.withdrawn_at = at_utc;
  form.updated_at = at_utc;
  form.sync.deleted = true;
  return form;
}

}  // namespace magtreg::core::forms
