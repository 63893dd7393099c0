// The JSON side of the rule engine: reading CheckInput with INVALID_INPUT naming the field, writing
// CheckResult, and run_check() for `magtreg check`. Nothing here may throw (wasm runs without
// exception catching): every value's type is checked before get<>(), and dump() replaces bad UTF-8.
#include <nlohmann/json.hpp>

#include "core/forms/catalogue.hpp"
#include "core/rules/check.hpp"
#include "core/rules/legal_basis.hpp"
#include "core/time/format.hpp"
#include "core/util/json_text.hpp"

namespace magtreg::core::rules {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

Error invalid(std::string message, std::string field) {
  return Error::make(ErrorCode::InvalidInput, std::move(message), std::move(field));
}

std::string in_quotes(std::string_view s) {
  constexpr std::size_t k_max = 40;
  if (s.size() <= k_max) return "»" + std::string(s) + "«";
  std::size_t cut = k_max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return "»" + std::string(s.substr(0, cut)) + "…«";
}

std::string path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string index_path(std::string_view parent, std::size_t i) {
  return std::string(parent) + "[" + std::to_string(i) + "]";
}

// Object member access without operator[] (which would insert) or at() (which would throw).
const json* member(const json& obj, std::string_view key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

bool absent(const json* v) { return v == nullptr || v->is_null(); }

Result<std::string> required_string(const json& obj, std::string_view key, const std::string& parent) {
  const std::string f = path(parent, key);
  const json* v = member(obj, key);
  if (absent(v)) return invalid("Feltet " + f + " mangler.", f);
  if (!v->is_string()) return invalid("Feltet " + f + " skal være en tekst.", f);
  return v->get<std::string>();
}

Result<std::optional<std::string>> optional_string(const json& obj, std::string_view key, const std::string& parent) {
  const std::string f = path(parent, key);
  const json* v = member(obj, key);
  if (absent(v)) return std::optional<std::string>{};
  if (!v->is_string()) return invalid("Feltet " + f + " skal være en tekst eller null.", f);
  return std::optional<std::string>{v->get<std::string>()};
}

// An optional array of texts (absent or null: empty).
Result<std::vector<std::string>> optional_strings(const json& obj, std::string_view key, const std::string& parent) {
  const std::string f = path(parent, key);
  const json* v = member(obj, key);
  std::vector<std::string> out;
  if (absent(v)) return out;
  if (!v->is_array()) return invalid("Feltet " + f + " skal være en liste af tekster eller null.", f);
  for (std::size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string())
      return invalid("Feltet " + f + "[" + std::to_string(i) + "] skal være en tekst.", f + "[" + std::to_string(i) + "]");
    out.push_back((*v)[i].get<std::string>());
  }
  return out;
}

Result<time::LocalDateTime> required_time(const json& obj, std::string_view key, const std::string& parent) {
  auto s = required_string(obj, key, parent);
  if (!s) return s.error();
  return time::parse_local_date_time(*s, path(parent, key));
}

Result<std::optional<time::LocalDateTime>> optional_time(const json& obj, std::string_view key,
                                                         const std::string& parent) {
  auto s = optional_string(obj, key, parent);
  if (!s) return s.error();
  if (!*s) return std::optional<time::LocalDateTime>{};
  auto t = time::parse_local_date_time(**s, path(parent, key));
  if (!t) return t.error();
  return std::optional<time::LocalDateTime>{*t};
}

// period_start is a day; a full "YYYY-MM-DDTHH:MM" is accepted too and its day used, because the
// tablet stores the period's first line as a time.
Result<std::optional<time::Date>> optional_day(const json& obj, std::string_view key, const std::string& parent,
                                               bool allow_time) {
  auto s = optional_string(obj, key, parent);
  if (!s) return s.error();
  if (!*s) return std::optional<time::Date>{};
  const std::string f = path(parent, key);
  if (allow_time && (*s)->size() == 16) {
    auto t = time::parse_local_date_time(**s, f);
    if (!t) return t.error();
    return std::optional<time::Date>{t->date};
  }
  auto d = time::parse_date(**s, f);
  if (!d) return d.error();
  return std::optional<time::Date>{*d};
}

Result<std::string> basis_id(const json& obj, const std::string& parent) {
  auto s = required_string(obj, "basis", parent);
  if (!s) return s;
  if (!find_legal_basis(*s)) {
    const std::string f = path(parent, "basis");
    return invalid("Hjemlen " + in_quotes(*s) + " findes ikke (fx \"124d\", \"136a\", \"noedvaerge\").", f);
  }
  return s;
}

// A list that may be absent or null (= empty).
Result<const json*> optional_array(const json& root, std::string_view key) {
  const json* v = member(root, key);
  if (absent(v)) return static_cast<const json*>(nullptr);
  if (!v->is_array()) return invalid("Feltet " + std::string(key) + " skal være en liste.", std::string(key));
  return v;
}

Result<const json*> required_object(const json& obj, std::string_view key, const std::string& parent) {
  const std::string f = path(parent, key);
  const json* v = member(obj, key);
  if (absent(v)) return invalid("Feltet " + f + " mangler.", f);
  if (!v->is_object()) return invalid("Feltet " + f + " skal være et objekt.", f);
  return v;
}

#define MAGTREG_TRY(var, expr) \
  auto var = (expr);           \
  if (!var) return var.error()

Result<RegistrationInput> parse_registration(const json& obj) {
  const std::string p = "registration";
  RegistrationInput r;
  MAGTREG_TRY(form, required_string(obj, "form", p));
  r.form = std::move(*form);
  MAGTREG_TRY(basis, basis_id(obj, p));
  r.basis = std::move(*basis);
  MAGTREG_TRY(started, required_time(obj, "started_at", p));
  r.started_at = *started;
  MAGTREG_TRY(ended, optional_time(obj, "ended_at", p));
  r.ended_at = *ended;
  MAGTREG_TRY(registered, optional_time(obj, "registered_at", p));
  r.registered_at = *registered;
  MAGTREG_TRY(hygiene, optional_string(obj, "hygiene_situation", p));
  r.hygiene_situation = std::move(*hygiene);
  MAGTREG_TRY(hygienes, optional_strings(obj, "hygiene_situations", p));
  r.hygiene_situations = std::move(*hygienes);
  MAGTREG_TRY(approval, optional_string(obj, "approval_id", p));
  r.approval_id = std::move(*approval);
  MAGTREG_TRY(period, optional_day(obj, "period_start", p, true));
  r.period_start = *period;
  MAGTREG_TRY(period_end, optional_day(obj, "period_end", p, false));
  r.period_end = *period_end;
  MAGTREG_TRY(attachments, optional_strings(obj, "attachments", p));
  r.attachments = std::move(*attachments);
  return r;
}

Result<HistoryEntry> parse_history_entry(const json& v, const std::string& p) {
  if (!v.is_object()) return invalid("Hvert element i history skal være et objekt.", p);
  HistoryEntry h;
  MAGTREG_TRY(basis, basis_id(v, p));
  h.basis = std::move(*basis);
  MAGTREG_TRY(started, required_time(v, "started_at", p));
  h.started_at = *started;
  MAGTREG_TRY(approval, optional_string(v, "approval_id", p));
  h.approval_id = std::move(*approval);
  return h;
}

Result<ApprovalInput> parse_approval(const json& v, const std::string& p) {
  if (!v.is_object()) return invalid("Hvert element i approvals skal være et objekt.", p);
  ApprovalInput a;
  MAGTREG_TRY(id, required_string(v, "id", p));
  a.id = std::move(*id);
  MAGTREG_TRY(basis, basis_id(v, p));
  a.basis = std::move(*basis);
  MAGTREG_TRY(status, required_string(v, "status", p));
  const auto decision_status = model::decision_status_from_string(*status);
  if (!decision_status)
    return invalid("Feltet " + path(p, "status") + " skal være " + enum_texts_joined(model::k_decision_status_texts) + ".",
                   path(p, "status"));
  a.status = *decision_status;
  MAGTREG_TRY(from, optional_day(v, "valid_from", p, false));
  a.valid_from = *from;
  MAGTREG_TRY(to, optional_day(v, "valid_to", p, false));
  a.valid_to = *to;
  MAGTREG_TRY(notified, optional_day(v, "notified_on", p, false));
  a.notified_on = *notified;
  if (a.valid_from && a.valid_to && *a.valid_to < *a.valid_from)
    return invalid("Afgørelsens gyldighedsperiode slutter " + time::format_danish(*a.valid_to) + ", før den begynder " +
                       time::format_danish(*a.valid_from) + ".",
                   path(p, "valid_to"));
  return a;
}

ordered_json optional_ordered(const std::optional<std::string>& s) {
  return s ? ordered_json(*s) : ordered_json(nullptr);
}

}  // namespace

Status validate_check_input(const CheckInput& input, const forms::Catalogue& catalogue) {
  const auto& r = input.registration;
  const forms::FormMeta* form = catalogue.find_form(r.form);
  if (!form)
    return invalid("Skemaet " + in_quotes(r.form) + " findes ikke (fx \"2020-1a\", \"2024-1\", \"boern-1a\").",
                   "registration.form");
  if (!find_legal_basis(r.basis)) return invalid("Hjemlen " + in_quotes(r.basis) + " findes ikke.", "registration.basis");
  if (form->kind == forms::FormKind::DailyLines && !r.period_start)
    return invalid("En linje i " + form->short_title +
                       " skal angive periodens første dag (period_start), fordi en periode højst dækker 31 dage.",
                   "registration.period_start");
  for (std::size_t i = 0; i < r.attachments.size(); ++i)
    if (!catalogue.find_form(r.attachments[i]))
      return invalid("Skemaet " + in_quotes(r.attachments[i]) + " findes ikke.", index_path("registration.attachments", i));
  for (std::size_t i = 0; i < input.history.size(); ++i)
    if (!find_legal_basis(input.history[i].basis))
      return invalid("Hjemlen " + in_quotes(input.history[i].basis) + " findes ikke.", index_path("history", i) + ".basis");
  for (std::size_t i = 0; i < input.approvals.size(); ++i)
    if (!find_legal_basis(input.approvals[i].basis))
      return invalid("Hjemlen " + in_quotes(input.approvals[i].basis) + " findes ikke.",
                     index_path("approvals", i) + ".basis");
  return {};
}

Result<CheckInput> parse_check_input(std::string_view text) {
  auto j = parse_json(text);
  if (!j) return j.error();
  return parse_check_input(*j);
}

Result<CheckInput> parse_check_input(const json& j) {
  if (!j.is_object()) return invalid("Input skal være et JSON-objekt med citizen og registration.", "");
  CheckInput in;

  MAGTREG_TRY(citizen, required_object(j, "citizen", ""));
  MAGTREG_TRY(group_text, required_string(**citizen, "target_group", "citizen"));
  auto group = target_group_from_string(*group_text);
  if (!group)
    return invalid("Målgruppen " + in_quotes(*group_text) + " findes ikke; brug \"handicap\", \"demens\" eller \"boern\".",
                   "citizen.target_group");
  in.target_group = *group;

  MAGTREG_TRY(registration, required_object(j, "registration", ""));
  MAGTREG_TRY(reg, parse_registration(**registration));
  in.registration = std::move(*reg);

  MAGTREG_TRY(history, optional_array(j, "history"));
  if (*history)
    for (std::size_t i = 0; i < (*history)->size(); ++i) {
      MAGTREG_TRY(h, parse_history_entry((**history)[i], index_path("history", i)));
      in.history.push_back(std::move(*h));
    }

  MAGTREG_TRY(approvals, optional_array(j, "approvals"));
  if (*approvals)
    for (std::size_t i = 0; i < (*approvals)->size(); ++i) {
      MAGTREG_TRY(a, parse_approval((**approvals)[i], index_path("approvals", i)));
      in.approvals.push_back(std::move(*a));
    }

  auto valid = validate_check_input(in, forms::Catalogue::current());
  if (!valid) return valid.error();
  return in;
}

ordered_json check_input_to_json(const CheckInput& in) {
  const auto& r = in.registration;
  ordered_json reg = ordered_json::object();
  reg["form"] = r.form;
  reg["basis"] = r.basis;
  reg["started_at"] = time::format_iso(r.started_at);
  reg["ended_at"] = r.ended_at ? ordered_json(time::format_iso(*r.ended_at)) : ordered_json(nullptr);
  reg["registered_at"] = r.registered_at ? ordered_json(time::format_iso(*r.registered_at)) : ordered_json(nullptr);
  reg["hygiene_situation"] = optional_ordered(r.hygiene_situation);
  if (!r.hygiene_situations.empty()) reg["hygiene_situations"] = r.hygiene_situations;
  reg["approval_id"] = optional_ordered(r.approval_id);
  reg["period_start"] = r.period_start ? ordered_json(time::format_iso(*r.period_start)) : ordered_json(nullptr);
  if (r.period_end) reg["period_end"] = time::format_iso(*r.period_end);
  if (!r.attachments.empty()) reg["attachments"] = r.attachments;

  ordered_json history = ordered_json::array();
  for (const auto& h : in.history)
    history.push_back(
        {{"basis", h.basis}, {"started_at", time::format_iso(h.started_at)}, {"approval_id", optional_ordered(h.approval_id)}});
  ordered_json approvals = ordered_json::array();
  for (const auto& a : in.approvals)
    approvals.push_back({{"id", a.id},
                         {"basis", a.basis},
                         {"status", model::to_string(a.status)},
                         {"valid_from", a.valid_from ? ordered_json(time::format_iso(*a.valid_from)) : ordered_json(nullptr)},
                         {"valid_to", a.valid_to ? ordered_json(time::format_iso(*a.valid_to)) : ordered_json(nullptr)},
                         {"notified_on", a.notified_on ? ordered_json(time::format_iso(*a.notified_on)) : ordered_json(nullptr)}});

  ordered_json out = ordered_json::object();
  out["citizen"] = {{"target_group", std::string(to_string(in.target_group))}};
  out["registration"] = std::move(reg);
  out["history"] = std::move(history);
  out["approvals"] = std::move(approvals);
  return out;
}

ordered_json check_result_to_json(const CheckResult& result) {
  ordered_json findings = ordered_json::array();
  for (const auto& f : result.findings)
    findings.push_back({{"code", std::string(to_string(f.code))},
                        {"severity", std::string(to_string(f.severity()))},
                        {"message", f.message}});
  ordered_json deadlines = ordered_json::object();
  if (result.registration_due) deadlines["registration_due"] = time::format_iso(*result.registration_due);
  ordered_json case_json = {{"kind", std::string(to_string(result.case_assignment.kind))}};
  if (result.case_assignment.kind == CaseKind::Approval) case_json["approval_id"] = result.case_assignment.approval_id;

  ordered_json out = ordered_json::object();
  out["form_set"] = result.form_set;
  out["findings"] = std::move(findings);
  out["deadlines"] = std::move(deadlines);
  out["case"] = std::move(case_json);
  return out;
}

Result<CheckResult> parse_check_result(const json& j) {
  if (!j.is_object()) return invalid("Svaret skal være et JSON-objekt.", "");
  CheckResult out;
  MAGTREG_TRY(set, required_string(j, "form_set", ""));
  out.form_set = std::move(*set);

  const json* findings = member(j, "findings");
  if (!findings || !findings->is_array()) return invalid("Feltet findings skal være en liste.", "findings");
  for (std::size_t i = 0; i < findings->size(); ++i) {
    const json& f = (*findings)[i];
    const std::string p = index_path("findings", i);
    if (!f.is_object()) return invalid("Hvert fund skal være et objekt.", p);
    MAGTREG_TRY(code_text, required_string(f, "code", p));
    auto code = finding_code_from_string(*code_text);
    if (!code) return invalid("Koden " + in_quotes(*code_text) + " findes ikke.", path(p, "code"));
    MAGTREG_TRY(severity_text, required_string(f, "severity", p));
    auto sev = severity_from_string(*severity_text);
    if (!sev || *sev != severity(*code))
      return invalid("Alvoren " + in_quotes(*severity_text) + " passer ikke til " + *code_text + ".", path(p, "severity"));
    MAGTREG_TRY(message, required_string(f, "message", p));
    out.findings.push_back(Finding{*code, std::move(*message)});
  }

  MAGTREG_TRY(deadlines, required_object(j, "deadlines", ""));
  MAGTREG_TRY(due, optional_time(**deadlines, "registration_due", "deadlines"));
  out.registration_due = *due;

  MAGTREG_TRY(case_obj, required_object(j, "case", ""));
  MAGTREG_TRY(kind, required_string(**case_obj, "kind", "case"));
  const auto case_kind = model::case_kind_from_string(*kind);
  if (!case_kind) return invalid("Sagstypen " + in_quotes(*kind) + " findes ikke.", "case.kind");
  if (*case_kind == CaseKind::Approval) {
    MAGTREG_TRY(id, required_string(**case_obj, "approval_id", "case"));
    out.case_assignment = CaseAssignment{CaseKind::Approval, std::move(*id)};
  }
  return out;
}

ordered_json error_to_json(const Error& error) {
  return {{"error",
           {{"code", std::string(core::to_string(error.code))}, {"message", error.message}, {"field", error.field}}}};
}

CheckRun run_check(std::string_view input_text) {
  constexpr auto k_replace = json::error_handler_t::replace;
  auto input = parse_check_input(input_text);
  if (!input) return CheckRun{error_to_json(input.error()).dump(2, ' ', false, k_replace) + "\n", 2};
  const CheckResult result = check_registration(*input);
  return CheckRun{check_result_to_json(result).dump(2, ' ', false, k_replace) + "\n", result.has_errors() ? 1 : 0};
}

#undef MAGTREG_TRY

}  // namespace magtreg::core::rules
