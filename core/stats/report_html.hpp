// The yearly report as one printable HTML document (A4, print CSS, SVG charts): key figures, the
// development by month against the year before, bar charts and every table, and per operating department
// its figures, commentary and positive examples. Pure text in, text out; the server serves it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/stats/commentary.hpp"
#include "core/stats/statistics.hpp"

namespace magtreg::core::stats {

struct ReportOptions {
  std::string csv_url;       // link to every table as one CSV file (empty: no link)
  std::string generated_at;  // Danish text, e.g. "23.11.2026 kl. 16:05"
};

std::string report_html(const Statistics& s, const std::vector<Commentary>& commentary, const ReportOptions& options);
// The report's inline parts, which the server's Content-Security-Policy allows by their hashes: its
// <style> and its print button's onclick.
std::string_view report_style();
std::string_view report_print_handler();

// Danish number formats: 12.345; "+12,5 %"; "37 %".
std::string da_count(long long n);
std::string da_change_percent(long long now, long long before);  // empty when `before` is 0

}  // namespace magtreg::core::stats
