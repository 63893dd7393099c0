// The charts of charts.hpp.
#include "shell/charts.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "shell/test_hooks.hpp"

namespace magtreg::shell {
namespace {

const ImU32 k_now = IM_COL32(46, 110, 158, 255);
const ImU32 k_before = IM_COL32(160, 190, 214, 255);
const ImU32 k_grid = IM_COL32(210, 218, 226, 255);
const ImU32 k_text = IM_COL32(27, 42, 54, 255);
const ImU32 k_mark = IM_COL32(220, 120, 20, 255);

std::string value_line(const ChartItem& it, const ChartLegend& l) {
  return it.label + ":  " + l.now + ": " + it.now_text + "   " + l.before + ": " + it.before_text;
}

long long max_value(const std::vector<ChartItem>& items) {
  long long m = 1;
  for (const auto& it : items) {
    if (it.now) m = std::max(m, *it.now);
    if (it.before) m = std::max(m, *it.before);
  }
  return m;
}

void legend(ImDrawList* dl, ImVec2 at, const ChartLegend& l, bool lines) {
  const float h = ImGui::GetTextLineHeight();
  auto key = [&](ImU32 col, const std::string& text) {
    if (lines)
      dl->AddLine(ImVec2(at.x, at.y + h * 0.5f), ImVec2(at.x + 18, at.y + h * 0.5f), col, 3.0f);
    else
      dl->AddRectFilled(ImVec2(at.x, at.y + 3), ImVec2(at.x + 14, at.y + h - 3), col);
    dl->AddText(ImVec2(at.x + 24, at.y), k_text, text.c_str());
    at.x += 24 + ImGui::CalcTextSize(text.c_str()).x + 24;
  };
  key(k_now, l.now);
  key(k_before, l.before);
}

// The line under a chart: the tapped value, or how to get one.
void selection_line(const std::vector<ChartItem>& items, const ChartLegend& l, int selected, const std::string& test_id) {
  if (selected >= 0 && selected < static_cast<int>(items.size())) {
    const std::string v = value_line(items[static_cast<std::size_t>(selected)], l);
    ImGui::TextWrapped("Valgt – %s", v.c_str());
    MAGTREG_HOOK_FACT(test_id + ".selected", v);
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("Tryk på en søjle eller et punkt for at se tallene.");
    ImGui::PopStyleColor();
  }
}

}  // namespace

void bar_chart(const char* id, const std::vector<ChartItem>& items, const ChartLegend& l, int& selected,
               const std::string& test_id) {
  ImGui::PushID(id);
  const float width = ImGui::GetContentRegionAvail().x;
  const float line = ImGui::GetTextLineHeight();
  const float row_h = std::max(34.0f, line * 2.0f + 6.0f);
  const float label_w = std::min(280.0f, width * 0.38f);
  const float value_w = 70.0f;
  const float bar_max = std::max(40.0f, width - label_w - value_w - 16.0f);
  const float height = line + 8.0f + row_h * static_cast<float>(items.size());
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##chart", ImVec2(width, std::max(height, 1.0f)));
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  legend(dl, ImVec2(p0.x + label_w, p0.y), l, false);
  const long long max = max_value(items);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int under = -1;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    const float y = p0.y + line + 8.0f + row_h * static_cast<float>(i);
    const ImVec2 r0(p0.x, y), r1(p0.x + width, y + row_h - 2);
    if (mouse.x >= r0.x && mouse.x < r1.x && mouse.y >= r0.y && mouse.y < r1.y) under = static_cast<int>(i);
    if (static_cast<int>(i) == selected || (hovered && under == static_cast<int>(i)))
      dl->AddRectFilled(r0, r1, IM_COL32(46, 110, 158, 28), 4.0f);
    // The label, cut to its column.
    std::string label = it.label;
    while (label.size() > 3 && ImGui::CalcTextSize(label.c_str()).x > label_w - 12) {
      label.pop_back();
      while (!label.empty() && (static_cast<unsigned char>(label.back()) & 0xC0) == 0x80) label.pop_back();
      if (!label.empty() && (static_cast<unsigned char>(label.back()) & 0xC0) == 0xC0) label.pop_back();
    }
    if (label != it.label) label += "…";
    dl->AddText(ImVec2(p0.x, y + (row_h - line) * 0.5f - 2), k_text, label.c_str());
    for (int k = 0; k < 2; ++k) {
      const auto& v = k == 0 ? it.now : it.before;
      const std::string& t = k == 0 ? it.now_text : it.before_text;
      const float by = y + 3 + k * (row_h - 6) * 0.5f;
      const float bh = (row_h - 10) * 0.5f;
      const float w = v ? bar_max * static_cast<float>(*v) / static_cast<float>(max) : 0.0f;
      if (w > 0) dl->AddRectFilled(ImVec2(p0.x + label_w, by), ImVec2(p0.x + label_w + w, by + bh), k == 0 ? k_now : k_before, 2.0f);
      dl->AddText(ImVec2(p0.x + label_w + w + 6, by + (bh - line) * 0.5f), v ? k_text : k_mark, t.c_str());
    }
    MAGTREG_HOOK_RECT(test_id + "." + std::to_string(i), r0.x, r0.y, r1.x, r1.y);
  }
  if (hovered && under >= 0) ImGui::SetTooltip("%s", value_line(items[static_cast<std::size_t>(under)], l).c_str());
  if (clicked && under >= 0) selected = under == selected ? -1 : under;
  MAGTREG_HOOK_FACT(test_id + ".rows", std::to_string(items.size()));
  selection_line(items, l, selected, test_id);
  ImGui::PopID();
}

void line_chart(const char* id, const std::vector<ChartItem>& items, const ChartLegend& l, int& selected,
                const std::string& test_id) {
  ImGui::PushID(id);
  const float width = ImGui::GetContentRegionAvail().x;
  const float line = ImGui::GetTextLineHeight();
  const float height = 260.0f;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##chart", ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x0 = p0.x + 56, x1 = p0.x + width - 16, y0 = p0.y + height - line * 2 - 14, y1 = p0.y + line + 14;
  legend(dl, ImVec2(x0, p0.y), l, true);
  const long long step = std::max<long long>(1, (max_value(items) + 3) / 4);
  const long long top = step * 4;
  auto py = [&](long long v) { return y0 - (y0 - y1) * static_cast<float>(v) / static_cast<float>(top); };
  const std::size_t n = items.size();
  auto px = [&](std::size_t i) {
    return n <= 1 ? (x0 + x1) * 0.5f : x0 + (x1 - x0) * static_cast<float>(i) / static_cast<float>(n - 1);
  };
  for (int g = 0; g <= 4; ++g) {
    const float y = py(step * g);
    dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), k_grid, 1.0f);
    const std::string t = std::to_string(step * g);
    dl->AddText(ImVec2(x0 - 8 - ImGui::CalcTextSize(t.c_str()).x, y - line * 0.5f), k_text, t.c_str());
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int under = -1;
  float best = 1e9f;
  // Every label where they fit under their points, else every second or third (a phone: "janfebmar" ran
  // together).
  float widest = 0;
  for (const auto& item : items) widest = std::max(widest, ImGui::CalcTextSize(item.label.substr(0, 3).c_str()).x);
  const float spacing = n <= 1 ? x1 - x0 : (x1 - x0) / static_cast<float>(n - 1);
  const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((widest + 8) / spacing)));
  for (std::size_t i = 0; i < n; ++i) {
    const std::string a = items[i].label.substr(0, 3);
    if (i % every == 0) dl->AddText(ImVec2(px(i) - ImGui::CalcTextSize(a.c_str()).x * 0.5f, y0 + 8), k_text, a.c_str());
    const float d = std::fabs(mouse.x - px(i));
    if (d < best) best = d, under = static_cast<int>(i);
  }
  if (!(mouse.y >= p0.y && mouse.y < p0.y + height)) under = -1;
  const int mark = hovered && under >= 0 ? under : selected;
  if (mark >= 0 && mark < static_cast<int>(n))
    dl->AddLine(ImVec2(px(static_cast<std::size_t>(mark)), y1), ImVec2(px(static_cast<std::size_t>(mark)), y0),
                IM_COL32(46, 110, 158, 90), 2.0f);
  for (int k = 1; k >= 0; --k) {
    const ImU32 col = k == 0 ? k_now : k_before;
    bool pen = false;
    ImVec2 last;
    for (std::size_t i = 0; i < n; ++i) {
      const auto& v = k == 0 ? items[i].now : items[i].before;
      if (!v) {
        pen = false;
        continue;
      }
      const ImVec2 p(px(i), py(*v));
      if (pen) dl->AddLine(last, p, col, k == 0 ? 3.0f : 2.0f);
      dl->AddCircleFilled(p, k == 0 ? 4.5f : 3.5f, col);
      last = p;
      pen = true;
    }
  }
  if (hovered && under >= 0) ImGui::SetTooltip("%s", value_line(items[static_cast<std::size_t>(under)], l).c_str());
  if (clicked && under >= 0) selected = under == selected ? -1 : under;
  // A tap target per point (the column around it), for tests that tap a month.
  for (std::size_t i = 0; i < n; ++i)
    MAGTREG_HOOK_RECT(test_id + "." + std::to_string(i), px(i) - 8, y1, px(i) + 8, y0);
  MAGTREG_HOOK_FACT(test_id + ".points", std::to_string(n));
  selection_line(items, l, selected, test_id);
  ImGui::PopID();
}

}  // namespace magtreg::shell
