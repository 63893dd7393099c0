// html5.h event callbacks feeding ImGui's input queue.
#include "wasm/input.hpp"

#include <emscripten/html5.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "wasm/text_proxy.hpp"

namespace magtreg::wasm {
namespace {

ImGuiKey key_from_code(const char* code) {
  struct Map {
    const char* code;
    ImGuiKey key;
  };
  static const Map map[] = {
      {"Tab", ImGuiKey_Tab},          {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
      {"ArrowUp", ImGuiKey_UpArrow},  {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
      {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home},          {"End", ImGuiKey_End},
      {"Insert", ImGuiKey_Insert},    {"Delete", ImGuiKey_Delete},       {"Backspace", ImGuiKey_Backspace},
      {"Space", ImGuiKey_Space},      {"Enter", ImGuiKey_Enter},         {"NumpadEnter", ImGuiKey_KeypadEnter},
      {"Escape", ImGuiKey_Escape},    {"ShiftLeft", ImGuiKey_LeftShift}, {"ShiftRight", ImGuiKey_RightShift},
      {"ControlLeft", ImGuiKey_LeftCtrl}, {"ControlRight", ImGuiKey_RightCtrl}, {"AltLeft", ImGuiKey_LeftAlt},
      {"AltRight", ImGuiKey_RightAlt}, {"MetaLeft", ImGuiKey_LeftSuper}, {"MetaRight", ImGuiKey_RightSuper},
      {"KeyA", ImGuiKey_A}, {"KeyC", ImGuiKey_C}, {"KeyV", ImGuiKey_V}, {"KeyX", ImGuiKey_X},
      {"KeyY", ImGuiKey_Y}, {"KeyZ", ImGuiKey_Z},
  };
  for (const auto& m : map)
    if (std::strcmp(m.code, code) == 0) return m.key;
  return ImGuiKey_None;
}

void update_mods(const EmscriptenKeyboardEvent* e) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, e->ctrlKey);
  io.AddKeyEvent(ImGuiMod_Shift, e->shiftKey);
  io.AddKeyEvent(ImGuiMod_Alt, e->altKey);
  io.AddKeyEvent(ImGuiMod_Super, e->metaKey);
}

// A printable key's `key` is exactly one character (possibly multi-byte UTF-8: "æ").
bool is_single_character(const char* key) {
  auto len = std::strlen(key);
  if (len == 0 || len > 4) return false;
  unsigned char c = static_cast<unsigned char>(key[0]);
  std::size_t expect = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  return expect == len;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  update_mods(e);
  bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
  ImGuiKey key = key_from_code(e->code);
  if (key != ImGuiKey_None) io.AddKeyEvent(key, down);
  if (down && is_single_character(e->key) && !e->ctrlKey && !e->metaKey) io.AddInputCharactersUTF8(e->key);
  // Keep keys for ImGui when it has a text field focused (Tab, Backspace would otherwise act on the page).
  // Also while the keyboard proxy is focused but ImGui has not yet activated the field (the first key
  // right after a tap): otherwise the proxy's beforeinput would insert the same character a second time.
  return io.WantCaptureKeyboard || io.WantTextInput || text_proxy::focused();
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  io.AddMousePosEvent(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
  if (type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) {
    int button = e->button == 0 ? 0 : e->button == 2 ? 1 : e->button == 1 ? 2 : -1;
    if (button >= 0) io.AddMouseButtonEvent(button, type == EMSCRIPTEN_EVENT_MOUSEDOWN);
    if (type == EMSCRIPTEN_EVENT_MOUSEDOWN && button == 0)
      text_proxy::on_tap(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
  }
  return type != EMSCRIPTEN_EVENT_MOUSEMOVE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  float scale = e->deltaMode == DOM_DELTA_PIXEL ? 1.0f / 100.0f : e->deltaMode == DOM_DELTA_LINE ? 1.0f / 3.0f : 1.0f;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-e->deltaX) * scale, static_cast<float>(-e->deltaY) * scale);
  return EM_TRUE;
}

// One finger drives the pointer; a drag of more than a few pixels in any direction scrolls instead.
struct Touch {
  long id = -1;
  float start_x = 0, start_y = 0, last_x = 0, last_y = 0;
  bool dragging = false;
  bool horizontal = false;  // the axis a drag is locked to, chosen by its first movement
} g_touch;

constexpr float k_drag_slop = 8.0f;  // CSS px a finger may wander and still tap

// The wheel amount that makes ImGui scroll the window under the pointer by `pixels`: ImGui 1.90 scrolls
// min(`font_heights` (5 down, 2 across) font heights, 0.67 of the window's inner size) per wheel step; the
// screens are large enough that the font term decides (a small child window scrolls by less, never the
// wrong way).
float wheel_for(float pixels, float font_heights) {
  const ImGuiIO& io = ImGui::GetIO();
  const ImFont* font = io.FontDefault != nullptr ? io.FontDefault : (io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0]);
  const float step = font_heights * (font != nullptr ? font->FontSize * io.FontGlobalScale : 13.0f);
  return pixels / std::max(1.0f, std::floor(step));
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < e->numTouches; ++i) {
    const EmscriptenTouchPoint& t = e->touches[i];
    if (!t.isChanged) continue;
    float x = static_cast<float>(t.targetX), y = static_cast<float>(t.targetY);
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART && g_touch.id < 0) {
      g_touch = Touch{t.identifier, x, y, x, y, false};
      io.AddMousePosEvent(x, y);
      io.AddMouseButtonEvent(0, true);
    } else if (t.identifier == g_touch.id && type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
      if (!g_touch.dragging && std::hypot(x - g_touch.start_x, y - g_touch.start_y) > k_drag_slop) {
        g_touch.dragging = true;
        g_touch.horizontal = std::abs(x - g_touch.start_x) > std::abs(y - g_touch.start_y);
        // A drag is a scroll, never a tap (issue 15): the pointer leaves the control before the press is
        // released, so the widget the finger started on sees a press that ends elsewhere and does not fire.
        // Then the pointer comes back to where the finger went down and stays there (issue 30 item 1):
        // ImGui scrolls the window under the pointer, and ImGui's input queue applies these events one
        // change per frame, in order, so the release is seen off the control and the wheel over the window.
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        io.AddMouseButtonEvent(0, false);
        io.AddMousePosEvent(g_touch.start_x, g_touch.start_y);
        g_touch.last_x = g_touch.start_x;
        g_touch.last_y = g_touch.start_y;
      }
      if (g_touch.dragging) {
        // The content follows the finger: a finger moving up by d pixels scrolls the content up by d. One
        // axis only: ImGui drops the first frame of a wheel that has both and finds two windows for them.
        if (g_touch.horizontal) io.AddMouseWheelEvent(wheel_for(x - g_touch.last_x, 2.0f), 0.0f);
        else io.AddMouseWheelEvent(0.0f, wheel_for(y - g_touch.last_y, 5.0f));
        g_touch.last_x = x;
        g_touch.last_y = y;
      } else {
        io.AddMousePosEvent(x, y);
      }
    } else if (t.identifier == g_touch.id &&
               (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL)) {
      if (!g_touch.dragging) {
        io.AddMouseButtonEvent(0, false);
        text_proxy::on_tap(x, y);  // inside the user's gesture: the keyboard may open
      }
      io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
      g_touch = Touch{};
    }
  }
  return EM_TRUE;
}

}  // namespace

void install_input_callbacks(const char* canvas) {
  emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, on_key);
  emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, on_key);
  emscripten_set_mousedown_callback(canvas, nullptr, true, on_mouse);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, on_mouse);
  emscripten_set_mousemove_callback(canvas, nullptr, true, on_mouse);
  emscripten_set_wheel_callback(canvas, nullptr, true, on_wheel);
  emscripten_set_touchstart_callback(canvas, nullptr, true, on_touch);
  emscripten_set_touchmove_callback(canvas, nullptr, true, on_touch);
  emscripten_set_touchend_callback(canvas, nullptr, true, on_touch);
  emscripten_set_touchcancel_callback(canvas, nullptr, true, on_touch);
}

}  // namespace magtreg::wasm
