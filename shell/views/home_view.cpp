// The start screen.
#include "shell/views/home_view.hpp"

#include <imgui.h>

#include <algorithm>

#include <imgui_stdlib.h>

#include "core/forms/catalogue.hpp"
#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {

namespace {
// A login error in red, wrapped to the window (messages run to two lines on a phone).
void error_text(const std::string& message) {
  if (message.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.7f, 0.1f, 0.1f, 1));
  ImGui::TextWrapped("%s", message.c_str());
  ImGui::PopStyleColor();
}
}  // namespace

// After the municipality's login: the code that opens the user's data on this tablet.
void HomeView::draw_passcode(const AppModel& model, std::vector<Command>& out) {
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(model.sso_new_passcode ? "Vælg en kode til tabletten" : "Kode til tabletten");
  ImGui::PopFont();
  ImGui::TextWrapped(model.sso_new_passcode
                         ? "Du er logget ind hos kommunen som %s. Vælg en kode på mindst 6 tegn. Koden åbner dine data "
                           "på denne tablet – også uden netværk – og gemmer dem krypteret."
                         : "Du er logget ind hos kommunen som %s. Skriv din kode til tabletten for at åbne dine data.",
                     model.sso_display_name.c_str());
  if (ImGui::IsWindowAppearing()) m_passcode.clear(), m_passcode_repeat.clear();
  ImGui::TextUnformatted("Kode");
  ImGui::SetNextItemWidth(320.0f);
  bool enter = ImGui::InputText("##passcode", &m_passcode, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  text_targets::record_last_item();
  MAGTREG_HOOK_ITEM("login.passcode");
  if (model.sso_new_passcode) {
    ImGui::TextUnformatted("Gentag koden");
    ImGui::SetNextItemWidth(320.0f);
    enter = ImGui::InputText("##passcode_repeat", &m_passcode_repeat,
                             ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue) || enter;
    text_targets::record_last_item();
    MAGTREG_HOOK_ITEM("login.passcode_repeat");
  }
  ImGui::BeginDisabled(model.login_busy);
  const bool click = big_button("Åbn mine data", 200.0f);
  MAGTREG_HOOK_ITEM("login.passcode_submit");
  ImGui::EndDisabled();
  if ((click || enter) && !model.login_busy) {
    out.push_back(SsoPasscode{m_passcode, m_passcode_repeat});
    m_passcode.clear();
    m_passcode_repeat.clear();
  }
  if (model.login_busy) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Åbner …");
  }
  error_text(model.login_error);
  MAGTREG_HOOK_FACT("login_error", model.login_error);
  MAGTREG_HOOK_FACT("login_busy", model.login_busy ? "yes" : "no");
  MAGTREG_HOOK_FACT("login_mode", model.sso_new_passcode ? "new_passcode" : "passcode");
}

void HomeView::draw_login(const AppModel& model, std::vector<Command>& out) {
  if (model.sso_passcode) return draw_passcode(model, out);
  const TabletUser* selected = nullptr;
  for (const auto& u : model.tablet_users)
    if (u.username == model.selected_user) selected = &u;
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(selected ? "Lås op" : "Log ind");
  ImGui::PopFont();
  // Each user on the tablet has their own encrypted store (docs/client.md "At rest"): any of them
  // unlocks their own, also with no network; another user logs in beside them ("Skift bruger").
  if (!model.tablet_users.empty()) {
    ImGui::TextUnformatted("Brugere med data på tabletten:");
    for (const auto& u : model.tablet_users) {
      const std::string label = (u.display_name.empty() ? u.username : u.display_name) + " (" + u.username + ")";
      ImGui::BeginDisabled(model.login_busy || &u == selected);
      if (big_button(label.c_str())) out.push_back(SelectUser{u.username});
      MAGTREG_HOOK_ITEM("login.user." + u.username);
      ImGui::EndDisabled();
    }
    if (selected) {
      ImGui::BeginDisabled(model.login_busy);
      if (big_button("Anden bruger")) out.push_back(SelectUser{""});
      MAGTREG_HOOK_ITEM("login.other_user");
      ImGui::EndDisabled();
    }
  }
  // Another user's turn starts with an empty name field, not the name of the user before.
  if (model.selected_user != m_shown_user || ImGui::IsWindowAppearing()) {
    if (model.selected_user.empty()) m_username.clear();
    m_shown_user = model.selected_user;
  }
  if (selected && !model.needs_old_password) {
    // Whether it opens offline now: too many wrong passwords, too long without the server, or the server
    // revoked the user (issue #29) need a login with the server first.
    // A user of the municipality's login opens their data with the code they chose at that login.
    const char* what = selected->sso ? "koden til tabletten" : "adgangskoden";
    ImGui::TextWrapped(selected->offline_ok
                           ? "Skriv %s for %s (%s) for at fortsætte – det virker også uden netværk."
                           : "Skriv %s for %s (%s) for at fortsætte. Tabletten skal have forbindelse til "
                             "serveren, før dine data kan åbnes.",
                       what, selected->display_name.c_str(), selected->username.c_str());
    MAGTREG_HOOK_FACT("offline_unlock", selected->offline_ok ? "yes" : "no");
    m_username = selected->username;
  } else if (!selected) {
    ImGui::TextUnformatted("Brugernavn");
    text_field("##username", &m_username, 320.0f);
    MAGTREG_HOOK_ITEM("login.username");
  }
  if (model.needs_old_password) {
    // The password was changed on the server: the previous one opens the store once (app.cpp).
    ImGui::TextUnformatted("Tidligere adgangskode");
    ImGui::SetNextItemWidth(320.0f);
    const bool enter = ImGui::InputText("##old_password", &m_old_password,
                                        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    text_targets::record_last_item();
    MAGTREG_HOOK_ITEM("login.old_password");
    ImGui::BeginDisabled(model.login_busy);
    const bool click = big_button("Åbn mine data", 200.0f);
    MAGTREG_HOOK_ITEM("login.old_submit");
    ImGui::EndDisabled();
    if ((click || enter) && !model.login_busy && !m_old_password.empty()) {
      out.push_back(OldPassword{m_old_password});
      m_old_password.clear();
    }
    error_text(model.login_error);
    MAGTREG_HOOK_FACT("login_error", model.login_error);
    MAGTREG_HOOK_FACT("login_mode", "old_password");
    MAGTREG_HOOK_FACT("tablet_users", std::to_string(model.tablet_users.size()));
    return;
  }
  ImGui::TextUnformatted(selected && selected->sso ? "Kode til tabletten" : "Adgangskode");
  if (ImGui::IsWindowAppearing()) m_password.clear();
  ImGui::SetNextItemWidth(320.0f);
  bool enter = ImGui::InputText("##password", &m_password,
                                ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  text_targets::record_last_item();
  MAGTREG_HOOK_ITEM("login.password");
  ImGui::BeginDisabled(model.login_busy);
  bool click = big_button(selected ? "Lås op" : "Log ind", 160.0f);
  MAGTREG_HOOK_ITEM("login.submit");
  ImGui::EndDisabled();
  if ((click || enter) && !model.login_busy) {
    out.push_back(Login{m_username, m_password});
    m_password.clear();
  }
  if (model.login_busy) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Logger ind …");
  }
  // The municipality's login, when the server offers it, for a user not yet chosen on this tablet.
  if (model.sso_enabled && !selected) {
    ImGui::Spacing();
    ImGui::TextUnformatted("eller");
    ImGui::BeginDisabled(model.login_busy);
    if (big_button("Log ind med kommunens login")) out.push_back(SsoLogin{});
    MAGTREG_HOOK_ITEM("login.sso");
    ImGui::EndDisabled();
  }
  MAGTREG_HOOK_FACT("sso_enabled", model.sso_enabled ? "yes" : "no");
  error_text(model.login_error);
  if (!model.login_note.empty()) ImGui::TextWrapped("%s", model.login_note.c_str());
  MAGTREG_HOOK_FACT("login_error", model.login_error);
  MAGTREG_HOOK_FACT("login_busy", model.login_busy ? "yes" : "no");
  MAGTREG_HOOK_FACT("login_mode", selected ? "unlock" : "login");
  MAGTREG_HOOK_FACT("tablet_users", std::to_string(model.tablet_users.size()));
}

void HomeView::draw(float top, const PlatformState& platform, const AppModel& model,
                    std::vector<Command>& out) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + top));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, vp->WorkSize.y - top));
  ImGui::Begin("Registrering af magtanvendelse", nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings);
  MAGTREG_HOOK_ITEM("home.window");

  if (!platform.storage_ready) {
    ImGui::TextUnformatted("Indlæser lokal lagring …");
    MAGTREG_HOOK_FACT("screen", "loading");
    ImGui::End();
    return;
  }
  MAGTREG_HOOK_FACT("screen", "home");
  // Every Danish letter and § must come from the loaded font, not ImGui's fallback glyph.
  bool glyphs = true;
  for (ImWchar c : {0xE6, 0xF8, 0xE5, 0xC6, 0xD8, 0xC5, 0xA7, 0x2013})
    glyphs = glyphs && ImGui::GetFont()->FindGlyphNoFallback(c) != nullptr;
  MAGTREG_HOOK_FACT("glyphs_da", glyphs ? "yes" : "no");

  ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted("Registrering af magtanvendelse på socialområdet");
  ImGui::PopFont();
  ImGui::TextWrapped(
      "Registrér straks og senest 3 dage efter indgrebet (børn og unge: straks og senest 24 timer efter). "
      "Skemaet gemmes som “Udfyldt” af medarbejderen og som “Låst” af lederen.");
  ImGui::Separator();
  if (model.store_open) draw_login(model, out);
  ImGui::Separator();

  // Form sets in force today, from core's versioned catalogue.
  const auto& catalogue = core::forms::Catalogue::current();
  ImGui::Text("Skemaer i kraft i dag (%s):", da_date(platform.today).c_str());
  int shown = 0;
  for (const auto* set : catalogue.sets_in_force(platform.today)) {
    bullet_text(set->name);
    ++shown;
  }
  if (!catalogue.load_error().empty())
    ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "Skemakataloget kunne ikke indlæses: %s",
                       catalogue.load_error().c_str());
  MAGTREG_HOOK_FACT("sets_in_force", std::to_string(shown));
  ImGui::Separator();

  if (!model.store_open) {
    ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "Lokal lagring kunne ikke åbnes: %s", model.store_error.c_str());
    ImGui::End();
    return;
  }
  if (!m_name_loaded) {
    m_name_edit = model.device_name;
    m_name_loaded = true;
  }
  ImGui::TextUnformatted("Enhedens navn (fx afdeling og stue):");
  // The field and "Gem" on one line where both fit; on a phone "Gem" goes under the field.
  const float save_width = 96.0f;
  const float field_width = std::min(420.0f, ImGui::GetContentRegionAvail().x);
  bool enter = text_field("##device_name", &m_name_edit, field_width, true);
  MAGTREG_HOOK_ITEM("home.device_name");
  same_line_if_fits(save_width);
  bool click = ImGui::Button("Gem", ImVec2(save_width, 0));
  MAGTREG_HOOK_ITEM("home.save");
  if (enter || click) out.push_back(SaveDeviceName{m_name_edit});

  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  switch (model.save_state) {
    case AppModel::SaveState::Saving: ImGui::TextUnformatted("Gemmer …"); break;
    case AppModel::SaveState::Saved: ImGui::TextColored(ImVec4(0.1f, 0.5f, 0.2f, 1), "Gemt"); break;
    case AppModel::SaveState::Failed:
      ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "Ikke gemt: %s", model.save_error.c_str());
      break;
    case AppModel::SaveState::Idle: break;
  }
  ImGui::Text("Gemt navn: %s", model.device_name.empty() ? "(intet)" : model.device_name.c_str());
  MAGTREG_HOOK_FACT("device_name", model.device_name);
  MAGTREG_HOOK_FACT("save_state", model.save_state == AppModel::SaveState::Saved ? "saved"
                                 : model.save_state == AppModel::SaveState::Saving ? "saving"
                                 : model.save_state == AppModel::SaveState::Failed ? "failed" : "idle");
  // The idle lock (issue 16): a tablet left on the ward closes its user's store by itself.
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Lås automatisk efter");
  const float lock_width = 240.0f;
  same_line_if_fits(lock_width);
  const auto minutes_text = [](int m) { return std::to_string(m) + (m == 1 ? " minut" : " minutter") + " uden brug"; };
  ImGui::SetNextItemWidth(lock_width);
  if (ImGui::BeginCombo("##lock_after", minutes_text(model.lock_after_minutes).c_str())) {
    for (int m : k_lock_after_choices)
      if (ImGui::Selectable(minutes_text(m).c_str(), m == model.lock_after_minutes)) out.push_back(SaveLockAfter{m});
    ImGui::EndCombo();
  }
  MAGTREG_HOOK_ITEM("home.lock_after");
  MAGTREG_HOOK_FACT("lock_after_minutes", std::to_string(model.lock_after_minutes));
  ImGui::Text("Appen er startet %lld %s på denne enhed.", model.app_starts, model.app_starts == 1 ? "gang" : "gange");
  MAGTREG_HOOK_FACT("app_starts", std::to_string(model.app_starts));
  ImGui::End();
}

}  // namespace magtreg::shell
