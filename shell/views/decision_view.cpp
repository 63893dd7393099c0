// The decision screen.
#include "shell/views/decision_view.hpp"

#include <imgui.h>

#include "core/forms/catalogue.hpp"
#include "core/rules/form_check.hpp"
#include "core/time/format.hpp"
#include "core/util/json_read.hpp"
#include "core/util/uuid.hpp"
#include "shell/app.hpp"
#include "shell/basis_labels.hpp"
#include "shell/test_hooks.hpp"
#include "shell/views/form_renderer.hpp"
#include "shell/views/workflow_common.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_red(0.75f, 0.08f, 0.08f, 1.0f);
const ImVec4 k_green(0.10f, 0.50f, 0.20f, 1.0f);
const ImVec4 k_muted(0.35f, 0.35f, 0.38f, 1.0f);
constexpr const char* k_guidance =
    "Afgørelsen kan påklages til Ankestyrelsen. Klagen sendes til kommunen inden 4 uger efter, at du har fået "
    "afgørelsen. Kommunen genvurderer afgørelsen inden 4 uger; fastholdes den, sendes klagen til Ankestyrelsen.";
}  // namespace

void DecisionView::draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##decision", top);
  MAGTREG_HOOK_FACT("screen", "decision");
  const auto& v = model.decision;
  if (big_button("‹ Opgaver")) out.push_back(WorkflowCommand{OpenWork{}});
  MAGTREG_HOOK_ITEM("decision.back");
  screen_title("Afgørelse om forhåndsgodkendelse");
  status_lines(v.status);
  if (!m_local_error.empty()) ImGui::TextColored(k_red, "%s", m_local_error.c_str());
  if (!v.application) {
    ImGui::End();
    return;
  }
  const auto& app = *v.application;
  const auto* meta = core::forms::Catalogue::current().find_form(app.form_id, app.form_version);
  std::string citizen = core::json_read::text(app.content, "citizen_name");
  for (const auto& c : model.citizens)
    if (c.id == app.citizen_id) citizen = c.name;
  ImGui::TextWrapped("Ansøgning: %s – %s", meta ? meta->short_title.c_str() : app.form_id.c_str(), citizen.c_str());
  ImGui::TextWrapped("Søgt hjemmel: %s", app.legal_basis ? basis_label(*app.legal_basis).c_str() : "(ikke angivet)");
  if (app.locked_at) ImGui::TextWrapped("Ansøgningen er låst %s.", local_time_text(*app.locked_at).c_str());
  if (big_button("Læs ansøgningen")) out.push_back(Navigate{Screen::Form, app.id});
  MAGTREG_HOOK_ITEM("decision.open_application");
  ImGui::Separator();
  if (!v.decision_loaded) {
    ImGui::End();
    return;
  }

  const bool decided = v.decision && v.decision->status != core::model::DecisionStatus::Pending;
  MAGTREG_HOOK_FACT("decision_status", v.decision ? std::string(core::model::to_string(v.decision->status)) : std::string("none"));
  if (v.decision) MAGTREG_HOOK_FACT("decision_id", v.decision->id);
  if (v.approval_case) MAGTREG_HOOK_FACT("decision_case", v.approval_case->id);
  if (!decided) {
    // [SECTION] deciding
    if (m_loaded != app.id) {
      m_loaded = app.id;
      m_granted.reset();
      m_pending.reset();
      m_from = da_date(platform.today);
      m_to.clear();
      m_conditions.clear();
      m_guidance = k_guidance;
    }
    section_title("Afgørelse");
    if (ImGui::RadioButton("Bevilget", m_granted == true)) m_granted = true;
    MAGTREG_HOOK_ITEM("decision.granted");
    ImGui::SameLine(0, 40);
    if (ImGui::RadioButton("Afslået", m_granted == false)) m_granted = false;
    MAGTREG_HOOK_ITEM("decision.refused");
    MAGTREG_HOOK_FACT("decision_outcome", !m_granted ? "none" : *m_granted ? "granted" : "refused");
    if (m_granted == true) {
      field_label("Gyldig fra", 140, 170);
      text_field("##from", &m_from, 170);
      MAGTREG_HOOK_ITEM("decision.from");
      hint_after(k_muted, "dd.mm.åååå");
      field_error(v.status, "valid_from");
      field_label("Gyldig til", 140, 170);
      text_field("##to", &m_to, 170);
      MAGTREG_HOOK_ITEM("decision.to");
      hint_after(k_muted, "dd.mm.åååå (sidste dag)");
      field_error(v.status, "valid_to");
    }
    const float w = std::min(720.0f, ImGui::GetContentRegionAvail().x);
    ImGui::TextUnformatted("Vilkår");
    text_area("##conditions", &m_conditions, w, 70);
    MAGTREG_HOOK_ITEM("decision.conditions");
    ImGui::TextUnformatted("Klagevejledning");
    text_area("##guidance", &m_guidance, w, 90);
    MAGTREG_HOOK_ITEM("decision.guidance");
    field_error(v.status, "complaint_guidance");
    field_error(v.status, "basis");
    field_error(v.status, "case_id");
    field_error(v.status, "application_form_id");
    ImGui::BeginDisabled(v.status.busy || !m_granted);
    if (big_button("Træf afgørelse")) {
      m_local_error.clear();
      core::model::Decision d = v.decision.value_or(core::model::Decision{});
      if (!v.decision) {
        d.id = core::new_uuid();
      }
      d.citizen_id = app.citizen_id;
      d.case_id = app.case_id;
      d.application_form_id = app.id;
      d.basis = app.legal_basis.value_or("");
      d.status = *m_granted ? core::model::DecisionStatus::Granted : core::model::DecisionStatus::Refused;
      d.valid_from.reset();
      d.valid_to.reset();
      if (*m_granted) {
        const std::string from = parse_danish_date(m_from), to = parse_danish_date(m_to);
        if (!from.empty()) d.valid_from = from;
        if (!to.empty()) d.valid_to = to;
        if ((!m_from.empty() && from.empty()) || (!m_to.empty() && to.empty()))
          m_local_error = "Skriv datoerne som dd.mm.åååå.";
      }
      d.conditions = m_conditions;
      d.complaint_guidance = m_guidance;
      if (m_local_error.empty()) m_pending = d;
    }
    ImGui::EndDisabled();
    MAGTREG_HOOK_ITEM("decision.save");
    if (!m_granted) {
      hint_after(k_muted, "Vælg Bevilget eller Afslået.");
    }
    ImGui::End();
    // The decision is final once made: the committee sees what it decides before it is sent.
    if (m_pending) {
      const auto& d = *m_pending;
      std::vector<std::string> lines;
      lines.push_back(d.status == core::model::DecisionStatus::Granted ? "Ansøgningen bevilges" : "Ansøgningen afslås");
      if (d.status == core::model::DecisionStatus::Granted)
        lines.back() += " fra " + (d.valid_from ? da_date(*d.valid_from) : std::string("(ingen dato)")) + " til " +
                        (d.valid_to ? da_date(*d.valid_to) : std::string("(ingen dato)"));
      lines.back() += " for " + citizen + ".";
      if (!d.conditions.empty()) lines.push_back("Vilkår: " + d.conditions);
      lines.push_back("En truffet afgørelse kan ikke ændres her; borgeren kan klage over den.");
      bool open = true;
      if (confirm_dialog("Træf afgørelse?", lines, "Træf afgørelsen", &open)) out.push_back(WorkflowCommand{SaveDecision{d}});
      if (!open) m_pending.reset();
    }
    return;
  }

  // [SECTION] decided: the decision, notifications, complaints
  const auto& d = *v.decision;
  section_title(d.status == core::model::DecisionStatus::Granted ? "Bevilget" : "Afslået");
  if (d.status == core::model::DecisionStatus::Granted && d.valid_from && d.valid_to)
    ImGui::TextWrapped("Gyldig %s – %s", da_date(*d.valid_from).c_str(), da_date(*d.valid_to).c_str());
  if (d.decided_at) ImGui::TextWrapped("Truffet %s", local_time_text(*d.decided_at).c_str());
  if (!d.conditions.empty()) ImGui::TextWrapped("Vilkår: %s", d.conditions.c_str());
  ImGui::TextWrapped("Klagevejledning: %s", d.complaint_guidance.c_str());
  if (v.approval_case) wrapped_text(k_green, "Afgørelsen ligger på sagen, og registreringer under den samles dér.");

  section_title("Underretninger");
  if (d.notifications.empty()) ImGui::TextColored(k_muted, "Ingen registreret endnu.");
  for (const auto& n : d.notifications) bullet_text(n.recipient + " – " + local_time_text(n.at));
  MAGTREG_HOOK_FACT("notifications", std::to_string(d.notifications.size()));
  // Who must be told before the decision is in force (core::rules::decision_recipients).
  const core::model::Citizen* person = nullptr;
  for (const auto& c : model.citizens)
    if (c.id == d.citizen_id) person = &c;
  std::vector<std::string_view> recipients{"borger", "værge", "leder", "sagsbehandler"};
  if (person != nullptr) {
    recipients = core::rules::decision_recipients(*person);
    const std::string missing = core::rules::decision_recipients_missing_text(d, *person);
    MAGTREG_HOOK_FACT("decision_not_notified", missing);
    if (!missing.empty())
      wrapped_text(k_red, "Mangler: " + missing + "." +
                              (d.status == core::model::DecisionStatus::Granted ? " Afgørelsen er ikke i kraft, før alle er underrettet." : ""));
    else if (const auto on = core::rules::decision_notified_on(d, *person); on && d.status == core::model::DecisionStatus::Granted)
      wrapped_text(k_green, "Alle, der skal kende afgørelsen, er underrettet; den er i kraft fra " +
                                core::time::format_danish(*on) + " i sin periode.");
  }
  if (m_notify_day.empty()) m_notify_day = da_date(platform.today);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Dag:");
  ImGui::SameLine();
  text_field("##notify_day", &m_notify_day, 170);
  MAGTREG_HOOK_ITEM("decision.notify_day");
  ImGui::BeginDisabled(v.status.busy);
  for (const std::string_view who : recipients) {
    const std::string label = "Underrettet: " + std::string(who);
    same_line_if_fits(button_width(label.c_str()));
    if (big_button(label.c_str())) {
      const std::string at = utc_for_day(m_notify_day, platform.today);
      if (at.empty()) {
        m_local_error = "Skriv dagen som dd.mm.åååå.";
      } else {
        m_local_error.clear();
        core::model::Decision next = d;
        next.notifications.push_back({std::string(who), at});
        out.push_back(WorkflowCommand{SaveDecision{next}});
      }
    }
    MAGTREG_HOOK_ITEM("decision.notify." + std::string(who));
  }
  ImGui::EndDisabled();
  field_error(v.status, "notifications");

  if (user_may(model, core::access::Action::HandleComplaint)) {
    section_title("Klage");
    if (big_button("Registrér klage over afgørelsen"))
      out.push_back(WorkflowCommand{NewComplaint{d.citizen_id, d.id, ""}});
    MAGTREG_HOOK_ITEM("decision.new_complaint");
  }
  ImGui::End();
}

}  // namespace magtreg::shell
