// The top bar.
#include "shell/views/status_bar.hpp"

#include <imgui.h>

#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {

float StatusBar::draw(const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float height = model.unlocked ? 112.0f : 52.0f;
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.16f, 0.33f, 0.47f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(1, 1, 1, 0.18f));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(1, 1, 1, 0.28f));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(1, 1, 1, 0.40f));
  ImGui::Begin("##statusbar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
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

  if (model.unlocked) {
    const auto& s = model.sync;
    ImGui::SameLine(0, 30);
    std::string sync_text;
    if (s.running) sync_text = "Synkroniserer: " + s.phase;
    else if (s.needs_login) sync_text = "Log ind igen for at synkronisere";
    else if (!s.last_error.empty()) sync_text = s.last_error;
    else if (model.outbox.pending > 0) sync_text = std::to_string(model.outbox.pending) + " venter på at blive sendt";
    else if (!s.last_success.empty()) sync_text = "Synkroniseret kl. " + s.last_success;
    ImGui::TextUnformatted(sync_text.c_str());
    test_hooks::fact("sync_text", sync_text);
    if (s.running && s.total > 0) {
      ImGui::SameLine();
      ImGui::ProgressBar(static_cast<float>(s.done) / static_cast<float>(s.total), ImVec2(120, 0), "");
    }

    ImGui::TextUnformatted(model.user ? model.user->display_name.c_str() : "");
    ImGui::SameLine();
    if (big_button("Borgere")) out.push_back(Navigate{Screen::Citizens, ""});
    test_hooks::item("nav.citizens");
    ImGui::SameLine();
    std::string outbox = "Udbakke (" + std::to_string(model.outbox.pending) + ")";
    if (model.outbox.rejected || !model.conflicts.empty()) outbox += " – afvist/konflikt";
    if (big_button(outbox.c_str())) out.push_back(Navigate{Screen::Outbox, ""});
    test_hooks::item("nav.outbox");
    ImGui::SameLine();
    ImGui::BeginDisabled(s.running);
    if (big_button("Synkroniser nu")) out.push_back(SyncNow{});
    test_hooks::item("sync.now");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (big_button("Lås")) out.push_back(Lock{});
    test_hooks::item("nav.lock");
    ImGui::SameLine();
    if (big_button("Log ud")) m_confirm_logout = true;
    test_hooks::item("nav.logout");
  }
  ImGui::End();
  ImGui::PopStyleColor(5);

  if (m_confirm_logout) ImGui::OpenPopup("Log ud?");
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(560.0f, vp->WorkSize.x - 40), 0));
  if (ImGui::BeginPopupModal("Log ud?", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
    test_hooks::fact("dialog", "logout");
    if (model.unsynced_records > 0) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.7f, 0.1f, 0.1f, 1));
      ImGui::TextWrapped(
          "Advarsel: %d ændringer er ikke sendt til serveren (kladder, udfyldte skemaer eller afviste poster). "
          "Hvis du logger ud nu, slettes de fra tabletten og går tabt.",
          model.unsynced_records);
      ImGui::PopStyleColor();
      test_hooks::fact("logout_warning", std::to_string(model.unsynced_records));
    } else {
      ImGui::TextWrapped("Alt er sendt. Når du logger ud, fjernes dine data fra tabletten.");
    }
    if (big_button(model.unsynced_records > 0 ? "Log ud og slet ikke-sendte data" : "Log ud")) {
      out.push_back(Logout{});
      m_confirm_logout = false;
      ImGui::CloseCurrentPopup();
    }
    test_hooks::item("logout.confirm");
    ImGui::SameLine();
    if (big_button("Annullér")) {
      m_confirm_logout = false;
      ImGui::CloseCurrentPopup();
    }
    test_hooks::item("logout.cancel");
    ImGui::EndPopup();
  }
  return height;
}

}  // namespace magtreg::shell
