// Placing and prefilling forms made on the tablet.
#include "core/client/new_form.hpp"

#include "core/client/overview.hpp"
#include "core/forms/catalogue.hpp"
#include "core/forms/date_text.hpp"
#include "core/rules/form_check.hpp"
#include "core/time/format.hpp"
#include "core/util/json_read.hpp"
#include "core/util/json_util.hpp"

namespace magtreg::core::client {
namespace {

bool has_field(const forms::FormDefinition& def, std::string_view id) { return def.find_field(id) != nullptr; }

void fill(nlohmann::json& content, const forms::FormDefinition& def, std::string_view id, nlohmann::json value) {
  if (has_field(def, id)) content[std::string(id)] = std::move(value);
}

// What every new form of the citizen starts with.
NewFormPlan start(const cases::CitizenFile& file, const forms::FormDefinition& def, const cases::Placement& placement,
                  const NewFormContext& context) {
  NewFormPlan plan;
  plan.new_base_course = placement.new_base_course;
  if (placement.create_case) plan.new_case = placement.case_record;
  model::FormInstance& f = plan.form;
  f.id = context.form_id;
  f.form_id = def.meta.id;
  f.form_version = def.meta.version;
  f.citizen_id = file.citizen.id;
  f.case_id = placement.case_record.id;
  f.institution_id = file.citizen.institution_id;
  f.created_by = context.created_by;
  f.created_at = f.updated_at = context.new_case.opened_at;
  f.content = nlohmann::json::object();
  fill(f.content, def, "citizen_name", file.citizen.name);
  if (!context.offer_name.empty()) fill(f.content, def, "offer_name", context.offer_name);
  // The carer who registers was there (issue #15 item 4): the first row of the staff involved, and who
  // registers a Skema 2. The carer adds their position and the others.
  if (!context.author_name.empty()) {
    fill(f.content, def, "staff_involved", nlohmann::json::array({{{"name", context.author_name}}}));
    fill(f.content, def, "registered_by", context.author_name);
  }
  return plan;
}

const model::Decision* decision_of(const cases::CitizenFile& file, std::string_view id) {
  for (const auto& d : file.decisions)
    if (d.id == id && !d.sync.deleted) return &d;
  return nullptr;
}

bool allows_basis(const forms::FormDefinition& def, std::string_view basis) {
  for (const auto& b : def.meta.bases)
    if (b == basis) return true;
  return false;
}

bool is_registration(const forms::FormDefinition& def) {
  return def.meta.kind == forms::FormKind::Registration || def.meta.kind == forms::FormKind::PreApproved;
}

// The case a new form without a parent goes on, by the form's kind (core/cases).
Result<cases::Placement> place(const cases::CitizenFile& file, const forms::FormDefinition& def,
                               const std::optional<std::string>& decision_id, const cases::NewCase& new_case) {
  if (decision_id && !is_registration(def))
    return invalid_input(def.meta.short_title + " registreres ikke under en forhåndsgodkendelse.", "approval_id");
  if (is_registration(def)) {
    rules::CaseAssignment assignment;
    if (decision_id) assignment = {rules::CaseKind::Approval, *decision_id};
    return cases::place_registration(file, assignment, new_case);
  }
  if (def.meta.kind == forms::FormKind::Application) return cases::place_application(file, new_case);
  if (def.meta.kind == forms::FormKind::Move) return cases::place_move(file, new_case);
  return invalid_input(def.meta.short_title + " oprettes fra det skema, det hører til.", "parent_id");
}

}  // namespace

Result<NewFormPlan> plan_form(const cases::CitizenFile& file, const forms::FormDefinition& def,
                              const std::optional<std::string>& decision_id, const NewFormContext& context) {
  auto placement = place(file, def, decision_id, context.new_case);
  if (!placement) return placement.error();
  NewFormPlan plan = start(file, def, *placement, context);
  // A move under §§ 129 / 129 a follows Familieretshuset's decision on the administration's recommendation
  // (issue 14 item 12): its basis and days come from the newest one Familieretshuset granted, said once.
  if (def.meta.kind == forms::FormKind::Move) {
    const model::MoveRecommendation* granted = nullptr;
    for (const auto& r : file.recommendations)
      if (!r.sync.deleted && r.status == model::k_recommendation_sent && r.familieretshuset_outcome == "granted" &&
          (!granted || r.decided_on > granted->decided_on))
        granted = &r;
    if (granted && allows_basis(def, granted->basis)) {
      nlohmann::json& c = plan.form.content;
      fill(c, def, "basis", granted->basis);
      if (!granted->subsection.empty()) fill(c, def, "basis_129_subsection", granted->subsection);
      fill(c, def, "recommendation_date", granted->decided_on);
      fill(c, def, "familieretshuset_decision_date", *granted->familieretshuset_decided_on);
      if (granted->subsection == "stk1") fill(c, def, "lawyer_appointed", granted->lawyer_appointed_on.has_value());
    }
  }
  // A date without its time: the form screen shows it in the date field and waits for the time.
  if (is_registration(def) && forms::is_date_text(context.intervention_day)) {
    const auto* started = def.find_field("started_at");
    if (started && started->type == forms::FieldType::DateTime) plan.form.content["started_at"] = context.intervention_day;
  }
  if (!decision_id) return plan;

  const model::Decision& d = *decision_of(file, *decision_id);  // place_registration found it
  nlohmann::json& c = plan.form.content;
  if (allows_basis(def, d.basis)) fill(c, def, "basis", d.basis);
  fill(c, def, "under_decision", true);
  fill(c, def, "decision_reference", "Afgørelse " + decision_summary(d));
  if (d.valid_from) fill(c, def, "decision_from", *d.valid_from);
  if (d.valid_to) fill(c, def, "decision_to", *d.valid_to);
  return plan;
}

nlohmann::json annex_answers_from(const forms::FormDefinition& annex, const model::FormInstance& parent) {
  nlohmann::json out = nlohmann::json::object();
  if (!parent.content.is_object()) return out;
  for (const auto& section : annex.sections) {
    if (section.part != forms::FormPart::Staff) continue;
    for (const auto& field : section.fields) {
      auto it = parent.content.find(field.id);
      if (it != parent.content.end() && !it->is_null()) out[field.id] = *it;
    }
  }
  return out;
}

Result<NewFormPlan> plan_attached_form(const cases::CitizenFile& file, const forms::FormDefinition& def,
                                       const model::FormInstance& parent, const NewFormContext& context,
                                       const std::vector<model::FormInstance>& citizen_forms) {
  const auto& catalogue = forms::Catalogue::current();
  if (def.meta.kind == forms::FormKind::Attachment)
    if (auto fits = rules::check_attachment_parent(catalogue, def.meta, context.form_id, &parent, citizen_forms, true);
        !fits)
      return fits.error();
  auto placement = cases::place_with_parent(file, parent);
  if (!placement) return placement.error();
  NewFormPlan plan = start(file, def, *placement, context);
  plan.form.parent_id = parent.id;
  nlohmann::json& c = plan.form.content;
  if (def.meta.kind == forms::FormKind::Attachment) {
    c.update(annex_answers_from(def, parent));
    return plan;
  }
  if (parent.legal_basis) fill(c, def, "basis", *parent.legal_basis);
  if (!parent.started_at) return plan;
  auto at = time::parse_local_date_time(*parent.started_at);
  if (!at) return plan;
  const auto* meta = catalogue.find_form(parent.form_id, parent.form_version);
  const std::string day = time::format_iso(at->date);
  fill(c, def, "period_start", day);
  fill(c, def, "first_registration", (meta ? meta->short_title : parent.form_id) + ", indgreb " + time::format_danish(*at));
  // The granted decision on the parent's basis in force on the period's first day, when the tablet holds one.
  if (parent.legal_basis)
    for (const auto& d : file.decisions)
      if (!d.sync.deleted && d.basis == *parent.legal_basis &&
          decision_in_force_on(d, file.citizen, at->date))
        fill(c, def, "decision_reference", "Afgørelse " + decision_summary(d));
  return plan;
}

nlohmann::json with_leader_prefilled(const forms::FormDefinition& def, nlohmann::json content,
                                     const std::string& leader) {
  if (leader.empty() || !content.is_object()) return content;
  if (def.part_of("leader_name") != forms::FormPart::Leader) return content;
  if (json_read::text(content, "leader_name").empty()) content["leader_name"] = leader;
  return content;
}

}  // namespace magtreg::core::client
