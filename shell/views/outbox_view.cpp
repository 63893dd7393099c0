// The outbox screen.
#include "shell/views/outbox_view.hpp"

#include <imgui.h>

#include <string>

#include "core/client/client_store.hpp"
#include "core/forms/catalogue.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_red(0.75f, 0.08f, 0.08f, 1.0f);
const ImVec4 k_green(0.10f, 0.50f, 0.20f, 1.0f);
const ImVec4 k_muted(0.35f, 0.35f, 0.38f, 1.0f);

// "23.11.2026 kl. 17:42" (Copenhagen) from a stored UTC instant; the text itself when it is not one.
std::string local_time(const std::string& utc) {
  auto t = core::time::parse_utc(utc);
  return t ? core::time::format_danish(core::time::to_local(*t)) : utc;
}

}  // namespace

void OutboxView::draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##outbox", top);
  MAGTREG_HOOK_FACT("screen", "outbox");
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted("Udbakke og synkronisering");
  ImGui::PopFont();
  const auto& s = model.sync;
  ImGui::Text("Venter: %d  ·  Sendt: %d  ·  Afvist: %d", model.outbox.pending, model.outbox.acked, model.outbox.rejected);
  if (s.running) ImGui::Text("Synkroniserer: %s", s.phase.c_str());
  if (!s.last_error.empty()) {
    ImGui::TextColored(k_red, "%s", s.last_error.c_str());
    if (s.retry_in > 0 && platform.online == Tristate::Yes) ImGui::Text("Prøver igen om %.0f s.", s.retry_in);
  }
  if (!s.last_success.empty()) ImGui::Text("Sidst synkroniseret kl. %s", s.last_success.c_str());

  if (!model.conflicts.empty()) {
    ImGui::Separator();
    ImGui::PushFont(fonts().bold);
    ImGui::TextColored(k_red, "Konflikter (%zu)", model.conflicts.size());
    ImGui::PopFont();
    for (const auto& c : model.conflicts) {
      ImGui::PushID((c.kind + c.id).c_str());
      ImGui::TextWrapped("%s %s: %s", core::client::record_kind_label(c.kind).c_str(), c.id.substr(0, 8).c_str(),
                         c.message.c_str());
      ImGui::TextColored(k_muted, "Serverens version:");
      ImGui::TextWrapped("%s", c.server.is_null() ? "–" : c.server.dump(1).c_str());
      ImGui::TextColored(k_muted, "Din version:");
      ImGui::TextWrapped("%s", c.local.is_null() ? "(se skemaet på tabletten)" : c.local.dump(1).c_str());
      if (big_button("Set – skjul konflikten")) out.push_back(DismissConflict{c.kind, c.id});
      ImGui::PopID();
      ImGui::Separator();
    }
  }

  ImGui::Separator();
  ImGui::BeginChild("##entries", ImVec2(0, 0), false);
  std::string findings_codes;  // of the entries drawn this frame (test hook)
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(model.recent_outbox.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& e = model.recent_outbox[static_cast<std::size_t>(i)];
      using core::client::OutboxState;
      const ImVec4& col = e.state == OutboxState::Acked ? k_green : e.state == OutboxState::Rejected ? k_red : k_muted;
      const char* st = core::client::outbox_state_label(e.state);
      // Named by what it is about (citizen, form, intervention time), not by its id (issue 30 item 10).
      const std::string what = core::client::describe_outbox_entry(e, model.citizens, core::forms::Catalogue::current());
      ImGui::TextColored(col, "%s  %s  ·  gemt %s%s", st, what.c_str(), local_time(e.created_at).c_str(),
                         e.attempts > 1 ? ("  (" + std::to_string(e.attempts) + " forsøg)").c_str() : "");
      MAGTREG_HOOK_ITEM("outbox.entry." + std::to_string(i));
      MAGTREG_HOOK_FACT("outbox.entry." + std::to_string(i), what);
      if (!e.last_error.empty()) {
        ImGui::Indent();
        ImGui::TextWrapped("%s", e.last_error.c_str());
        ImGui::Unindent();
      }
      // The server accepted it and its rule engine had something to say (e.g. a late registration).
      for (const auto& f : e.findings) {
        ImGui::Indent();
        ImGui::TextColored(severity_colour(f.severity()), "Serverens fund:");
        ImGui::SameLine();
        ImGui::TextWrapped("%s", f.message.c_str());
        ImGui::Unindent();
        findings_codes += std::string(core::rules::to_string(f.code)) + ",";
      }
    }
  }
  ImGui::EndChild();
  MAGTREG_HOOK_FACT("outbox_findings", findings_codes);
  ImGui::End();
}

}  // namespace magtreg::shell
