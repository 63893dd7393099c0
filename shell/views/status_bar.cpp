// The top bar.
#include "shell/views/status_bar.hpp"

#include <imgui.h>

#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"

namespace magtreg::shell {

float StatusBar::draw(const PlatformState& platform, const AppModel&) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float height = 52.0f;
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.16f, 0.33f, 0.47f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::Begin("##statusbar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted("Magtreg");
  ImGui::PopFont();

  const char* conn = platform.online == Tristate::Yes  ? "Online"
                     : platform.online == Tristate::No ? "Offline – ændringer gemmes på enheden"
                                                       : "Forbinder …";
  const char* persist = platform.persisted == Tristate::Yes  ? "Varig lagring: ja"
                        : platform.persisted == Tristate::No ? "Varig lagring: nej (browseren kan rydde data)"
                                                             : "Varig lagring: ukendt";
  ImGui::SameLine(0, 30);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(conn);
  test_hooks::item("status.connection");
  test_hooks::fact("online", platform.online == Tristate::Yes ? "yes" : platform.online == Tristate::No ? "no" : "unknown");
  ImGui::SameLine(0, 30);
  ImGui::TextUnformatted(persist);
  ImGui::End();
  ImGui::PopStyleColor(2);
  return height;
}

}  // namespace magtreg::shell
