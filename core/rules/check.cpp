// The registration rules (issue #3): each finding code is one small function of the input; the
// engine runs them in FindingCode order so the output is deterministic.
#include "core/rules/check.hpp"

#include <algorithm>

#include "core/forms/catalogue.hpp"
#include "core/rules/legal_basis.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/deadlines.hpp"
#include "core/time/format.hpp"

namespace magtreg::core::rules {
namespace {

using forms::Catalogue;
using forms::FormKind;
using forms::FormMeta;
using time::format_danish;

// [SECTION] wording helpers

std::string in_quotes(std::string_view s) { return "»" + std::string(s) + "«"; }

std::string set_label(const FormMeta& form) {
  if (form.set == "boern") return "børn og unge";
  return form.set + "-skemaerne";
}

// "Skema 1 a (2020-skemaerne)": short titles repeat across sets ("Skema 2"), so name the set.
std::string form_ref(const FormMeta& form) { return form.short_title + " (" + set_label(form) + ")"; }

std::string danish_day(std::string_view iso) {
  auto d = time::parse_date(iso);
  return d ? format_danish(*d) : std::string(iso);
}

std::string set_period(const forms::FormSet& set) {
  if (!set.valid_from.empty() && !set.valid_to.empty())
    return "fra " + danish_day(set.valid_from) + " til " + danish_day(set.valid_to);
  if (!set.valid_from.empty()) return "fra " + danish_day(set.valid_from);
  if (!set.valid_to.empty()) return "til " + danish_day(set.valid_to);
  return "uden tidsbegrænsning";
}

std::string lower_first(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

std::string join_danish(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += (i + 1 == parts.size()) ? " og " : ", ";
    out += parts[i];
  }
  return out;
}

std::string days_text(long long n) { return std::to_string(n) + (n == 1 ? " dag" : " dage"); }

std::string basis_text(std::string_view id) {
  const LegalBasis* b = find_legal_basis(id);
  return b ? basis_label(*b) : in_quotes(id);
}

// [SECTION] shared facts

bool form_has_registration_deadline(const FormMeta& form) { return form.kind != FormKind::Application; }

// A form in force on `day` for the citizen's group (and covering `basis` when given) to point the
// user to: the same kind as the wrong one first, else any form that is not an application.
const FormMeta* suggest_form(const Catalogue& cat, const FormMeta& current, TargetGroup group, const LegalBasis* basis,
                             const time::Date& day) {
  const std::string day_text = time::format_iso(day);
  const FormMeta* fallback = nullptr;
  for (const FormMeta& f : cat.forms()) {
    if (f.id == current.id || f.kind == FormKind::Supplement || f.kind == FormKind::Attachment) continue;
    const forms::FormSet* set = cat.find_set(f.set);
    if (!set || !set->in_force_on(day_text) || !f.for_target_group(to_string(group))) continue;
    if (basis && !f.covers_basis(basis->id)) continue;
    if (f.kind == current.kind) return &f;
    if (!fallback && f.kind != FormKind::Application) fallback = &f;
  }
  return fallback;
}

std::string suggestion(const FormMeta* f) { return f ? " Brug i stedet " + form_ref(*f) + "." : std::string(); }

// The registration's approval_id judged against the decision it names (nullptr: not one of the citizen's).
struct ApprovalCheck {
  ApprovalProblem problem = ApprovalProblem::None;
  const ApprovalInput* approval = nullptr;
  bool valid() const { return approval != nullptr && problem == ApprovalProblem::None; }
};

ApprovalCheck check_approval(const CheckInput& in, std::string_view id, std::string_view basis, const time::Date& day) {
  ApprovalCheck out;
  for (const auto& a : in.approvals)
    if (a.id == id) {
      out.approval = &a;
      break;
    }
  if (out.approval) out.problem = approval_problem(*out.approval, basis, day);
  return out;
}

struct Context {
  const CheckInput& in;
  const Catalogue& cat;
  const FormMeta* form = nullptr;
  const forms::FormSet* set = nullptr;
  const LegalBasis* basis = nullptr;
  std::optional<ApprovalCheck> approval;  // the registration's approval_id, when given
  bool under_valid_approval = false;
  std::vector<Finding> findings;

  const RegistrationInput& reg() const { return in.registration; }
  const time::Date& day() const { return in.registration.started_at.date; }
  void add(FindingCode code, std::string message) { findings.push_back(Finding{code, std::move(message)}); }
};

// [SECTION] the rules, one per finding code

void rule_form_not_in_force(Context& c) {
  if (!c.form || !c.set || c.set->in_force_on(time::format_iso(c.day()))) return;
  c.add(FindingCode::FormNotInForce,
        form_ref(*c.form) + " hører til skemasættet " + in_quotes(c.set->name) + ", som gælder " + set_period(*c.set) +
            ", men indgrebet fandt sted " + format_danish(c.day()) +
            ". Brug de skemaer, der var i kraft på indgrebets dag." +
            suggestion(suggest_form(c.cat, *c.form, c.in.target_group, c.basis, c.day())));
}

void rule_form_not_for_target_group(Context& c) {
  if (!c.form || c.form->for_target_group(to_string(c.in.target_group))) return;
  c.add(FindingCode::FormNotForTargetGroup,
        form_ref(*c.form) + " kan ikke bruges til " + std::string(target_group_people(c.in.target_group)) + "." +
            suggestion(suggest_form(c.cat, *c.form, c.in.target_group, nullptr, c.day())));
}

void rule_basis_not_for_target_group(Context& c) {
  if (!c.basis || c.basis->allows(c.in.target_group)) return;
  std::vector<std::string> allowed;
  for (TargetGroup g : k_all_target_groups)
    if (c.basis->allows(g)) allowed.emplace_back(target_group_people(g));
  c.add(FindingCode::BasisNotForTargetGroup,
        basis_label(*c.basis) + " må ikke anvendes over for " + std::string(target_group_people(c.in.target_group)) +
            "; den gælder kun for " + join_danish(allowed) + ".");
}

void rule_basis_not_on_form(Context& c) {
  if (!c.form || !c.basis || c.form->covers_basis(c.basis->id)) return;
  c.add(FindingCode::BasisNotOnForm,
        form_ref(*c.form) + " dækker ikke " + basis_label(*c.basis) + "." +
            suggestion(suggest_form(c.cat, *c.form, c.in.target_group, c.basis, c.day())));
}

bool decision_needed(const Context& c) {
  if (!c.form || !c.basis) return false;
  // On the wrong form BASIS_NOT_ON_FORM says it all; the decision belongs to the right form.
  if (!c.form->covers_basis(c.basis->id)) return false;
  // An application is the request for the decision; a move's decision is Familieretshuset's (or the
  // municipality's) and is recorded on the move form itself.
  if (c.form->kind == FormKind::Application || c.form->kind == FormKind::Move) return false;
  if (c.basis->decision == DecisionRequirement::Yes) return true;
  // § 136 a: an acute hold on Skema 1 a / Skema 1 needs none; the pre-approved forms do.
  return c.basis->decision == DecisionRequirement::Conditional &&
         (c.form->kind == FormKind::PreApproved || c.form->kind == FormKind::DailyLines);
}

void rule_preapproval_required(Context& c) {
  if (!decision_needed(c) || c.reg().approval_id) return;
  std::string msg = form_ref(*c.form) + ": " + basis_label(*c.basis) +
                    " må kun bruges efter en afgørelse fra kommunen (forhåndsgodkendelse), men registreringen "
                    "henviser ikke til nogen afgørelse. Angiv afgørelsen.";
  if (c.basis->decision == DecisionRequirement::Conditional)
    msg += " Var fastholdelsen akut og uden afgørelse, registreres den på skemaet for akutte indgreb.";
  else
    msg += " Er der ikke truffet afgørelse, er indgrebet sket uden hjemmel og skal registreres sådan, og lederen "
           "skal søge om forhåndsgodkendelse (Skema 3).";
  c.add(FindingCode::PreapprovalRequired, std::move(msg));
}

void rule_preapproval_not_valid(Context& c) {
  if (!c.approval || !c.form || c.form->kind == FormKind::Application) return;
  const std::string id = in_quotes(*c.reg().approval_id);
  const ApprovalInput* a = c.approval->approval;
  if (a == nullptr) {
    c.add(FindingCode::PreapprovalNotValid,
          "Afgørelsen " + id + " findes ikke blandt borgerens afgørelser, så indgrebet kan ikke registreres som "
          "forhåndsgodkendt.");
    return;
  }
  switch (c.approval->problem) {
    case ApprovalProblem::None: return;
    case ApprovalProblem::NotGranted:
      c.add(FindingCode::PreapprovalNotValid, "Afgørelsen " + id + " er ikke bevilget (status: " +
                                                  std::string(model::decision_status_label(a->status)) + "), så indgrebet er ikke forhåndsgodkendt.");
      return;
    case ApprovalProblem::OtherBasis:
      c.add(FindingCode::PreapprovalNotValid, "Afgørelsen " + id + " gælder " + basis_text(a->basis) + ", ikke " +
                                                  basis_text(c.reg().basis) + ".");
      return;
    case ApprovalProblem::NoPeriod:
      c.add(FindingCode::PreapprovalNotValid,
            "Afgørelsen " + id + " har ingen gyldighedsperiode, så indgrebet den " + format_danish(c.day()) +
                " kan ikke registreres som forhåndsgodkendt.");
      return;
    case ApprovalProblem::OutsidePeriod:
      c.add(FindingCode::PreapprovalNotValid,
            "Afgørelsen " + id + " gælder fra " + format_danish(*a->valid_from) + " til " +
                format_danish(*a->valid_to) + "; indgrebet den " + format_danish(c.day()) +
                " ligger uden for perioden og er ikke forhåndsgodkendt.");
      return;
    case ApprovalProblem::NotNotified:
      c.add(FindingCode::PreapprovalNotValid,
            a->notified_on
                ? "Afgørelsen " + id + " var først meddelt alle, der skal kende den, den " +
                      format_danish(*a->notified_on) + "; indgrebet den " + format_danish(c.day()) +
                      " lå før og er ikke forhåndsgodkendt."
                : "Afgørelsen " + id + " er ikke meddelt alle, der skal kende den (borgeren, en eventuel værge, "
                  "lederen og sagsbehandleren), så den er ikke i kraft, og indgrebet er ikke forhåndsgodkendt.");
      return;
  }
}

bool is_hygiene_hold(std::string_view basis) { return basis == "136a" || basis == "136c"; }

// From 1 July 2024 uses under a decision are not registered one by one: they are registered once, on
// Skema 2, when the decision expires (issue #14 item 3). A § 136 a stk. 3 use under a valid decision
// registered on the acute Skema 1 is said so, not silently filed on the approval case.
void rule_preapproved_use_on_acute_form(Context& c) {
  if (!c.form || !c.under_valid_approval || c.form->kind != FormKind::Registration || c.form->set != "2024") return;
  c.add(FindingCode::PreapprovedUseOnAcuteForm,
        (c.basis ? basis_label(*c.basis) : basis_text(c.reg().basis)) + " er brugt efter kommunens afgørelse " + in_quotes(*c.reg().approval_id) +
            ". Fra 1. juli 2024 registreres indgreb efter en afgørelse ikke enkeltvis på skemaet for akutte indgreb, "
            "men samlet på Skema 2 med det anslåede antal, når afgørelsen udløber. Var indgrebet akut og uden for "
            "afgørelsen, skal henvisningen til afgørelsen fjernes.");
}

void rule_hygiene_situation_required(Context& c) {
  if (!c.basis || !is_hygiene_hold(c.basis->id)) return;
  if (c.reg().hygiene_situation && !c.reg().hygiene_situation->empty()) return;
  if (!c.reg().hygiene_situations.empty()) return;  // an application names the situations it asks for
  c.add(FindingCode::HygieneSituationRequired,
        "Hygiejnesituationen mangler: " + basis_label(*c.basis) +
            " må kun bruges i en af de personlige hygiejnesituationer i magtanvendelsesbekendtgørelsens § 7, og "
            "registreringen skal angive hvilken.");
}

void rule_hygiene_situation_not_allowed(Context& c) {
  std::optional<std::string> s;
  if (c.reg().hygiene_situation && !c.reg().hygiene_situation->empty() && !find_hygiene_situation(*c.reg().hygiene_situation))
    s = c.reg().hygiene_situation;
  for (const auto& h : c.reg().hygiene_situations)
    if (!s && !find_hygiene_situation(h)) s = h;
  if (!s) return;
  std::string allowed;
  for (const auto& h : k_hygiene_situations) {
    if (!allowed.empty()) allowed += "; ";
    allowed += lower_first(h.label);
  }
  c.add(FindingCode::HygieneSituationNotAllowed,
        in_quotes(*s) + " er ikke en af de hygiejnesituationer, hvor kortvarig fastholdelse må bruges. "
                     "Magtanvendelsesbekendtgørelsens § 7 tillader kun: " + allowed + ".");
}

void rule_hygiene_repeat(Context& c) {
  if (!c.basis || c.basis->id != "136a" || c.under_valid_approval) return;
  if (c.form && c.form->kind == FormKind::Application) return;  // the leader is applying already
  const time::SixMonthWindow window = time::six_month_window_before(c.reg().started_at);
  int count = 0;
  time::LocalDateTime latest{};
  for (const HistoryEntry& h : c.in.history) {
    if (h.basis != "136a" || !window.contains(h.started_at)) continue;
    if (h.approval_id && check_approval(c.in, *h.approval_id, h.basis, h.started_at.date).valid())
      continue;  // used under a decision: not the staff's own once-in-six-months
    if (count == 0 || latest < h.started_at) latest = h.started_at;
    ++count;
  }
  if (count == 0) return;
  std::string earlier = count == 1 ? "den " + format_danish(latest)
                                   : std::to_string(count) + " gange siden " + format_danish(window.from.date) +
                                         ", senest " + format_danish(latest);
  c.add(FindingCode::HygieneRepeatRequiresApplication,
        "§ 136 a er nu brugt mere end én gang inden for seks måneder over for borgeren uden afgørelse (også " +
            earlier +
            "). Lederen skal søge kommunen om en afgørelse om kortvarig fastholdelse i personlige "
            "hygiejnesituationer (Skema 3).");
}

void rule_time_order(Context& c) {
  std::vector<std::string> problems;
  const auto& r = c.reg();
  if (r.ended_at && time::surely_before(*r.ended_at, r.started_at))
    problems.push_back("Indgrebet slutter " + format_danish(*r.ended_at) + ", før det begynder " +
                       format_danish(r.started_at) + ".");
  if (r.registered_at && time::surely_before(*r.registered_at, r.started_at))
    problems.push_back("Registreringen er foretaget " + format_danish(*r.registered_at) + ", før indgrebet begyndte " +
                       format_danish(r.started_at) + ".");
  if (problems.empty()) return;
  std::string msg = problems[0];
  for (std::size_t i = 1; i < problems.size(); ++i) msg += " " + problems[i];
  c.add(FindingCode::TimeOrderInvalid, std::move(msg));
}

std::optional<time::LocalDateTime> registration_due_of(const Context& c) {
  if (!c.form) return std::nullopt;
  return registration_due(*c.form, c.reg(), c.approval ? c.approval->approval : nullptr);
}

void rule_registration_late(Context& c) {
  if (!c.form || c.form->kind == FormKind::Move || !c.reg().registered_at) return;
  const auto due_at = registration_due_of(c);
  if (!due_at) return;
  const time::LocalDateTime due = *due_at;
  if (c.form->kind == FormKind::PreApproved) {
    if (!registered_late(due, *c.reg().registered_at)) return;
    c.add(FindingCode::RegistrationLate,
          "Registreringen er foretaget " + format_danish(*c.reg().registered_at) + ", men skemaet for de "
          "forhåndsgodkendte indgreb skulle være registreret, når afgørelsen udløb " + format_danish(due) + ".");
    return;
  }
  const time::LocalDateTime& at = *c.reg().registered_at;
  if (!registered_late(due, at)) return;
  // A child's delay is counted in hours for its first two days, an adult's in days.
  const bool child = registered_within_24_hours(*c.form);
  const long long hours = child ? std::max<long long>(1, (time::elapsed_minutes(due, at) + 59) / 60) : 0;
  const std::string rule = child ? std::string("straks og senest 24 timer efter indgrebet, jf. voksenansvarsloven")
                                 : "straks og senest 3 dage efter indgrebet den " + format_danish(c.day());
  const std::string delay = child && hours < 48
                                ? std::to_string(hours) + (hours == 1 ? " time" : " timer")
                                : days_text(std::max<long long>(1, time::days_between(due.date, at.date)));
  c.add(FindingCode::RegistrationLate, "Registreringen er foretaget " + format_danish(at) + ", men fristen var " +
                                           format_danish(due) + " (" + rule + "). Den er " + delay + " for sent.");
}

void rule_move_registration_late(Context& c) {
  if (!c.form || c.form->kind != FormKind::Move || !c.reg().registered_at) return;
  const time::LocalDateTime due = time::move_registration_due(c.day());
  const time::LocalDateTime& at = *c.reg().registered_at;
  if (at <= due) return;
  c.add(FindingCode::MoveRegistrationLate,
        "Flytningen den " + format_danish(c.day()) + " skulle være registreret senest ved udgangen af " +
            time::format_danish_month(c.day().year, c.day().month) + " (" + format_danish(due) +
            "), men registreringen er foretaget " + format_danish(at) + ".");
}

void rule_bilag1_period(Context& c) {
  if (!c.form || c.form->kind != FormKind::DailyLines || !c.reg().period_start) return;
  const time::Date& start = *c.reg().period_start;
  const time::Date last = time::bilag1_period_last_day(start);
  const std::string skema1 = c.in.target_group == TargetGroup::Demens ? "Skema 1 b" : "Skema 1 a";
  if (c.day() < start) {
    c.add(FindingCode::Bilag1PeriodExceeded, "Indgrebet den " + format_danish(c.day()) +
                                                 " ligger før Bilag 1-periodens første dag (" + format_danish(start) +
                                                 ").");
    return;
  }
  if (c.day() <= last) return;
  c.add(FindingCode::Bilag1PeriodExceeded,
        "En Bilag 1-periode dækker højst 31 dage: perioden begyndte " + format_danish(start) + " og sluttede " +
            format_danish(last) + ", men indgrebet den " + format_danish(c.day()) + " ligger " +
            days_text(time::days_between(start, c.day())) + " efter periodens start. Registrér det på et nyt " +
            skema1 + " med et nyt Bilag 1.");
}

void rule_attachment_missing(Context& c) {
  if (!c.form || !c.basis) return;
  const FormMeta* annex = required_attachment(c.cat, *c.form, c.basis->id, time::format_iso(c.day()));
  if (!annex) return;
  const auto& have = c.reg().attachments;
  if (std::find(have.begin(), have.end(), annex->id) != have.end()) return;
  c.add(FindingCode::AttachmentMissing,
        form_ref(*c.form) + ": ved " + basis_label(*c.basis) + " udfyldes også " + annex->short_title +
            ", som hører til skemaet og indberettes med det. Opret det fra skemaet, og markér det som udfyldt, før "
            "skemaet selv markeres som udfyldt.");
}

void rule_without_legal_basis(Context& c) {
  if (!c.basis || c.basis->id != "uden_hjemmel") return;
  c.add(FindingCode::WithoutLegalBasis,
        "Indgrebet er registreret som sket uden hjemmel. Det skal stadig registreres og indberettes, og lederen skal "
        "følge op, så det ikke gentager sig.");
}

void rule_police_report(Context& c) {
  if (!c.basis || (c.basis->id != "noedvaerge" && c.basis->id != "noedret")) return;
  c.add(FindingCode::PoliceReport, "Indgreb i " + lower_first(c.basis->name) + " (" + std::string(c.basis->paragraph) +
                                       ") skal politianmeldes og kan blive prøvet ved domstolene. Lederen sørger for "
                                       "anmeldelsen og noterer den på registreringen.");
}

}  // namespace

ApprovalProblem approval_problem(const ApprovalInput& decision, std::optional<std::string_view> basis,
                                 std::optional<time::Date> day) {
  if (decision.status != model::DecisionStatus::Granted) return ApprovalProblem::NotGranted;
  if (basis && decision.basis != *basis) return ApprovalProblem::OtherBasis;
  if (!decision.valid_from || !decision.valid_to) return ApprovalProblem::NoPeriod;
  if (day && !time::approval_valid_on(*decision.valid_from, *decision.valid_to, *day)) return ApprovalProblem::OutsidePeriod;
  if (!decision.notified_on || (day && *day < *decision.notified_on)) return ApprovalProblem::NotNotified;
  return ApprovalProblem::None;
}


bool CheckResult::has_errors() const {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity() == Severity::Error; });
}

bool CheckResult::has(FindingCode code) const {
  return std::any_of(findings.begin(), findings.end(), [code](const Finding& f) { return f.code == code; });
}

CheckResult check_registration(const CheckInput& input) {
  return check_registration(input, forms::Catalogue::current());
}

CheckResult check_registration(const CheckInput& input, const forms::Catalogue& catalogue) {
  Context c{input, catalogue};
  c.form = catalogue.find_form(input.registration.form);
  c.set = c.form ? catalogue.find_set(c.form->set) : nullptr;
  c.basis = find_legal_basis(input.registration.basis);
  if (input.registration.approval_id) {
    c.approval = check_approval(input, *input.registration.approval_id, input.registration.basis, c.day());
    c.under_valid_approval = c.approval->valid();
  }

  // Declaration order of FindingCode.
  rule_form_not_in_force(c);
  rule_form_not_for_target_group(c);
  rule_basis_not_for_target_group(c);
  rule_basis_not_on_form(c);
  rule_preapproval_required(c);
  rule_preapproval_not_valid(c);
  rule_preapproved_use_on_acute_form(c);
  rule_hygiene_situation_required(c);
  rule_hygiene_situation_not_allowed(c);
  rule_hygiene_repeat(c);
  rule_time_order(c);
  rule_registration_late(c);
  rule_move_registration_late(c);
  rule_bilag1_period(c);
  rule_attachment_missing(c);
  rule_without_legal_basis(c);
  rule_police_report(c);

  CheckResult out;
  out.form_set = c.form ? c.form->set : std::string();
  out.findings = std::move(c.findings);
  out.registration_due = registration_due_of(c);
  if (c.under_valid_approval) {
    out.case_assignment.kind = CaseKind::Approval;
    out.case_assignment.approval_id = *input.registration.approval_id;
  }
  return out;
}

std::string deadline_rule_text(const FormMeta& form) {
  if (!form_has_registration_deadline(form)) return {};
  if (form.kind == FormKind::Move) return "ved udgangen af måneden for flytningen";
  if (form.kind == FormKind::PreApproved) return "når afgørelsen udløber";
  if (registered_within_24_hours(form)) return "straks og senest 24 timer efter indgrebet";
  return "straks og senest 3 dage efter indgrebet";
}

const FormMeta* required_attachment(const Catalogue& catalogue, const FormMeta& form, std::string_view basis,
                                    std::string_view day) {
  if (form.kind != FormKind::Registration || basis.empty()) return nullptr;
  for (const FormMeta& annex : catalogue.forms())
    if (annex.kind == FormKind::Attachment && annex.set == form.set && annex.covers_basis(basis) &&
        catalogue.form_for_day(annex.id, day) == &annex)
      return &annex;
  return nullptr;
}

bool registered_within_24_hours(const FormMeta& form) {
  return form.set == "boern" && (form.kind == FormKind::Registration || form.kind == FormKind::Supplement);
}

std::optional<time::LocalDateTime> registration_due_for(const FormMeta& form, const time::LocalDateTime& started,
                                                        const std::optional<time::LocalDateTime>& ended,
                                                        std::optional<time::Date> period_end,
                                                        std::optional<time::Date> period_from) {
  if (!form_has_registration_deadline(form)) return std::nullopt;
  if (form.kind == FormKind::Move) return time::move_registration_due(started.date);
  if (form.kind == FormKind::PreApproved) {
    if (!period_end) return std::nullopt;
    // A use the decision does not cover is not pre-approved: the acute rule applies (issue #27 item 4).
    if (*period_end < started.date || (period_from && started.date < *period_from))
      return time::registration_due(started.date);
    return time::end_of_day(*period_end);
  }
  if (registered_within_24_hours(form))
    return time::child_registration_due(ended && started < *ended ? *ended : started);
  return time::registration_due(started.date);
}

std::optional<time::LocalDateTime> registration_due(const FormMeta& form, const RegistrationInput& registration,
                                                    const ApprovalInput* decision) {
  std::optional<time::Date> period_from, period_end = registration.period_end;
  if (decision && decision->valid_to) {
    period_end = decision->valid_to;
    period_from = decision->valid_from;
  }
  return registration_due_for(form, registration.started_at, registration.ended_at, period_end, period_from);
}

bool registered_late(const time::LocalDateTime& due, const time::LocalDateTime& registered) {
  return time::surely_before(due, registered);
}

}  // namespace magtreg::core::rules
