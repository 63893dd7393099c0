// Browser input to Dear ImGui: mouse, touch (as touch-screen mouse source, drag scrolls), wheel and
// keyboard including Danish letters, all in CSS pixels relative to the canvas.
#pragma once

namespace magtreg::wasm {

void install_input_callbacks(const char* canvas_selector);

}  // namespace magtreg::wasm
