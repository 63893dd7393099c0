// Text fields that record their rectangles for the platform's on-screen keyboard support.
#include "shell/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace magtreg::shell {
namespace {
std::vector<Rect> g_current, g_last;

void record() {
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  g_current.push_back(Rect{a.x, a.y, b.x, b.y});
}
}  // namespace

bool text_field(const char* id, std::string* value, float width, bool enter_returns) {
  if (width > 0) ImGui::SetNextItemWidth(width);
  bool r = ImGui::InputText(id, value, enter_returns ? ImGuiInputTextFlags_EnterReturnsTrue : 0);
  record();
  return r;
}

bool text_area(const char* id, std::string* value, float width, float height) {
  bool r = ImGui::InputTextMultiline(id, value, ImVec2(width, height));
  record();
  return r;
}

namespace text_targets {
void record_last_item() { record(); }
void begin_frame() { g_current.clear(); }
void end_frame() { g_last.swap(g_current); }
const std::vector<Rect>& last_frame() { return g_last; }
}  // namespace text_targets

}  // namespace magtreg::shell

namespace magtreg::shell {
void begin_screen(const char* id, float top) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + top));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, vp->WorkSize.y - top));
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
}

bool big_button(const char* label, float width) { return ImGui::Button(label, ImVec2(width, k_touch_height)); }

std::string da_date(const std::string& iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return iso;
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}
}  // namespace magtreg::shell
