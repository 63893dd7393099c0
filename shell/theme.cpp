// Fonts and style for the app.
#include "shell/theme.hpp"

#include <imgui.h>

#include <cstdio>

namespace magtreg::shell {
namespace {
Fonts g_fonts;

bool file_exists(const char* path) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return false;
  std::fclose(f);
  return true;
}
}  // namespace

bool load_fonts(float dpr, Fonts& out) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // Latin-1 (æ ø å Æ Ø Å é ü §), general punctuation (– — “ ” …), euro sign.
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x20AC, 0x20AC, 0};
  ImFontConfig cfg;
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  const char* regular = "/fonts/DejaVuSans.ttf";
  const char* bold = "/fonts/DejaVuSans-Bold.ttf";
  bool ok = file_exists(regular) && file_exists(bold);
  if (ok) {
    out.regular = io.Fonts->AddFontFromFileTTF(regular, 17.0f * dpr, &cfg, ranges);
    out.bold = io.Fonts->AddFontFromFileTTF(bold, 17.0f * dpr, &cfg, ranges);
    out.title = io.Fonts->AddFontFromFileTTF(bold, 22.0f * dpr, &cfg, ranges);
    ok = out.regular && out.bold && out.title;
  }
  if (!ok) {
    ImFontConfig def;
    def.SizePixels = 13.0f * dpr;
    out.regular = out.bold = out.title = io.Fonts->AddFontDefault(&def);
  }
  // Glyphs are rasterised at device pixels; layout stays in CSS pixels.
  io.FontGlobalScale = 1.0f / dpr;
  g_fonts = out;
  return ok;
}

const Fonts& fonts() { return g_fonts; }

void apply_style() {
  ImGui::StyleColorsLight();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 6.0f;
  s.FrameRounding = 5.0f;
  s.GrabRounding = 5.0f;
  s.FramePadding = ImVec2(10.0f, 12.0f);  // 17 px text + 2 * 12 px = 41 px; items reach 44 px with spacing
  s.ItemSpacing = ImVec2(10.0f, 10.0f);
  s.ItemInnerSpacing = ImVec2(8.0f, 6.0f);
  s.WindowPadding = ImVec2(16.0f, 14.0f);
  s.ScrollbarSize = 18.0f;
  s.TouchExtraPadding = ImVec2(4.0f, 4.0f);
  s.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
  s.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.80f, 0.87f, 0.93f, 1.0f);
  s.Colors[ImGuiCol_TitleBg] = ImVec4(0.80f, 0.87f, 0.93f, 1.0f);
  s.Colors[ImGuiCol_Button] = ImVec4(0.16f, 0.33f, 0.47f, 0.15f);
  s.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.16f, 0.33f, 0.47f, 0.30f);
  s.Colors[ImGuiCol_ButtonActive] = ImVec4(0.16f, 0.33f, 0.47f, 0.45f);
}

}  // namespace magtreg::shell
