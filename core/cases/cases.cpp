// Case placement and closing rules (DOMAIN.md "Cases").
#include "core/cases/cases.hpp"

#include <algorithm>

#include "core/forms/catalogue.hpp"
#include "core/rules/form_check.hpp"
#include "core/time/format.hpp"
#include "core/util/json_util.hpp"
#include "core/util/uuid.hpp"

namespace magtreg::core::cases {
namespace {

const model::Case* find_case(const CitizenFile& file, std::string_view id) {
  for (const auto& c : file.cases)
    if (c.id == id && !c.sync.deleted) return &c;
  return nullptr;
}

const model::Decision* find_decision(const CitizenFile& file, std::string_view id) {
  for (const auto& d : file.decisions)
    if (d.id == id && !d.sync.deleted) return &d;
  return nullptr;
}

Status check_new_case(const NewCase& new_case) {
  if (!is_valid_uuid(new_case.id)) return invalid_input("Den nye sag skal have et id (UUID).", "case_id");
  if (!is_utc_instant_text(new_case.opened_at))
    return invalid_input("Sagens oprettelsestidspunkt skal være et UTC-tidspunkt.", "opened_at");
  return {};
}

Result<Placement> new_case_of_kind(const CitizenFile& file, const NewCase& new_case, model::CaseKind kind) {
  if (Status st = check_new_case(new_case); !st) return st.error();
  const BaseCourseChoice course = base_course_for(file);
  Placement p;
  if (course.create) p.new_base_course = course.course;
  p.case_record.id = new_case.id;
  p.case_record.citizen_id = file.citizen.id;
  p.case_record.base_course_id = course.course.id;
  p.case_record.kind = kind;
  p.case_record.title = std::string(model::case_title_for(file.citizen.target_group));
  p.case_record.opened_at = new_case.opened_at;
  p.create_case = true;
  return p;
}

Result<Placement> existing_open_case(const CitizenFile& file, std::string_view case_id, const char* what) {
  const model::Case* c = find_case(file, case_id);
  if (c == nullptr) return Error::make(ErrorCode::NotFound, std::string(what) + " findes ikke.", "case_id");
  if (c->citizen_id != file.citizen.id)
    return invalid_input(std::string(what) + " tilhører en anden borger.", "case_id");
  if (c->closed_at) return invalid_input(std::string(what) + " er lukket.", "case_id");
  Placement p;
  p.case_record = *c;
  return p;
}

// "Skema 1 a fra 05.03.2024 kl. 14:30" (or without the time when the form has none).
std::string form_label(const model::FormInstance& f, const forms::Catalogue& catalogue) {
  const forms::FormMeta* meta = catalogue.find_form(f.form_id, f.form_version);
  if (meta == nullptr) meta = catalogue.find_form(f.form_id);
  std::string label = meta ? meta->short_title : f.form_id;
  if (f.started_at) {
    auto t = time::parse_local_date_time(*f.started_at);
    if (t) label += " fra " + time::format_danish(*t);
  }
  return label;
}

// Applications are decided, not reported; the children's supplement is internal. Everything else
// (registrations, pre-approved registrations, Bilag 1, moves) goes to the recipients monthly or
// quarterly and is reviewed by the committee. Unknown form ids are treated as reportable.
bool must_be_reported(const model::FormInstance& f, const forms::Catalogue& catalogue) {
  const forms::FormMeta* meta = catalogue.find_form(f.form_id, f.form_version);
  if (meta == nullptr) meta = catalogue.find_form(f.form_id);
  if (meta == nullptr) return true;
  return meta->kind != forms::FormKind::Application && meta->kind != forms::FormKind::Supplement;
}

// The committee reviews the reports of interventions; a move without consent is decided by the
// administration and reported to the socialtilsyn, not reviewed by the committee (seed 002, issue #14
// item 7).
bool must_be_reviewed(const model::FormInstance& f, const forms::Catalogue& catalogue) {
  const forms::FormMeta* meta = catalogue.find_form(f.form_id, f.form_version);
  if (meta == nullptr) meta = catalogue.find_form(f.form_id);
  return meta == nullptr || meta->kind != forms::FormKind::Move;
}

// When the form was first reported: the created_at of the earliest batch holding it.
std::optional<std::string> first_reported_at(const model::FormInstance& f,
                                             const std::vector<model::ReportBatch>& batches) {
  std::optional<std::string> first;
  for (const auto& b : batches) {
    if (b.sync.deleted) continue;
    if (std::find(b.form_ids.begin(), b.form_ids.end(), f.id) == b.form_ids.end()) continue;
    if (!first || b.created_at < *first) first = b.created_at;
  }
  return first;
}

const char* child_duty_gap(std::string_view kind) {
  if (kind == model::k_note_kind_child_informed)
    return " – det er ikke noteret på sagen, at barnet er orienteret og tilbudt at få sin egen beskrivelse med.";
  if (kind == model::k_note_kind_parents_informed)
    return " – det er ikke noteret på sagen, at forældremyndighedens indehavere er orienteret.";
  return " – det er ikke noteret på sagen, at den anbringende kommune har fået en kopi.";
}

bool reviewed_since(const model::Case& c, const std::vector<model::Note>& notes, const std::string& since) {
  for (const auto& n : notes) {
    if (n.sync.deleted || n.case_id != c.id || n.kind != model::k_note_kind_committee_review) continue;
    if (n.at >= since) return true;  // UTC instants in one fixed format compare as text
  }
  return false;
}

}  // namespace

BaseCourseChoice base_course_for(const CitizenFile& file) {
  const std::string expected_id = model::base_course_id_for(file.citizen.id);
  // The derived id first (what every device creates); a course stored under another id (imported
  // data) is still the citizen's one course.
  for (const auto& b : file.base_courses)
    if (b.citizen_id == file.citizen.id && b.id == expected_id) return {b, false};
  for (const auto& b : file.base_courses)
    if (b.citizen_id == file.citizen.id) return {b, false};
  return {model::new_base_course(file.citizen.id), true};
}

Result<Placement> place_registration(const CitizenFile& file, const rules::CaseAssignment& assignment,
                                     const NewCase& new_case) {
  if (assignment.kind == rules::CaseKind::Single) return new_case_of_kind(file, new_case, model::CaseKind::Single);

  const model::Decision* d = find_decision(file, assignment.approval_id);
  if (d == nullptr)
    return Error::make(ErrorCode::NotFound, "Forhåndsgodkendelsen findes ikke hos borgeren.", "approval_id");
  if (d->citizen_id != file.citizen.id)
    return invalid_input("Forhåndsgodkendelsen gælder en anden borger.", "approval_id");
  if (d->status != model::DecisionStatus::Granted)
    return invalid_input("Afgørelsen er ikke en godkendelse; registreringen kan ikke høre under den.", "approval_id");
  auto p = existing_open_case(file, d->case_id, "Sagen for forhåndsgodkendelsen");
  if (!p) return p.error();
  if (p->case_record.kind != model::CaseKind::Approval)
    return invalid_input("Afgørelsens sag er ikke en sag om forhåndsgodkendelse.", "case_id");
  return p;
}

Result<Placement> place_application(const CitizenFile& file, const NewCase& new_case) {
  return new_case_of_kind(file, new_case, model::CaseKind::Approval);
}

Result<Placement> place_move(const CitizenFile& file, const NewCase& new_case) {
  return new_case_of_kind(file, new_case, model::CaseKind::Single);
}

Result<Placement> place_with_parent(const CitizenFile& file, const model::FormInstance& parent) {
  if (parent.citizen_id != file.citizen.id)
    return invalid_input("Skemaet, der tilknyttes, tilhører en anden borger.", "parent_id");
  return existing_open_case(file, parent.case_id, "Sagen for det tilknyttede skema");
}

Result<model::Case> attach_decision(const CitizenFile& file, const model::Decision& decision) {
  if (decision.citizen_id != file.citizen.id)
    return invalid_input("Afgørelsen gælder en anden borger.", "citizen_id");
  const model::Case* c = find_case(file, decision.case_id);
  if (c == nullptr) return Error::make(ErrorCode::NotFound, "Ansøgningens sag findes ikke.", "case_id");
  if (c->citizen_id != decision.citizen_id)
    return invalid_input("Ansøgningens sag tilhører en anden borger.", "case_id");
  if (c->kind != model::CaseKind::Approval)
    return invalid_input("En afgørelse hører til en sag om forhåndsgodkendelse, ikke en enkeltsag.", "case_id");
  if (c->decision_id && *c->decision_id != decision.id)
    return invalid_input("Sagen har allerede en anden afgørelse.", "decision_id");
  model::Case updated = *c;
  updated.decision_id = decision.id;
  return updated;
}

std::string_view to_string(ClosingGap gap) {
  switch (gap) {
    case ClosingGap::AlreadyClosed: return "already_closed";
    case ClosingGap::DecisionMissing: return "decision_missing";
    case ClosingGap::DecisionPending: return "decision_pending";
    case ClosingGap::NotLocked: return "not_locked";
    case ClosingGap::NotReported: return "not_reported";
    case ClosingGap::NotReviewed: return "not_reviewed";
    case ClosingGap::ChildDutyMissing: return "child_duty_missing";
    case ClosingGap::StaffNotBriefed: return "staff_not_briefed";
  }
  return "not_locked";
}

std::vector<StaffBriefing> staff_briefings_missing(const std::vector<model::Decision>& decisions,
                                                   const std::vector<model::Complaint>& complaints,
                                                   const std::vector<model::Note>& notes) {
  auto noted = [&](std::string_view kind, const std::string& case_id, const std::string& since) {
    return std::any_of(notes.begin(), notes.end(), [&](const model::Note& n) {
      return !n.sync.deleted && n.kind == kind && n.case_id && *n.case_id == case_id && n.at >= since;
    });
  };
  std::vector<StaffBriefing> out;
  for (const auto& d : decisions) {
    if (d.sync.deleted || d.status == model::DecisionStatus::Pending) continue;
    const bool leader_told = rules::decision_first_told(d, "leder") != nullptr;
    if (leader_told && !noted(model::k_note_kind_staff_informed_decision, d.case_id, ""))
      out.push_back({model::k_note_kind_staff_informed_decision, &d, nullptr});
    for (const auto& c : complaints) {
      if (c.sync.deleted || c.decision_id != d.id || c.status != model::ComplaintStatus::Closed || !c.forwarded_at) continue;
      if (c.outcome.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      if (!noted(model::k_note_kind_staff_informed_ruling, d.case_id, *c.forwarded_at))
        out.push_back({model::k_note_kind_staff_informed_ruling, &d, &c});
    }
  }
  return out;
}

std::vector<std::string_view> child_duties_missing(const model::FormInstance& f, const std::vector<model::Note>& notes,
                                                   const forms::Catalogue& catalogue) {
  std::vector<std::string_view> out;
  if (f.sync.deleted || f.state == model::FormState::Draft) return out;
  const forms::FormMeta* meta = catalogue.find_form(f.form_id, f.form_version);
  if (meta == nullptr || meta->set != "boern" || meta->kind != forms::FormKind::Registration) return out;
  for (const std::string_view kind : {model::k_note_kind_child_informed, model::k_note_kind_parents_informed,
                                      model::k_note_kind_placing_copy}) {
    if (kind == model::k_note_kind_placing_copy && f.state != model::FormState::Locked) continue;
    const bool noted = std::any_of(notes.begin(), notes.end(), [&](const model::Note& n) {
      return !n.sync.deleted && n.kind == kind && n.case_id && *n.case_id == f.case_id;
    });
    if (!noted) out.push_back(kind);
  }
  return out;
}

std::vector<Missing> closing_gaps(const model::Case& c, const std::vector<model::FormInstance>& forms,
                                  const std::vector<model::ReportBatch>& batches,
                                  const std::vector<model::Note>& notes, const std::optional<model::Decision>& decision,
                                  const forms::Catalogue& catalogue) {
  std::vector<Missing> out;
  if (c.closed_at) {
    out.push_back({ClosingGap::AlreadyClosed, {}, "Sagen er allerede lukket."});
    return out;
  }
  if (c.kind == model::CaseKind::Approval) {
    const bool have = decision && !decision->sync.deleted && c.decision_id && decision->id == *c.decision_id;
    if (!have)
      out.push_back({ClosingGap::DecisionMissing, {}, "Der er ikke truffet afgørelse på ansøgningen om forhåndsgodkendelse."});
    else if (decision->status == model::DecisionStatus::Pending)
      out.push_back({ClosingGap::DecisionPending, {}, "Afgørelsen om forhåndsgodkendelse er endnu ikke truffet."});
    else if (!staff_briefings_missing({*decision}, {}, notes).empty())
      out.push_back({ClosingGap::StaffNotBriefed, {},
                     "Lederen har ikke noteret, at personalet er orienteret om afgørelsen."});
  }

  std::vector<const model::FormInstance*> on_case;
  for (const auto& f : forms)
    if (f.case_id == c.id && !f.sync.deleted) on_case.push_back(&f);
  std::sort(on_case.begin(), on_case.end(), [](const model::FormInstance* a, const model::FormInstance* b) {
    return a->created_at != b->created_at ? a->created_at < b->created_at : a->id < b->id;
  });

  for (const model::FormInstance* f : on_case) {
    const std::string label = form_label(*f, catalogue);
    if (f->state != model::FormState::Locked)
      out.push_back({ClosingGap::NotLocked, f->id, label + " er ikke låst (lederen skal gennemgå og låse det)."});
    for (const std::string_view kind : child_duties_missing(*f, notes, catalogue))
      out.push_back({ClosingGap::ChildDutyMissing, f->id, label + child_duty_gap(kind)});
    if (!must_be_reported(*f, catalogue)) continue;
    const auto reported = first_reported_at(*f, batches);
    if (!reported) {
      out.push_back({ClosingGap::NotReported, f->id, label + " er ikke indberettet."});
      continue;
    }
    if (must_be_reviewed(*f, catalogue) && !reviewed_since(c, notes, *reported))
      out.push_back({ClosingGap::NotReviewed, f->id,
                     label + " er indberettet, men Magtanvendelsesudvalgets gennemgang er ikke noteret på sagen."});
  }
  return out;
}

std::vector<Missing> closing_gaps(const model::Case& c, const std::vector<model::FormInstance>& forms,
                                  const std::vector<model::ReportBatch>& batches,
                                  const std::vector<model::Note>& notes, const std::optional<model::Decision>& decision) {
  return closing_gaps(c, forms, batches, notes, decision, forms::Catalogue::current());
}

Status case_closable(const model::Case& c, const std::vector<model::FormInstance>& forms,
                     const std::vector<model::ReportBatch>& batches, const std::vector<model::Note>& notes,
                     const std::optional<model::Decision>& decision) {
  return closable_status(closing_gaps(c, forms, batches, notes, decision));
}

Status closable_status(const std::vector<Missing>& gaps) {
  if (gaps.empty()) return {};
  std::string message = "Sagen kan ikke lukkes endnu:";
  for (const auto& g : gaps) message += " " + g.message;
  return Error::make(ErrorCode::CaseNotClosable, std::move(message), "case_id");
}

Result<model::Case> close_case(const model::Case& c, const std::vector<model::FormInstance>& forms,
                               const std::vector<model::ReportBatch>& batches, const std::vector<model::Note>& notes,
                               const std::optional<model::Decision>& decision, std::string_view closed_at) {
  if (!is_utc_instant_text(closed_at)) return invalid_input("Lukketidspunktet skal være et UTC-tidspunkt.", "closed_at");
  if (closed_at < std::string_view(c.opened_at))
    return invalid_input("Sagen kan ikke lukkes før den er oprettet.", "closed_at");
  if (Status st = case_closable(c, forms, batches, notes, decision); !st) return st.error();
  model::Case closed = c;
  closed.closed_at = std::string(closed_at);
  return closed;
}

}  // namespace magtreg::core::cases
