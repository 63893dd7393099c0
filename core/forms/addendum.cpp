// Rules for addenda (corrections to locked forms).
#include "core/forms/addendum.hpp"

#include <algorithm>

#include "core/forms/date_text.hpp"
#include "core/util/utf8.hpp"

namespace magtreg::core::forms {

namespace {

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

Status check_addendum(const FormDefinition& def, FormState form_state, const Addendum& a, std::string_view locked_at) {
  if (form_state != FormState::Locked)
    return Error::make(ErrorCode::TransitionNotAllowed,
                       "Skemaet er ikke låst endnu: ret i selve skemaet i stedet for at tilføje en tilføjelse.");
  std::vector<Role> roles;
  for (FormPart p : def.parts())
    for (Role r : part_roles(p))
      if (std::find(roles.begin(), roles.end(), r) == roles.end()) roles.push_back(r);
  if (std::find(roles.begin(), roles.end(), a.author_role) == roles.end())
    return Error::make(ErrorCode::RoleNotAllowed,
                       "Tilføjelser til " + def.meta.short_title + " skrives af dem, der udfylder skemaet.",
                       "author_role");
  if (blank(a.form_record_id))
    return Error::make(ErrorCode::InvalidInput, "Tilføjelsen skal knyttes til et låst skema.", "form_record_id");
  if (blank(a.text)) return Error::make(ErrorCode::InvalidInput, "Skriv tilføjelsens tekst.", "text");
  if (code_points(a.text) > static_cast<std::size_t>(k_addendum_max_length))
    return Error::make(ErrorCode::InvalidInput,
                       "Tilføjelsen må højst være " + std::to_string(k_addendum_max_length) + " tegn.", "text");
  if (blank(a.author)) return Error::make(ErrorCode::InvalidInput, "Tilføjelsen skal have en forfatter.", "author");
  if (!is_datetime_text(a.created_at))
    return Error::make(ErrorCode::InvalidInput,
                       "Tilføjelsens tidspunkt skal være en dato og et klokkeslæt (ÅÅÅÅ-MM-DDTTT:MM).", "created_at");
  if (!locked_at.empty() && is_datetime_text(locked_at) && std::string_view(a.created_at) < locked_at)
    return Error::make(ErrorCode::InvalidInput, "En tilføjelse kan ikke være ældre end låsningen af skemaet.",
                       "created_at");
  return {};
}

}  // namespace magtreg::core::forms
