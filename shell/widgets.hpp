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
// Text field rectangles of the last complete frame, in CSS pixels.
const std::vector<Rect>& last_frame();
}  // namespace text_targets

}  // namespace magtreg::shell
