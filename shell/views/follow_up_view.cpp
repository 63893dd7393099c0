// The citizen's follow-up screen.
#include "shell/views/follow_up_view.hpp"

#include <imgui.h>

#include "core/cases/cases.hpp"
#include "core/forms/catalogue.hpp"
#include "shell/api.hpp"
#include "shell/app.hpp"
#include "shell/basis_labels.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/views/workflow_common.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_muted(0.35f, 0.35f, 0.38f, 1.0f);
const ImVec4 k_green(0.10f, 0.50f, 0.20f, 1.0f);
const ImVec4 k_red(0.75f, 0.08f, 0.08f, 1.0f);

const char* note_kind_label(const std::string& kind) {
  if (kind == core::model::k_note_kind_complaint_letter) return "Klagevejledning udleveret";
  if (kind == core::model::k_note_kind_relatives_informed) return "Orientering af pårørende/værge";
  if (kind == core::model::k_note_kind_committee_review) return "Udvalgets gennemgang";
  if (kind == "opfoelgning") return "Opfølgning med personalet";
  if (kind == core::model::k_note_kind_child_informed) return "Barnet orienteret og tilbudt egen beskrivelse";
  if (kind == core::model::k_note_kind_parents_informed) return "Forældremyndighedens indehavere orienteret";
  if (kind == core::model::k_note_kind_placing_copy) return "Kopi sendt til anbringende kommune";
  if (kind == core::model::k_note_kind_staff_informed_decision) return "Personalet orienteret om afgørelsen";
  if (kind == core::model::k_note_kind_staff_informed_ruling) return "Personalet orienteret om Ankestyrelsens afgørelse";
  return "Notat";
}

// Issue 14 item 13: under a decision or a complaint, what the leader is still to tell staff (core's
// staff_briefings_missing, which the work list asks from), with a button that notes it on the decision's case.
void staff_briefing(const FollowUpState& v, const std::vector<core::cases::StaffBriefing>& missing,
                    const std::string& record_id, std::vector<Command>& out) {
  for (const auto& b : missing) {
    if ((b.complaint ? b.complaint->id : b.decision->id) != record_id) continue;
    const std::string label = note_kind_label(std::string(b.kind));
    ImGui::Indent(24.0f);
    ImGui::BeginDisabled(v.status.busy);
    if (big_button(("Notér: " + label).c_str())) {
      core::model::Note n;
      n.citizen_id = v.citizen.citizen_id;
      n.case_id = b.decision->case_id;
      n.kind = std::string(b.kind);
      n.text = label + ".";
      out.push_back(WorkflowCommand{SaveNote{n}});
    }
    ImGui::EndDisabled();
    MAGTREG_HOOK_ITEM("followup.staff." + std::string(b.kind) + "." + record_id);
    ImGui::Unindent(24.0f);
  }
}
}  // namespace

// Issue 14 item 11: a child's registration (voksenansvarsloven) is followed by three duties of the leader,
// each noted on the registration's case (the work list asks for the ones missing, core/workflow/work).
void FollowUpView::child_duties(const FollowUpState& v, std::vector<Command>& out) {
  const auto& r = v.citizen;
  section_title("Barnets registreringer: orientering og kopi");
  ImGui::TextWrapped("Barnet eller den unge orienteres og tilbydes at få sin egen beskrivelse med (den kan eftersendes), "
                     "forældremyndighedens indehavere orienteres straks, og den anbringende kommune får en kopi senest "
                     "24 timer efter, at registreringen er låst.");
  ImGui::TextUnformatted("Notat (hvem, hvordan, hvornår):");
  text_area("##child_note", &m_child_note, std::min(720.0f, ImGui::GetContentRegionAvail().x), 60);
  MAGTREG_HOOK_ITEM("followup.child_note");
  static constexpr std::string_view k_kinds[] = {core::model::k_note_kind_child_informed,
                                                 core::model::k_note_kind_parents_informed,
                                                 core::model::k_note_kind_placing_copy};
  int open_duties = 0;
  for (const auto& k : r.cases) {
    if (k.closed_at) continue;
    ImGui::PushID(k.id.c_str());
    ImGui::PushFont(fonts().bold);
    ImGui::TextWrapped("%s – oprettet %s", k.title.c_str(), local_day_text(k.opened_at).c_str());
    ImGui::PopFont();
    for (const auto kind : k_kinds) {
      const core::model::Note* done = nullptr;
      for (const auto& n : r.notes)
        if (n.kind == kind && n.case_id && *n.case_id == k.id) done = &n;
      const std::string label = note_kind_label(std::string(kind));
      if (done) {
        wrapped_text(k_green, "Noteret " + local_day_text(done->at) + ": " + label);
        continue;
      }
      ++open_duties;
      ImGui::BeginDisabled(v.status.busy);
      if (big_button(("Notér: " + label).c_str())) {
        core::model::Note n;
        n.citizen_id = r.citizen_id;
        n.case_id = k.id;
        n.kind = std::string(kind);
        n.text = label + "." + (m_child_note.empty() ? std::string() : " " + m_child_note);
        out.push_back(WorkflowCommand{SaveNote{n}});
        m_child_note.clear();
      }
      ImGui::EndDisabled();
      MAGTREG_HOOK_ITEM("followup.child." + std::string(kind) + "." + k.id);
    }
    ImGui::PopID();
  }
  MAGTREG_HOOK_FACT("child_duties_open", std::to_string(open_duties));
}

void FollowUpView::draw(float top, const PlatformState&, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##followup", top);
  MAGTREG_HOOK_FACT("screen", "follow_up");
  const auto& v = model.follow_up;
  const auto& r = v.citizen;
  if (m_citizen != r.citizen_id) {
    m_citizen = r.citizen_id;
    m_letter_note.clear();
    m_relatives_note.clear();
    m_child_note.clear();
  }
  const core::model::Citizen* citizen = nullptr;
  for (const auto& c : model.citizens)
    if (c.id == r.citizen_id) citizen = &c;
  if (big_button("‹ Opgaver")) out.push_back(WorkflowCommand{OpenWork{}});
  MAGTREG_HOOK_ITEM("followup.back");
  ImGui::SameLine();
  if (big_button("Borgerens skemaer")) out.push_back(Navigate{Screen::Citizen, r.citizen_id});
  MAGTREG_HOOK_ITEM("followup.citizen");
  screen_title("Opfølgning – " + (citizen ? citizen->name : std::string("borger")));
  status_lines(v.status);
  const float w = std::min(720.0f, ImGui::GetContentRegionAvail().x);
  const bool leader = user_may(model, core::access::Action::CompleteLeaderPart);

  // [SECTION] leader: complaint letter, relatives
  if (leader) {
    section_title("Klagevejledning (skrivelse vedr. klageadgang)");
    if (big_button("Udskriv skrivelsen"))
      out.push_back(WorkflowCommand{PrintDocument{api::complaint_letter_path(r.citizen_id)}});
    MAGTREG_HOOK_ITEM("followup.letter");
    ImGui::TextUnformatted("Notat om udleveringen (til hvem, hvordan):");
    text_area("##letter_note", &m_letter_note, w, 60);
    MAGTREG_HOOK_ITEM("followup.letter_note");
    ImGui::BeginDisabled(v.status.busy);
    if (big_button("Notér udlevering")) {
      core::model::Note n;
      n.citizen_id = r.citizen_id;
      n.kind = std::string(core::model::k_note_kind_complaint_letter);
      n.text = "Skrivelse vedr. klageadgang udleveret." + (m_letter_note.empty() ? std::string() : " " + m_letter_note);
      out.push_back(WorkflowCommand{SaveNote{n}});
      m_letter_note.clear();
    }
    ImGui::EndDisabled();
    MAGTREG_HOOK_ITEM("followup.letter_save");
    if (citizen && !citizen->can_complain_unaided) {
      section_title("Månedlig orientering af pårørende/værge");
      std::string who;
      for (const auto& rel : citizen->relatives) who += (who.empty() ? "" : ", ") + rel.name + " (" + rel.relation + ")";
      wrapped_text(k_muted, who.empty() ? "Ingen pårørende registreret." : who);
      ImGui::TextWrapped("Hvem blev orienteret, hvordan, og blev klagevejledningen udleveret?");
      text_area("##relatives", &m_relatives_note, w, 70);
      MAGTREG_HOOK_ITEM("followup.relatives_note");
      field_error(v.status, "text");
      ImGui::BeginDisabled(v.status.busy);
      if (big_button("Gem orientering")) {
        core::model::Note n;
        n.citizen_id = r.citizen_id;
        n.kind = std::string(core::model::k_note_kind_relatives_informed);
        n.text = m_relatives_note;
        out.push_back(WorkflowCommand{SaveNote{n}});
      }
      ImGui::EndDisabled();
      MAGTREG_HOOK_ITEM("followup.relatives_save");
    }
    if (citizen && citizen->target_group == "boern") child_duties(v, out);
  }

  // [SECTION] cases
  section_title("Sager");
  for (const auto& k : r.cases) {
    ImGui::PushID(k.id.c_str());
    ImGui::AlignTextToFramePadding();
    ImGui::TextWrapped("%s%s – oprettet %s%s", k.title.c_str(), k.kind == core::model::CaseKind::Approval ? " (forhåndsgodkendelse)" : "",
                local_day_text(k.opened_at).c_str(),
                k.closed_at ? (", lukket " + local_day_text(*k.closed_at)).c_str() : "");
    if (!k.closed_at && (leader || user_may(model, core::access::Action::ReviewReport))) {
      same_line_if_fits(button_width("Kan den lukkes?"));
      if (big_button("Kan den lukkes?")) out.push_back(WorkflowCommand{CheckClosing{k.id}});
      MAGTREG_HOOK_ITEM("case.check." + k.id);
      same_line_if_fits(button_width("Luk sagen"));
      ImGui::BeginDisabled(v.status.busy);
      if (big_button("Luk sagen")) out.push_back(WorkflowCommand{CloseCase{k.id}});
      ImGui::EndDisabled();
      MAGTREG_HOOK_ITEM("case.close." + k.id);
      if (v.closing_case == k.id && v.closable) {
        if (*v.closable) wrapped_text(k_green, "Alt på sagen er låst, indberettet og gennemgået: den kan lukkes.");
        for (const auto& i : v.closing_issues) wrapped_text(k_red, "• " + i);
        MAGTREG_HOOK_FACT("closing_case", k.id);
        MAGTREG_HOOK_FACT("closable", *v.closable ? "yes" : "no");
        MAGTREG_HOOK_FACT("closing_issues", std::to_string(v.closing_issues.size()));
        if (!v.closing_issues.empty()) MAGTREG_HOOK_FACT("closing_issue_first", v.closing_issues.front());
      }
    }
    ImGui::PopID();
  }
  if (r.cases.empty()) ImGui::TextColored(k_muted, "Ingen sager.");

  // [SECTION] decisions (kept on the device) and applications still on it (locked ones may be purged)
  section_title("Afgørelser og ansøgninger");
  const auto briefings = leader ? core::cases::staff_briefings_missing(r.decisions, r.complaints, r.notes)
                                : std::vector<core::cases::StaffBriefing>{};
  MAGTREG_HOOK_FACT("staff_briefings_open", std::to_string(briefings.size()));
  for (const auto& d : r.decisions) {
    if (!d.application_form_id) continue;
    ImGui::PushID(d.id.c_str());
    std::string label = "Afgørelse " + basis_label(d.basis) + " – " +
                        std::string(core::model::decision_status_label(d.status));
    if (d.valid_from && d.valid_to) label += " " + da_date(*d.valid_from) + " – " + da_date(*d.valid_to);
    if (big_button(label.c_str())) out.push_back(WorkflowCommand{OpenDecision{*d.application_form_id}});
    MAGTREG_HOOK_ITEM("followup.decision." + d.id);
    staff_briefing(v, briefings, d.id, out);
    ImGui::PopID();
  }
  for (const auto& a : r.applications) {
    bool decided = false;
    for (const auto& d : r.decisions) decided = decided || d.application_form_id == std::optional<std::string>(a.id);
    if (decided) continue;
    ImGui::PushID(a.id.c_str());
    std::string label = "Ansøgning " + (a.legal_basis ? basis_label(*a.legal_basis) : std::string()) + " – " +
                        (a.state == core::model::FormState::Locked ? "venter på afgørelse" : "ikke færdig");
    if (big_button(label.c_str())) {
      if (a.state == core::model::FormState::Locked) out.push_back(WorkflowCommand{OpenDecision{a.id}});
      else out.push_back(Navigate{Screen::Form, a.id});
    }
    MAGTREG_HOOK_ITEM("followup.application." + a.id);
    ImGui::PopID();
  }
  if (r.decisions.empty() && r.applications.empty()) ImGui::TextColored(k_muted, "Ingen.");

  // [SECTION] complaints
  section_title("Klager");
  for (const auto& c : r.complaints) {
    ImGui::PushID(c.id.c_str());
    std::string label = std::string(c.decision_id ? "Over afgørelse" : "Over akut indgreb") + ", modtaget " +
                        local_day_text(c.received_at) + " – " + std::string(core::model::complaint_status_label(c.status));
    if (big_button(label.c_str())) out.push_back(WorkflowCommand{OpenComplaint{c.id}});
    MAGTREG_HOOK_ITEM("followup.complaint." + c.id);
    staff_briefing(v, briefings, c.id, out);
    ImGui::PopID();
  }
  if (r.complaints.empty()) ImGui::TextColored(k_muted, "Ingen.");

  // [SECTION] action plan
  section_title("Handleplan (§ 141)");
  const core::model::ActionPlan* plan = nullptr;
  for (const auto& p : r.action_plans)
    if (!plan || plan->updated_at < p.updated_at) plan = &p;
  if (plan) ImGui::TextWrapped("Opdateret %s", local_time_text(plan->updated_at).c_str());
  else ImGui::TextColored(k_muted, "Ingen handleplan.");
  if (user_may(model, core::access::Action::WriteActionPlan)) {
    if (big_button(plan ? "Åbn handleplanen" : "Skriv handleplan"))
      out.push_back(WorkflowCommand{OpenActionPlan{r.citizen_id, plan ? plan->id : ""}});
    MAGTREG_HOOK_ITEM("followup.action_plan");
  }

  // [SECTION] notes
  section_title("Notater (magtanvendelse)");
  for (auto it = r.notes.rbegin(); it != r.notes.rend(); ++it)
    ImGui::TextWrapped("%s – %s: %s", local_time_text(it->at).c_str(), note_kind_label(it->kind), it->text.c_str());
  if (r.notes.empty()) ImGui::TextColored(k_muted, "Ingen.");
  MAGTREG_HOOK_FACT("notes", std::to_string(r.notes.size()));
  ImGui::End();
}

}  // namespace magtreg::shell
