// The per-kind acceptance rules (see accept.hpp). Each kind's Rules<T> names the actions that grant a
// write, where the record belongs, and its checks; accept_upload() runs the checks common to every kind
// (tombstones) and then the kind's own.
#include "core/records/accept.hpp"

#include <algorithm>

#include "core/cases/cases.hpp"
#include "core/forms/date_text.hpp"
#include "core/forms/lifecycle.hpp"
#include "core/forms/validation.hpp"
#include "core/forms/withdrawal.hpp"
#include "core/records/rule_input.hpp"
#include "core/records/scope.hpp"
#include "core/rules/form_check.hpp"
#include "core/storage/directory.hpp"
#include "core/storage/form_repository.hpp"
#include "core/storage/record_repository.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "core/util/uuid.hpp"
#include "core/workflow/records.hpp"
#include "core/workflow/reporting.hpp"

namespace magtreg::core::records {
namespace {

using access::Action;
using access::CitizenPlacement;

// How far a tablet's clock may run ahead of the server's before a registration time it recorded is
// refused as later than its receipt.
constexpr time::UtcSeconds k_clock_tolerance_seconds = 5 * 60;

Error invalid(std::string message, std::string field) {
  return Error::make(ErrorCode::InvalidInput, std::move(message), std::move(field));
}

// A record's member as the API names it (the record travels under "data").
Error in_data(Error e) {
  e.field = e.field.empty() ? "data" : "data." + e.field;
  return e;
}

template <class T>
Result<std::optional<T>> find(storage::Database& db, const std::optional<std::string>& id) {
  if (!id) return std::optional<T>();
  storage::RecordRepository<T> repo(db);
  return repo.find(*id);
}

struct Check {
  storage::Database& db;
  Side side;
  const Writer& writer;
  const forms::Catalogue& catalogue;
  std::vector<rules::Finding>& findings;
  std::vector<IssueNote>& issues;
  std::optional<model::FormEvent>& event;

  Role role() const { return writer.principal.role; }
  const std::string& uploader() const { return writer.principal.user_id; }

  // A rule that needs a record the tablet does not hold is the server's to judge: on the tablet a
  // NOT_FOUND from a check means "cannot tell here", never a refusal.
  Status judged(Status s) const {
    if (!s && side == Side::Tablet && s.error().code == ErrorCode::NotFound) return {};
    return s;
  }
  // A reference to another citizen's record: the tablet says so (it holds only what its user may see);
  // the server answers exactly as for an unknown id, so its answer tells nothing about ids outside the
  // citizen (issue #29, finding 7: 400 against 404 told a foreign id from a random one).
  Status foreign(const Error& as_unknown, std::string tablet_message) const {
    if (side == Side::Tablet) return Error::make(ErrorCode::InvalidInput, std::move(tablet_message), as_unknown.field);
    return as_unknown;
  }
};

// The citizen's placement, NOT_FOUND when the citizen is unknown.
Result<CitizenPlacement> placement_of_citizen(storage::Database& db, const std::string& citizen_id) {
  auto p = storage::citizen_placement(db, citizen_id);
  if (!p) return p.error();
  if (!*p) return Error::make(ErrorCode::NotFound, "Borgeren findes ikke.", "data.citizen_id");
  return **p;
}

// [SECTION] per-kind rules
template <class T>
struct Rules;

// A record of one citizen: access follows the citizen's placement.
template <class T>
struct CitizenRecord {
  static Result<CitizenPlacement> placement(storage::Database& db, const T& r) {
    return placement_of_citizen(db, Kind<T>::citizen_of(r));
  }
};

template <>
struct Rules<model::BaseCourse> : CitizenRecord<model::BaseCourse> {
  static std::vector<Action> actions(const model::BaseCourse&) {
    return {Action::RegisterForm, Action::ApplyForApproval, Action::RegisterMove};
  }
  static Status check(Check&, const std::optional<model::BaseCourse>& stored, const model::BaseCourse& r) {
    if (stored && stored->citizen_id != r.citizen_id)
      return invalid("Et grundforløb kan ikke flyttes til en anden borger.", "data.citizen_id");
    return {};
  }
};

template <>
struct Rules<model::Case> : CitizenRecord<model::Case> {
  static std::vector<Action> actions(const model::Case& r) {
    // Closing: the leader, the committee, or the administration (its own move cases).
    if (r.closed_at) return {Action::CompleteLeaderPart, Action::ReviewReport, Action::RegisterMove};
    return {Action::RegisterForm, Action::ApplyForApproval, Action::RegisterMove};
  }
  static Status check(Check& c, const std::optional<model::Case>& stored, const model::Case& r) {
    if (!stored) {
      if (r.closed_at) return invalid("En ny sag kan ikke være lukket.", "data.closed_at");
      if (r.decision_id) return invalid("Afgørelsen knyttes til sagen af serveren, når den gemmes.", "data.decision_id");
      // A case sits under the citizen's base course (issue #12: references belong to the same citizen).
      auto base = find<model::BaseCourse>(c.db, r.base_course_id);
      if (!base) return base.error();
      const Error unknown = Error::make(ErrorCode::NotFound, "Grundforløbet findes ikke for borgeren.", "data.base_course_id");
      if (!*base || (*base)->sync.deleted) return c.judged(unknown);
      if ((*base)->citizen_id != r.citizen_id) return c.foreign(unknown, "Grundforløbet tilhører en anden borger.");
      return {};
    }
    if (auto ok = workflow::check_case_change(r, *stored); !ok) return in_data(ok.error());
    if (r.closed_at && !stored->closed_at && c.side == Side::Server) return check_closing(c, *stored);
    return {};
  }

  // Closing the stored (open) case: everything on it locked, reported and reviewed (core/cases). The
  // tablet leaves this to the server, which holds every form of the case; the app shows the server's
  // answer (GET /api/v1/cases/{id}/closing) before it offers to close.
  static Status check_closing(Check& c, const model::Case& open_case) {
    auto gaps = closing_gaps_of(c.db, open_case);
    if (!gaps) return gaps.error();
    if (gaps->empty()) return {};
    for (const auto& g : *gaps)
      c.issues.push_back({g.form_instance_id, std::string(cases::to_string(g.gap)), g.message});
    Error e = cases::closable_status(*gaps).error();
    e.field = "data.closed_at";
    return e;
  }
};

template <>
struct Rules<model::FormInstance> : CitizenRecord<model::FormInstance> {
  // Registrations are staff's and leaders' (RegisterForm), applications the leader's (ApplyForApproval),
  // moves the administration's (RegisterMove).
  static Action form_action(const model::FormInstance& r, const forms::Catalogue& catalogue) {
    const auto* meta = catalogue.find_form(r.form_id, r.form_version);
    if (meta != nullptr && meta->kind == forms::FormKind::Application) return Action::ApplyForApproval;
    if (meta != nullptr && meta->kind == forms::FormKind::Move) return Action::RegisterMove;
    return Action::RegisterForm;
  }
  static std::vector<Action> actions(const model::FormInstance& r) {
    return {form_action(r, forms::Catalogue::current())};
  }

  // Whether the stored form was ever Udfyldt (registered): its first completion is in form_filled
  // (kept by the server from the form's events), or the leader sent it back with a comment.
  static Result<bool> ever_filled(storage::Database& db, const std::optional<model::FormInstance>& stored) {
    if (!stored) return false;
    if (stored->state != model::FormState::Draft || stored->return_comment || stored->registered_at) return true;
    auto q = db.prepare("SELECT 1 FROM form_filled WHERE form_instance_id = ?1");
    if (!q) return q.error();
    q->bind(1, stored->id);
    auto row = q->step();
    if (!row) return row.error();
    return *row;
  }

  static model::FormEvent event_of(const model::FormInstance& r, std::optional<forms::FormState> from,
                                   std::string to_state, std::string comment, const Writer& w) {
    model::FormEvent ev;
    ev.id = new_uuid();
    ev.form_instance_id = r.id;
    if (from) ev.from_state = std::string(forms::to_string(*from));
    ev.to_state = std::move(to_state);
    ev.by = w.principal.user_id;
    ev.at = w.now_utc;
    ev.comment = std::move(comment);
    return ev;
  }

  // The case and the form it is attached to belong to the same citizen (issue #12, finding 7).
  static Status check_references(Check& c, const model::FormInstance& r) {
    auto the_case = find<model::Case>(c.db, r.case_id);
    if (!the_case) return the_case.error();
    const Error unknown_case = Error::make(ErrorCode::NotFound, "Sagen findes ikke for borgeren.", "data.case_id");
    if (!*the_case || (*the_case)->sync.deleted) return c.judged(unknown_case);
    if ((*the_case)->citizen_id != r.citizen_id) return c.foreign(unknown_case, "Sagen tilhører en anden borger.");
    if (r.parent_id) {
      auto parent = find<model::FormInstance>(c.db, r.parent_id);
      if (!parent) return parent.error();
      const Error unknown_parent =
          Error::make(ErrorCode::NotFound, "Skemaet, der tilknyttes, findes ikke for borgeren.", "data.parent_id");
      if (!*parent) return c.judged(unknown_parent);
      if ((*parent)->citizen_id != r.citizen_id)
        return c.foreign(unknown_parent, "Skemaet, der tilknyttes, tilhører en anden borger.");
    }
    return {};
  }

  // An annex (the Bilag til § 136 c) goes on the registration it belongs to, one per registration (issue 14
  // item 15; rules::check_attachment_parent, as the tablet asks it): when it is made and whenever it is saved
  // outside Kladde, so a Skema 1 whose basis changed since does not keep it.
  static Status check_annex(Check& c, const forms::FormMeta& meta, const model::FormInstance& r, bool is_new) {
    std::optional<model::FormInstance> parent;
    if (r.parent_id) {
      auto found = find<model::FormInstance>(c.db, r.parent_id);
      if (!found) return found.error();
      parent = std::move(*found);
    }
    std::vector<model::FormInstance> siblings;
    if (parent) {
      storage::FormRepository forms(c.db);
      auto children = forms.children_of(parent->id);
      if (!children) return children.error();
      siblings = std::move(*children);
    }
    auto fits = rules::check_attachment_parent(c.catalogue, meta, r.id, parent ? &*parent : nullptr, siblings, is_new);
    if (!fits) return c.judged(Error::make(fits.error().code, fits.error().message, "data.parent_id"));
    return {};
  }

  // The columns the content decides (derive_form_columns) are what was sent.
  static Status check_derived(Check& c, const model::FormInstance& r) {
    model::FormInstance derived = r;
    derive_form_columns(derived, c.catalogue);
    if (derived.legal_basis != r.legal_basis)
      return invalid("Hjemlen svarer ikke til skemaets indhold.", "data.legal_basis");
    if (derived.started_at != r.started_at)
      return invalid("Tidspunktet for indgrebet svarer ikke til skemaets indhold.", "data.started_at");
    if (derived.content != r.content)
      return invalid("Skemaet indeholder svar på spørgsmål, der ikke vises ud fra de andre svar.", "data.content");
    return {};
  }

  // The device's registration time (model::FormInstance::registered_at): given once, when the form first
  // leaves Kladde, and kept unchanged after; never later than its receipt (beyond the tolerance for a
  // tablet's clock), never before the form was created. Before the intervention is TIME_ORDER_INVALID,
  // a rule finding.
  static Status check_registered_at(Check& c, const std::optional<model::FormInstance>& stored,
                                    const model::FormInstance& r, bool leaves_draft) {
    if (stored && stored->registered_at) {
      if (r.registered_at != stored->registered_at)
        return invalid("Tidspunktet for registreringen kan ikke ændres.", "data.registered_at");
      return {};
    }
    if (!r.registered_at) return {};
    if (!leaves_draft)
      return invalid("Et skema får sit registreringstidspunkt, når det markeres som udfyldt.", "data.registered_at");
    const auto at = time::parse_utc(*r.registered_at);
    const auto received = time::parse_utc(c.writer.now_utc);
    const auto created = time::parse_utc(r.created_at);
    if (!at || !received || !created) return invalid("Ugyldigt registreringstidspunkt.", "data.registered_at");
    if (*at > *received + k_clock_tolerance_seconds)
      return invalid("Registreringstidspunktet " + time::format_danish(time::to_local(*at)) +
                         " ligger efter modtagelsen " + time::format_danish(time::to_local(*received)) +
                         ". Kontrollér tablettens ur.",
                     "data.registered_at");
    if (*at < *created)
      return invalid("Registreringstidspunktet " + time::format_danish(time::to_local(*at)) +
                         " ligger før skemaet blev oprettet " + time::format_danish(time::to_local(*created)) + ".",
                     "data.registered_at");
    return {};
  }

  static Status check(Check& c, const std::optional<model::FormInstance>& stored, const model::FormInstance& r) {
    auto def = c.catalogue.require_definition(r.form_id, r.form_version);
    if (!def) return in_data(def.error());
    const std::optional<forms::FormState> to = r.state;

    // Where it happened must be one of the writer's institutions too.
    auto inst = storage::find_institution(c.db, r.institution_id);
    if (!inst) return inst.error();
    if (c.side == Side::Server) {
      if (!*inst) return invalid("Ukendt tilbud.", "data.institution_id");
      if (!access::allowed(c.writer.principal, form_action(r, c.catalogue),
                           {r.institution_id, (*inst)->municipality_id}))
        return Error::make(ErrorCode::Forbidden, "Du har ikke adgang til dette tilbud.", "data.institution_id");
    }

    forms::FormState from = forms::FormState::Draft;
    nlohmann::json before = nlohmann::json::object();
    if (stored) {
      if (stored->form_id != r.form_id || stored->form_version != r.form_version)
        return invalid("Et skemas type og version kan ikke ændres.", "data.form_version");
      if (stored->citizen_id != r.citizen_id)
        return invalid("Et skema kan ikke flyttes til en anden borger.", "data.citizen_id");
      if (stored->created_by != r.created_by)
        return invalid("Hvem der oprettede skemaet, kan ikke ændres.", "data.created_by");
      from = stored->state;
      if (from == forms::FormState::Locked)
        return Error::make(ErrorCode::FormLocked, "Skemaet er låst og kan ikke ændres. Opret et tillæg i stedet.",
                           "data.state");
      before = stored->content;
    } else if (r.created_by != c.uploader()) {
      return invalid("Et nyt skema skal være oprettet af den, der sender det.", "data.created_by");
    }

    auto filled_before = ever_filled(c.db, stored);
    if (!filled_before) return filled_before.error();
    if (auto t = forms::check_form_tombstone(stored, r, {c.role(), c.uploader(), *filled_before}); !t)
      return in_data(t.error());
    if (r.sync.deleted) {
      // The author's discarded draft, or the leader's withdrawal: an event of its own, no rule gate.
      if (r.withdrawn_at) c.event = event_of(r, from, model::k_event_withdrawn, r.withdrawn_reason.value_or(""), c.writer);
      return {};
    }
    if (auto ref = check_references(c, r); !ref) return ref;
    if ((*def)->meta.kind == forms::FormKind::Attachment && (!stored || *to != forms::FormState::Draft))
      if (auto annex = check_annex(c, (*def)->meta, r, !stored); !annex) return annex;
    if (auto d = check_derived(c, r); !d) return d;
    if (auto l = forms::check_text_lengths(**def, r.content); !l) return in_data(l.error());
    if (auto e = forms::check_edit(**def, from, c.role(), before, r.content); !e) return in_data(e.error());
    if (*to != from) {
      auto t = forms::check_transition(**def, from, *to, c.role(), r.content, r.return_comment.value_or(""),
                                       time::format_iso(c.writer.now.date));
      if (!t) {
        if (t.error().code == ErrorCode::FormInvalid) {
          // The full list of what is missing, so the tablet can show every field at once.
          const auto scope = *to == forms::FormState::Filled ? forms::Scope::Staff : forms::Scope::All;
          for (const auto& i : forms::validate(**def, r.content, scope)) c.issues.push_back({i.path, "", i.message});
        }
        return in_data(t.error());
      }
      if (*to == forms::FormState::Locked && (r.locked_by != c.uploader() || !r.locked_at))
        return invalid("Et låst skema skal bære den, der låser det, og tidspunktet.", "data.locked_by");
      c.event = event_of(r, stored ? std::optional(from) : std::nullopt, std::string(forms::to_string(r.state)),
                         r.return_comment.value_or(""), c.writer);
    }
    // The registration is made when the form leaves Kladde: Udfyldt for the staff-then-leader forms, Låst
    // for the one-step forms (moves), at the time the device recorded (issue #14 item 1). An upload from
    // an app that predates registered_at is judged at its receipt, as before.
    const bool leaves_draft = from == forms::FormState::Draft && *to != forms::FormState::Draft;
    if (auto t = check_registered_at(c, stored, r, leaves_draft); !t) return t;
    std::optional<time::LocalDateTime> registered_at = registration_time(r);
    if (!registered_at && leaves_draft) registered_at = c.writer.now;
    auto result = check_form(c.db, r, registered_at);
    if (!result) return result.error();
    c.findings = result->findings;
    // A draft is stored whatever the rules say (nothing typed is lost); Udfyldt and Låst need a
    // registration without error findings (docs/sync-protocol.md).
    if (*to != forms::FormState::Draft)
      for (const auto& finding : c.findings)
        if (finding.severity() == rules::Severity::Error)
          return Error::make(ErrorCode::FormInvalid,
                             "Registreringen har fejl, der skal rettes, før den kan gemmes som " +
                                 std::string(forms::state_label(*to)) + ": " + finding.message,
                             "data.state");
    return {};
  }
};

template <>
struct Rules<model::Decision> : CitizenRecord<model::Decision> {
  static std::vector<Action> actions(const model::Decision&) { return {Action::DecideApplication}; }
  static Status check(Check& c, const std::optional<model::Decision>& stored, const model::Decision& r) {
    workflow::DecisionContext context;
    context.uploader_id = c.uploader();
    auto k = find<model::Case>(c.db, r.case_id);
    if (!k) return k.error();
    context.approval_case = *k;
    auto app = find<model::FormInstance>(c.db, r.application_form_id);
    if (!app) return app.error();
    context.application = *app;
    if (auto ok = c.judged(workflow::check_decision(r, stored, context, c.catalogue)); !ok) return in_data(ok.error());
    return {};
  }
};

template <>
struct Rules<model::Complaint> : CitizenRecord<model::Complaint> {
  static std::vector<Action> actions(const model::Complaint&) { return {Action::HandleComplaint}; }
  static Status check(Check& c, const std::optional<model::Complaint>& stored, const model::Complaint& r) {
    workflow::ComplaintContext context;
    auto d = find<model::Decision>(c.db, r.decision_id);
    if (!d) return d.error();
    context.decision = *d;
    auto f = find<model::FormInstance>(c.db, r.form_instance_id);
    if (!f) return f.error();
    context.form = *f;
    if (*f) {
      auto k = find<model::Case>(c.db, (*f)->case_id);
      if (!k) return k.error();
      context.form_case = *k;
    }
    if (auto ok = c.judged(workflow::check_complaint(r, stored, context, c.catalogue)); !ok) return in_data(ok.error());
    c.findings = workflow::complaint_findings(r);
    return {};
  }
};

template <>
struct Rules<model::Note> : CitizenRecord<model::Note> {
  static std::vector<Action> actions(const model::Note& r) {
    if (auto a = workflow::note_action(r.kind)) return {*a};
    return {Action::CompleteLeaderPart, Action::ReviewReport};  // the check names the unknown kind
  }
  static Status check(Check& c, const std::optional<model::Note>& stored, const model::Note& r) {
    auto k = find<model::Case>(c.db, r.case_id);
    if (!k) return k.error();
    if (auto ok = c.judged(workflow::check_note(r, stored, *k, c.uploader())); !ok) return in_data(ok.error());
    return {};
  }
};

template <>
struct Rules<model::ActionPlan> : CitizenRecord<model::ActionPlan> {
  static std::vector<Action> actions(const model::ActionPlan&) { return {Action::WriteActionPlan}; }
  static Status check(Check& c, const std::optional<model::ActionPlan>& stored, const model::ActionPlan& r) {
    if (auto ok = workflow::check_action_plan(r, stored, c.uploader()); !ok) return in_data(ok.error());
    return {};
  }
};

template <>
struct Rules<model::MoveRecommendation> : CitizenRecord<model::MoveRecommendation> {
  static std::vector<Action> actions(const model::MoveRecommendation&) { return {Action::RegisterMove}; }
  static Status check(Check& c, const std::optional<model::MoveRecommendation>& stored,
                      const model::MoveRecommendation& r) {
    auto citizen = find<model::Citizen>(c.db, r.citizen_id);
    if (!citizen) return citizen.error();
    if (!*citizen) return c.judged(Error::make(ErrorCode::NotFound, "Borgeren findes ikke.", "data.citizen_id"));
    if (auto ok = workflow::check_move_recommendation(r, stored, **citizen, c.uploader(), time::format_iso(c.writer.now.date));
        !ok)
      return in_data(ok.error());
    return {};
  }
};

// A monthly or quarterly report belongs to an institution, not to one citizen: access follows the
// institution. Checked against every form and batch of the institution, which only the server holds
// (the tablet makes a report from the server's preview).
template <>
struct Rules<model::ReportBatch> {
  static Result<CitizenPlacement> placement(storage::Database& db, const model::ReportBatch& r) {
    auto inst = storage::find_institution(db, r.institution_id);
    if (!inst) return inst.error();
    if (!*inst) return Error::make(ErrorCode::NotFound, "Tilbuddet findes ikke.", "data.institution_id");
    return CitizenPlacement{r.institution_id, (*inst)->municipality_id};
  }
  static std::vector<Action> actions(const model::ReportBatch&) {
    return {Action::CompleteLeaderPart, Action::RegisterMove};
  }
  static Status check(Check& c, const std::optional<model::ReportBatch>& stored, const model::ReportBatch& r) {
    auto made_by_uploader = [&]() -> Status {
      if (!stored && r.created_by != c.uploader())
        return invalid("En ny indberetning skal være lavet af den, der sender den.", "data.created_by");
      return {};
    };
    if (c.side == Side::Tablet) return made_by_uploader();
    auto unit = reporting_unit(c.db, r.institution_id);
    if (!unit) return unit.error();
    auto scope = load_scope(c.db, {r.institution_id});
    if (!scope) return scope.error();
    const bool moves = workflow::is_move_report(r, scope->forms, c.catalogue);
    const CitizenPlacement where{r.institution_id, unit->institution.municipality_id};
    if (!access::allowed(c.writer.principal, moves ? Action::RegisterMove : Action::CompleteLeaderPart, where))
      return Error::make(ErrorCode::Forbidden, moves ? "Flytninger uden samtykke indberettes kvartalsvis af myndigheden."
                                                     : "Den månedlige indberetning laves af tilbuddets leder.");
    if (auto ok = made_by_uploader(); !ok) return ok;
    if (auto ok = workflow::check_report_batch(r, stored, *unit, scope->forms, scope->batches, scope->citizens,
                                               {c.writer.now.date.year, c.writer.now.date.month}, c.catalogue);
        !ok)
      return in_data(ok.error());
    return {};
  }
};

template <class T>
Status check_tombstone(Check&, const std::optional<T>& stored, const T& record) {
  // Forms have their own tombstone rules (withdrawal, discarded drafts) inside Rules<FormInstance>.
  if constexpr (std::is_same_v<T, model::FormInstance>) return {};
  if (auto t = forms::check_no_tombstone(stored ? std::optional(stored->sync.deleted) : std::nullopt,
                                         record.sync.deleted);
      !t)
    return in_data(t.error());
  return {};
}

}  // namespace

template <class T>
bool Acceptance<T>::denied() const {
  return !status && (status.error().code == ErrorCode::Forbidden || status.error().code == ErrorCode::RoleNotAllowed);
}

namespace {
// Whether one of the record's actions is allowed to `who` on the citizen's placement.
bool any_allowed(const access::Principal& who, const std::vector<Action>& actions, const CitizenPlacement& placement) {
  return std::any_of(actions.begin(), actions.end(), [&](Action a) { return access::allowed(who, a, placement); });
}
}  // namespace

template <class T>
Result<bool> may_write(storage::Database& db, const access::Principal& who, const T& record) {
  if constexpr (!Kind<T>::uploaded) {
    return false;
  } else {
    auto placement = Rules<T>::placement(db, record);
    if (!placement) {
      if (placement.error().code == ErrorCode::NotFound) return false;
      return placement.error();
    }
    return any_allowed(who, Rules<T>::actions(record), *placement);
  }
}

template <class T>
Error write_refused(const T& record, const std::string& citizen_id) {
  return Error::make(ErrorCode::Forbidden, Kind<T>::citizen_of(record).empty() && citizen_id.empty()
                                               ? "Du har ikke adgang til dette tilbuds indberetninger."
                                               : "Du har ikke adgang til denne borgers oplysninger.");
}

namespace {
// The tablet's access check (the server's is may_write on both versions, before anything is answered).
template <class T>
Status tablet_may_write(storage::Database& db, const access::Principal& who, const std::optional<T>& stored,
                        const T& record) {
  for (const T* r : {stored ? &*stored : nullptr, &record}) {
    if (r == nullptr) continue;
    auto placement = Rules<T>::placement(db, *r);
    const auto actions = Rules<T>::actions(*r);
    bool ok = false;
    if (placement) {
      // The tablet holds only citizens the server sent the user, all of the user's municipality; it
      // does not hold the institutions' municipalities.
      if (placement->municipality_id.empty()) placement->municipality_id = who.municipality_id;
      ok = any_allowed(who, actions, *placement);
    } else if (placement.error().code == ErrorCode::NotFound) {
      ok = std::any_of(actions.begin(), actions.end(), [&](Action a) {
        const auto scope = access::scope_of(who.role, a);
        return scope == access::Scope::OwnInstitutions || scope == access::Scope::Municipality;
      });
    } else {
      return placement.error();
    }
    if (!ok) return write_refused(*r, Kind<T>::citizen_of(*r));
  }
  return {};
}
}  // namespace

template <class T>
Acceptance<T> accept_upload(storage::Database& db, Side side, const Writer& writer, const std::optional<T>& stored,
                            T record, const forms::Catalogue& catalogue) {
  Acceptance<T> out{Status{}, std::move(record), {}, {}, std::nullopt};
  if constexpr (!Kind<T>::uploaded) {
    out.status = Error::make(ErrorCode::Forbidden, "Denne slags post kan ikke sendes til serveren.", "kind");
  } else {
    Check c{db, side, writer, catalogue, out.findings, out.issues, out.event};
    if (side == Side::Tablet) out.status = tablet_may_write(db, writer.principal, stored, out.record);
    if (out.status) out.status = check_tombstone(c, stored, out.record);
    if (out.status) out.status = Rules<T>::check(c, stored, out.record);
  }
  return out;
}

template <class T>
Status apply_server_effects(storage::Database& db, const T& record) {
  if constexpr (std::is_same_v<T, model::Decision>) {
    // The decision joins its application's case, so registrations under it land on that case.
    storage::RecordRepository<model::Case> cases(db, storage::Side::Server);
    auto c = cases.get(record.case_id);
    if (!c) return c.error();
    if (c->decision_id == record.id) return {};
    model::Case updated = *c;
    updated.decision_id = record.id;
    auto m = cases.update(updated, c->sync.revision);
    if (!m) return m.error();
  }
  (void)db;
  (void)record;
  return {};
}

void derive_form_columns(model::FormInstance& form, const forms::Catalogue& catalogue) {
  if (const auto* def = catalogue.definition(form.form_id, form.form_version))
    form.content = forms::strip_hidden(*def, form.content);
  auto text = [&](const char* key) -> std::optional<std::string> {
    auto it = form.content.find(key);
    if (it == form.content.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) return std::nullopt;
    return it->get<std::string>();
  };
  form.legal_basis = text("basis");
  form.started_at = text("started_at");
  if (form.started_at && !forms::is_datetime_text(*form.started_at)) form.started_at.reset();
  // A move without consent is dated by the day of the move (issue #14 item 2): its deadline (the end of
  // the month), the quarterly report and the statistics all count from that day.
  const forms::FormMeta* meta = catalogue.find_form(form.form_id, form.form_version);
  if (!form.started_at && meta != nullptr && meta->kind == forms::FormKind::Move)
    if (auto day = text("move_date"); day && forms::is_date_text(*day)) form.started_at = *day + "T00:00";
  // A Bilag 1 is dated by its first line (issue #14 item 2), the period's first day before it has one.
  if (!form.started_at && meta != nullptr && meta->kind == forms::FormKind::DailyLines) {
    if (const auto* def = catalogue.definition(form.form_id, form.form_version); def != nullptr && def->period)
      form.started_at = rules::first_line_start(form.content, *def->period);
    if (!form.started_at)
      if (auto day = text("period_start"); day && forms::is_date_text(*day)) form.started_at = *day + "T00:00";
  }
  // A 2024 Skema 2 covers the decision's period (issue #14 item 2): dated by its first day, so the rule
  // engine checks it against the decision, and the statistics count it.
  if (!form.started_at && meta != nullptr && meta->kind == forms::FormKind::PreApproved)
    if (auto day = text("decision_from"); day && forms::is_date_text(*day)) form.started_at = *day + "T00:00";
}

void stamp_registration_time(model::FormInstance& form, const std::optional<model::FormInstance>& stored,
                             const std::string& now_utc) {
  if (stored && stored->registered_at) form.registered_at = stored->registered_at;
  else if (form.state != model::FormState::Draft && !form.registered_at) form.registered_at = now_utc;
}

// [SECTION] instantiations: every kind
// Every kind users upload has its acceptance rules (the build names a missing one).
template <class T>
concept HasRules = requires(const T& r) { Rules<T>::actions(r); };
template <class T>
constexpr bool rules_defined() {
  static_assert(HasRules<T>, "an uploaded record kind lacks its records::Rules<T> (actions, placement, check) in "
                             "core/records/accept.cpp");
  return true;
}
template <class... Ts>
constexpr bool all_rules_defined(KindList<Ts...>) {
  return (rules_defined<Ts>() && ...);
}
static_assert(all_rules_defined(UploadedKinds{}));

#define MAGTREG_RECORD_KIND(T)                                                                                   \
  template struct Acceptance<T>;                                                                                 \
  template Result<bool> may_write<T>(storage::Database&, const access::Principal&, const T&);                    \
  template Error write_refused<T>(const T&, const std::string&);                                                 \
  template Acceptance<T> accept_upload<T>(storage::Database&, Side, const Writer&, const std::optional<T>&, T, \
                                          const forms::Catalogue&);                                              \
  template Status apply_server_effects<T>(storage::Database&, const T&);
MAGTREG_RECORD_KINDS(MAGTREG_RECORD_KIND)
#undef MAGTREG_RECORD_KIND

}  // namespace magtreg::core::records
