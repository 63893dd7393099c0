// The hidden text input behind the on-screen keyboard.
#include "wasm/text_proxy.hpp"

#include <emscripten.h>
#include <imgui.h>

#include <string_view>

#include "shell/widgets.hpp"

namespace magtreg::wasm::text_proxy {
namespace {
bool g_focused = false;
// ImGui activates the field on the frame after the tap and reports WantTextInput one frame later
// still; keep the proxy focused for a few frames before deciding it is not wanted.
int g_grace_frames = 0;
}

// clang-format off
EM_JS(void, js_install_text_proxy, (), {
  var el = document.createElement('input');
  el.id = 'text-proxy';
  el.type = 'text';
  el.setAttribute('autocomplete', 'off');
  el.setAttribute('autocorrect', 'off');
  el.setAttribute('autocapitalize', 'sentences');
  el.setAttribute('spellcheck', 'false');
  el.setAttribute('aria-hidden', 'true');
  // 16 px keeps iOS from zooming; off-canvas and transparent, but focusable.
  el.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;font-size:16px;' +
                     'border:0;padding:0;margin:0;background:transparent;color:transparent;caret-color:transparent';
  // Physical keyboards arrive as keydown (handled, and prevented, by the canvas input code); virtual
  // keyboards and IMEs arrive here as beforeinput.
  el.addEventListener('beforeinput', function(e) {
    var t = e.inputType || "";
    if (t.indexOf('insert') === 0 && t !== 'insertLineBreak' && t !== 'insertParagraph') {
      if (e.data) Module.ccall('magtreg_text_input', null, ['string'], [e.data]);
    } else if (t === 'deleteContentBackward') {
      Module.ccall('magtreg_key_tap', null, ['string'], ['Backspace']);
    } else if (t === 'deleteContentForward') {
      Module.ccall('magtreg_key_tap', null, ['string'], ['Delete']);
    } else if (t === 'insertLineBreak' || t === 'insertParagraph') {
      Module.ccall('magtreg_key_tap', null, ['string'], ['Enter']);
    }
    e.preventDefault();
  });
  document.body.appendChild(el);
});

EM_JS(void, js_focus_text_proxy, (float x, float y, int numeric), {
  var el = document.getElementById('text-proxy');
  if (!el) return;
  // Digits and a separator ('decimal': a Danish keypad has ',', which dates and times accept too).
  el.inputMode = numeric ? 'decimal' : 'text';
  el.setAttribute('autocapitalize', numeric ? 'off' : 'sentences');
  el.style.left = x + 'px';
  el.style.top = y + 'px';
  el.focus({preventScroll: true});
});

EM_JS(void, js_blur_text_proxy, (), {
  var el = document.getElementById('text-proxy');
  if (el && document.activeElement === el) el.blur();
});
// clang-format on

void install() { js_install_text_proxy(); }
bool focused() { return g_focused; }

void on_tap(float x, float y) {
  for (const auto& r : shell::text_targets::last_frame()) {
    if (r.contains(x, y)) {
      js_focus_text_proxy(r.x0, r.y1, r.numeric ? 1 : 0);
      g_focused = true;
      g_grace_frames = 4;
      return;
    }
  }
}

void update(bool imgui_wants_text) {
  if (g_grace_frames > 0) {
    --g_grace_frames;
    return;
  }
  if (g_focused && !imgui_wants_text) {
    js_blur_text_proxy();
    g_focused = false;
  }
}

}  // namespace magtreg::wasm::text_proxy

extern "C" {
EMSCRIPTEN_KEEPALIVE void magtreg_text_input(const char* text) { ImGui::GetIO().AddInputCharactersUTF8(text); }
EMSCRIPTEN_KEEPALIVE void magtreg_key_tap(const char* name) {
  ImGuiKey key = ImGuiKey_None;
  std::string_view n(name);
  if (n == "Backspace") key = ImGuiKey_Backspace;
  else if (n == "Delete") key = ImGuiKey_Delete;
  else if (n == "Enter") key = ImGuiKey_Enter;
  if (key == ImGuiKey_None) return;
  ImGui::GetIO().AddKeyEvent(key, true);
  ImGui::GetIO().AddKeyEvent(key, false);
}
}
