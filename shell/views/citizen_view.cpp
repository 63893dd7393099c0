// The citizen overview.
#include "shell/views/citizen_view.hpp"

#include <imgui.h>

#include "core/client/form_choice.hpp"
#include "core/forms/catalogue.hpp"
#include "core/forms/lifecycle.hpp"
#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/views/form_renderer.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_red(0.75f, 0.08f, 0.08f, 1.0f);
const ImVec4 k_muted(0.35f, 0.35f, 0.38f, 1.0f);

void form_button(const FormRow& row, std::vector<Command>& out) {
  const auto& f = row.form;
  const auto* meta = core::forms::Catalogue::builtin().find_form(f.form_id, f.form_version);
  auto state = core::forms::form_state_from_string(f.state);
  std::string label = (meta ? meta->short_title : f.form_id) + " – " +
                      std::string(state ? core::forms::state_label(*state) : f.state);
  if (f.started_at) label += " – indgreb " + da_date(f.started_at->substr(0, 10)) + " kl. " + f.started_at->substr(11);
  label += "\n" + sync_label(row.sync);
  auto deadline = registration_deadline(f);
  bool overdue = false;
  if (deadline && f.state == "kladde") {
    label += "  ·  " + core::time::countdown_text(*deadline);
    overdue = deadline->status == core::time::DeadlineStatus::Overdue;
  }
  ImGui::PushID(f.id.c_str());
  if (overdue) ImGui::PushStyleColor(ImGuiCol_Text, k_red);
  if (ImGui::Button(label.c_str(), ImVec2(ImGui::GetContentRegionAvail().x, 64))) out.push_back(Navigate{Screen::Form, f.id});
  if (overdue) ImGui::PopStyleColor();
  test_hooks::item("form." + f.id);
  ImGui::PopID();
}
}  // namespace

void CitizenView::draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##citizen", top);
  test_hooks::fact("screen", "citizen");
  if (!model.citizen) {
    ImGui::TextUnformatted("Borgeren findes ikke på tabletten.");
    ImGui::End();
    return;
  }
  const auto& c = *model.citizen;
  if (m_citizen != c.id) {
    m_citizen = c.id;
    m_day_text = da_date(platform.today);
  }
  if (big_button("‹ Borgere")) out.push_back(Navigate{Screen::Citizens, ""});
  test_hooks::item("citizen.back");
  ImGui::PushFont(fonts().title);
  ImGui::Text("%s  (%s)", c.name.c_str(), c.cpr.c_str());
  ImGui::PopFont();
  ImGui::TextColored(k_muted, "Målgruppe: %s  ·  Tilbud: %s  ·  Handlekommune: %s",
                     std::string(core::client::target_group_label(c.target_group)).c_str(),
                     model.user ? model.user->institution_name(c.institution_id).c_str() : "",
                     c.acting_municipality.c_str());
  test_hooks::fact("citizen", c.name);
  ImGui::Text("Grundforløb: %s", model.base_course ? model.base_course->title.c_str()
                                                   : "Magtanvendelse (Grundforløb) – oprettes ved første registrering");
  ImGui::Separator();

  // [SECTION] new registration
  ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted("Ny registrering");
  ImGui::PopFont();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Dag for indgrebet:");
  ImGui::SameLine();
  text_field("##day", &m_day_text, 170.0f);
  test_hooks::item("registration.day");
  ImGui::SameLine();
  ImGui::TextColored(k_muted, "dd.mm.åååå");
  std::string day = parse_danish_date(m_day_text);
  auto choice = core::client::choose_registration_forms(core::forms::Catalogue::builtin(), c.target_group,
                                                         day.empty() ? m_day_text : day, platform.today);
  if (choice.forms.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, k_red);
    ImGui::TextWrapped("%s", choice.refusal.c_str());
    ImGui::PopStyleColor();
    test_hooks::fact("registration_refusal", choice.refusal);
  } else {
    ImGui::TextColored(k_muted, "I kraft den dag: %s", choice.set_name.c_str());
    for (const auto* meta : choice.forms) {
      ImGui::PushID(meta->id.c_str());
      std::string label = "Ny: " + meta->display_title();
      if (big_button(label.c_str())) out.push_back(NewRegistration{c.id, meta->id, meta->version});
      test_hooks::item("registration.new." + meta->id);
      ImGui::PopID();
    }
  }
  ImGui::Separator();

  // [SECTION] drafts, sent forms, open cases
  std::vector<const FormRow*> drafts, sent;
  for (const auto& r : model.forms) (r.form.state == "kladde" ? drafts : sent).push_back(&r);
  ImGui::PushFont(fonts().bold);
  ImGui::Text("Kladder (%zu)", drafts.size());
  ImGui::PopFont();
  if (drafts.empty()) ImGui::TextColored(k_muted, "Ingen kladder.");
  for (const auto* r : drafts) form_button(*r, out);
  ImGui::PushFont(fonts().bold);
  ImGui::Text("Udfyldte og låste skemaer (%zu)", sent.size());
  ImGui::PopFont();
  if (sent.empty()) ImGui::TextColored(k_muted, "Ingen endnu.");
  for (const auto* r : sent) form_button(*r, out);
  ImGui::PushFont(fonts().bold);
  ImGui::Text("Åbne sager (%zu)", model.open_cases.size());
  ImGui::PopFont();
  for (const auto& k : model.open_cases)
    ImGui::BulletText("%s – oprettet %s", k.title.c_str(), da_date(k.opened_at.substr(0, 10)).c_str());
  test_hooks::fact("drafts", std::to_string(drafts.size()));
  test_hooks::fact("sent_forms", std::to_string(sent.size()));
  ImGui::End();
}

}  // namespace magtreg::shell
