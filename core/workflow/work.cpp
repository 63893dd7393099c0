// The øjeoverblik (see work.hpp).
#include "core/workflow/work.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/access/policy.hpp"
#include "core/cases/cases.hpp"
#include "core/forms/catalogue.hpp"
#include "core/records/rule_input.hpp"
#include "core/rules/form_check.hpp"
#include "core/rules/legal_basis.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/date.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "core/util/json_read.hpp"
#include "core/workflow/records.hpp"
#include "core/workflow/reporting.hpp"

namespace magtreg::core::workflow {
namespace {

using access::Action;
using access::Scope;
using time::Date;
using time::LocalDateTime;

std::optional<LocalDateTime> local_of_utc(const std::string& text) {
  auto utc = time::parse_utc(text);
  if (!utc) return std::nullopt;
  return time::to_local(*utc);
}

std::optional<LocalDateTime> started(const model::FormInstance& f) {
  if (!f.started_at) return std::nullopt;
  auto t = time::parse_local_date_time(*f.started_at);
  if (!t) return std::nullopt;
  return *t;
}

class Builder {
 public:
  Builder(const WorkInput& in, const forms::Catalogue& catalogue) : m_in(in), m_catalogue(catalogue) {
    for (const auto& c : in.citizens) m_citizens[c.id] = &c;
    for (const auto& i : in.institutions) m_institutions[i.id] = &i;
    for (const auto& f : in.forms) m_forms[f.id] = &f;
    for (const auto& c : in.cases) m_cases[c.id] = &c;
    for (const auto& d : in.decisions) m_decisions[d.id] = &d;
  }

  bool may(Action a) const {
    const Scope s = access::scope_of(m_in.role, a);
    return s == Scope::OwnInstitutions || s == Scope::Municipality;
  }

  const forms::FormMeta* meta(const model::FormInstance& f) const {
    return m_catalogue.find_form(f.form_id, f.form_version);
  }
  bool is_kind(const model::FormInstance& f, forms::FormKind k) const {
    const auto* m = meta(f);
    return m != nullptr && m->kind == k;
  }
  bool is_registration(const model::FormInstance& f) const {
    return is_kind(f, forms::FormKind::Registration) || is_kind(f, forms::FormKind::PreApproved) ||
           is_kind(f, forms::FormKind::DailyLines);
  }
  std::string form_label(const model::FormInstance& f) const {
    const auto* m = meta(f);
    std::string s = m != nullptr ? m->short_title : f.form_id;
    if (auto t = started(f)) s += " fra " + time::format_danish(*t);
    return s;
  }
  std::string institution_name(const std::string& id) const {
    auto it = m_institutions.find(id);
    return it == m_institutions.end() ? std::string() : it->second->name;
  }

  WorkItem& add(WorkKind kind, std::string title, std::string detail, const std::string& citizen_id) {
    WorkItem item;
    item.kind = kind;
    item.title = std::move(title);
    item.detail = std::move(detail);
    item.citizen_id = citizen_id;
    if (auto it = m_citizens.find(citizen_id); it != m_citizens.end()) {
      item.citizen_name = it->second->name;
      item.institution_id = it->second->institution_id;
    }
    m_items.push_back(std::move(item));
    return m_items.back();
  }
  void due(WorkItem& item, const LocalDateTime& at) {
    item.due = at;
    item.status = time::evaluate_deadline(at, m_in.now).status;
  }
  void open(WorkItem& item, std::string kind, std::string id) {
    item.record_kind = std::move(kind);
    item.record_id = std::move(id);
  }

  // [SECTION] leader
  void leader_forms() {
    for (const auto& f : m_in.forms) {
      if (f.sync.deleted) continue;
      const auto* m = meta(f);
      if (f.state == model::FormState::Filled && m != nullptr && m->lifecycle == forms::LifecycleKind::StaffThenLeader) {
        auto& item = add(WorkKind::FormAwaitingLeader, "Mangler lederens del",
                         form_label(f) + " er udfyldt af medarbejderen og venter på lederens del og låsning.",
                         f.citizen_id);
        item.institution_id = f.institution_id;
        open(item, "form", f.id);
      }
      if (f.state == model::FormState::Draft && is_kind(f, forms::FormKind::Registration)) {
        // The deadline the form screen and the rule engine give (a child's within 24 hours).
        const auto due_at = rules::registration_due(f, m_in.decisions, m_catalogue);
        if (!due_at) continue;
        const LocalDateTime deadline = *due_at;
        if (time::evaluate_deadline(deadline, m_in.now).status == time::DeadlineStatus::NotDueYet) continue;
        auto& item = add(WorkKind::RegistrationOverdue, "Registrering over fristen",
                         form_label(f) + " er stadig en kladde. Fristen var " + time::format_danish(deadline) + ".",
                         f.citizen_id);
        item.institution_id = f.institution_id;
        open(item, "form", f.id);
        due(item, deadline);
      }
    }
  }

  void leader_reports() {
    const Month now_month{m_in.now.date.year, m_in.now.date.month};
    const Month last = previous_month(now_month);
    for (const auto& inst : m_in.institutions) {
      const auto forms = forms_for_monthly_report(inst.id, last, m_in.forms, m_in.batches, m_catalogue);
      if (!forms.empty()) {
        Month oldest = last;
        for (const auto& f : forms)
          if (auto lm = locked_month(f); lm && *lm < oldest) oldest = *lm;
        auto& item = add(WorkKind::ReportDue, "Månedens indberetning mangler",
                         inst.name + ": " + std::to_string(forms.size()) + " låste registreringer er ikke indberettet (" +
                             time::format_danish_month(last.year, last.month) + ").",
                         "");
        item.institution_id = inst.id;
        item.month = format_month(last);
        open(item, "report", inst.id);
        due(item, time::monthly_report_due(oldest.year, oldest.month, m_in.municipality.report_day_of_month));
      }
    }
    for (const auto& b : m_in.batches) {
      if (b.sync.deleted || m_institutions.count(b.institution_id) == 0) continue;
      std::string missing;
      for (const auto& r : b.recipients)
        if (!r.sent_at) missing += (missing.empty() ? "" : ", ") + r.name;
      if (missing.empty()) continue;
      auto month = parse_month(b.month);
      auto& item = add(WorkKind::ReportNotSent, "Indberetning ikke sendt til alle",
                       institution_name(b.institution_id) + ", " + month_label(b.month) + ": mangler at blive sendt til " + missing +
                           ".",
                       "");
      item.institution_id = b.institution_id;
      item.month = b.month;
      open(item, "report_batch", b.id);
      if (month) due(item, time::monthly_report_due(month->year, month->month, m_in.municipality.report_day_of_month));
    }
  }

  void leader_hygiene_repeats() {
    // citizen -> § 136 a starts of registrations (not drafts: a draft is not a use until it is registered)
    // not made under a decision (issue #14 item 6).
    std::map<std::string, std::vector<LocalDateTime>> uses;
    const std::optional<std::string> hygiene_hold("136a");
    for (const auto& f : m_in.forms) {
      if (f.sync.deleted || f.state == model::FormState::Draft || !is_kind(f, forms::FormKind::Registration) ||
          f.legal_basis != hygiene_hold)
        continue;
      if (!json_read::text(f.content, "approval_id").empty()) continue;
      if (auto s = started(f)) uses[f.citizen_id].push_back(*s);
    }
    for (auto& [citizen_id, starts] : uses) {
      if (starts.size() < 2) continue;
      std::sort(starts.begin(), starts.end());
      const LocalDateTime latest = starts.back();
      const auto window = time::six_month_window_before(latest);
      const LocalDateTime previous = starts[starts.size() - 2];
      if (!window.contains(previous)) continue;
      bool applied = false;
      // Only an application for § 136 a made since the earlier use clears the duty.
      for (const auto& f : m_in.forms)
        if (!f.sync.deleted && f.citizen_id == citizen_id && is_kind(f, forms::FormKind::Application) &&
            f.legal_basis == hygiene_hold) {
          auto created = local_of_utc(f.created_at);
          if (created && !(*created < previous)) applied = true;
        }
      for (const auto& d : m_in.decisions)
        if (!d.sync.deleted && d.citizen_id == citizen_id && d.basis == "136a" && d.status == model::DecisionStatus::Granted && d.valid_to) {
          auto to = time::parse_date(*d.valid_to);
          if (to && !(*to < latest.date)) applied = true;
        }
      if (applied) continue;
      auto& item = add(WorkKind::ApplicationRequired, "Ansøgning om forhåndsgodkendelse (§ 136 a)",
                       "Kortvarig fastholdelse i hygiejnesituationer er brugt " + time::format_danish(previous) + " og " +
                           time::format_danish(latest) +
                           ", mere end én gang inden for seks måneder. Søg kommunen om en afgørelse (skema 3).",
                       citizen_id);
      open(item, "citizen", citizen_id);
    }
  }

  // Issue #14 item 11: after a child's registration (voksenansvarsloven) the leader tells the child and
  // offers it to add its own account, tells the holders of parental responsibility, both at once (by the
  // registration's own deadline), and sends a copy to the placing municipality within 24 hours of locking
  // it. Each is done by a note of its kind on the registration's case.
  void leader_children() {
    for (const auto& f : m_in.forms) {
      const auto missing = cases::child_duties_missing(f, m_in.notes, m_catalogue);
      if (missing.empty()) continue;
      const auto registered_due = rules::registration_due(f, m_in.decisions, m_catalogue);
      for (const std::string_view kind : missing) {
        WorkItem* item = nullptr;
        if (kind == model::k_note_kind_child_informed) {
          item = &add(WorkKind::ChildInformedDue, "Barnet orienteres",
                      "Fortæl barnet eller den unge om registreringen (" + form_label(f) +
                          ") og tilbyd at få sin egen beskrivelse med. Notér det på sagen.",
                      f.citizen_id);
          if (registered_due) due(*item, *registered_due);
        } else if (kind == model::k_note_kind_parents_informed) {
          item = &add(WorkKind::ParentsInformedDue, "Forældremyndigheden orienteres",
                      "Orientér forældremyndighedens indehavere straks om " + form_label(f) + ". Notér det på sagen.",
                      f.citizen_id);
          if (registered_due) due(*item, *registered_due);
        } else {
          item = &add(WorkKind::PlacingCopyDue, "Kopi til anbringende kommune",
                      "Send en kopi af " + form_label(f) +
                          " til den anbringende kommune senest 24 timer efter låsningen. Notér det på sagen.",
                      f.citizen_id);
          if (const auto locked = f.locked_at ? local_of_utc(*f.locked_at) : std::nullopt)
            due(*item, time::child_copy_due(*locked));
        }
        item->institution_id = f.institution_id;
        open(*item, "citizen", f.citizen_id);
      }
    }
  }

  // Issue #14 item 13: the leader tells staff of a decision once told of it (before its first day when
  // granted, else the day the leader was told), and of Ankestyrelsen's ruling on a complaint against it.
  void leader_staff_briefings() {
    for (const auto& b : cases::staff_briefings_missing(m_in.decisions, m_in.complaints, m_in.notes)) {
      const model::Decision& d = *b.decision;
      const std::string what = std::string(d.status == model::DecisionStatus::Granted ? "bevillingen" : "afslaget") + " af " +
                               basis_paragraph(d.basis);
      if (b.complaint == nullptr) {
        auto& item = add(WorkKind::StaffDecisionBriefing, "Orientér personalet om afgørelsen",
                         "Fortæl personalet om " + what +
                             (d.status == model::DecisionStatus::Granted && d.valid_from && d.valid_to
                                  ? " (gyldig " + time::format_danish_day(*d.valid_from) + "–" +
                                        time::format_danish_day(*d.valid_to) + ")"
                                  : std::string()) +
                             " og om vilkårene. Notér det på afgørelsens sag.",
                         d.citizen_id);
        const std::string* leader_told = rules::decision_first_told(d, "leder");
        const auto told = leader_told ? local_of_utc(*leader_told) : std::nullopt;
        const auto from = time::parse_date(d.valid_from.value_or(""));
        if (told) {
          if (d.status == model::DecisionStatus::Granted && from && told->date < *from) due(item, time::start_of_day(*from));
          else due(item, time::end_of_day(told->date));
        }
        open(item, "citizen", d.citizen_id);
      } else {
        auto& item = add(WorkKind::StaffRulingBriefing, "Orientér personalet om Ankestyrelsens afgørelse",
                         "Ankestyrelsen har afgjort klagen over " + what + " (udfald: " + b.complaint->outcome +
                             "). Fortæl personalet om det. Notér det på afgørelsens sag.",
                         d.citizen_id);
        open(item, "citizen", d.citizen_id);
      }
    }
  }

  // Issue #14 item 14: due in months with interventions, not for ever after the first one.
  void leader_relatives() {
    for (const auto& c : m_in.citizens) {
      if (c.can_complain_unaided || c.sync.deleted) continue;
      std::optional<Date> last;
      for (const auto& n : m_in.notes) {
        if (n.sync.deleted || n.citizen_id != c.id || n.kind != model::k_note_kind_relatives_informed) continue;
        auto at = local_of_utc(n.at);
        if (at && (!last || *last < at->date)) last = at->date;
      }
      // The first registered intervention since the last orientation (the day of the orientation
      // included: it may have been told about a later one).
      std::optional<Date> first;
      int since = 0;
      for (const auto& f : m_in.forms) {
        if (f.sync.deleted || f.citizen_id != c.id || !is_registration(f) || f.state == model::FormState::Draft) continue;
        auto s = started(f);
        if (!s || (last && s->date < *last)) continue;
        ++since;
        if (!first || s->date < *first) first = s->date;
      }
      if (!first) continue;
      const Date due_day = time::relatives_orientation_due(*first);
      if (time::add_days(m_in.now.date, 7) < due_day) continue;
      std::string who;
      for (const auto& r : c.relatives) who += (who.empty() ? "" : ", ") + r.name + " (" + r.relation + ")";
      auto& item = add(WorkKind::RelativesOrientationDue, "Orientering af pårørende/værge",
                       (who.empty() ? std::string("Pårørende") : who) + " skal orienteres om " +
                           (since == 1 ? std::string("magtanvendelsen den ") + time::format_danish(*first)
                                       : std::to_string(since) + " magtanvendelser siden " + time::format_danish(*first)) +
                           (last ? " (sidst orienteret " + time::format_danish(*last) + ")." : " (endnu ingen orientering)."),
                       c.id);
      open(item, "citizen", c.id);
      due(item, time::end_of_day(due_day));
    }
  }

  // Issue #14 item 3: from 1 July 2024 the pre-approved uses under a decision are registered once, on a
  // Skema 2 with the estimated number of uses, when the decision expires. Shown from 30 days before its
  // last day until a Skema 2 under it has left Kladde.
  void leader_preapproved() {
    const auto* skema2 = m_catalogue.find_form("2024-2");
    if (skema2 == nullptr) return;
    const auto* set = m_catalogue.find_set(skema2->set);
    const std::string regime_from = set ? set->valid_from : std::string();
    for (const auto& d : m_in.decisions) {
      if (d.sync.deleted || d.status != model::DecisionStatus::Granted || !d.valid_to || !skema2->covers_basis(d.basis)) continue;
      auto to = time::parse_date(*d.valid_to);
      if (!to || *d.valid_to < regime_from) continue;  // expired under the 2020 forms (Bilag 1)
      if (time::add_days(m_in.now.date, 30) < *to) continue;
      bool registered = false;
      for (const auto& f : m_in.forms) {
        if (f.sync.deleted || f.state == model::FormState::Draft || !is_kind(f, forms::FormKind::PreApproved)) continue;
        if (json_read::text(f.content, "approval_id") == d.id || f.case_id == d.case_id) registered = true;
      }
      if (registered) continue;
      auto& item = add(WorkKind::PreApprovedDue, "Skema 2: forhåndsgodkendte indgreb",
                       "Afgørelsen om " + basis_paragraph(d.basis) + " udløber " + time::format_danish(*to) +
                           ". Registrér de forhåndsgodkendte indgreb i perioden på ét skema 2 med det anslåede antal.",
                       d.citizen_id);
      open(item, "citizen", d.citizen_id);
      // The Skema 2's deadline as the form screen and the rule engine give it: the decision's period, from
      // its first day (the form is dated by it) to its last.
      const auto from = d.valid_from ? time::parse_date(*d.valid_from) : time::parse_date(*d.valid_to);
      if (from)
        if (auto due_at = rules::registration_due_for(*skema2, time::start_of_day(*from), std::nullopt, *to, *from))
          due(item, *due_at);
    }
  }

  // The committee's review notes of the last 30 days: what it said about the leader's registrations.
  void committee_remarks() {
    const LocalDateTime since = time::start_of_day(time::add_days(m_in.now.date, -30));
    for (const auto& n : m_in.notes) {
      if (n.sync.deleted || n.kind != model::k_note_kind_committee_review) continue;
      auto at = local_of_utc(n.at);
      if (!at || *at < since) continue;
      auto& item = add(WorkKind::CommitteeRemarks, "Udvalgets gennemgang",
                       "Udvalget skrev " + time::format_danish(at->date) + ": " + n.text, n.citizen_id);
      open(item, "note", n.id);
    }
  }

  // [SECTION] complaints
  void complaints(bool leader_view) {
    for (const auto& c : m_in.complaints) {
      if (c.sync.deleted || c.status == model::ComplaintStatus::Closed) continue;
      auto received = local_of_utc(c.received_at);
      if (leader_view) {
        auto& item = add(WorkKind::ComplaintOpen, "Åben klage",
                         std::string(c.decision_id ? "Klage over afgørelse" : "Klage over indgreb") + ", modtaget " +
                             (received ? time::format_danish(received->date) : c.received_at) + ", status: " +
                             std::string(model::complaint_status_label(c.status)) + ".",
                         c.citizen_id);
        open(item, "complaint", c.id);
        continue;
      }
      if (c.decision_id) {
        if (c.status == model::ComplaintStatus::Forwarded) continue;  // with Ankestyrelsen
        auto& item = add(WorkKind::ComplaintReassessment, "Klage over afgørelse: genvurdering",
                         "Modtaget " + (received ? time::format_danish(received->date) : c.received_at) +
                             ". Udvalget genvurderer inden for 4 uger; fastholdes afgørelsen, sendes klagen til "
                             "Ankestyrelsen.",
                         c.citizen_id);
        open(item, "complaint", c.id);
        if (received) due(item, time::end_of_day(time::committee_reassessment_due(received->date)));
      } else {
        auto& item = add(WorkKind::AcuteComplaintOpen, "Klage over akut indgreb: udtalelse",
                         "Modtaget " + (received ? time::format_danish(received->date) : c.received_at) +
                             ". Udvalget vurderer lovligheden og giver en udtalelse til klageren og lederen.",
                         c.citizen_id);
        open(item, "complaint", c.id);
      }
    }
  }


  // [SECTION] committee
  void undecided_applications() {
    for (const auto& f : m_in.forms) {
      if (f.sync.deleted || f.state != model::FormState::Locked || !is_kind(f, forms::FormKind::Application)) continue;
      bool decided = false;
      for (const auto& d : m_in.decisions)
        if (!d.sync.deleted && d.application_form_id == f.id && d.status != model::DecisionStatus::Pending) decided = true;
      if (decided) continue;
      auto& item = add(WorkKind::ApplicationUndecided, "Ansøgning venter på afgørelse",
                       form_label(f) + (f.legal_basis ? " (" + basis_paragraph(*f.legal_basis) + ")" : std::string()) +
                           " fra " + institution_name(f.institution_id) + ".",
                       f.citizen_id);
      open(item, "form", f.id);
    }
  }

  // Issue #14 item 13: a decision is in force once the citizen, the guardian where there is one, the
  // leader and the caseworker have been told; until then the committee is asked to record who was told.
  void decisions_not_notified() {
    for (const auto& d : m_in.decisions) {
      if (d.sync.deleted || d.status == model::DecisionStatus::Pending || !d.application_form_id) continue;
      const auto citizen = m_citizens.find(d.citizen_id);
      if (citizen == m_citizens.end()) continue;
      const std::string who = rules::decision_recipients_missing_text(d, *citizen->second);
      if (who.empty()) continue;
      auto& item = add(WorkKind::DecisionNotNotified, "Afgørelsen er ikke meddelt alle",
                       "Afgørelsen om " + basis_paragraph(d.basis) + (d.status == model::DecisionStatus::Granted ? " (bevilget)" : " (afslået)") +
                           ": det er ikke registreret, at " + who + " er underrettet." +
                           (d.status == model::DecisionStatus::Granted ? " Den er ikke i kraft, før alle er underrettet." : ""),
                       d.citizen_id);
      open(item, "form", *d.application_form_id);
    }
  }

  static std::string basis_paragraph(const std::string& id) {
    const auto* b = rules::find_legal_basis(id);
    return b != nullptr && !b->paragraph.empty() ? std::string(b->paragraph) : id;
  }

  void unreviewed_reports() {
    for (const auto& b : m_in.batches) {
      if (b.sync.deleted) continue;
      std::set<std::string> case_ids;
      for (const auto& id : b.form_ids)
        if (auto it = m_forms.find(id); it != m_forms.end() && !it->second->sync.deleted)
          case_ids.insert(it->second->case_id);
      int open_cases = 0;
      for (const auto& case_id : case_ids) {
        bool reviewed = false;
        for (const auto& n : m_in.notes)
          if (!n.sync.deleted && n.case_id == std::optional<std::string>(case_id) &&
              n.kind == model::k_note_kind_committee_review && n.at >= b.created_at)
            reviewed = true;
        if (!reviewed) ++open_cases;
      }
      if (open_cases == 0) continue;
      auto& item = add(WorkKind::ReportUnreviewed, "Indberetning til gennemgang",
                       institution_name(b.institution_id) + ", " + month_label(b.month) + ": " + std::to_string(open_cases) +
                           (open_cases == 1 ? " sag mangler" : " sager mangler") + " udvalgets gennemgang.",
                       "");
      item.institution_id = b.institution_id;
      item.month = b.month;
      open(item, "report_batch", b.id);
    }
  }

  // Withdrawals of the last 30 days: a registration left the lists, so the committee sees who took it
  // out, when and why.
  void withdrawn_forms() {
    const LocalDateTime since = time::start_of_day(time::add_days(m_in.now.date, -30));
    for (const auto& f : m_in.withdrawn) {
      if (!f.sync.deleted || !f.withdrawn_at) continue;
      auto at = local_of_utc(*f.withdrawn_at);
      if (!at || *at < since) continue;
      auto& item = add(WorkKind::FormWithdrawn, "Registrering tilbagekaldt",
                       form_label(f) + " blev tilbagekaldt af lederen " + time::format_danish(at->date) +
                           ". Begrundelse: " + f.withdrawn_reason.value_or(""),
                       f.citizen_id);
      item.institution_id = f.institution_id;
      open(item, "form", f.id);
    }
  }

  void outside_decision() {
    for (const auto& f : m_in.forms) {
      if (f.sync.deleted || f.state == model::FormState::Draft || !is_registration(f)) continue;
      const auto case_it = m_cases.find(f.case_id);
      if (case_it == m_cases.end()) continue;
      const model::Case* the_case = case_it->second;
      if (the_case->kind != model::CaseKind::Approval || !the_case->decision_id || the_case->closed_at) continue;
      const auto decision_it = m_decisions.find(*the_case->decision_id);
      if (decision_it == m_decisions.end()) continue;
      const model::Decision* d = decision_it->second;
      // The rule engine's judgment (rules::approval_problem); a decision without a period is the engine's
      // finding on the form, not a work item.
      const auto citizen = m_citizens.find(d->citizen_id);
      if (citizen == m_citizens.end()) continue;
      const auto s = started(f);
      const rules::ApprovalInput decision = rules::approval_input(*d, *citizen->second);
      std::string problem;
      switch (rules::approval_problem(decision, f.legal_basis ? std::optional<std::string_view>(*f.legal_basis)
                                                                : std::nullopt,
                                      s ? std::optional<time::Date>(s->date) : std::nullopt)) {
        case rules::ApprovalProblem::None:
        case rules::ApprovalProblem::NoPeriod: continue;
        case rules::ApprovalProblem::NotGranted: problem = "afgørelsen er ikke en bevilling"; break;
        case rules::ApprovalProblem::OtherBasis:
          problem = "hjemlen " + basis_paragraph(*f.legal_basis) + " svarer ikke til afgørelsens " +
                    basis_paragraph(d->basis);
          break;
        case rules::ApprovalProblem::OutsidePeriod:
          problem = "indgrebet ligger uden for afgørelsens periode " + time::format_danish(*decision.valid_from) +
                    "–" + time::format_danish(*decision.valid_to);
          break;
        case rules::ApprovalProblem::NotNotified:
          problem = decision.notified_on ? "indgrebet lå før afgørelsen var meddelt alle, der skal kende den (" +
                                               time::format_danish(*decision.notified_on) + ")"
                                         : "afgørelsen er endnu ikke meddelt alle, der skal kende den";
          break;
      }
      auto& item = add(WorkKind::OutsideDecision, "Registrering uden for afgørelsen",
                       form_label(f) + ": " + problem + ".", f.citizen_id);
      open(item, "form", f.id);
    }
  }

  // [SECTION] administration: moves
  void moves() {
    std::set<std::string> reported;
    for (const auto& b : m_in.batches) reported.insert(b.form_ids.begin(), b.form_ids.end());
    // The administration's recommendations to Familieretshuset (issue 14 item 12): its decision is due two
    // weeks from the day the recommendation was sent; a spouse sharing the home of a citizen the
    // municipality refused to recommend is told at once that they may complain to Familieretshuset.
    for (const auto& r : m_in.recommendations) {
      if (r.sync.deleted) continue;
      const auto day = time::parse_date(r.decided_on);
      if (!day) continue;
      const std::string paragraph = recommendation_basis_text(r);
      if (r.status == model::k_recommendation_sent && !r.familieretshuset_decided_on) {
        const time::Date by = time::familieretshuset_decision_due(*day);
        auto& item = add(WorkKind::FamilieretshusetDue, "Familieretshusets afgørelse om flytning",
                         "Indstillingen om flytning efter " + paragraph + " blev sendt " + time::format_danish(*day) +
                             ". Familieretshuset træffer afgørelse inden for 2 uger, senest " +
                             time::format_danish(by) + ". Registrér afgørelsen, når den kommer.",
                         r.citizen_id);
        open(item, "move_recommendation", r.id);
        due(item, time::end_of_day(by));
      }
      if (r.status == model::k_recommendation_refused && r.cohabitant != model::k_no_cohabitant &&
          !r.cohabitant_advised_on) {
        auto& item = add(WorkKind::CohabitantGuidanceDue, "Vejled om klageadgang til Familieretshuset",
                         "Kommunen afslog " + time::format_danish(*day) + " at indstille til flytning efter " +
                             paragraph + ". " + r.cohabitant +
                             " deler bolig med borgeren og kan klage til Familieretshuset over afslaget: vejled om "
                             "klageadgangen, og registrér dagen.",
                         r.citizen_id);
        open(item, "move_recommendation", r.id);
        due(item, time::end_of_day(*day));
      }
    }
    for (const auto& f : m_in.forms) {
      if (f.sync.deleted || !is_kind(f, forms::FormKind::Move)) continue;
      auto lm = locked_month(f);
      if (lm && reported.count(f.id) == 0) {
        const int q = (lm->month - 1) / 3 + 1;
        auto& item = add(WorkKind::MoveReportDue, "Kvartalsindberetning af flytning",
                         form_label(f) + " er ikke indberettet for " + std::to_string(q) + ". kvartal " +
                             std::to_string(lm->year) + ".",
                         f.citizen_id);
        // Opens the quarter's move report of the form's institution (the report screen, kind "moves").
        item.institution_id = f.institution_id;
        item.month = format_month(quarter_end_of(*lm));
        open(item, "move_report", f.institution_id);
        due(item, time::quarterly_move_report_due(lm->year, q, m_in.municipality.report_day_of_month));
      }
    }
  }

  // [SECTION] caseworker
  void action_plans() {
    for (const auto& c : m_in.citizens) {
      if (c.sync.deleted) continue;
      std::optional<LocalDateTime> latest;
      const model::FormInstance* latest_form = nullptr;
      for (const auto& f : m_in.forms) {
        if (f.sync.deleted || f.citizen_id != c.id || f.state == model::FormState::Draft || !is_registration(f)) continue;
        auto s = started(f);
        if (s && (!latest || *latest < *s)) {
          latest = s;
          latest_form = &f;
        }
      }
      if (!latest) continue;
      const model::ActionPlan* plan = nullptr;
      for (const auto& p : m_in.action_plans)
        if (!p.sync.deleted && p.citizen_id == c.id && (plan == nullptr || plan->updated_at < p.updated_at)) plan = &p;
      if (plan == nullptr) {
        auto& item = add(WorkKind::ActionPlanMissing, "Handleplan mangler (§ 141)",
                         "Der er anvendt magt (senest " + form_label(*latest_form) + "), men borgeren har ingen handleplan.",
                         c.id);
        open(item, "citizen", c.id);
        continue;
      }
      auto updated = local_of_utc(plan->updated_at);
      if (updated && *latest < *updated) continue;
      auto& item = add(WorkKind::ActionPlanOutdated, "Handleplan skal opdateres (§ 141)",
                       "Handleplanen er fra " + (updated ? time::format_danish(updated->date) : plan->updated_at) +
                           ", men der er anvendt magt senere (" + form_label(*latest_form) + ").",
                       c.id);
      open(item, "action_plan", plan->id);
    }
  }

  std::vector<WorkItem> build() {
    if (may(Action::CompleteLeaderPart)) {
      leader_forms();
      leader_reports();
      leader_relatives();
      leader_children();
      leader_staff_briefings();
      leader_preapproved();
      committee_remarks();
    }
    if (may(Action::ApplyForApproval)) leader_hygiene_repeats();
    if (may(Action::HandleComplaint))
      complaints(false);
    else if (may(Action::CompleteLeaderPart))
      complaints(true);
    if (may(Action::DecideApplication)) {
      undecided_applications();
      decisions_not_notified();
    }
    if (may(Action::ReviewReport)) {
      unreviewed_reports();
      outside_decision();
      withdrawn_forms();
    }
    if (may(Action::RegisterMove)) moves();
    if (may(Action::WriteActionPlan)) action_plans();
    auto rank = [](time::DeadlineStatus s) {
      return s == time::DeadlineStatus::Overdue ? 0 : s == time::DeadlineStatus::DueToday ? 1 : 2;
    };
    std::stable_sort(m_items.begin(), m_items.end(), [&](const WorkItem& a, const WorkItem& b) {
      if (rank(a.status) != rank(b.status)) return rank(a.status) < rank(b.status);
      if (a.due.has_value() != b.due.has_value()) return a.due.has_value();
      if (a.due && b.due && *a.due != *b.due) return *a.due < *b.due;
      return a.citizen_name < b.citizen_name;
    });
    return std::move(m_items);
  }

 private:
  const WorkInput& m_in;
  const forms::Catalogue& m_catalogue;
  std::map<std::string, const model::Citizen*> m_citizens;
  std::map<std::string, const model::Institution*> m_institutions;
  std::map<std::string, const model::FormInstance*> m_forms;
  std::map<std::string, const model::Case*> m_cases;
  std::map<std::string, const model::Decision*> m_decisions;
  std::vector<WorkItem> m_items;
};

}  // namespace

std::string_view to_string(WorkKind kind) {
  switch (kind) {
    case WorkKind::FormAwaitingLeader: return "form_awaiting_leader";
    case WorkKind::RegistrationOverdue: return "registration_overdue";
    case WorkKind::ReportDue: return "report_due";
    case WorkKind::ReportNotSent: return "report_not_sent";
    case WorkKind::ApplicationRequired: return "application_required";
    case WorkKind::RelativesOrientationDue: return "relatives_orientation_due";
    case WorkKind::PreApprovedDue: return "preapproved_due";
    case WorkKind::ComplaintOpen: return "complaint_open";
    case WorkKind::CommitteeRemarks: return "committee_remarks";
    case WorkKind::ChildInformedDue: return "child_informed_due";
    case WorkKind::StaffDecisionBriefing: return "staff_decision_briefing";
    case WorkKind::StaffRulingBriefing: return "staff_ruling_briefing";
    case WorkKind::ParentsInformedDue: return "parents_informed_due";
    case WorkKind::PlacingCopyDue: return "placing_copy_due";
    case WorkKind::ApplicationUndecided: return "application_undecided";
    case WorkKind::DecisionNotNotified: return "decision_not_notified";
    case WorkKind::ReportUnreviewed: return "report_unreviewed";
    case WorkKind::FormWithdrawn: return "form_withdrawn";
    case WorkKind::OutsideDecision: return "outside_decision";
    case WorkKind::ComplaintReassessment: return "complaint_reassessment";
    case WorkKind::AcuteComplaintOpen: return "acute_complaint_open";
    case WorkKind::FamilieretshusetDue: return "familieretshuset_due";
    case WorkKind::CohabitantGuidanceDue: return "cohabitant_guidance_due";
    case WorkKind::MoveReportDue: return "move_report_due";
    case WorkKind::ActionPlanMissing: return "action_plan_missing";
    case WorkKind::ActionPlanOutdated: return "action_plan_outdated";
  }
  return "unknown";
}

std::optional<WorkKind> work_kind_from_string(std::string_view name) {
  for (int k = 0; k <= static_cast<int>(WorkKind::ActionPlanOutdated); ++k)
    if (to_string(static_cast<WorkKind>(k)) == name) return static_cast<WorkKind>(k);
  return std::nullopt;
}

std::vector<WorkItem> work_items(const WorkInput& input, const forms::Catalogue& catalogue) {
  return Builder(input, catalogue).build();
}

nlohmann::json to_json(const WorkItem& item) {
  nlohmann::json j = {{"kind", to_string(item.kind)},
                      {"title", item.title},
                      {"detail", item.detail},
                      {"citizen_id", item.citizen_id},
                      {"citizen_name", item.citizen_name},
                      {"institution_id", item.institution_id},
                      {"record_kind", item.record_kind},
                      {"record_id", item.record_id},
                      {"month", item.month},
                      {"status", time::to_string(item.status)}};
  if (item.due) {
    j["due"] = time::format_iso(*item.due);
    j["due_text"] = time::format_danish(*item.due);
  } else {
    j["due"] = nullptr;
    j["due_text"] = "";
  }
  return j;
}

}  // namespace magtreg::core::workflow
