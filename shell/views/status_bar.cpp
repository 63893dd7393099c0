// The top bar.
#include "shell/views/status_bar.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <optional>
#include <string>

#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/views/workflow_common.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {

namespace {

// One of the bar's actions: shown as a button while it fits on the bar's row, else as an entry of the
// "Menu" popup. Which ones fit depends only on the screen's width and the user's role, never on what the
// sync is doing, so the bar never changes size under a finger (issue 30 item 2).
struct BarAction {
  const char* label;      // as the button shows it
  const char* width_of;   // the widest text the label can take (the outbox's count grows)
  const char* hook;
  std::optional<Command> command;  // what it does; none: "Log ud", which asks first
  bool emphasise = false; // drawn in the warning colour (refused or conflicting outbox entries)
  bool disabled = false;
};

const ImVec4 k_offline_bg(0.62f, 0.10f, 0.10f, 1.0f);
const ImVec4 k_warning_button(0.85f, 0.45f, 0.05f, 1.0f);
}  // namespace

float StatusBar::height() {
  const ImGuiStyle& st = ImGui::GetStyle();
  return st.WindowPadding.y * 2 + k_touch_height + st.ItemSpacing.y + ImGui::GetTextLineHeight() + 6.0f;
}

float StatusBar::draw(const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float bar_h = height();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, bar_h));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.16f, 0.33f, 0.47f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(1, 1, 1, 0.18f));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(1, 1, 1, 0.28f));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(1, 1, 1, 0.40f));
  ImGui::Begin("##statusbar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoScrollbar);
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;

  // [SECTION] row 1: the name and the actions
  const ImVec2 row_pos(ImGui::GetWindowPos().x + style.WindowPadding.x, ImGui::GetWindowPos().y + style.WindowPadding.y);
  ImGui::PushFont(fonts().title);
  const float title_w = ImGui::CalcTextSize("Magtreg").x;
  ImGui::GetWindowDrawList()->AddText(ImVec2(row_pos.x, row_pos.y + (k_touch_height - ImGui::GetFontSize()) * 0.5f),
                                      ImGui::GetColorU32(ImGuiCol_Text), "Magtreg");
  ImGui::PopFont();

  std::vector<BarAction> actions;
  std::string outbox;
  const auto& s = model.sync;
  if (model.unlocked) {
    // Management has no citizens on the device: no citizen list, outbox or sync for them.
    if (model.can_view_citizens) actions.push_back({"Borgere", "Borgere", "nav.citizens", Navigate{Screen::Citizens, ""}});
    if (user_has_work(model)) actions.push_back({"Opgaver", "Opgaver", "nav.work", WorkflowCommand{OpenWork{}}});
    if (model.can_view_statistics)
      actions.push_back({"Statistik", "Statistik", "nav.statistics", Navigate{Screen::Statistics, ""}});
    if (model.can_view_citizens) {
      outbox = "Udbakke (" + std::to_string(model.outbox.pending) + ")";
      actions.push_back({outbox.c_str(), "Udbakke (9999)", "nav.outbox", Navigate{Screen::Outbox, ""},
                         model.outbox.rejected > 0 || !model.conflicts.empty()});
      actions.push_back({"Synkroniser nu", "Synkroniser nu", "sync.now", SyncNow{}, false, s.running});
    }
    actions.push_back({"Lås", "Lås", "nav.lock", Lock{}});
    actions.push_back({"Skift bruger", "Skift bruger", "nav.switch_user", Lock{true}});
    actions.push_back({"Log ud", "Log ud", "nav.logout", std::nullopt});
  }
  // As many as fit, in order, beside "Menu".
  const float gap = style.ItemSpacing.x;
  const float start_x = ImGui::GetWindowPos().x + style.WindowPadding.x + title_w + 2 * gap;
  std::size_t inline_count = 0;
  {
    float x = start_x;
    // "Menu" is there whenever someone is logged in (it names the user and the storage's state).
    const float limit = model.unlocked ? right_edge - button_width("Menu") - gap : right_edge;
    for (const auto& a : actions) {
      const float w = button_width(a.width_of);
      if (x + w > limit) break;
      x += w + gap;
      ++inline_count;
    }
  }
  auto run = [&](const BarAction& a) {
    if (a.command) out.push_back(*a.command);
    else m_confirm_logout = true;
  };
  float x = start_x;
  for (std::size_t i = 0; i < inline_count; ++i) {
    const BarAction& a = actions[i];
    ImGui::SetCursorScreenPos(ImVec2(x, row_pos.y));
    const float w = button_width(a.width_of);
    if (a.emphasise) ImGui::PushStyleColor(ImGuiCol_Button, k_warning_button);
    ImGui::BeginDisabled(a.disabled);
    if (ImGui::Button(a.label, ImVec2(w, k_touch_height))) run(a);
    ImGui::EndDisabled();
    if (a.emphasise) ImGui::PopStyleColor();
    MAGTREG_HOOK_ITEM(a.hook);
    x += w + gap;
  }
  const char* persist = platform.persisted == Tristate::Yes  ? "Varig lagring: ja"
                        : platform.persisted == Tristate::No ? "Varig lagring: nej (browseren kan rydde data)"
                                                             : "Varig lagring: ukendt";
  if (model.unlocked) {
    // The menu holds what does not fit, and always who is logged in and the storage's state.
    const float w = button_width("Menu");
    ImGui::SetCursorScreenPos(ImVec2(right_edge - w, row_pos.y));
    if (ImGui::Button("Menu", ImVec2(w, k_touch_height))) ImGui::OpenPopup("##barmenu");
    MAGTREG_HOOK_ITEM("nav.menu");
  }
  ImGui::PushStyleColor(ImGuiCol_PopupBg, ImVec4(0.16f, 0.33f, 0.47f, 1.0f));
  ImGui::SetNextWindowPos(ImVec2(right_edge, ImGui::GetWindowPos().y + bar_h), ImGuiCond_Always, ImVec2(1, 0));
  if (ImGui::BeginPopup("##barmenu")) {
    MAGTREG_HOOK_FACT("bar_menu", "open");
    if (model.user) {
      ImGui::TextUnformatted(model.user->display_name.c_str());
      MAGTREG_HOOK_ITEM("status.user");
    }
    ImGui::TextUnformatted(persist);
    MAGTREG_HOOK_ITEM("status.persist");
    const float menu_w = std::max(260.0f, button_width("Udbakke (9999)"));
    for (std::size_t i = inline_count; i < actions.size(); ++i) {
      const BarAction& a = actions[i];
      ImGui::BeginDisabled(a.disabled);
      if (ImGui::Button(a.label, ImVec2(menu_w, k_touch_height))) {
        run(a);
        ImGui::CloseCurrentPopup();
      }
      ImGui::EndDisabled();
      MAGTREG_HOOK_ITEM(a.hook);
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleColor();

  // [SECTION] row 2: connection and sync, one line of fixed height
  const ImVec2 line_min(ImGui::GetWindowPos().x, ImGui::GetWindowPos().y + style.WindowPadding.y + k_touch_height +
                                                     style.ItemSpacing.y * 0.5f);
  const ImVec2 line_max(ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), ImGui::GetWindowPos().y + bar_h);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool offline = platform.online == Tristate::No;
  // Offline is a coloured band across the whole bar (issue 30 item 7), in the same place and size.
  // (The window's clip rectangle leaves out its padding; the band goes edge to edge.)
  dl->PushClipRect(ImGui::GetWindowPos(), line_max, false);
  if (offline) dl->AddRectFilled(line_min, line_max, ImGui::GetColorU32(k_offline_bg));
  const char* conn = platform.online == Tristate::Yes ? "Online"
                     : offline ? "Offline – ændringer gemmes på tabletten"
                               : "Forbinder …";
  std::string sync_text;
  if (!model.unlocked) {
    sync_text = persist;  // before login the line has room for the storage's state
  } else {
    if (s.running) sync_text = "Synkroniserer: " + s.phase;
    else if (s.needs_login) sync_text = "Log ind igen for at synkronisere";
    else if (!s.last_error.empty()) sync_text = s.last_error;
    else if (model.outbox.pending > 0) sync_text = std::to_string(model.outbox.pending) + " venter på at blive sendt";
    else if (!s.last_success.empty()) sync_text = "Synkroniseret kl. " + s.last_success;
  }
  const float text_y = line_min.y + (line_max.y - line_min.y - ImGui::GetTextLineHeight()) * 0.5f;
  const float text_x0 = line_min.x + style.WindowPadding.x;
  const float text_x1 = line_max.x - style.WindowPadding.x;
  // Each text is clipped to its share of the line with an ellipsis, never wrapped onto another row.
  auto clipped = [&](const std::string& text, float x0, float x1, const char* hook) {
    ImGui::RenderTextEllipsis(dl, ImVec2(x0, text_y), ImVec2(x1, text_y + ImGui::GetTextLineHeight()), x1, x1,
                              text.c_str(), nullptr, nullptr);
    const float w = std::min(ImGui::CalcTextSize(text.c_str()).x, x1 - x0);
    MAGTREG_HOOK_RECT(hook, x0, text_y, x0 + w, text_y + ImGui::GetTextLineHeight());
    return x0 + w;
  };
  const float conn_share = sync_text.empty() ? 1.0f : offline ? 0.6f : 0.3f;
  const float conn_end = clipped(conn, text_x0, text_x0 + (text_x1 - text_x0) * conn_share, "status.connection");
  MAGTREG_HOOK_FACT("online", platform.online == Tristate::Yes ? "yes" : offline ? "no" : "unknown");
  if (!sync_text.empty()) clipped("·  " + sync_text, conn_end + gap, text_x1, "status.sync");
  if (model.unlocked) MAGTREG_HOOK_FACT("sync_text", sync_text);
  // Progress is a thin line along the bar's bottom edge: it takes no room of its own.
  if (s.running && s.total > 0) {
    const float done = static_cast<float>(s.done) / static_cast<float>(s.total);
    dl->AddRectFilled(ImVec2(line_min.x, line_max.y - 3), ImVec2(line_min.x + (line_max.x - line_min.x) * done, line_max.y),
                      ImGui::GetColorU32(ImVec4(1, 1, 1, 0.85f)));
  }
  dl->PopClipRect();
  MAGTREG_HOOK_FACT("status_bar_height", std::to_string(static_cast<int>(ImGui::GetWindowHeight())));
  const float height = ImGui::GetWindowHeight();
  ImGui::End();
  ImGui::PopStyleColor(5);

  if (m_confirm_logout) ImGui::OpenPopup("Log ud?");
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(560.0f, vp->WorkSize.x - 40), 0));
  if (ImGui::BeginPopupModal("Log ud?", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
    MAGTREG_HOOK_FACT("dialog", "logout");
    if (model.unsynced_records > 0) {
      ImGui::TextWrapped(
          "%d %s ikke sendt til serveren endnu (kladder, udfyldte skemaer eller afviste poster). Dine data "
          "bliver liggende krypteret på tabletten, og det ikke-sendte sendes, når du logger ind igen. Først "
          "når alt er sendt, fjerner et nyt log ud dine data.",
          model.unsynced_records, model.unsynced_records == 1 ? "ændring er" : "ændringer er");
      MAGTREG_HOOK_FACT("logout_warning", std::to_string(model.unsynced_records));
    } else {
      ImGui::TextWrapped("Alt er sendt. Når du logger ud, fjernes dine data fra tabletten.");
    }
    if (big_button("Log ud")) {
      out.push_back(Logout{});
      m_confirm_logout = false;
      ImGui::CloseCurrentPopup();
    }
    MAGTREG_HOOK_ITEM("logout.confirm");
    ImGui::SameLine();
    if (big_button("Annullér")) {
      m_confirm_logout = false;
      ImGui::CloseCurrentPopup();
    }
    MAGTREG_HOOK_ITEM("logout.cancel");
    ImGui::EndPopup();
  }
  return height;
}

}  // namespace magtreg::shell
