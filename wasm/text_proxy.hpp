// On-screen keyboard support: a hidden DOM <input> that is focused, inside the user's tap, when the tap
// lands on a text field of the previous frame; its input events are fed to ImGui as text.
#pragma once

namespace magtreg::wasm::text_proxy {

void install();
// True while the hidden input holds the focus (a text field was tapped): key events then feed ImGui only.
bool focused();
// Called from the tap/click handlers (a user gesture): focuses the proxy when (x, y) hits a text field.
void on_tap(float x, float y);
// Called every frame: blurs the proxy (closing the keyboard) when ImGui no longer wants text.
void update(bool imgui_wants_text);

}  // namespace magtreg::wasm::text_proxy
