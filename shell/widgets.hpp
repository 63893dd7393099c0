// Shared widgets for views. Text fields go through here so the platform knows where they are: on a
// tablet the on-screen keyboard opens only when a DOM text field is focused inside the user's tap,
// before ImGui has seen the tap, so the platform hit-tests the previous frame's text fields.
#pragma once

#include <string>
#include <vector>

#include "core/rules/finding.hpp"

struct ImVec4;

namespace magtreg::shell {

struct Rect {
  float x0, y0, x1, y1;
  bool numeric = false;  // a text field for digits (a date, a time, minutes): the number keyboard opens
  bool contains(float x, float y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
};

// A text field's limit in characters (0 = none; core::forms::text_limit for a form's field): typing or
// pasting past it is cut at the limit, and `clipped` says so on the frame it happened (issue #29, item 4).
struct TextLimit {
  int max_chars = 0;
  bool clipped = false;
};
// One-line text field; returns true when edited this frame (or Enter with enter_returns).
bool text_field(const char* id, std::string* value, float width = 0.0f, bool enter_returns = false,
                TextLimit* limit = nullptr);
// A one-line field for a date, a time or a number (issue 30 item 6): on a tablet the on-screen keyboard
// opens with digits, and a tap on a filled field selects what is in it, so typing replaces it (a caret put
// mid-text made "06.12.20266").
bool number_field(const char* id, std::string* value, float width);
// What a multi-line field showed this frame (for test hooks).
struct TextAreaInfo {
  int lines = 0;            // wrapped lines of the text at the field's width
  int shown_lines = 0;      // lines wholly inside the field (== lines when not editing)
  bool fits = true;         // no line is wider than the field's text width
  bool active = false;      // being edited
  float wrap_width = 0, widest_line = 0, line_height = 0;
};
// Multi-line text field that wraps at its width (ImGui 1.90's InputTextMultiline does not). The text is
// edited by ImGui, untouched: the widget only draws it wrapped and maps the cursor, clicks and Up/Down/
// Home/End to the wrapped lines. Its height follows the text from `min_height`; while editing up to ten
// lines, then it scrolls inside to keep the cursor in view; otherwise it shows the whole text.
bool text_area(const char* id, std::string* value, float width, float min_height, TextAreaInfo* info = nullptr,
               TextLimit* limit = nullptr);

namespace text_targets {
// `visible_bottom`: where the visible part of the page ends, in CSS pixels from the top (the on-screen
// keyboard covers what lies below); 0 when all of it is visible.
void begin_frame(float visible_bottom = 0);
void end_frame();
// Records the last drawn item as a text field (for inputs drawn directly, e.g. passwords).
void record_last_item();
// Text field rectangles of the last complete frame, in CSS pixels.
const std::vector<Rect>& last_frame();
}  // namespace text_targets

}  // namespace magtreg::shell

namespace magtreg::shell {
// The colour a rule finding of `severity` is shown in: red errors, orange warnings, blue actions.
const ImVec4& severity_colour(core::rules::Severity severity);
// A full-width screen window below the status bar (`top`), scrollable by dragging.
void begin_screen(const char* id, float top);
// Text in `colour` that wraps at the window's edge (ImGui::TextColored does not wrap; a phone clipped it).
void wrapped_text(const ImVec4& colour, const std::string& text);
// ImGui::BulletText, except that the text wraps at the window's edge (BulletText does not; a phone clipped it).
void bullet_text(const std::string& text);
// Whether `width` more fits on the current line after the last item.
bool fits_on_line(float width);
// ImGui::SameLine() when `width` more fits after the last item; else the next item starts a new line
// (nothing past a phone's edge, issue 30 item 5).
void same_line_if_fits(float width);
// A field's label on its own line, the field that follows it at `column` beside it where the label and a
// `field_width` wide field fit there, else under it (a phone).
void field_label(const char* label, float column, float field_width);
// A hint after the last item ("dd.mm.åååå"), beside it where it fits, else under it, wrapping.
void hint_after(const ImVec4& colour, const char* text);
// The width of a button labelled `label` (its text and frame padding).
float button_width(const char* label);
// A touch-sized button (at least 48 CSS px high); `width` 0 = fit the label. A label wider than what is
// left of the line wraps inside it.
bool big_button(const char* label, float width = 0.0f);
// ImGui's radio button and checkbox, except that a label wider than the rest of the line wraps inside it
// (issue 30 item 5: the § 136 a/c choices ran past a phone's edge).
bool radio(const char* label, bool active);
bool checkbox(const char* label, bool* on);
// A row of a list (a form on the overview, an item on the work list) the line's width, pressed as one
// button, showing `lines` (title, detail, deadline) in `colour` (nullptr = the text colour). Where the row
// is narrow (a phone) each line may wrap onto two screen lines, where it is wide it has one; a line longer
// than that ends in "…". Only line `detail` (whose whole text is on the screen the row opens) should ever
// need that: the test fact "rows_cut" counts the rows in which another line was cut. The height follows
// from the width and the number of lines, never from the text, so a sync that changes a row's text moves
// no row under a finger.
bool list_row(const char* id, const std::vector<std::string>& lines, const ImVec4* colour = nullptr,
              std::size_t detail = static_cast<std::size_t>(-1));
// The height list_row gives `lines` lines at `width`.
float list_row_height(std::size_t lines, float width);
// Asks before a step that cannot be undone (issue 30 item 4: Udfyldt, Låst, a decision): while `*open`, a
// modal titled `title` shows `lines` (what will be sent) and two buttons, `confirm_label` (test hook
// "confirm.ok") and "Annullér" ("confirm.cancel"). Returns true on the frame the user confirms; either
// button clears `*open`.
bool confirm_dialog(const char* title, const std::vector<std::string>& lines, const char* confirm_label, bool* open);
// Danish "dd.mm.åååå" from "YYYY-MM-DD"; other text unchanged.
std::string da_date(const std::string& iso);
// A whole number the Danish way: "20.000", "-1.500".
std::string da_number(long long n);
inline constexpr float k_touch_height = 48.0f;
}  // namespace magtreg::shell
