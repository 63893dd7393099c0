// Bar and line charts drawn with ImDrawList: this period against the previous one. A hidden count
// (suppressed) is never drawn as a bar or a point, only named. Values show on hover and, for touch, on a
// tap, which also keeps the value in the line under the chart (no information is hover-only).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace magtreg::shell {

struct ChartItem {
  std::string label;
  std::optional<long long> now, before;   // empty = hidden
  std::string now_text, before_text;      // as shown: "12", "< 5", "–"
};

struct ChartLegend {
  std::string now, before;  // period labels, e.g. "2025", "2024"
};

// Horizontal bars, one pair per item. `selected` is the tapped item (-1 none), kept by the caller.
// `test_id` names the bars for browser tests ("<test_id>.<index>").
void bar_chart(const char* id, const std::vector<ChartItem>& items, const ChartLegend& legend, int& selected,
               const std::string& test_id);
// A line per period over the items (months), with points; a hidden value breaks the line.
void line_chart(const char* id, const std::vector<ChartItem>& items, const ChartLegend& legend, int& selected,
                const std::string& test_id);

}  // namespace magtreg::shell
