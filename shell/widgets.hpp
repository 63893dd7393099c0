// Shared widgets for views. Text fields go through here so the platform knows where they are: on a
// tablet the on-screen keyboard opens only when a DOM text field is focused inside the user's tap,
// before ImGui has seen the tap, so the platform hit-tests the previous frame's text fields.
#pragma once

#include <string>
#include <vector>

namespace magtreg::shell {

struct Rect {
  float x0, y0, x1, y1;
  bool contains(float x, float y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
};

// One-line text field; returns true when edited this frame (or Enter with enter_returns).
bool text_field(const char* id, std::string* value, float width = 0.0f, bool enter_returns = false);
// Multi-line text field.
bool text_area(const char* id, std::string* value, float width, float height);

namespace text_targets {
void begin_frame();
void end_frame();
// Records the last drawn item as a text field (for inputs drawn directly, e.g. passwords).
void record_last_item();
// Text field rectangles of the last complete frame, in CSS pixels.
const std::vector<Rect>& last_frame();
}  // namespace text_targets

}  // namespace magtreg::shell

namespace magtreg::shell {
// A full-width screen window below the status bar (`top`), scrollable by dragging.
void begin_screen(const char* id, float top);
// A touch-sized button (at least 48 CSS px high); `width` 0 = fit the label.
bool big_button(const char* label, float width = 0.0f);
// Danish "dd.mm.åååå" from "YYYY-MM-DD"; other text unchanged.
std::string da_date(const std::string& iso);
inline constexpr float k_touch_height = 48.0f;
}  // namespace magtreg::shell
