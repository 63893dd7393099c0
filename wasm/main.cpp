// The browser entry point: WebGL2 context, Dear ImGui set-up, the animation-frame loop, and the C
// functions JS calls back into (storage loaded/saved, reachability, test hooks).
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <GLES3/gl3.h>

#include <cstdlib>
#include <string>

#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "wasm/input.hpp"
#include "wasm/text_proxy.hpp"
#include "wasm/web_platform.hpp"

namespace {

constexpr const char* k_canvas = "#canvas";

struct Runtime {
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
  float dpr = 0;  // device pixel ratio the fonts were built for
  magtreg::shell::App app{"/data/magtreg-local.db"};
};

// Canvas backing store at device pixels, ImGui layout in CSS pixels: crisp at any device pixel ratio.
void sync_canvas_size(Runtime& rt) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size(k_canvas, &css_w, &css_h);
  float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
  if (dpr <= 0) dpr = 1;
  int px_w = static_cast<int>(css_w * dpr + 0.5), px_h = static_cast<int>(css_h * dpr + 0.5);
  int cur_w = 0, cur_h = 0;
  emscripten_get_canvas_element_size(k_canvas, &cur_w, &cur_h);
  if (cur_w != px_w || cur_h != px_h) emscripten_set_canvas_element_size(k_canvas, px_w, px_h);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(css_w), static_cast<float>(css_h));
  io.DisplayFramebufferScale = ImVec2(dpr, dpr);
  if (dpr != rt.dpr) {
    magtreg::shell::Fonts fonts;
    magtreg::shell::load_fonts(dpr, fonts);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    rt.dpr = dpr;
  }
}

Runtime* g_runtime = nullptr;

void frame(void* arg) {
  auto& rt = *static_cast<Runtime*>(arg);
  sync_canvas_size(rt);
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = 1.0f / 60.0f;
  static double last = 0;
  double now = emscripten_get_now() / 1000.0;
  if (last > 0 && now > last) io.DeltaTime = static_cast<float>(now - last);
  last = now;

  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  auto& platform = magtreg::wasm::platform();
  rt.app.frame(platform.snapshot(), platform);
  platform.end_frame();
  ImGui::Render();
  magtreg::wasm::text_proxy::update(ImGui::GetIO().WantTextInput);

  int w = 0, h = 0;
  emscripten_get_canvas_element_size(k_canvas, &w, &h);
  emscripten_webgl_make_context_current(rt.gl);
  glViewport(0, 0, w, h);
  glClearColor(0.97f, 0.97f, 0.96f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  static bool first = true;
  if (first) {  // User Timing marks: the benchmark prints where the first frame's time goes
    first = false;
    EM_ASM({ performance.mark('magtreg-first-frame'); });
  }
}

}  // namespace

extern "C" {
EMSCRIPTEN_KEEPALIVE const char* magtreg_test_state() {
  return magtreg::shell::test_hooks::last_frame_json().c_str();
}
EMSCRIPTEN_KEEPALIVE void magtreg_on_storage_ready(int ok) { magtreg::wasm::platform().on_storage_ready(ok != 0); }
EMSCRIPTEN_KEEPALIVE void magtreg_on_storage_saved(double token, int ok) {
  magtreg::wasm::platform().on_storage_saved(static_cast<std::uint64_t>(token), ok != 0);
}
EMSCRIPTEN_KEEPALIVE void magtreg_on_http_done(double id, int status, char* body) {
  magtreg::wasm::platform().on_http_done(static_cast<std::uint64_t>(id), status, body ? std::string(body) : std::string());
  std::free(body);
}
EMSCRIPTEN_KEEPALIVE void magtreg_on_store_key(double id, int status, char* key_hex, char* envelope, char* error,
                                              double millis) {
  magtreg::wasm::platform().on_store_key(static_cast<std::uint64_t>(id), status, key_hex, envelope, error, millis);
  // The key's hex is wiped before its memory is given back.
  for (char* p = key_hex; *p; ++p) *p = 0;
  std::free(key_hex);
  std::free(envelope);
  std::free(error);
}
// The page is hidden or left (visibilitychange, pagehide): what was typed is saved now.
EMSCRIPTEN_KEEPALIVE void magtreg_save_now() {
  if (g_runtime == nullptr) return;
  auto& platform = magtreg::wasm::platform();
  g_runtime->app.save_now(platform.snapshot(), platform);
}
EMSCRIPTEN_KEEPALIVE void magtreg_set_online(int online) { magtreg::wasm::platform().set_online(online != 0); }
EMSCRIPTEN_KEEPALIVE void magtreg_set_persisted(int v) { magtreg::wasm::platform().set_persisted(v); }
}

int main() {
  EM_ASM({ performance.mark('magtreg-main'); });
  // Only a test run records the frames (issue 27 item 8): it sets window.magtregTestHooks before the app loads.
  magtreg::shell::test_hooks::set_enabled(EM_ASM_INT({ return window.magtregTestHooks === true ? 1 : 0; }) != 0);
  static Runtime rt;
  g_runtime = &rt;
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.minorVersion = 0;
  attrs.alpha = false;
  attrs.antialias = false;
  attrs.preserveDrawingBuffer = true;  // screenshots in tests read the last frame
  rt.gl = emscripten_webgl_create_context(k_canvas, &attrs);
  if (rt.gl <= 0) {
    EM_ASM({ document.getElementById('status').textContent = 'WebGL 2 er ikke tilgængelig i denne browser.'; });
    return 1;
  }
  emscripten_webgl_make_context_current(rt.gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no layout file: views position themselves
  io.BackendPlatformName = "magtreg_web";
  magtreg::shell::apply_style();
  ImGui_ImplOpenGL3_Init("#version 300 es");

  magtreg::wasm::install_input_callbacks(k_canvas);
  magtreg::wasm::text_proxy::install();
  magtreg::wasm::platform().start();
  // A hidden page may get no further frame (a tablet discards background tabs): save what was typed now.
  EM_ASM({
    document.addEventListener('visibilitychange', function() {
      if (document.visibilityState === 'hidden') Module._magtreg_save_now();
    });
    window.addEventListener('pagehide', function() { Module._magtreg_save_now(); });
  });
  EM_ASM({ if (Module.onMagtregStarted) Module.onMagtregStarted(); });
  emscripten_set_main_loop_arg(frame, &rt, 0, false);
  return 0;
}
