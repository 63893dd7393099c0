// The tombstone rules of forms (core/forms/withdrawal), as a table: stored state and the step asked
// for in, the error code (or none) out. The server and the tablet run the same function.
#include <doctest/doctest.h>

#include "core/forms/withdrawal.hpp"
#include "core/util/uuid.hpp"

using namespace magtreg::core;
using model::FormInstance;

namespace {
const std::string k_staff = new_uuid(), k_other = new_uuid(), k_leader = new_uuid();

FormInstance stored_form(const char* state) {
  FormInstance f;
  f.id = new_uuid();
  f.form_id = "2020-1a";
  f.state = *magtreg::core::model::form_state_from_string(state);
  f.created_by = k_staff;
  f.content = {{"place", "Stuen"}};
  if (std::string(state) == "laast") {
    f.locked_at = "2024-03-04T12:00:00Z";
    f.locked_by = k_leader;
  }
  return f;
}

std::optional<ErrorCode> code_of(const Status& s) {
  if (s) return std::nullopt;
  return s.error().code;
}
}  // namespace

TEST_CASE("check_form_tombstone: who may take a form out of the lists, and how") {
  struct Row {
    const char* name;
    const char* state;
    Role role;
    std::string uploader;
    bool ever_filled;
    bool withdraw;  // with who/when/why
    std::optional<ErrorCode> expected;
  };
  const Row rows[] = {
      {"author discards own draft", "kladde", Role::Staff, k_staff, false, false, std::nullopt},
      {"colleague discards a draft", "kladde", Role::Staff, k_other, false, false, ErrorCode::Forbidden},
      {"a draft that was registered once", "kladde", Role::Staff, k_staff, true, false, ErrorCode::InvalidInput},
      {"staff deletes an Udfyldt form", "udfyldt", Role::Staff, k_staff, true, false, ErrorCode::RoleNotAllowed},
      {"staff withdraws an Udfyldt form", "udfyldt", Role::Staff, k_staff, true, true, ErrorCode::RoleNotAllowed},
      {"leader deletes without a withdrawal", "udfyldt", Role::Leader, k_leader, true, false, ErrorCode::InvalidInput},
      {"leader withdraws an Udfyldt form", "udfyldt", Role::Leader, k_leader, true, true, std::nullopt},
      {"committee withdraws", "udfyldt", Role::Committee, k_leader, true, true, ErrorCode::RoleNotAllowed},
      {"leader withdraws a locked form", "laast", Role::Leader, k_leader, true, true, ErrorCode::FormLocked},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    FormInstance stored = stored_form(r.state);
    FormInstance next = stored;
    next.sync.deleted = true;
    if (r.withdraw) {
      next.withdrawn_at = "2024-03-05T10:00:00Z";
      next.withdrawn_by = r.uploader;
      next.withdrawn_reason = "Registreret to gange";
    }
    CHECK(code_of(forms::check_form_tombstone(stored, next, {r.role, r.uploader, r.ever_filled})) == r.expected);
  }
}

TEST_CASE("check_form_tombstone: new records, tombstones and withdrawal fields without a withdrawal") {
  FormInstance f = stored_form("udfyldt");
  FormInstance born = f;
  born.sync.deleted = true;
  CHECK(code_of(forms::check_form_tombstone(std::nullopt, born, {Role::Leader, k_leader, false})) == ErrorCode::InvalidInput);
  CHECK(forms::check_form_tombstone(std::nullopt, f, {Role::Staff, k_staff, false}).ok());

  auto w = forms::withdraw_form(f, "Dobbelt", k_leader, "2024-03-05T10:00:00Z");
  REQUIRE(w.ok());
  CHECK(w->sync.deleted);
  CHECK(w->withdrawn_by == k_leader);
  FormInstance restored = *w;
  restored.sync.deleted = false;
  CHECK(code_of(forms::check_form_tombstone(*w, restored, {Role::Leader, k_leader, true})) == ErrorCode::RecordFinal);
  CHECK(code_of(forms::check_form_tombstone(*w, *w, {Role::Leader, k_leader, true})) == ErrorCode::RecordFinal);

  FormInstance smuggled = f;
  smuggled.withdrawn_reason = "x";
  CHECK(code_of(forms::check_form_tombstone(f, smuggled, {Role::Leader, k_leader, true})) == ErrorCode::InvalidInput);

  FormInstance wrong_by = *w;
  wrong_by.withdrawn_by = k_other;
  CHECK(code_of(forms::check_form_tombstone(f, wrong_by, {Role::Leader, k_leader, true})) == ErrorCode::InvalidInput);

  CHECK(forms::withdraw_form(f, "  ", k_leader, "2024-03-05T10:00:00Z").error().field == "withdrawn_reason");
  CHECK(forms::withdraw_form(stored_form("kladde"), "Dobbelt", k_leader, "2024-03-05T10:00:00Z").error().code ==
        ErrorCode::TransitionNotAllowed);
}

TEST_CASE("check_no_tombstone: other kinds never change deleted through an upload") {
  CHECK(forms::check_no_tombstone(std::nullopt, false).ok());
  CHECK(forms::check_no_tombstone(false, false).ok());
  CHECK(forms::check_no_tombstone(true, true).ok());
  CHECK(forms::check_no_tombstone(std::nullopt, true).error().field == "deleted");
  CHECK_FALSE(forms::check_no_tombstone(false, true).ok());
  CHECK_FALSE(forms::check_no_tombstone(true, false).ok());
}
