// Text fields that record their rectangles for the platform's on-screen keyboard support.
#include "shell/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/utf8.hpp"
#include "shell/test_hooks.hpp"

namespace magtreg::shell {
namespace {
std::vector<Rect> g_current, g_last;
float g_visible_bottom = 0, g_last_visible_bottom = 0;  // 0: the whole display

// Where what the user sees of the display ends this frame.
float visible_bottom_now() {
  const float display_bottom = ImGui::GetIO().DisplaySize.y;
  return g_visible_bottom > 0 ? std::min(g_visible_bottom, display_bottom) : display_bottom;
}

// The field being edited stays where the user can see it (issue 30 item 3): when it becomes active, and
// when the visible part of the page changes under it (the on-screen keyboard opens), its window scrolls
// so that it lies between the window's top and the visible bottom. Not while the user scrolls otherwise.
void keep_in_view() {
  if (!ImGui::IsItemActive()) return;
  const float bottom = visible_bottom_now();
  if (!ImGui::IsItemActivated() && bottom == g_last_visible_bottom) return;
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const float margin = 16.0f;
  if (b.y > bottom - margin) ImGui::SetScrollY(w->Scroll.y + std::min(b.y - bottom + margin, a.y - w->InnerRect.Min.y - margin));
  else if (a.y < w->InnerRect.Min.y) ImGui::SetScrollY(w->Scroll.y - (w->InnerRect.Min.y - a.y + margin));
}

void record(bool numeric = false) {
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  g_current.push_back(Rect{a.x, a.y, b.x, b.y, numeric});
  keep_in_view();
}
}  // namespace

namespace {
// Cuts an edit that went past the limit back to it, at a character's boundary.
void clip_to_limit(ImGuiInputTextCallbackData* d, TextLimit* limit) {
  if (!limit || limit->max_chars <= 0 || d->EventFlag != ImGuiInputTextFlags_CallbackEdit) return;
  const auto keep = static_cast<int>(
      core::prefix_bytes(std::string_view(d->Buf, static_cast<std::size_t>(d->BufTextLen)), static_cast<std::size_t>(limit->max_chars)));
  if (keep >= d->BufTextLen) return;
  d->DeleteChars(keep, d->BufTextLen - keep);
  limit->clipped = true;
}

int limit_callback(ImGuiInputTextCallbackData* d) {
  clip_to_limit(d, static_cast<TextLimit*>(d->UserData));
  return 0;
}
}  // namespace

bool text_field(const char* id, std::string* value, float width, bool enter_returns, TextLimit* limit) {
  if (width > 0) ImGui::SetNextItemWidth(width);
  ImGuiInputTextFlags flags = enter_returns ? ImGuiInputTextFlags_EnterReturnsTrue : 0;
  if (limit) flags |= ImGuiInputTextFlags_CallbackEdit;
  bool r = ImGui::InputText(id, value, flags, limit ? limit_callback : nullptr, limit);
  record();
  return r;
}

bool number_field(const char* id, std::string* value, float width) {
  if (width > 0) ImGui::SetNextItemWidth(width);
  const bool r = ImGui::InputText(id, value, ImGuiInputTextFlags_AutoSelectAll);
  record(true);
  return r;
}

// [SECTION] wrapped multi-line field
namespace {
constexpr int k_max_edit_lines = 10;

// One wrapped line: bytes [begin, end) of the text. `end` excludes the '\n' of a hard line and includes
// the blanks a soft break swallows (ImGui's own wrapping skips them at the start of the next line);
// `soft` = the line continues on the next one.
struct WrapLine {
  int begin, end;
  bool soft;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::vector<WrapLine> wrap_lines(const ImFont* font, float size, const std::string& text, float wrap_width) {
  std::vector<WrapLine> lines;
  const char* t = text.c_str();
  const int len = static_cast<int>(text.size());
  const float scale = size / font->FontSize;
  for (int pos = 0;;) {
    int hard_end = pos;
    while (hard_end < len && t[hard_end] != '\n') ++hard_end;
    int s = pos;
    do {
      int brk = static_cast<int>(font->CalcWordWrapPositionA(scale, t + s, t + hard_end, wrap_width) - t);
      if (brk <= s && s < hard_end) {  // always advance by at least one character (UTF-8 aware)
        unsigned int c = 0;
        brk = s + std::max(1, ImTextCharFromUtf8(&c, t + s, t + hard_end));
      }
      int e = brk;
      while (e < hard_end && is_blank(t[e])) ++e;
      lines.push_back(WrapLine{s, e, e < hard_end});
      s = e;
    } while (s < hard_end);
    if (hard_end >= len) break;
    pos = hard_end + 1;
  }
  return lines;
}

// The line the cursor at byte `p` is drawn on: a position at a soft break belongs to the next line.
int line_of(const std::vector<WrapLine>& lines, int p) {
  int i = 0;
  while (i + 1 < static_cast<int>(lines.size()) && lines[i + 1].begin <= p) ++i;
  return i;
}

float x_of(const ImFont* font, float size, const std::string& text, const WrapLine& l, int p) {
  return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.c_str() + l.begin, text.c_str() + p).x;
}

// The last position a cursor may take on line `l` (a soft line's end is the next line's start).
int last_pos(const std::string& text, const WrapLine& l) {
  if (!l.soft) return l.end;
  int p = l.end - 1;
  while (p > l.begin && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;  // a whole UTF-8 character
  return std::max(p, l.begin);
}

// The character boundary on line `l` nearest to x (pixels from the line's start).
int pos_at_x(const ImFont* font, float size, const std::string& text, const WrapLine& l, float x) {
  const int last = last_pos(text, l);
  int best = l.begin;
  float prev_x = 0;
  for (int p = l.begin; p < last;) {
    unsigned int c = 0;
    int n = std::max(1, ImTextCharFromUtf8(&c, text.c_str() + p, text.c_str() + last));
    float next_x = x_of(font, size, text, l, p + n);
    if (x < (prev_x + next_x) * 0.5f) return best;
    p += n;
    best = p;
    prev_x = next_x;
  }
  return best;
}

// What the callback needs to map ImGui's cursor onto the wrapped lines, and what it reports back.
struct WrapEdit {
  const ImFont* font;
  float size, line_h, wrap_width;
  ImVec2 origin;  // screen position of the first line's top-left (after the inner scroll)
  ImRect frame;
  int prev_cursor = -1, prev_anchor = -1;
  int cursor = -1, sel_start = 0, sel_end = 0;
  TextLimit* limit = nullptr;
};

int pos_at(const WrapEdit& w, const std::string& text, const std::vector<WrapLine>& lines, ImVec2 at) {
  int i = static_cast<int>((at.y - w.origin.y) / w.line_h);
  i = std::clamp(i, 0, static_cast<int>(lines.size()) - 1);
  return pos_at_x(w.font, w.size, text, lines[i], at.x - w.origin.x);
}

int wrap_callback(ImGuiInputTextCallbackData* d) {
  auto& w = *static_cast<WrapEdit*>(d->UserData);
  clip_to_limit(d, w.limit);
  const std::string text(d->Buf, static_cast<std::size_t>(d->BufTextLen));
  const auto lines = wrap_lines(w.font, w.size, text, w.wrap_width);
  const ImGuiIO& io = ImGui::GetIO();
  const bool shift = io.KeyShift;
  int target = -1;
  if (ImGui::IsMouseClicked(0) && w.frame.Contains(io.MousePos)) {
    target = pos_at(w, text, lines, io.MousePos);
    if (!shift) w.prev_anchor = target;
  } else if (ImGui::IsMouseDragging(0) && w.frame.Contains(io.MouseClickedPos[0])) {
    target = pos_at(w, text, lines, io.MousePos);
    w.prev_anchor = pos_at(w, text, lines, io.MouseClickedPos[0]);
  } else if (w.prev_cursor >= 0 && w.prev_cursor <= d->BufTextLen && !io.KeyCtrl) {
    // ImGui moved along the unwrapped line; move along the wrapped lines from where the cursor was.
    const int i = line_of(lines, w.prev_cursor);
    const float x = x_of(w.font, w.size, text, lines[i], w.prev_cursor);
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow))
      target = i > 0 ? pos_at_x(w.font, w.size, text, lines[i - 1], x) : 0;
    else if (ImGui::IsKeyPressed(ImGuiKey_DownArrow))
      target = i + 1 < static_cast<int>(lines.size()) ? pos_at_x(w.font, w.size, text, lines[i + 1], x) : d->BufTextLen;
    else if (ImGui::IsKeyPressed(ImGuiKey_Home))
      target = lines[i].begin;
    else if (ImGui::IsKeyPressed(ImGuiKey_End))
      target = last_pos(text, lines[i]);
    if (target >= 0 && !shift) w.prev_anchor = target;
    if (target >= 0 && shift && w.prev_anchor < 0) w.prev_anchor = w.prev_cursor;
  }
  if (target >= 0) {
    d->CursorPos = target;
    d->SelectionStart = std::clamp(w.prev_anchor, 0, d->BufTextLen);
    d->SelectionEnd = target;
  }
  w.cursor = d->CursorPos;
  w.sel_start = std::min(d->SelectionStart, d->SelectionEnd);
  w.sel_end = std::max(d->SelectionStart, d->SelectionEnd);
  return 0;
}
}  // namespace

bool text_area(const char* id, std::string* value, float width, float min_height, TextAreaInfo* info, TextLimit* limit) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGuiStorage* storage = ImGui::GetStateStorage();
  // UI state between frames in the window's ImGui storage, keyed by the field (as tree nodes keep theirs).
  const ImGuiID key = ImGui::GetID(id);
  const ImGuiID k_active = ImHashStr("wrap.active", 0, key), k_scroll = ImHashStr("wrap.scroll", 0, key),
                k_cursor = ImHashStr("wrap.cursor", 0, key), k_anchor = ImHashStr("wrap.anchor", 0, key);
  const bool was_active = storage->GetBool(k_active, false);
  float scroll = storage->GetFloat(k_scroll, 0.0f);
  int prev_cursor = storage->GetInt(k_cursor, -1), prev_anchor = storage->GetInt(k_anchor, -1);

  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize(), line_h = ImGui::GetTextLineHeight();
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  const ImVec2 pad = style.FramePadding;
  const float wrap_width = std::max(1.0f, width - 2 * pad.x);
  // The height from this frame's text before the edit: a new line shows from the next frame on.
  auto lines = wrap_lines(font, size, *value, wrap_width);
  const float content_h = static_cast<float>(lines.size()) * line_h;
  const float max_h = std::max(min_height, k_max_edit_lines * line_h + 2 * pad.y);
  const float height = was_active ? std::clamp(content_h + 2 * pad.y, min_height, max_h)
                                  : std::max(min_height, content_h + 2 * pad.y);
  const float visible_h = height - 2 * pad.y;
  if (!was_active) scroll = 0;

  const ImVec2 pos = ImGui::GetCursorScreenPos();
  WrapEdit edit{font, size, line_h, wrap_width, ImVec2(pos.x + pad.x, pos.y + pad.y - scroll),
                ImRect(pos, ImVec2(pos.x + width, pos.y + height))};
  edit.prev_cursor = prev_cursor;
  edit.prev_anchor = prev_anchor;
  edit.limit = limit;

  // ImGui edits the text and owns focus, keyboard and the on-screen keyboard's text; its own drawing
  // (one unwrapped line per hard line) is made invisible and the field is drawn below, wrapped.
  const ImU32 frame_col = ImGui::GetColorU32(ImGuiCol_FrameBg), text_col = ImGui::GetColorU32(ImGuiCol_Text),
              sel_col = ImGui::GetColorU32(ImGuiCol_TextSelectedBg);
  const ImVec4 clear(0, 0, 0, 0);
  for (ImGuiCol c : {ImGuiCol_FrameBg, ImGuiCol_Text, ImGuiCol_TextSelectedBg, ImGuiCol_ScrollbarBg,
                     ImGuiCol_ScrollbarGrab, ImGuiCol_ScrollbarGrabHovered, ImGuiCol_ScrollbarGrabActive})
    ImGui::PushStyleColor(c, clear);
  bool changed = ImGui::InputTextMultiline(
      id, value, ImVec2(width, height),
      ImGuiInputTextFlags_CallbackAlways | (limit ? ImGuiInputTextFlags_CallbackEdit : 0), wrap_callback, &edit);
  ImGui::PopStyleColor(7);
  record();
  const bool active = ImGui::IsItemActive() && edit.cursor >= 0;

  if (changed) lines = wrap_lines(font, size, *value, wrap_width);
  const float content_now = static_cast<float>(lines.size()) * line_h;
  if (active) {
    // Keep the cursor's line inside the field.
    const float cy = static_cast<float>(line_of(lines, edit.cursor)) * line_h;
    if (cy < scroll) scroll = cy;
    if (cy + line_h > scroll + visible_h) scroll = cy + line_h - visible_h;
    scroll = std::clamp(scroll, 0.0f, std::max(0.0f, content_now - visible_h));
    prev_cursor = edit.cursor;
    prev_anchor = edit.sel_start == edit.sel_end ? edit.cursor
                  : edit.cursor == edit.sel_end  ? edit.sel_start
                                                 : edit.sel_end;
  } else {
    scroll = 0;
    prev_cursor = prev_anchor = -1;
  }
  storage->SetBool(k_active, ImGui::IsItemActive());
  storage->SetFloat(k_scroll, scroll);
  storage->SetInt(k_cursor, prev_cursor);
  storage->SetInt(k_anchor, prev_anchor);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 fmin = ImGui::GetItemRectMin(), fmax = ImGui::GetItemRectMax();
  dl->AddRectFilled(fmin, fmax, frame_col, style.FrameRounding);
  const ImVec2 inner_min(fmin.x + pad.x * 0.5f, fmin.y + pad.y * 0.5f), inner_max(fmax.x - pad.x * 0.5f, fmax.y - pad.y * 0.5f);
  dl->PushClipRect(inner_min, inner_max, true);
  const ImVec2 origin(fmin.x + pad.x, fmin.y + pad.y - scroll);
  float widest = 0;
  int shown = 0;
  const char* t = value->c_str();
  for (int i = 0; i < static_cast<int>(lines.size()); ++i) {
    const WrapLine& l = lines[i];
    int vis_end = l.end;
    while (vis_end > l.begin && is_blank(t[vis_end - 1])) --vis_end;
    const float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, t + l.begin, t + vis_end).x;
    widest = std::max(widest, w);
    const float y = origin.y + static_cast<float>(i) * line_h;
    if (y >= fmin.y + pad.y - 0.5f && y + line_h <= fmin.y + pad.y + visible_h + 0.5f) ++shown;
    if (y + line_h < fmin.y || y > fmax.y) continue;
    if (active && edit.sel_start < edit.sel_end && edit.sel_end > l.begin && edit.sel_start < l.end) {
      const int a = std::max(edit.sel_start, l.begin), b = std::min(edit.sel_end, l.end);
      dl->AddRectFilled(ImVec2(origin.x + x_of(font, size, *value, l, a), y),
                        ImVec2(origin.x + x_of(font, size, *value, l, b) + (b == l.end && !l.soft ? size * 0.3f : 0), y + line_h),
                        sel_col);
    }
    dl->AddText(font, size, ImVec2(origin.x, y), text_col, t + l.begin, t + vis_end);
  }
  if (active) {
    const int i = line_of(lines, edit.cursor);
    const float x = std::min(origin.x + x_of(font, size, *value, lines[i], edit.cursor), fmin.x + width - pad.x * 0.5f);
    const float y = origin.y + static_cast<float>(i) * line_h;
    dl->AddLine(ImVec2(x, y), ImVec2(x, y + line_h - 1), text_col, 1.5f);
    if (content_now > visible_h) {  // where the view is in the text
      const float track = fmax.y - fmin.y - 8, thumb = std::max(20.0f, track * visible_h / content_now);
      const float ty = fmin.y + 4 + (track - thumb) * scroll / std::max(1.0f, content_now - visible_h);
      dl->AddRectFilled(ImVec2(fmax.x - 6, ty), ImVec2(fmax.x - 2, ty + thumb), ImGui::GetColorU32(ImGuiCol_ScrollbarGrab), 2);
    }
  }
  dl->PopClipRect();
  if (info) {
    info->lines = static_cast<int>(lines.size());
    info->shown_lines = shown;
    info->fits = widest <= wrap_width + 0.5f;
    info->active = active;
    info->wrap_width = wrap_width;
    info->widest_line = widest;
    info->line_height = line_h;
  }
  return changed;
}

namespace text_targets {
void record_last_item() { record(); }
void begin_frame(float visible_bottom) {
  g_current.clear();
  g_visible_bottom = visible_bottom;
}
void end_frame() {
  g_last.swap(g_current);
  g_last_visible_bottom = visible_bottom_now();
}
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
  // How far the screen is scrolled and can scroll (for the touch-scroll tests).
  MAGTREG_HOOK_FACT("screen_scroll", std::to_string(static_cast<int>(ImGui::GetScrollY())));
  // How far the last frame's content reached past the screen's width (text not wrapped, a row too wide):
  // 0 when everything fits (issue 30 item 5; the layout tests check it at every size).
  const ImGuiWindow* window = ImGui::GetCurrentWindow();
  MAGTREG_HOOK_FACT("screen_overflow",
                   std::to_string(static_cast<int>(std::max(0.0f, window->ContentSize.x - window->WorkRect.GetWidth()))));
  MAGTREG_HOOK_FACT("screen_scroll_max", std::to_string(static_cast<int>(ImGui::GetScrollMaxY())));
}

void wrapped_text(const ImVec4& colour, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

void bullet_text(const std::string& text) {
  ImGui::Bullet();
  ImGui::TextWrapped("%s", text.c_str());
}

bool fits_on_line(float width) {
  const float line_end = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  return ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= line_end;
}

void same_line_if_fits(float width) {
  if (fits_on_line(width)) ImGui::SameLine();
}

void field_label(const char* label, float column, float field_width) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  const float line_end = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float start = ImGui::GetWindowPos().x - ImGui::GetScrollX() + ImGui::GetStyle().WindowPadding.x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x <= start + column && start + column + field_width <= line_end)
    ImGui::SameLine(column);
}

void hint_after(const ImVec4& colour, const char* text) {
  if (fits_on_line(ImGui::CalcTextSize(text).x)) ImGui::SameLine();
  wrapped_text(colour, text);
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

namespace {
// A pressable rectangle of `size` at the cursor, named `id`: laid out, hit-tested and nav-highlighted,
// ready to draw (nullopt when clipped away). The row under wrapped_item and list_row.
struct Pressable {
  ImGuiWindow* window;
  ImGuiID id;
  ImRect bb;
  bool pressed, hovered, held;
  // One of three colours: pressed, under the pointer, or at rest.
  ImU32 colour(ImGuiCol active, ImGuiCol hovered_col, ImGuiCol rest) const {
    return ImGui::GetColorU32(held && hovered ? active : hovered ? hovered_col : rest);
  }
};

std::optional<Pressable> pressable(ImGuiWindow* window, ImGuiID id, const ImVec2& size) {
  const ImVec2 pos = window->DC.CursorPos;
  Pressable p{window, id, ImRect(pos, ImVec2(pos.x + size.x, pos.y + size.y)), false, false, false};
  ImGui::ItemSize(size, ImGui::GetStyle().FramePadding.y);
  if (!ImGui::ItemAdd(p.bb, p.id)) return std::nullopt;
  p.pressed = ImGui::ButtonBehavior(p.bb, p.id, &p.hovered, &p.held);
  ImGui::RenderNavHighlight(p.bb, p.id);
  return p;
}

// A pressable row the line's width whose label wraps inside it after `leading` pixels (a radio's circle),
// at least `min_height` high: laid out, hit-tested and ready to draw (nullopt when clipped away).
struct WrappedItem : Pressable {
  ImVec2 text;           // the wrapped label's size
  const char* label;
  const char* label_end;
  float wrap;
  void draw_label(float x, float y) const {
    window->DrawList->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(x, y), ImGui::GetColorU32(ImGuiCol_Text),
                              label, label_end, wrap);
  }
};

std::optional<WrappedItem> wrapped_item(const char* label, float leading, float min_height) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return std::nullopt;
  const float avail = ImGui::GetContentRegionAvail().x;
  const char* label_end = ImGui::FindRenderedTextEnd(label);
  const float wrap = std::max(40.0f, avail - leading - 2 * style.FramePadding.x);
  const ImVec2 text = ImGui::CalcTextSize(label, label_end, false, wrap);
  const auto p = pressable(window, window->GetID(label), ImVec2(avail, std::max(min_height, text.y + 2 * style.FramePadding.y)));
  if (!p) return std::nullopt;
  return WrappedItem{*p, text, label, label_end, wrap};
}
}  // namespace

bool big_button(const char* label, float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float natural = std::max(width, ImGui::CalcTextSize(label, nullptr, true).x + 2 * style.FramePadding.x);
  // Wider than what is left of the line (a long form title on a phone, issue 30 item 5): the button takes
  // the line's width and its label wraps inside it, taller, instead of running past the screen's edge.
  // A button placed beside another with too little room left keeps its width (its caller decides).
  if (natural <= avail || avail < 120.0f) return ImGui::Button(label, ImVec2(width, k_touch_height));
  const auto w = wrapped_item(label, 0, k_touch_height);
  if (!w) return false;
  ImGui::RenderFrame(w->bb.Min, w->bb.Max, w->colour(ImGuiCol_ButtonActive, ImGuiCol_ButtonHovered, ImGuiCol_Button),
                     true, style.FrameRounding);
  w->draw_label(w->bb.Min.x + style.FramePadding.x, w->bb.Min.y + (w->bb.GetHeight() - w->text.y) * 0.5f);
  return w->pressed;
}

namespace {
// A radio button or checkbox whose label wraps inside the line's width, the whole row its touch target.
bool wrapped_toggle(const char* label, bool on, bool round) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float square = ImGui::GetFrameHeight();
  const auto w = wrapped_item(label, square + style.ItemInnerSpacing.x - 2 * style.FramePadding.x, square);
  if (!w) return false;
  if (w->pressed) ImGui::MarkItemEdited(w->id);
  const ImU32 frame = w->colour(ImGuiCol_FrameBgActive, ImGuiCol_FrameBgHovered, ImGuiCol_FrameBg);
  const ImU32 mark = ImGui::GetColorU32(ImGuiCol_CheckMark);
  const ImVec2 pos = w->bb.Min;
  const ImRect box(pos, ImVec2(pos.x + square, pos.y + square));
  if (round) {
    const ImVec2 centre((box.Min.x + box.Max.x) * 0.5f, (box.Min.y + box.Max.y) * 0.5f);
    const float radius = square * 0.5f - 0.5f;
    w->window->DrawList->AddCircleFilled(centre, radius, frame, 16);
    if (on) w->window->DrawList->AddCircleFilled(centre, radius - std::max(1.0f, std::floor(square / 6)), mark, 16);
  } else {
    ImGui::RenderFrame(box.Min, box.Max, frame, true, style.FrameRounding);
    const float pad = std::max(1.0f, std::floor(square / 6));
    if (on) ImGui::RenderCheckMark(w->window->DrawList, ImVec2(box.Min.x + pad, box.Min.y + pad), mark, square - 2 * pad);
  }
  w->draw_label(pos.x + square + style.ItemInnerSpacing.x, pos.y + style.FramePadding.y);
  return w->pressed;
}

bool fits(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x <=
         ImGui::GetContentRegionAvail().x;
}
}  // namespace

bool radio(const char* label, bool active) {
  return fits(label) ? ImGui::RadioButton(label, active) : wrapped_toggle(label, active, true);
}

bool checkbox(const char* label, bool* on) {
  if (fits(label)) return ImGui::Checkbox(label, on);
  if (!wrapped_toggle(label, *on, false)) return false;
  *on = !*on;
  return true;
}

namespace {
// Screen lines a list row gives each of its lines: two where the row is narrow (a phone), else one.
int list_row_lines_per_line(float width) {
  const float wrap = width - 2 * ImGui::GetStyle().FramePadding.x;
  return wrap < 32.0f * ImGui::GetFontSize() ? 2 : 1;
}

// Lines in a list row are closer than items (the touch style's item spacing is wide).
constexpr float k_row_line_gap = 3.0f;
float row_line_step() { return ImGui::GetTextLineHeight() + k_row_line_gap; }
// The height of `screen_lines` lines of a list row (no gap after the last).
float text_block_height(std::size_t screen_lines) {
  return static_cast<float>(screen_lines) * row_line_step() - k_row_line_gap;
}
}  // namespace

float list_row_height(std::size_t lines, float width) {
  const std::size_t screen_lines = lines * static_cast<std::size_t>(list_row_lines_per_line(width));
  return std::max(k_touch_height, text_block_height(screen_lines) + 2 * ImGui::GetStyle().FramePadding.y);
}

bool list_row(const char* id, const std::vector<std::string>& lines, const ImVec4* colour, std::size_t detail) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return false;
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 size(width, list_row_height(lines.size(), width));
  const auto row = pressable(window, window->GetID(id), size);
  if (!row) return false;
  ImGui::RenderFrame(row->bb.Min, row->bb.Max, row->colour(ImGuiCol_ButtonActive, ImGuiCol_ButtonHovered, ImGuiCol_Button),
                     true, style.FrameRounding);
  const ImVec2 pos = row->bb.Min;
  ImFont* font = ImGui::GetFont();
  const float font_size = ImGui::GetFontSize(), line_h = row_line_step();
  const float wrap = width - 2 * style.FramePadding.x;
  const int budget = list_row_lines_per_line(width);
  const ImU32 text_colour = colour ? ImGui::GetColorU32(*colour) : ImGui::GetColorU32(ImGuiCol_Text);
  std::vector<std::pair<std::string, bool>> shown;  // screen line, cut short (ends in "…")
  bool cut = false;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    const auto wrapped = wrap_lines(font, font_size, line, wrap);
    for (int i = 0; i < budget && i < static_cast<int>(wrapped.size()); ++i) {
      const auto& w = wrapped[static_cast<std::size_t>(i)];
      std::string piece = line.substr(static_cast<std::size_t>(w.begin), static_cast<std::size_t>(w.end - w.begin));
      const bool last = i + 1 == budget && i + 1 < static_cast<int>(wrapped.size());
      shown.emplace_back(std::move(piece), last);
      cut = cut || (last && n != detail);
    }
  }
  // The text is centred in the row when it takes fewer screen lines than the row holds.
  float y = pos.y + std::max(style.FramePadding.y, (size.y - text_block_height(shown.size())) * 0.5f);
  const float x = pos.x + style.FramePadding.x;
  for (auto& [piece, ellipsis] : shown) {
    if (ellipsis) {  // drop whole characters until the line and "…" fit
      while (!piece.empty() && font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, (piece + "…").c_str()).x > wrap)
        piece.resize(core::prefix_bytes(piece, core::code_points(piece) - 1));
      piece += "…";
    }
    window->DrawList->AddText(font, font_size, ImVec2(x, y), text_colour, piece.c_str());
    y += line_h;
  }
  // How many rows this frame cut a line other than the detail short (the layout tests expect none).
  static int frame = -1, rows_cut = 0;
  if (frame != ImGui::GetFrameCount()) frame = ImGui::GetFrameCount(), rows_cut = 0;
  if (cut) MAGTREG_HOOK_FACT("rows_cut", std::to_string(++rows_cut));
  return row->pressed;
}

bool confirm_dialog(const char* title, const std::vector<std::string>& lines, const char* confirm_label, bool* open) {
  if (*open) ImGui::OpenPopup(title);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(600.0f, vp->WorkSize.x - 24), 0));
  bool confirmed = false;
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
    // Its first frame is laid out unseen, before its height (and so its centred place) is known: nothing
    // of it is announced until it is shown where the user sees it.
    const bool shown = !ImGui::GetCurrentWindow()->Hidden;
    if (shown) MAGTREG_HOOK_FACT("dialog", title);
    for (const auto& line : lines) ImGui::TextWrapped("%s", line.c_str());
    ImGui::Spacing();
    if (big_button(confirm_label)) {
      confirmed = true;
      *open = false;
      ImGui::CloseCurrentPopup();
    }
    if (shown) MAGTREG_HOOK_ITEM("confirm.ok");
    // Beside the confirmation while both fit, else below it.
    if (ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x > 160) ImGui::SameLine();
    if (big_button("Annullér")) {
      *open = false;
      ImGui::CloseCurrentPopup();
    }
    if (shown) MAGTREG_HOOK_ITEM("confirm.cancel");
    ImGui::EndPopup();
  }
  return confirmed;
}

std::string da_number(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string da_date(const std::string& iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return iso;
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}
const ImVec4& severity_colour(core::rules::Severity severity) {
  static const ImVec4 error(0.75f, 0.08f, 0.08f, 1.0f), warning(0.70f, 0.40f, 0.00f, 1.0f),
      action(0.10f, 0.30f, 0.60f, 1.0f);
  switch (severity) {
    case core::rules::Severity::Error: return error;
    case core::rules::Severity::Warning: return warning;
    case core::rules::Severity::Action: break;
  }
  return action;
}

}  // namespace magtreg::shell
