// HTML and SVG of the yearly report. Suppressed counts never become a bar or a point: a bar's length
// would give the number away.
#include "core/stats/report_html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/util/html.hpp"

namespace magtreg::core::stats {

namespace {

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

std::string cell(const Figure& f, bool current, int th) {
  return current ? (f.suppressed ? shown(f.count, true, th, f.secondary) : da_count(f.count))
                 : (f.previous_suppressed ? shown(f.previous, true, th, f.previous_secondary) : da_count(f.previous));
}

std::string change_cell(const Figure& f) {
  if (f.suppressed || f.previous_suppressed) return "";
  const long long d = f.count - f.previous;
  std::string out = (d > 0 ? "+" : d < 0 ? "−" : "±") + da_count(d < 0 ? -d : d);
  const std::string pct = da_change_percent(f.count, f.previous);
  return pct.empty() ? out : out + " (" + pct + ")";
}

// Horizontal bars, this period (dark) over the previous one (light), with the value at the bar's end.
std::string bar_chart(const Table& t, int th, const std::string& now_label, const std::string& before_label,
                      std::size_t max_rows = 12) {
  const std::size_t n = std::min(t.rows.size(), max_rows);
  if (n == 0) return "<p class=\"empty\">Ingen registreringer.</p>";
  long long max = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& f = t.rows[i].figure;
    if (!f.suppressed) max = std::max(max, f.count);
    if (!f.previous_suppressed) max = std::max(max, f.previous);
  }
  const double label_w = 230, bar_w = 380, row_h = 30, top = 22;
  const double h = top + row_h * static_cast<double>(n) + 6;
  std::string svg = "<svg class=\"chart\" viewBox=\"0 0 680 " + num(h) + "\" role=\"img\" aria-label=\"" +
                    html_escape(t.title) + "\">";
  svg += "<rect x=\"" + num(label_w) + "\" y=\"4\" width=\"10\" height=\"10\" class=\"now\"/><text x=\"" +
         num(label_w + 14) + "\" y=\"13\" class=\"legend\">" + html_escape(now_label) + "</text>";
  svg += "<rect x=\"" + num(label_w + 110) + "\" y=\"4\" width=\"10\" height=\"10\" class=\"before\"/><text x=\"" +
         num(label_w + 124) + "\" y=\"13\" class=\"legend\">" + html_escape(before_label) + "</text>";
  for (std::size_t i = 0; i < n; ++i) {
    const auto& r = t.rows[i];
    const double y = top + row_h * static_cast<double>(i);
    std::string label = r.label.size() > 38 ? r.label.substr(0, 36) + "…" : r.label;
    // Never cut inside a UTF-8 sequence.
    if (r.label.size() > 38) {
      std::size_t cut = 36;
      while (cut > 0 && (static_cast<unsigned char>(r.label[cut]) & 0xC0) == 0x80) --cut;
      label = r.label.substr(0, cut) + "…";
    }
    svg += "<text x=\"" + num(label_w - 8) + "\" y=\"" + num(y + 16) + "\" class=\"label\">" + html_escape(label) + "</text>";
    for (const bool current : {true, false}) {
      const bool hidden = current ? r.figure.suppressed : r.figure.previous_suppressed;
      const long long v = current ? r.figure.count : r.figure.previous;
      const double by = y + (current ? 2 : 15);
      const double w = hidden ? 0 : bar_w * static_cast<double>(v) / static_cast<double>(max);
      if (w > 0)
        svg += "<rect x=\"" + num(label_w) + "\" y=\"" + num(by) + "\" width=\"" + num(w) + "\" height=\"12\" class=\"" +
               (current ? "now" : "before") + "\"/>";
      svg += "<text x=\"" + num(label_w + w + 4) + "\" y=\"" + num(by + 10) + "\" class=\"value\">" +
             html_escape(cell(r.figure, current, th)) + "</text>";
    }
  }
  return svg + "</svg>";
}

// Months of this period against the previous one; a hidden month breaks the line.
std::string line_chart(const Table& months, const std::string& now_label, const std::string& before_label) {
  const std::size_t n = months.rows.size();
  if (n == 0) return "<p class=\"empty\">Ingen registreringer.</p>";
  long long max = 1;
  for (const auto& r : months.rows) {
    if (!r.figure.suppressed) max = std::max(max, r.figure.count);
    if (!r.figure.previous_suppressed) max = std::max(max, r.figure.previous);
  }
  // Five grid steps up to at least the largest value.
  const long long step = std::max<long long>(1, (max + 4) / 5);
  const long long top_value = step * 5;
  const double x0 = 50, x1 = 660, y0 = 200, y1 = 20;
  auto px = [&](std::size_t i) { return n == 1 ? (x0 + x1) / 2 : x0 + (x1 - x0) * static_cast<double>(i) / static_cast<double>(n - 1); };
  auto py = [&](long long v) { return y0 - (y0 - y1) * static_cast<double>(v) / static_cast<double>(top_value); };
  std::string svg = "<svg class=\"chart\" viewBox=\"0 0 680 250\" role=\"img\" aria-label=\"" + html_escape(months.title) + "\">";
  for (int g = 0; g <= 5; ++g) {
    const double y = py(step * g);
    svg += "<line x1=\"" + num(x0) + "\" x2=\"" + num(x1) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) + "\" class=\"grid\"/>";
    svg += "<text x=\"" + num(x0 - 6) + "\" y=\"" + num(y + 4) + "\" class=\"label\">" + da_count(step * g) + "</text>";
  }
  for (std::size_t i = 0; i < n; ++i)
    svg += "<text x=\"" + num(px(i)) + "\" y=\"218\" class=\"axis\">" + html_escape(months.rows[i].label.substr(0, 3)) + "</text>";
  for (const bool current : {false, true}) {
    std::string path;
    bool pen = false;
    for (std::size_t i = 0; i < n; ++i) {
      const auto& f = months.rows[i].figure;
      const bool hidden = current ? f.suppressed : f.previous_suppressed;
      if (hidden) {
        pen = false;
        continue;
      }
      const long long v = current ? f.count : f.previous;
      path += (pen ? " L" : " M") + num(px(i)) + " " + num(py(v));
      pen = true;
      svg += "<circle cx=\"" + num(px(i)) + "\" cy=\"" + num(py(v)) + "\" r=\"3\" class=\"" +
             (current ? "now" : "before") + "\"><title>" + html_escape(months.rows[i].label) + ": " + da_count(v) +
             "</title></circle>";
    }
    if (!path.empty())
      svg += "<path d=\"" + path + "\" class=\"line " + (current ? "now" : "before") + "\"/>";
  }
  svg += "<line x1=\"60\" x2=\"80\" y1=\"238\" y2=\"238\" class=\"line now\"/><text x=\"86\" y=\"242\" class=\"legend\">" +
         html_escape(now_label) + "</text>";
  svg += "<line x1=\"200\" x2=\"220\" y1=\"238\" y2=\"238\" class=\"line before\"/><text x=\"226\" y=\"242\" "
         "class=\"legend\">" + html_escape(before_label) + "</text>";
  return svg + "</svg>";
}

std::string table_html(const std::string& title, const std::vector<Row>& rows, int th, const Statistics& s) {
  std::string h = "<table><caption>" + html_escape(title) + "</caption><thead><tr><th></th><th class=\"n\">" +
                  html_escape(s.period_label) + "</th><th class=\"n\">" + html_escape(s.previous_label) +
                  "</th><th class=\"n\">Udvikling</th></tr></thead><tbody>";
  if (rows.empty()) h += "<tr><td colspan=\"4\" class=\"empty\">Ingen.</td></tr>";
  for (const auto& r : rows)
    h += "<tr><td>" + html_escape(r.label) + "</td><td class=\"n\">" + html_escape(cell(r.figure, true, th)) + "</td><td class=\"n\">" +
         html_escape(cell(r.figure, false, th)) + "</td><td class=\"n\">" + html_escape(change_cell(r.figure)) + "</td></tr>";
  return h + "</tbody></table>";
}

std::string paragraphs(const std::string& text) {
  std::string out = "<p>";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
      out += "</p><p>";
      while (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "<br>";
    } else {
      out += html_escape(std::string(1, text[i]));
    }
  }
  return out + "</p>";
}

const Table* find_table(const Statistics& s, const std::string& id) {
  for (const auto& t : s.tables)
    if (t.id == id) return &t;
  return nullptr;
}

constexpr std::string_view k_css = R"CSS(
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1b2a36; margin: 0; font-size: 10.5pt; line-height: 1.4; }
main { max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 2mm; color: #173f5f; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; color: #173f5f; border-bottom: 1.5pt solid #173f5f; padding-bottom: 1mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
.meta { color: #4a5a66; margin: 0 0 4mm; }
.note { background: #eef3f7; border-left: 3pt solid #2e6e9e; padding: 2mm 3mm; margin: 3mm 0; font-size: 9.5pt; }
.toolbar { position: sticky; top: 0; background: #fff; padding: 3mm 0; border-bottom: 1px solid #ccd; margin-bottom: 4mm; }
.toolbar button, .toolbar a { font: inherit; font-size: 11pt; padding: 2mm 4mm; margin-right: 3mm; border: 1px solid #2e6e9e; border-radius: 4px; background: #2e6e9e; color: #fff; text-decoration: none; cursor: pointer; }
.toolbar a { background: #fff; color: #2e6e9e; }
.keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 3mm 0; }
.key { border: 1px solid #c9d4dc; border-radius: 3px; padding: 2.5mm 3mm; break-inside: avoid; }
.key .v { font-size: 16pt; font-weight: bold; color: #173f5f; }
.key .t { font-size: 9pt; color: #4a5a66; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 5mm; break-inside: avoid; font-size: 9.5pt; table-layout: fixed; }
th:first-child, td:first-child { width: 52%; }
caption { text-align: left; font-weight: bold; padding: 1mm 0; }
th, td { border-bottom: 0.5pt solid #c9d4dc; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: #eef3f7; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.empty { color: #6b7a86; font-style: italic; }
svg.chart { width: 100%; height: auto; display: block; margin: 1mm 0 4mm; break-inside: avoid; }
svg .now { fill: #2e6e9e; } svg .before { fill: #a9c4da; }
svg .line { fill: none; stroke-width: 2.2; } svg .line.now { stroke: #2e6e9e; } svg .line.before { stroke: #8fb0c9; stroke-dasharray: 5 4; }
svg .grid { stroke: #dde5eb; stroke-width: 1; }
svg text { font-family: inherit; font-size: 11px; fill: #1b2a36; }
svg .label { text-anchor: end; } svg .axis { text-anchor: middle; } svg .value { font-size: 10px; }
section.dept { break-inside: avoid-page; }
.commentary { border: 1px solid #c9d4dc; border-radius: 3px; padding: 2mm 3mm; margin: 2mm 0; }
.commentary h4 { margin: 0 0 1mm; font-size: 10pt; color: #173f5f; }
.signed { color: #6b7a86; font-size: 8.5pt; }
.pagebreak { break-before: page; }
@media print { .toolbar { display: none; } main { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
)CSS";
constexpr std::string_view k_print_handler = "window.print()";

}  // namespace

std::string da_count(long long n) {
  const bool neg = n < 0;
  std::string digits = std::to_string(neg ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return neg ? "−" + out : out;
}

std::string da_change_percent(long long now, long long before) {
  if (before == 0) return "";
  const double pct = 100.0 * static_cast<double>(now - before) / static_cast<double>(before);
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", std::fabs(pct));
  std::string s = b;
  for (auto& c : s)
    if (c == '.') c = ',';
  return std::string(pct > 0.05 ? "+" : pct < -0.05 ? "−" : "±") + s + " %";
}

std::string_view report_style() { return k_css; }
std::string_view report_print_handler() { return k_print_handler; }

std::string report_html(const Statistics& s, const std::vector<Commentary>& commentary, const ReportOptions& o) {
  const int th = s.suppression_threshold;
  const std::string title = "Magtanvendelse – årsrapport " + s.period_label;
  std::string h = "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>" + html_escape(title) + " – " +
                  html_escape(s.municipality_name) + "</title><meta name=\"viewport\" content=\"width=device-width\"><style>" +
                  std::string(k_css) + "</style></head><body><main>";
  h += "<div class=\"toolbar\"><button id=\"print\" onclick=\"" + std::string(k_print_handler) +
       "\">Udskriv / gem som PDF</button>";
  if (!o.csv_url.empty()) h += "<a id=\"csv\" href=\"" + html_escape(o.csv_url) + "\">Hent alle tabeller som CSV</a>";
  h += "</div>";
  h += "<h1>" + html_escape(title) + "</h1>";
  h += "<p class=\"meta\">" + html_escape(s.municipality_name) + " · " + html_escape(s.unit_label) + " · sammenlignet med " +
       html_escape(s.previous_label) + (o.generated_at.empty() ? "" : " · udarbejdet " + html_escape(o.generated_at)) + "</p>";
  if (s.pseudonymised)
    h += "<p class=\"note\">Tallene er pseudonymiserede: rapporten nævner ingen borger ved navn eller CPR-nummer. "
         "Antal under " + std::to_string(th) + " vises som »&lt; " + std::to_string(th) +
         "«. Et tal, der ellers kunne regnes ud fra en total og de øvrige tal, vises som »–«.</p>";
  h += "<p class=\"note\">Tal alene kan give et misvisende billede: antallet af magtanvendelser hænger ofte tæt sammen "
       "med enkelte borgere eller typer af tilbud. Læs derfor driftsafdelingernes kommentarer sammen med tallene.</p>";

  // [SECTION] key figures
  h += "<h2>Hovedtal</h2><div class=\"keys\">";
  auto key = [&](const std::string& text, const Figure& f) {
    h += "<div class=\"key\"><div class=\"v\">" + html_escape(cell(f, true, th)) + "</div><div class=\"t\">" + html_escape(text) +
         "</div><div class=\"t\">" + html_escape(s.previous_label) + ": " + html_escape(cell(f, false, th)) +
         (change_cell(f).empty() ? "" : " · " + html_escape(change_cell(f))) + "</div></div>";
  };
  key("Registrerede magtanvendelser", s.registrations);
  key("Forhåndsgodkendelige indgreb registreret som akutte", s.preapprovable_as_acute);
  key("Registreret for sent (efter fristen)", s.late_registrations);
  key("Flytninger uden samtykke", s.moves);
  key("Klager modtaget", s.complaints);
  {
    const bool hide = s.pseudonymised && s.citizens > 0 && s.citizens < th;
    h += "<div class=\"key\"><div class=\"v\">";
    if (hide || s.citizens == 0) {
      h += "–";
    } else {
      char b[16];
      std::snprintf(b, sizeof b, "%.0f %%", s.top_share * 100.0);
      h += b;
    }
    h += "</div><div class=\"t\">af registreringerne vedrører de " +
         (hide ? std::string("borgere") : da_count(s.top_citizens) + " borgere") + " med flest (" +
         (hide ? "for få borgere til at vise" : "10 % af " + da_count(s.citizens) + " borgere") + ")</div></div>";
  }
  h += "</div>";

  // [SECTION] charts
  if (const Table* months = find_table(s, "month")) {
    h += "<h2>Udvikling måned for måned</h2>";
    h += line_chart(*months, s.period_label, s.previous_label);
  }
  if (const Table* t = find_table(s, "department")) {
    h += "<h2>Driftsafdelinger</h2>" + bar_chart(*t, th, s.period_label, s.previous_label);
  }
  if (const Table* t = find_table(s, "basis")) {
    h += "<h3>Hjemmel (de hyppigste)</h3>" + bar_chart(*t, th, s.period_label, s.previous_label, 8);
  }

  // [SECTION] per department
  h += "<h2 class=\"pagebreak\">Driftsafdelingernes kommentarer</h2>";
  const Table* depts = find_table(s, "department");
  const Table* insts = find_table(s, "institution");
  std::vector<std::string> names;
  for (const auto& u : s.units)
    if (std::find(names.begin(), names.end(), u.department) == names.end() &&
        (s.department.empty() || u.department == s.department) &&
        (s.institution_id.empty() || u.institution_id == s.institution_id))
      names.push_back(u.department);
  for (const auto& d : names) {
    h += "<section class=\"dept\"><h3>" + html_escape(d) + "</h3>";
    std::vector<Row> rows;
    if (depts)
      for (const auto& r : depts->rows)
        if (r.key == d) rows.push_back(r);
    if (insts)
      for (const auto& r : insts->rows)
        for (const auto& u : s.units)
          if (u.institution_id == r.key && u.department == d) rows.push_back({r.key, "– " + r.label, r.figure});
    if (!rows.empty()) {
      rows.front().label = "Driftsafdelingen i alt";
      h += table_html("Registreringer", rows, th, s);
    }
    const Commentary* c = nullptr;
    for (const auto& x : commentary)
      if (x.department == d) c = &x;
    h += "<div class=\"commentary\"><h4>Kommentar til omfang og udvikling</h4>";
    h += c && !c->commentary.empty() ? paragraphs(c->commentary) : "<p class=\"empty\">Ingen kommentar er skrevet endnu.</p>";
    h += "</div><div class=\"commentary\"><h4>Positive eksempler</h4>";
    h += c && !c->positive_examples.empty() ? paragraphs(c->positive_examples)
                                            : "<p class=\"empty\">Ingen eksempler er skrevet endnu.</p>";
    h += "</div>";
    if (c)
      h += "<p class=\"signed\">Skrevet af " + html_escape(c->updated_by_name.empty() ? c->updated_by : c->updated_by_name) +
           " (" + html_escape(c->updated_at.substr(0, 10).size() == 10 ? c->updated_at.substr(8, 2) + "." + c->updated_at.substr(5, 2) +
                                                                     "." + c->updated_at.substr(0, 4)
                                                               : c->updated_at) + ")</p>";
    h += "</section>";
  }

  // [SECTION] tables
  h += "<h2 class=\"pagebreak\">Tabeller</h2>";
  h += table_html("I alt", {{"registrations", "Registreringer", s.registrations}}, th, s);
  for (const auto& t : s.tables) h += table_html(t.title, t.rows, th, s);
  h += table_html("Særlige forhold",
                  {{"preapprovable_as_acute", "Forhåndsgodkendelige indgreb registreret som akutte", s.preapprovable_as_acute},
                   {"late_registrations", "Registreret for sent (efter fristen)", s.late_registrations},
                   {"moves", "Flytninger uden samtykke", s.moves}},
                  th, s);
  std::vector<Row> complaints{{"complaints", "Klager i alt", s.complaints}};
  for (const auto& r : s.complaints_by_status) complaints.push_back({r.key, "– " + r.label, r.figure});
  h += table_html("Klager efter status", complaints, th, s);
  h += "</main></body></html>";
  return h;
}

}  // namespace magtreg::core::stats
