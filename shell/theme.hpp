// Fonts and style: DejaVu Sans (Danish letters, §, typographic punctuation), rasterised at the device
// pixel ratio so text is crisp, with touch-sized widgets.
#pragma once

struct ImFont;

namespace magtreg::shell {

struct Fonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
  ImFont* title = nullptr;
};

// Loads the fonts for a device pixel ratio. Returns false if a font file is missing (then ImGui's
// built-in font is used and Danish letters will not render: the UI says so).
bool load_fonts(float device_pixel_ratio, Fonts& out);
void apply_style();
const Fonts& fonts();

}  // namespace magtreg::shell
