// The top bar.
#include "shell/views/status_bar.hpp"

#include <imgui.h>

#include <algorithm>

#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/views/workflow_common.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {

namespace {
// Places the next item (`width` wide) on the current line when it fits, else on the next line, so the
// bar wraps on a narrow or portrait screen instead of cutting its last item off.
void flow(float width, float spacing = 24.0f) {
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + spacing + width <= right_edge) ImGui::SameLine(0, spacing);
}
float text_width(const char* text) { return ImGui::CalcTextSize(text).x; }
float button_width(const char* label) { return ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2; }

bool bar_button(const char* label, const char* hook) {
  flow(button_width(label), ImGui::GetStyle().ItemSpacing.x);
  bool pressed = big_button(label);
  test_hooks::item(hook);
  return pressed;
}
}  // namespace

float StatusBar::draw(const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  // The bar's height follows its content (it wraps on narrow screens); the size measured in the
  // previous frame is what the screen below is placed after.
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSizeConstraints(ImVec2(vp->WorkSize.x, 0), ImVec2(vp->WorkSize.x, vp->WorkSize.y * 0.5f));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.16f, 0.33f, 0.47f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(1, 1, 1, 0.18f));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(1, 1, 1, 0.28f));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(1, 1, 1, 0.40f));
  ImGui::Begin("##statusbar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted("Magtreg");
  ImGui::PopFont();

  const char* conn = platform.online == Tristate::Yes  ? "Online"
                     : platform.online == Tristate::No ? "Offline – ændringer gemmes på enheden"
                                                       : "Forbinder …";
  const char* persist = platform.persisted == Tristate::Yes  ? "Varig lagring: ja"
                        : platform.persisted == Tristate::No ? "Varig lagring: nej (browseren kan rydde data)"
                                                             : "Varig lagring: ukendt";
  flow(text_width(conn));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(conn);
  test_hooks::item("status.connection");
  test_hooks::fact("online", platform.online == Tristate::Yes ? "yes" : platform.online == Tristate::No ? "no" : "unknown");
  flow(text_width(persist));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(persist);
  test_hooks::item("status.persist");

  if (model.unlocked) {
    const auto& s = model.sync;
    std::string sync_text;
    if (s.running) sync_text = "Synkroniserer: " + s.phase;
    else if (s.needs_login) sync_text = "Log ind igen for at synkronisere";
    else if (!s.last_error.empty()) sync_text = s.last_error;
    else if (model.outbox.pending > 0) sync_text = std::to_string(model.outbox.pending) + " venter på at blive sendt";
    else if (!s.last_success.empty()) sync_text = "Synkroniseret kl. " + s.last_success;
    if (!sync_text.empty()) {
      // A long error wraps inside the bar rather than running off its edge.
      const float avail = ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
      const float w = std::min(text_width(sync_text.c_str()), avail);
      flow(w);
      ImGui::AlignTextToFramePadding();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w + 1.0f);
      ImGui::TextWrapped("%s", sync_text.c_str());
      ImGui::PopTextWrapPos();
      test_hooks::item("status.sync");
    }
    test_hooks::fact("sync_text", sync_text);
    if (s.running && s.total > 0) {
      flow(120.0f, ImGui::GetStyle().ItemSpacing.x);
      ImGui::ProgressBar(static_cast<float>(s.done) / static_cast<float>(s.total), ImVec2(120, 0), "");
    }

    // Second row: the user and the actions.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(model.user ? model.user->display_name.c_str() : "");
    test_hooks::item("status.user");
    // Management has no citizens on the device: no citizen list, outbox or sync for them.
    if (model.can_view_citizens && bar_button("Borgere", "nav.citizens")) out.push_back(Navigate{Screen::Citizens, ""});
    if (model.can_view_statistics && bar_button("Statistik", "nav.statistics"))
      out.push_back(Navigate{Screen::Statistics, ""});
    if (user_has_work(model) && bar_button("Opgaver", "nav.work")) out.push_back(WorkflowCommand{OpenWork{}});
    if (model.can_view_citizens) {
      std::string outbox = "Udbakke (" + std::to_string(model.outbox.pending) + ")";
      if (model.outbox.rejected || !model.conflicts.empty()) outbox += " – afvist/konflikt";
      if (bar_button(outbox.c_str(), "nav.outbox")) out.push_back(Navigate{Screen::Outbox, ""});
      ImGui::BeginDisabled(s.running);
      if (bar_button("Synkroniser nu", "sync.now")) out.push_back(SyncNow{});
      ImGui::EndDisabled();
    }
    if (bar_button("Lås", "nav.lock")) out.push_back(Lock{});
    if (bar_button("Log ud", "nav.logout")) m_confirm_logout = true;
  }
  test_hooks::fact("status_bar_height", std::to_string(static_cast<int>(ImGui::GetWindowHeight())));
  const float height = ImGui::GetWindowHeight();
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
