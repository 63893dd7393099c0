// Citizen search.
#include "shell/views/citizen_list_view.hpp"

#include <imgui.h>

#include "core/client/form_choice.hpp"
#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
// Lower-case for ASCII and the Danish letters (UTF-8 Æ Ø Å -> æ ø å), for search.
std::string fold(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x80 && d <= 0x9E) d = static_cast<unsigned char>(d + 0x20);
      out.push_back(static_cast<char>(c));
      out.push_back(static_cast<char>(d));
      ++i;
    } else {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    }
  }
  return out;
}
std::string digits(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}
}  // namespace

void CitizenListView::draw(float top, const PlatformState&, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##citizens", top);
  MAGTREG_HOOK_FACT("screen", "citizens");
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted("Borgere");
  ImGui::PopFont();
  if (!model.login_note.empty()) ImGui::TextWrapped("%s", model.login_note.c_str());
  ImGui::TextUnformatted("Søg på navn eller CPR-nummer:");
  text_field("##search", &m_search, std::min(480.0f, ImGui::GetContentRegionAvail().x));
  MAGTREG_HOOK_ITEM("citizens.search");

  const std::string q = fold(m_search), qd = digits(m_search);
  std::vector<const core::model::Citizen*> shown;
  for (const auto& c : model.citizens) {
    bool match = q.empty() || fold(c.name).find(q) != std::string::npos ||
                 (!qd.empty() && digits(c.cpr).rfind(qd, 0) == 0);
    if (match) shown.push_back(&c);
  }
  if (model.citizens.empty()) {
    ImGui::TextWrapped(model.sync.running ? "Henter borgere fra serveren …"
                                          : "Ingen borgere på tabletten endnu. De hentes, når der er forbindelse.");
  } else {
    ImGui::Text("%zu af %zu borgere", shown.size(), model.citizens.size());
  }
  MAGTREG_HOOK_FACT("citizens_shown", std::to_string(shown.size()));

  ImGui::BeginChild("##list", ImVec2(0, 0), false);
  const float row_h = 64.0f;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(shown.size()), row_h + ImGui::GetStyle().ItemSpacing.y);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& c = *shown[static_cast<std::size_t>(i)];
      ImGui::PushID(c.id.c_str());
      std::string label = c.name + "   " + c.cpr + "\n" + std::string(core::client::target_group_label(c.target_group)) +
                          (model.user ? "  ·  " + model.user->institution_name(c.institution_id) : "");
      if (ImGui::Button(label.c_str(), ImVec2(ImGui::GetContentRegionAvail().x, row_h)))
        out.push_back(Navigate{Screen::Citizen, c.id});
      MAGTREG_HOOK_ITEM("citizen." + c.name);
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace magtreg::shell
