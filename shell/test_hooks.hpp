// Test hooks: the canvas has no DOM, so views record where named widgets are drawn; browser tests read
// the rectangles (and a few facts) as JSON and click real coordinates. Off unless the page asks for them
// (the browser tests set `window.magtregTestHooks` before the app starts; issue 27 item 8): a user's app
// records nothing and dumps nothing, frame after frame.
#pragma once

#include <string>
#include <string_view>

namespace magtreg::shell::test_hooks {

// Whether this frame is recorded (false unless set_enabled(true) was called).
bool enabled();
void set_enabled(bool on);
// Records the last drawn ImGui item's rectangle under `id` for this frame.
void item(std::string_view id);
// Records a rectangle drawn without an ImGui item (a bar of a chart), in the same coordinates.
void rect(std::string_view id, float x0, float y0, float x1, float y1);
// Records a fact (e.g. "device_name" -> "Stue 3") for this frame.
void fact(std::string_view key, std::string_view value);
// Starts a new frame's record; the previous frame's stays readable until end_frame().
void begin_frame();
void end_frame();
// The last complete frame's record as JSON: {"frame": N, "items": {id: [x0,y0,x1,y1]}, "facts": {...}}
// in CSS pixels; "{}" while the hooks are off.
const std::string& last_frame_json();

}  // namespace magtreg::shell::test_hooks

// What views call: while the hooks are off these do nothing at all, not even build their arguments (the
// ids and facts are often strings made for the call), so a user's frame pays one test of a flag per hook.
#define MAGTREG_HOOK_ITEM(...)                                                                  \
  do {                                                                                          \
    if (::magtreg::shell::test_hooks::enabled()) ::magtreg::shell::test_hooks::item(__VA_ARGS__); \
  } while (false)
#define MAGTREG_HOOK_FACT(...)                                                                  \
  do {                                                                                          \
    if (::magtreg::shell::test_hooks::enabled()) ::magtreg::shell::test_hooks::fact(__VA_ARGS__); \
  } while (false)
#define MAGTREG_HOOK_RECT(...)                                                                  \
  do {                                                                                          \
    if (::magtreg::shell::test_hooks::enabled()) ::magtreg::shell::test_hooks::rect(__VA_ARGS__); \
  } while (false)
