// The lifecycle table (docs/forms.md "Lifecycle") as data, and the edit rules per part and state.
#include "core/forms/lifecycle.hpp"

#include <algorithm>

namespace magtreg::core::forms {

using nlohmann::json;

namespace {

struct Rule {
  LifecycleKind kind;
  FormState from;
  FormState to;
  std::string_view label;
  std::string_view action;  // "kan <action>": used in ROLE_NOT_ALLOWED messages
  bool comment_required;
  Scope validates;
  bool skip_validation;  // Udfyldt -> Kladde validates nothing
};

constexpr Rule k_rules[] = {
    {LifecycleKind::StaffThenLeader, FormState::Draft, FormState::Filled, "Gem som udfyldt",
     "gemme skemaet som udfyldt", false, Scope::Staff, false},
    {LifecycleKind::StaffThenLeader, FormState::Filled, FormState::Locked, "Gem som låst",
     "gemme skemaet som låst", false, Scope::All, false},
    {LifecycleKind::StaffThenLeader, FormState::Filled, FormState::Draft, "Send tilbage til medarbejderen",
     "sende skemaet tilbage til medarbejderen", true, Scope::All, true},
    {LifecycleKind::DirectLock, FormState::Draft, FormState::Locked, "Gem som låst", "gemme skemaet som låst", false,
     Scope::All, false},
    {LifecycleKind::Period, FormState::Draft, FormState::Filled, "Gem som udfyldt", "gemme bilaget som udfyldt",
     false, Scope::Staff, false},
    {LifecycleKind::Period, FormState::Filled, FormState::Locked, "Afslut perioden og gem som låst",
     "afslutte perioden og gemme bilaget som låst", false, Scope::All, false},
};

const Rule* find_rule(LifecycleKind kind, FormState from, FormState to) {
  for (const auto& r : k_rules)
    if (r.kind == kind && r.from == from && r.to == to) return &r;
  return nullptr;
}

std::vector<Role> rule_roles(const FormDefinition& def, const Rule& r) {
  switch (r.kind) {
    case LifecycleKind::StaffThenLeader:
      if (r.from == FormState::Draft) return {Role::Staff, Role::Leader};
      return {Role::Leader};
    case LifecycleKind::DirectLock:
      return {def.meta.kind == FormKind::Move ? Role::Authority : Role::Leader};
    case LifecycleKind::Period:
      return {Role::Staff, Role::Leader};  // staff's lock is further limited to the period's last day
  }
  return {};
}

// Danish role and part labels start with an ASCII capital; mid-sentence they are lower case.
std::string lower_first(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

bool contains(const std::vector<Role>& roles, Role r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

std::string join_roles(const std::vector<Role>& roles) {
  std::string out;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    if (i > 0) out += i + 1 == roles.size() ? " eller " : ", ";
    out += lower_first(role_label(roles[i]));
  }
  return out;
}

std::string quoted(FormState s) { return "»" + std::string(state_label(s)) + "«"; }

// Staff may close a Bilag 1 period only from its last day; the leader may close it at any time.
Status period_staff_lock(const FormDefinition& def, const json& content, std::string_view today) {
  const std::string last = period_last_day(def, content);
  if (last.empty())
    return Error::make(ErrorCode::RoleNotAllowed,
                       "Perioden kan ikke afsluttes af en medarbejder, før periodens første dag er udfyldt.",
                       def.period ? def.period->start_field : std::string());
  if (today.empty() || today < std::string_view(last))
    return Error::make(ErrorCode::RoleNotAllowed,
                       "Medarbejdere kan først afslutte perioden på dens sidste dag (" + last +
                           "). Lederen kan afslutte perioden før.");
  return {};
}

std::string not_allowed_message(const FormDefinition& def, FormState from, FormState to) {
  if (from == to) return "Skemaet har allerede status " + quoted(from) + ".";
  if (!lifecycle_has_state(def.meta.lifecycle, from) || !lifecycle_has_state(def.meta.lifecycle, to))
    return def.meta.short_title + " bruger ikke status " +
           quoted(lifecycle_has_state(def.meta.lifecycle, from) ? to : from) + ".";
  if (def.meta.lifecycle == LifecycleKind::StaffThenLeader && from == FormState::Draft && to == FormState::Locked)
    return "Medarbejderdelen skal gemmes som udfyldt, før lederen kan låse skemaet.";
  if (def.meta.lifecycle == LifecycleKind::Period && from == FormState::Filled && to == FormState::Draft)
    return "Et udfyldt bilag kan ikke sendes tilbage til kladde; gemte dagslinjer bevares.";
  return def.meta.short_title + " kan ikke skifte fra " + quoted(from) + " til " + quoted(to) + ".";
}

Status locked_error(std::string field = {}) {
  return Error::make(ErrorCode::FormLocked,
                     "Skemaet er låst og kan ikke ændres. En rettelse tilføjes som en tilføjelse til det låste skema.",
                     std::move(field));
}

bool part_exists(const FormDefinition& def, FormPart part) {
  const auto parts = def.parts();
  return std::find(parts.begin(), parts.end(), part) != parts.end();
}

std::string part_name(FormPart p) { return lower_first(part_label(p)); }

}  // namespace

model::FormInstance transitioned(model::FormInstance form, FormState to, std::string_view user_id,
                                 std::string_view now_utc, std::string_view comment) {
  form.state = to;
  if (to == FormState::Locked) {
    form.locked_at = std::string(now_utc);
    form.locked_by = std::string(user_id);
  }
  if (to == FormState::Draft) form.return_comment = std::string(comment);
  return form;
}

std::string_view state_label(FormState state) {
  switch (state) {
    case FormState::Draft: return "Kladde";
    case FormState::Filled: return "Udfyldt";
    case FormState::Locked: return "Låst";
  }
  return "";
}

bool lifecycle_has_state(LifecycleKind kind, FormState state) {
  return !(kind == LifecycleKind::DirectLock && state == FormState::Filled);
}

Status check_transition(const FormDefinition& def, FormState from, FormState to, Role role, const json& content,
                        std::string_view comment, std::string_view today) {
  if (from == FormState::Locked) return locked_error();
  const Rule* rule = find_rule(def.meta.lifecycle, from, to);
  if (!rule) return Error::make(ErrorCode::TransitionNotAllowed, not_allowed_message(def, from, to));
  const auto roles = rule_roles(def, *rule);
  if (!contains(roles, role))
    return Error::make(ErrorCode::RoleNotAllowed, "Kun " + join_roles(roles) + " kan " + std::string(rule->action) +
                                                      " (du er logget ind som " +
                                                      lower_first(role_label(role)) + ").");
  if (def.meta.lifecycle == LifecycleKind::Period && to == FormState::Locked && role == Role::Staff)
    if (Status s = period_staff_lock(def, content, today); !s) return s;
  if (rule->comment_required &&
      std::all_of(comment.begin(), comment.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t'; }))
    return Error::make(ErrorCode::InvalidInput, "Skriv en kommentar til medarbejderen om, hvad der skal rettes.",
                       "comment");
  if (rule->skip_validation) return {};
  const auto issues = validate(def, content, rule->validates);
  if (!issues.empty()) {
    const std::string count = issues.size() == 1 ? "1 felt mangler eller er forkert"
                                                 : std::to_string(issues.size()) + " felter mangler eller er forkerte";
    return Error::make(ErrorCode::FormInvalid,
                       "Skemaet kan ikke gemmes som " + quoted(to) + ": " + count + ". " + issues.front().message,
                       issues.front().path);
  }
  return {};
}

std::vector<TransitionOption> available_transitions(const FormDefinition& def, FormState state, Role role,
                                                    const json& content, std::string_view today) {
  std::vector<TransitionOption> out;
  for (const auto& r : k_rules) {
    if (r.kind != def.meta.lifecycle || r.from != state || !contains(rule_roles(def, r), role)) continue;
    if (r.kind == LifecycleKind::Period && r.to == FormState::Locked && role == Role::Staff &&
        !period_staff_lock(def, content, today))
      continue;
    out.push_back(TransitionOption{r.to, r.label, r.comment_required, r.validates});
  }
  return out;
}

std::vector<Role> part_roles(FormPart part) {
  switch (part) {
    case FormPart::Staff: return {Role::Staff, Role::Leader};
    case FormPart::Leader: return {Role::Leader};
    case FormPart::Authority: return {Role::Authority};
  }
  return {};
}

Status check_part_edit(const FormDefinition& def, FormState state, Role role, FormPart part) {
  if (state == FormState::Locked) return locked_error();
  if (!lifecycle_has_state(def.meta.lifecycle, state))
    return Error::make(ErrorCode::InvalidInput,
                       def.meta.short_title + " bruger ikke status " + quoted(state) + ".", "state");
  if (!part_exists(def, part))
    return Error::make(ErrorCode::InvalidInput, def.meta.short_title + " har ingen " + part_name(part) + ".");
  const auto roles = part_roles(part);
  if (!contains(roles, role))
    return Error::make(ErrorCode::RoleNotAllowed, std::string(part_label(part)) + "en udfyldes af " +
                                                      join_roles(roles) + ".");
  if (def.meta.lifecycle == LifecycleKind::StaffThenLeader) {
    if (part == FormPart::Staff && state == FormState::Filled)
      return Error::make(ErrorCode::FormLocked,
                         "Medarbejderdelen er gemt som udfyldt. Lederen kan sende skemaet tilbage til "
                         "medarbejderen, hvis noget skal rettes.");
    if (part == FormPart::Leader && state == FormState::Draft)
      return Error::make(ErrorCode::FormLocked,
                         "Ledelsesdelen udfyldes, når medarbejderdelen er gemt som udfyldt.");
  }
  return {};
}

std::vector<FormPart> editable_parts(const FormDefinition& def, FormState state, Role role) {
  std::vector<FormPart> out;
  for (FormPart p : def.parts())
    if (check_part_edit(def, state, role, p)) out.push_back(p);
  return out;
}

Status check_field_edit(const FormDefinition& def, FormState state, Role role, std::string_view field_id) {
  if (state == FormState::Locked) return locked_error(std::string(field_id));
  const auto part = def.part_of(field_id);
  if (!part)
    return Error::make(ErrorCode::UnknownField,
                       "Feltet »" + std::string(field_id) + "« findes ikke i " + def.meta.short_title + ".",
                       std::string(field_id));
  if (Status s = check_part_edit(def, state, role, *part); !s)
    return Error::make(s.error().code, s.error().message, std::string(field_id));
  if (def.meta.lifecycle == LifecycleKind::Period && state == FormState::Filled &&
      (!def.period || field_id != def.period->lines_field))
    return Error::make(ErrorCode::FormLocked,
                       "Bilaget er gemt som udfyldt: kun nye dagslinjer kan tilføjes.", std::string(field_id));
  return {};
}

Status check_edit(const FormDefinition& def, FormState state, Role role, const json& before, const json& after) {
  if (before == after) return {};
  if (state == FormState::Locked) return locked_error();
  if (!before.is_object() || !after.is_object())
    return Error::make(ErrorCode::InvalidInput, "Skemaets indhold skal være et JSON-objekt med feltværdier.");
  std::vector<std::string> changed;
  for (auto it = after.begin(); it != after.end(); ++it) {
    auto b = before.find(it.key());
    if (b == before.end() || *b != *it) changed.push_back(it.key());
  }
  for (auto it = before.begin(); it != before.end(); ++it)
    if (!after.contains(it.key())) changed.push_back(it.key());
  for (const auto& key : changed) {
    if (Status s = check_field_edit(def, state, role, key); !s) return s;
    if (def.meta.lifecycle != LifecycleKind::Period || state != FormState::Filled) continue;
    // Bilag 1 while Udfyldt: the saved lines are a prefix of the new lines.
    static const json k_empty = json::array();
    auto b = before.find(key);
    auto a = after.find(key);
    const json& old_rows = b != before.end() && b->is_array() ? *b : k_empty;
    if (a == after.end() || !a->is_array() || a->size() < old_rows.size())
      return Error::make(ErrorCode::FormLocked, "Gemte dagslinjer kan ikke slettes; tilføj en ny linje.", key);
    for (std::size_t i = 0; i < old_rows.size(); ++i)
      if ((*a)[i] != old_rows[i])
        return Error::make(ErrorCode::FormLocked,
                           "En gemt dagslinje kan ikke ændres. Ret ved at tilføje en ny linje med en forklaring.",
                           key + "[" + std::to_string(i) + "]");
  }
  return {};
}

}  // namespace magtreg::core::forms
