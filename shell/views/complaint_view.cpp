// The complaint screen.
#include "shell/views/complaint_view.hpp"

#include <imgui.h>

#include "core/forms/catalogue.hpp"
#include "core/util/utf8.hpp"
#include "shell/app.hpp"
#include "shell/basis_labels.hpp"
#include "shell/test_hooks.hpp"
#include "shell/views/workflow_common.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_muted(0.35f, 0.35f, 0.38f, 1.0f);
const ImVec4 k_red(0.75f, 0.08f, 0.08f, 1.0f);

}  // namespace

void ComplaintView::draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##complaint", top);
  MAGTREG_HOOK_FACT("screen", "complaint");
  const auto& v = model.complaint;
  if (big_button("‹ Opgaver")) out.push_back(WorkflowCommand{OpenWork{}});
  MAGTREG_HOOK_ITEM("complaint.back");
  screen_title("Klage");
  status_lines(v.status);
  if (!m_local_error.empty()) ImGui::TextColored(k_red, "%s", m_local_error.c_str());
  if (!v.complaint) {
    ImGui::End();
    return;
  }
  const auto& c = *v.complaint;
  const bool stored = c.sync.revision > 0;
  const std::string key = c.id + "/" + std::to_string(c.sync.revision) + (c.notified_at ? "n" : "");
  if (key != m_loaded) {
    m_loaded = key;
    m_received = local_day_text(c.received_at);
    m_notified = c.notified_at ? local_day_text(*c.notified_at) : std::string();
    m_assessment = c.committee_assessment;
    m_outcome = c.outcome;
    m_court = c.court_or_lawyer;
    m_complainant = c.complainant;
    m_local_error.clear();
  }
  MAGTREG_HOOK_FACT("complaint_status", stored ? std::string(core::model::to_string(c.status)) : std::string("new"));
  MAGTREG_HOOK_FACT("complaint_id", c.id);
  std::string citizen;
  for (const auto& x : model.citizens)
    if (x.id == c.citizen_id) citizen = x.name;
  if (!citizen.empty()) ImGui::TextWrapped("Borger: %s", citizen.c_str());
  if (c.decision_id) {
    ImGui::TextUnformatted("Klage over en afgørelse");
    if (v.complaint_decision) {
      const auto& d = *v.complaint_decision;
      wrapped_text(k_muted, basis_label(d.basis) + " – " + std::string(core::model::decision_status_label(d.status)) +
                                (d.valid_from && d.valid_to ? ", gyldig " + da_date(*d.valid_from) + " – " + da_date(*d.valid_to) : ""));
    }
  } else {
    ImGui::TextWrapped("Klage over et akut indgreb (ingen klagefrist; udvalget giver en udtalelse)");
    if (v.complaint_form && v.complaint_form->started_at)
      ImGui::TextColored(k_muted, "Indgreb %s", da_date(v.complaint_form->started_at->substr(0, 10)).c_str());
  }
  ImGui::TextWrapped("Status: %s", stored ? core::sentence_case(core::model::complaint_status_label(c.status)).c_str()
                                          : "Ny – ikke registreret endnu");
  if (c.forwarded_at) ImGui::TextWrapped("Sendt til Ankestyrelsen %s", local_time_text(*c.forwarded_at).c_str());
  ImGui::Separator();

  const bool closed = stored && c.status == core::model::ComplaintStatus::Closed;
  const float w = std::min(720.0f, ImGui::GetContentRegionAvail().x);
  ImGui::BeginDisabled(stored);
  field_label("Hvem klager?", 260, 300);
  text_field("##complainant", &m_complainant, 300);
  MAGTREG_HOOK_ITEM("complaint.complainant");
  hint_after(k_muted, "fx borgeren, værgen eller en pårørende ved navn");
  field_error(v.status, "complainant");
  field_label("Modtaget den", 260, 170);
  text_field("##received", &m_received, 170);
  MAGTREG_HOOK_ITEM("complaint.received");
  field_error(v.status, "received_at");
  if (c.decision_id) {
    field_label("Klager underrettet den", 260, 170);
    text_field("##notified", &m_notified, 170);
    MAGTREG_HOOK_ITEM("complaint.notified");
    hint_after(k_muted, "klagefristen (4 uger) regnes herfra");
    field_error(v.status, "notified_at");
  }
  ImGui::EndDisabled();
  ImGui::BeginDisabled(closed);
  ImGui::TextUnformatted(c.decision_id ? "Udvalgets genvurdering" : "Udvalgets udtalelse til klager og leder");
  text_area("##assessment", &m_assessment, w, 90);
  MAGTREG_HOOK_ITEM("complaint.assessment");
  field_error(v.status, "committee_assessment");
  ImGui::TextUnformatted(c.decision_id ? "Udfald (Ankestyrelsens afgørelse eller udvalgets)" : "Udfald");
  text_area("##outcome", &m_outcome, w, 70);
  MAGTREG_HOOK_ITEM("complaint.outcome");
  field_error(v.status, "outcome");
  ImGui::EndDisabled();
  checkbox("Sagen er gået til retten, og der er beskikket advokat", &m_court);
  MAGTREG_HOOK_ITEM("complaint.court");
  field_error(v.status, "status");
  field_error(v.status, "forwarded_at");
  field_error(v.status, "decision_id");

  // Builds the complaint from the fields with the given status.
  auto submit = [&](core::model::ComplaintStatus status) {
    core::model::Complaint next = c;
    if (!stored) {
      next.complainant = m_complainant;
      next.received_at = utc_for_day(m_received, platform.today);
      if (c.decision_id) {
        const std::string n = utc_for_day(m_notified, platform.today);
        next.notified_at = n.empty() ? std::nullopt : std::optional<std::string>(n);
        if (n.empty() && !m_notified.empty()) {
          m_local_error = "Skriv datoen for underretningen som dd.mm.åååå.";
          return;
        }
      }
      if (next.received_at.empty()) {
        m_local_error = "Skriv modtagelsesdatoen som dd.mm.åååå.";
        return;
      }
    }
    m_local_error.clear();
    if (!closed) {
      next.committee_assessment = m_assessment;
      next.outcome = m_outcome;
      next.status = status;
      if (status == core::model::ComplaintStatus::Forwarded && !next.forwarded_at) next.forwarded_at = utc_for_day(da_date(platform.today), platform.today);
    }
    next.court_or_lawyer = m_court;
    out.push_back(WorkflowCommand{SaveComplaint{next}});
  };

  ImGui::BeginDisabled(v.status.busy);
  if (!stored) {
    if (big_button("Registrér klagen")) submit(core::model::ComplaintStatus::Received);
    MAGTREG_HOOK_ITEM("complaint.register");
  } else if (closed) {
    if (big_button("Gem markering")) submit(c.status);
    MAGTREG_HOOK_ITEM("complaint.save");
  } else {
    if (big_button("Gem")) submit(c.status);
    MAGTREG_HOOK_ITEM("complaint.save");
    if (c.status == core::model::ComplaintStatus::Received) {
      same_line_if_fits(button_width("Start behandling"));
      if (big_button("Start behandling")) submit(core::model::ComplaintStatus::InReview);
      MAGTREG_HOOK_ITEM("complaint.review");
    }
    if (c.decision_id && c.status != core::model::ComplaintStatus::Forwarded) {
      same_line_if_fits(button_width("Fasthold og send til Ankestyrelsen"));
      if (big_button("Fasthold og send til Ankestyrelsen")) submit(core::model::ComplaintStatus::Forwarded);
      MAGTREG_HOOK_ITEM("complaint.forward");
    }
    same_line_if_fits(button_width("Afslut klagen"));
    if (big_button("Afslut klagen")) submit(core::model::ComplaintStatus::Closed);
    MAGTREG_HOOK_ITEM("complaint.close");
  }
  ImGui::EndDisabled();

  // [SECTION] the committee's statement on an acute use: who received it (issue #14 item 13)
  if (stored && !c.decision_id) {
    section_title("Udtalelsen sendt til");
    if (c.statement_sent_to.empty()) ImGui::TextColored(k_muted, "Ikke registreret endnu.");
    for (const auto& n : c.statement_sent_to) bullet_text(n.recipient + " – " + local_time_text(n.at));
    MAGTREG_HOOK_FACT("statement_sent_to", std::to_string(c.statement_sent_to.size()));
    ImGui::BeginDisabled(v.status.busy || c.committee_assessment.empty());
    const std::string complainant = c.complainant.empty() ? std::string("klageren") : c.complainant;
    bool first = true;
    for (const std::string& who : {complainant, std::string("leder")}) {
      const std::string label = "Sendt i dag: " + who;
      if (!first) same_line_if_fits(button_width(label.c_str()));  // the first starts its own line
      first = false;
      if (big_button(label.c_str())) {
        core::model::Complaint next = c;
        next.statement_sent_to.push_back({who, utc_for_day(da_date(platform.today), platform.today)});
        out.push_back(WorkflowCommand{SaveComplaint{next}});
      }
      MAGTREG_HOOK_ITEM(who == "leder" ? "complaint.statement.leder" : "complaint.statement.complainant");
    }
    ImGui::EndDisabled();
    if (c.committee_assessment.empty()) wrapped_text(k_muted, "Skriv og gem udtalelsen først.");
    field_error(v.status, "statement_sent_to");
  }
  ImGui::End();
}

}  // namespace magtreg::shell
