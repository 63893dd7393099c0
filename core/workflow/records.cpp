// Rules for decisions, complaints, notes, action plans and case changes (see records.hpp).
#include "core/workflow/records.hpp"

#include <algorithm>

#include "core/forms/catalogue.hpp"
#include "core/rules/legal_basis.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/deadlines.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "core/util/json_read.hpp"
#include "core/util/json_util.hpp"

namespace magtreg::core::workflow {
namespace {

Error final_error(std::string message, std::string field) {
  return Error::make(ErrorCode::RecordFinal, std::move(message), std::move(field));
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The Copenhagen day of a UTC instant text; nullopt when it is not one.
std::optional<time::Date> local_day(const std::string& utc_text) {
  auto utc = time::parse_utc(utc_text);
  if (!utc) return std::nullopt;
  return time::to_local(*utc).date;
}

bool decided(const model::Decision& d) { return d.status != model::DecisionStatus::Pending; }

const forms::FormMeta* meta_of(const model::FormInstance& f, const forms::Catalogue& catalogue) {
  return catalogue.find_form(f.form_id, f.form_version);
}


// A list of who was told when (a decision's notifications, a complaint's statement recipients) that only
// grows: `stored` must be a prefix of `now`, and each entry names someone and lies at or after `not_before`.
// `field` is the list's name; the texts say, in Danish, what is wrong.
struct NoticeListTexts {
  const char* changed;  // a stored entry changed or removed
  const char* who;      // an entry without a recipient
  const char* when;     // an entry without a valid time
  const char* early;    // an entry before `not_before`
};
Status check_notice_list(const std::vector<model::Notification>& now, const std::vector<model::Notification>* stored,
                         const std::string& field, const std::string& not_before, const NoticeListTexts& texts) {
  if (stored != nullptr &&
      (now.size() < stored->size() || !std::equal(stored->begin(), stored->end(), now.begin())))
    return final_error(texts.changed, field);
  for (std::size_t i = 0; i < now.size(); ++i) {
    const auto& n = now[i];
    const std::string at = field + "[" + std::to_string(i) + "]";
    if (blank(n.recipient)) return invalid_input(texts.who, at + ".recipient");
    if (!is_utc_instant_text(n.at)) return invalid_input(texts.when, at + ".at");
    if (n.at < not_before) return invalid_input(texts.early, at + ".at");
  }
  return {};
}

}  // namespace

// [SECTION] decisions
namespace {
const NoticeListTexts k_decision_notices{"Registrerede underretninger kan ikke ændres eller fjernes.",
                                         "Hvem blev underrettet?", "Tidspunktet for underretningen mangler.",
                                         "Der kan ikke underrettes, før afgørelsen er truffet."};
}  // namespace

Status check_decision(const model::Decision& d, const std::optional<model::Decision>& stored,
                      const DecisionContext& context, const forms::Catalogue& catalogue) {
  if (stored && decided(*stored)) {
    model::Decision without = d;
    without.notifications = stored->notifications;
    without.sync = stored->sync;
    if (without != *stored)
      return final_error("Afgørelsen er truffet og kan ikke ændres. Kun underretninger kan tilføjes.", "status");
    // Appended only (the entries themselves are checked below, against the decision's time).
    if (Status st = check_notice_list(d.notifications, &stored->notifications, "notifications", "", k_decision_notices);
        !st)
      return st;
  }
  if (stored && (stored->citizen_id != d.citizen_id || stored->case_id != d.case_id))
    return invalid_input("En afgørelse kan ikke flyttes til en anden borger eller sag.", "case_id");

  if (!context.approval_case)
    return Error::make(ErrorCode::NotFound, "Sagen til afgørelsen findes ikke.", "case_id");
  const model::Case& c = *context.approval_case;
  if (c.citizen_id != d.citizen_id) return invalid_input("Sagen tilhører en anden borger.", "case_id");
  if (c.kind != model::CaseKind::Approval)
    return invalid_input("En afgørelse skal ligge på en sag om forhåndsgodkendelse (ansøgningens sag).", "case_id");
  if (c.decision_id && *c.decision_id != d.id)
    return invalid_input("Sagen har allerede en anden afgørelse.", "case_id");
  if (c.closed_at && !stored) return invalid_input("Sagen er lukket.", "case_id");

  if (!d.application_form_id)
    return invalid_input("Afgørelsen skal henvise til den ansøgning (skema 3), den afgør.", "application_form_id");
  if (!context.application)
    return Error::make(ErrorCode::NotFound, "Ansøgningen findes ikke.", "application_form_id");
  const model::FormInstance& app = *context.application;
  const forms::FormMeta* meta = meta_of(app, catalogue);
  if (meta == nullptr || meta->kind != forms::FormKind::Application)
    return invalid_input("Der henvises ikke til en ansøgning om forhåndsgodkendelse.", "application_form_id");
  if (app.citizen_id != d.citizen_id || app.case_id != d.case_id)
    return invalid_input("Ansøgningen hører til en anden borger eller sag.", "application_form_id");
  if (app.state != model::FormState::Locked)
    return invalid_input("Ansøgningen skal være færdig (låst), før der kan træffes afgørelse.", "application_form_id");

  const rules::LegalBasis* basis = rules::find_legal_basis(d.basis);
  if (basis == nullptr) return invalid_input("Ukendt hjemmel: " + d.basis + ".", "basis");
  if (basis->decision == rules::DecisionRequirement::No)
    return invalid_input(std::string(basis->paragraph) + " kræver ikke en forhåndsgodkendelse.", "basis");
  const auto asked = app.content.find("basis");
  if (asked != app.content.end() && asked->is_string() && asked->get<std::string>() != d.basis)
    return invalid_input("Afgørelsens hjemmel skal være den, der er søgt om.", "basis");

  if (d.status == model::DecisionStatus::Pending) {
    if (!d.notifications.empty())
      return invalid_input("Der kan først registreres underretninger, når afgørelsen er truffet.", "notifications");
    return {};
  }
  if (d.status == model::DecisionStatus::Granted) {
    if (!d.valid_from) return invalid_input("En bevilling skal have en startdato.", "valid_from");
    if (!d.valid_to) return invalid_input("En bevilling skal have en slutdato.", "valid_to");
    auto from = time::parse_date(*d.valid_from, "valid_from");
    if (!from) return from.error();
    auto to = time::parse_date(*d.valid_to, "valid_to");
    if (!to) return to.error();
    if (*to < *from) return invalid_input("Slutdatoen ligger før startdatoen.", "valid_to");
  }
  if (blank(d.complaint_guidance))
    return invalid_input("Afgørelsen skal indeholde klagevejledning.", "complaint_guidance");
  if (!d.decided_at || !is_utc_instant_text(*d.decided_at))
    return invalid_input("Tidspunktet for afgørelsen mangler.", "decided_at");
  if (!stored || !decided(*stored)) {
    if (d.decided_by != context.uploader_id)
      return invalid_input("Afgørelsen skal bære den, der træffer den.", "decided_by");
  }
  return check_notice_list(d.notifications, nullptr, "notifications", *d.decided_at, k_decision_notices);
}

// [SECTION] complaints
namespace {
// Made under a pre-approval: a form of the pre-approved kinds (Bilag 1's daily lines, 2024 Skema 2), or a
// registration filed on a decision's case or naming the decision ("approval_id").
bool under_pre_approval(const model::FormInstance& form, const std::optional<model::Case>& on_case,
                        const forms::FormMeta& meta) {
  if (meta.kind == forms::FormKind::DailyLines || meta.kind == forms::FormKind::PreApproved) return true;
  if (on_case && on_case->decision_id) return true;
  return !json_read::text(form.content, "approval_id").empty();
}
}  // namespace

Status check_complaint(const model::Complaint& c, const std::optional<model::Complaint>& stored,
                       const ComplaintContext& context, const forms::Catalogue& catalogue) {
  if (c.decision_id.has_value() == c.form_instance_id.has_value())
    return invalid_input("En klage gælder enten en afgørelse eller et konkret indgreb.", "decision_id");
  if (!is_utc_instant_text(c.received_at)) return invalid_input("Modtagelsestidspunktet mangler.", "received_at");

  // Issue #14 item 13: who complained is recorded when the complaint is received (one stored before keeps
  // its blank), and who received the committee's statement on an acute use, appended, never changed.
  if (!stored && blank(c.complainant))
    return invalid_input("Hvem klager? Skriv fx borgeren, værgen eller en pårørende ved navn.", "complainant");
  if (stored && stored->complainant != c.complainant)
    return final_error("Hvem der klager, kan ikke ændres.", "complainant");
  if (!c.statement_sent_to.empty() && c.decision_id)
    return invalid_input("En klage over en afgørelse får ingen udtalelse: den genvurderes eller sendes til "
                         "Ankestyrelsen.",
                         "statement_sent_to");
  if (Status st = check_notice_list(c.statement_sent_to, stored ? &stored->statement_sent_to : nullptr,
                                    "statement_sent_to", c.received_at,
                                    {"Registrerede modtagere af udtalelsen kan ikke ændres eller fjernes.",
                                     "Hvem fik udtalelsen?", "Hvornår blev udtalelsen sendt?",
                                     "Udtalelsen kan ikke sendes, før klagen er modtaget."});
      !st)
    return st;

  if (stored) {
    if (stored->citizen_id != c.citizen_id || stored->decision_id != c.decision_id ||
        stored->form_instance_id != c.form_instance_id || stored->received_at != c.received_at)
      return final_error("En klages borger, genstand og modtagelsesdato kan ikke ændres.", "received_at");
    if (stored->status == model::ComplaintStatus::Closed) {
      model::Complaint only_mark = *stored;
      only_mark.court_or_lawyer = c.court_or_lawyer;
      only_mark.statement_sent_to = c.statement_sent_to;  // appended only (checked above)
      only_mark.sync = c.sync;
      if (only_mark != c)
        return final_error("Klagen er afsluttet. Kun markeringen for retssag/advokat og modtagerne af udtalelsen "
                           "kan ændres.",
                           "status");
      return {};
    }
    // The enum's order is the only order a complaint moves in.
    if (c.status < stored->status)
      return Error::make(ErrorCode::TransitionNotAllowed,
                         "En klage kan ikke gå tilbage fra »" + std::string(model::complaint_status_label(stored->status)) +
                             "« til »" + std::string(model::complaint_status_label(c.status)) + "«.",
                         "status");
    if (stored->forwarded_at && stored->forwarded_at != c.forwarded_at)
      return final_error("Tidspunktet for videresendelse til Ankestyrelsen kan ikke ændres.", "forwarded_at");
  }

  if (c.decision_id) {
    if (!context.decision) return Error::make(ErrorCode::NotFound, "Afgørelsen findes ikke.", "decision_id");
    if (context.decision->citizen_id != c.citizen_id)
      return invalid_input("Afgørelsen hører til en anden borger.", "decision_id");
    if (!decided(*context.decision))
      return invalid_input("Der kan kun klages over en truffet afgørelse.", "decision_id");
    if (!c.notified_at || !is_utc_instant_text(*c.notified_at))
      return invalid_input("Hvornår fik klageren afgørelsen at vide? Klagefristen regnes derfra.", "notified_at");
  } else {
    if (!context.form) return Error::make(ErrorCode::NotFound, "Registreringen findes ikke.", "form_instance_id");
    if (context.form->citizen_id != c.citizen_id)
      return invalid_input("Registreringen hører til en anden borger.", "form_instance_id");
    const forms::FormMeta* meta = meta_of(*context.form, catalogue);
    if (meta == nullptr || (meta->kind != forms::FormKind::Registration && meta->kind != forms::FormKind::DailyLines &&
                            meta->kind != forms::FormKind::PreApproved))
      return invalid_input("En klage over et indgreb skal henvise til en registrering af indgrebet.",
                           "form_instance_id");
    // Seed 002: "Der kan ikke klages over indgreb foretaget på baggrund af en forhåndsgodkendelse". Checked
    // when the complaint is received; one accepted before this rule keeps its object.
    if (!stored && under_pre_approval(*context.form, context.form_case, *meta))
      return invalid_input("Der kan ikke klages over et indgreb, der er foretaget på baggrund af en "
                           "forhåndsgodkendelse. Klagen gælder afgørelsen: registrér den som en klage over afgørelsen.",
                           "form_instance_id");
  }

  if (c.status == model::ComplaintStatus::Forwarded || (c.status == model::ComplaintStatus::Closed && c.forwarded_at)) {
    if (!c.decision_id)
      return invalid_input("Kun klager over en afgørelse videresendes til Ankestyrelsen. Ved akutte indgreb giver "
                           "udvalget selv en udtalelse.",
                           "status");
    if (!c.forwarded_at || !is_utc_instant_text(*c.forwarded_at))
      return invalid_input("Hvornår blev klagen sendt til Ankestyrelsen?", "forwarded_at");
    if (*c.forwarded_at < c.received_at)
      return invalid_input("Klagen kan ikke videresendes, før den er modtaget.", "forwarded_at");
    if (blank(c.committee_assessment))
      return invalid_input("Udvalgets genvurdering skal skrives, før klagen sendes videre.", "committee_assessment");
  } else if (c.forwarded_at) {
    return invalid_input("Et videresendelsestidspunkt kræver status »videresendt«.", "forwarded_at");
  }
  if (c.status == model::ComplaintStatus::Closed) {
    if (!c.decision_id && blank(c.committee_assessment))
      return invalid_input("Udvalgets udtalelse til klageren og lederen skal skrives, før klagen afsluttes.",
                           "committee_assessment");
    if (blank(c.outcome)) return invalid_input("Klagens udfald skal skrives, før den afsluttes.", "outcome");
  }
  return {};
}

std::vector<rules::Finding> complaint_findings(const model::Complaint& c) {
  std::vector<rules::Finding> out;
  if (!c.decision_id || !c.notified_at) return out;
  const auto notified = local_day(*c.notified_at);
  const auto received = local_day(c.received_at);
  if (!notified || !received) return out;
  const time::Date deadline = time::complaint_deadline(*notified);
  if (deadline < *received)
    out.push_back({rules::FindingCode::ComplaintLate,
                   "Klagen er modtaget " + time::format_danish(*received) + ", efter klagefristen " +
                       time::format_danish(deadline) + " (4 uger fra underretningen " + time::format_danish(*notified) +
                       "). Udvalget vurderer, om den skal afvises."});
  return out;
}

// [SECTION] notes
std::optional<access::Action> note_action(std::string_view kind) {
  if (kind == model::k_note_kind_complaint_letter || kind == model::k_note_kind_relatives_informed ||
      kind == k_note_kind_follow_up || model::is_child_duty_note(kind) || model::is_staff_briefing_note(kind))
    return access::Action::CompleteLeaderPart;
  if (kind == model::k_note_kind_committee_review) return access::Action::ReviewReport;
  return std::nullopt;
}

Status check_note(const model::Note& n, const std::optional<model::Note>& stored,
                  const std::optional<model::Case>& note_case, const std::string& uploader_id) {
  if (stored) return final_error("Et notat kan ikke ændres. Skriv et nyt notat.", "text");
  if (!note_action(n.kind)) return invalid_input("Ukendt notattype: " + n.kind + ".", "kind");
  if (n.author != uploader_id) return invalid_input("Notatet skal bære den, der skriver det.", "author");
  if (!is_utc_instant_text(n.at)) return invalid_input("Notatets tidspunkt mangler.", "at");
  if (blank(n.text)) return invalid_input("Notatet er tomt.", "text");
  if (std::find(n.tags.begin(), n.tags.end(), model::k_note_tag_use_of_force) == n.tags.end())
    return invalid_input("Notatet skal mærkes »magtanvendelse«.", "tags");
  if (n.kind == model::k_note_kind_committee_review && !n.case_id)
    return invalid_input("Udvalgets gennemgang skrives på borgerens sag.", "case_id");
  if (model::is_child_duty_note(n.kind) && !n.case_id)
    return invalid_input("Orienteringen og kopien noteres på registreringens sag.", "case_id");
  if (model::is_staff_briefing_note(n.kind) && !n.case_id)
    return invalid_input("Orienteringen af personalet noteres på afgørelsens sag.", "case_id");
  if (n.case_id) {
    if (!note_case) return Error::make(ErrorCode::NotFound, "Sagen findes ikke.", "case_id");
    if (note_case->citizen_id != n.citizen_id) return invalid_input("Sagen tilhører en anden borger.", "case_id");
  }
  return {};
}

// [SECTION] action plans
Status check_action_plan(const model::ActionPlan& p, const std::optional<model::ActionPlan>& stored,
                         const std::string& uploader_id) {
  if (blank(p.purpose)) return invalid_input("Formålet med indsatsen skal beskrives.", "purpose");
  if (blank(p.effort)) return invalid_input("Den nødvendige indsats skal beskrives.", "effort");
  if (blank(p.expected_duration)) return invalid_input("Den forventede varighed skal angives.", "expected_duration");
  if (blank(p.other_matters))
    return invalid_input("Andre særlige forhold (bolig, beskæftigelse, personlig hjælp, behandling, hjælpemidler) "
                         "skal beskrives.",
                         "other_matters");
  if (p.author != uploader_id) return invalid_input("Handleplanen skal bære den, der skriver den.", "author");
  if (!is_utc_instant_text(p.updated_at)) return invalid_input("Tidspunktet for opdateringen mangler.", "updated_at");
  if (stored) {
    if (stored->citizen_id != p.citizen_id)
      return invalid_input("En handleplan kan ikke flyttes til en anden borger.", "citizen_id");
    if (p.updated_at < stored->updated_at)
      return invalid_input("Opdateringen er ældre end den gemte handleplan.", "updated_at");
  }
  return {};
}

// [SECTION] recommendations to Familieretshuset
Status check_move_recommendation(const model::MoveRecommendation& r, const std::optional<model::MoveRecommendation>& stored,
                                 const model::Citizen& citizen, const std::string& uploader_id, std::string_view today) {
  if (r.sync.deleted) return invalid_input("En indstilling til Familieretshuset slettes ikke.", "deleted");
  if (r.citizen_id != citizen.id) return invalid_input("Indstillingen hører til en anden borger.", "citizen_id");
  if (r.basis == "129" && r.subsection.empty())
    return invalid_input("Angiv, om flytningen er efter § 129, stk. 1 eller stk. 2.", "subsection");
  if (r.basis == "129a" && !r.subsection.empty())
    return invalid_input("§ 129 a har ingen stykker at vælge imellem.", "subsection");
  if (!stored && r.author != uploader_id) return invalid_input("Indstillingen skal bære den, der skriver den.", "author");
  if (!is_utc_instant_text(r.at)) return invalid_input("Tidspunktet for registreringen mangler.", "at");
  const bool sent = r.status == model::k_recommendation_sent;
  const auto day = [&](const std::optional<std::string>& d, const char* what, const char* field) -> Status {
    if (!d) return {};
    if (*d < r.decided_on)
      return invalid_input(std::string(what) + " (" + time::format_danish_day(*d) + ") ligger før " +
                               (sent ? "indstillingen blev sendt" : "afslaget") + " (" +
                               time::format_danish_day(r.decided_on) + ").",
                           field);
    if (*d > today) return invalid_input(std::string(what) + " ligger efter i dag.", field);
    return {};
  };
  if (r.decided_on > today)
    return invalid_input(sent ? "Indstillingen kan ikke være sendt efter i dag." : "Afslaget kan ikke ligge efter i dag.",
                         "decided_on");
  if (sent) {
    if (!r.cohabitant.empty() || r.cohabitant_advised_on)
      return invalid_input("Vejledning om klageadgang hører til et afslag på at indstille.", "cohabitant");
    if (r.basis == "129" && r.subsection == "stk1" && !r.lawyer_appointed_on)
      return invalid_input("Ved flytning efter § 129, stk. 1 beskikkes en advokat, før indstillingen sendes: angiv dagen.",
                           "lawyer_appointed_on");
    if (r.lawyer_appointed_on && *r.lawyer_appointed_on > r.decided_on)
      return invalid_input("Advokaten beskikkes senest den dag, indstillingen sendes.", "lawyer_appointed_on");
    if (!model::guardian_of(citizen) && !r.guardian_requested_on)
      return invalid_input("Borgeren har ingen værge: Familieretshuset anmodes om at beskikke en, senest når indstillingen "
                           "sendes. Angiv dagen.",
                           "guardian_requested_on");
    if (r.guardian_requested_on && *r.guardian_requested_on > r.decided_on)
      return invalid_input("Familieretshuset anmodes om en værge senest den dag, indstillingen sendes.",
                           "guardian_requested_on");
    if (r.familieretshuset_decided_on.has_value() != !r.familieretshuset_outcome.empty())
      return invalid_input("Familieretshusets afgørelse skal have både dag og udfald.", "familieretshuset_outcome");
    if (auto s = day(r.familieretshuset_decided_on, "Familieretshusets afgørelse", "familieretshuset_decided_on"); !s)
      return s;
  } else {
    if (r.lawyer_appointed_on || r.guardian_requested_on || r.familieretshuset_decided_on ||
        !r.familieretshuset_outcome.empty())
      return invalid_input("Et afslag på at indstille sendes ikke til Familieretshuset.", "status");
    if (blank(r.cohabitant))
      return invalid_input("Hvem deler bolig med borgeren? En ægtefælle eller anden nærtstående, der gør, kan klage til "
                           "Familieretshuset over afslaget. Skriv »ingen«, hvis ingen gør.",
                           "cohabitant");
    if (r.cohabitant == model::k_no_cohabitant && r.cohabitant_advised_on)
      return invalid_input("Ingen deler bolig med borgeren, så ingen skal vejledes.", "cohabitant_advised_on");
    if (auto s = day(r.cohabitant_advised_on, "Vejledningen om klageadgang", "cohabitant_advised_on"); !s) return s;
  }
  if (stored) {
    if (stored->citizen_id != r.citizen_id || stored->basis != r.basis || stored->subsection != r.subsection ||
        stored->status != r.status || stored->decided_on != r.decided_on || stored->author != r.author ||
        stored->at != r.at)
      return final_error("Indstillingens hjemmel, udfald og dag kan ikke ændres.", "status");
    const auto kept = [](const std::optional<std::string>& before, const std::optional<std::string>& after) {
      return !before || before == after;
    };
    if (!kept(stored->lawyer_appointed_on, r.lawyer_appointed_on) ||
        !kept(stored->guardian_requested_on, r.guardian_requested_on))
      return final_error("En angivet dag kan ikke ændres eller fjernes.", "lawyer_appointed_on");
    if (!kept(stored->familieretshuset_decided_on, r.familieretshuset_decided_on) ||
        (!stored->familieretshuset_outcome.empty() && stored->familieretshuset_outcome != r.familieretshuset_outcome))
      return final_error("Familieretshusets afgørelse er registreret og kan ikke ændres.", "familieretshuset_decided_on");
    if ((!blank(stored->cohabitant) && stored->cohabitant != r.cohabitant) ||
        !kept(stored->cohabitant_advised_on, r.cohabitant_advised_on))
      return final_error("Hvem der deler bolig, og hvornår de blev vejledt, kan ikke ændres.", "cohabitant");
  }
  return {};
}

std::string recommendation_basis_text(const model::MoveRecommendation& r) {
  const auto* basis = rules::find_legal_basis(r.basis);
  std::string out = basis != nullptr && !basis->paragraph.empty() ? std::string(basis->paragraph) : r.basis;
  if (r.subsection == "stk1") out += ", stk. 1";
  if (r.subsection == "stk2") out += ", stk. 2";
  return out;
}

// [SECTION] cases
Status check_case_change(const model::Case& next, const model::Case& stored) {
  if (stored.closed_at && next.closed_at != stored.closed_at)
    return final_error("Sagen er lukket og kan ikke genåbnes. Opret en ny sag.", "closed_at");
  if (next.citizen_id != stored.citizen_id) return invalid_input("En sag kan ikke flyttes til en anden borger.", "citizen_id");
  if (next.kind != stored.kind || next.base_course_id != stored.base_course_id || next.opened_at != stored.opened_at)
    return invalid_input("En sags type, grundforløb og oprettelse kan ikke ændres.", "kind");
  if (next.decision_id != stored.decision_id)
    return invalid_input("Afgørelsen knyttes til sagen af serveren, når den gemmes.", "decision_id");
  if (next.closed_at && !is_utc_instant_text(*next.closed_at))
    return invalid_input("Lukketidspunktet skal være et UTC-tidspunkt.", "closed_at");
  return {};
}

}  // namespace magtreg::core::workflow
