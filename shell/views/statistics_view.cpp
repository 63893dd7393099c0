// The statistics screen.
#include "shell/views/statistics_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdlib>

#include "shell/app.hpp"
#include "shell/charts.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {

std::vector<ChartItem> items_of(const StatsTable& t, std::size_t max_rows = 100) {
  std::vector<ChartItem> out;
  for (const auto& r : t.rows) {
    if (out.size() >= max_rows) break;
    out.push_back({r.label, r.figure.count, r.figure.previous, r.figure.shown, r.figure.previous_shown});
  }
  return out;
}

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::PushFont(fonts().title);
  ImGui::TextWrapped("%s", text);
  ImGui::PopFont();
}

// A key figure as a card: the number, what it is, the previous period and the change.
void card(const char* title, const StatsFigure& f, const StatsData& d, float width, const char* test_id) {
  ImGui::BeginGroup();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + width, p.y + 104), IM_COL32(255, 255, 255, 255), 6.0f);
  ImGui::GetWindowDrawList()->AddRect(p, ImVec2(p.x + width, p.y + 104), IM_COL32(200, 212, 222, 255), 6.0f);
  ImGui::SetCursorScreenPos(ImVec2(p.x + 10, p.y + 6));
  ImGui::PushFont(fonts().title);
  const std::string value = f.count ? da_int(*f.count) : f.shown;
  ImGui::TextUnformatted(value.c_str());
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(ImVec2(p.x + 10, ImGui::GetCursorScreenPos().y));
  ImGui::PushTextWrapPos(p.x + width - 8);
  ImGui::TextUnformatted(title);
  const std::string prev = d.previous_label + ": " + (f.previous ? da_int(*f.previous) : f.previous_shown) +
                           (da_change(f).empty() ? "" : "   " + da_change(f));
  ImGui::SetCursorScreenPos(ImVec2(p.x + 10, ImGui::GetCursorScreenPos().y));
  ImGui::TextDisabled("%s", prev.c_str());
  ImGui::PopTextWrapPos();
  ImGui::SetCursorScreenPos(p);
  ImGui::Dummy(ImVec2(width, 104));
  ImGui::EndGroup();
  MAGTREG_HOOK_ITEM(test_id);
  MAGTREG_HOOK_FACT(test_id, value);
}

void figures_table(const char* id, const std::string& title, const std::vector<StatsRow>& rows, const StatsData& d) {
  ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopFont();
  if (rows.empty()) {
    ImGui::TextDisabled("Ingen registreringer i perioden.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable(id, 4, flags)) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(d.period_label.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(d.previous_label.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Udvikling", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableHeadersRow();
    for (const auto& r : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", r.label.c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", (r.figure.count ? da_int(*r.figure.count) : r.figure.shown).c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", (r.figure.previous ? da_int(*r.figure.previous) : r.figure.previous_shown).c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", da_change(r.figure).c_str());
    }
    ImGui::EndTable();
  }
}

}  // namespace

void StatisticsView::draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##statistics", top);
  MAGTREG_HOOK_FACT("screen", "statistics");
  const StatsData& d = model.stats;
  const int this_year = platform.today.size() >= 4 ? std::atoi(platform.today.substr(0, 4).c_str()) : 2025;
  // This year so far (issue 30 item 10: in December last year was shown first); in January the year
  // that has just ended, whose yearly report is then being written.
  const int this_month = platform.today.size() >= 7 ? std::atoi(platform.today.substr(5, 2).c_str()) : 1;
  if (m_year == 0) m_year = this_month == 1 ? this_year - 1 : this_year;

  ImGui::PushFont(fonts().title);
  ImGui::TextWrapped("Statistik over magtanvendelse");
  ImGui::PopFont();
  ImGui::TextWrapped("%s. Tallene er pseudonymiserede: ingen navne eller CPR-numre.",
                     d.municipality.empty() ? "Kommunen" : d.municipality.c_str());

  // [SECTION] filters
  StatsFilter wanted{m_year, m_quarter, m_department, m_institution};
  ImGui::SetNextItemWidth(130);
  const std::string year_text = std::to_string(m_year);
  if (ImGui::BeginCombo("År", year_text.c_str(), ImGuiComboFlags_HeightLargest)) {
    for (int y = this_year; y >= this_year - 6; --y) {
      if (ImGui::Selectable(std::to_string(y).c_str(), y == m_year, 0, ImVec2(0, 36))) m_year = y;
      MAGTREG_HOOK_ITEM("stats.year." + std::to_string(y));
    }
    ImGui::EndCombo();
  }
  MAGTREG_HOOK_ITEM("stats.year");
  // A combo beside the last where it and its label fit, else on the next line (a phone).
  auto beside = [](float combo_width, const char* label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    if (fits_on_line(24 - style.ItemSpacing.x + combo_width + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x))
      ImGui::SameLine(0, 24);
  };
  beside(170, "Periode");
  static const char* k_periods[] = {"Hele året", "1. kvartal", "2. kvartal", "3. kvartal", "4. kvartal"};
  ImGui::SetNextItemWidth(170);
  if (ImGui::BeginCombo("Periode", k_periods[m_quarter], ImGuiComboFlags_HeightLargest)) {
    for (int q = 0; q <= 4; ++q) {
      if (ImGui::Selectable(k_periods[q], q == m_quarter, 0, ImVec2(0, 36))) m_quarter = q;
      MAGTREG_HOOK_ITEM("stats.quarter." + std::to_string(q));
    }
    ImGui::EndCombo();
  }
  MAGTREG_HOOK_ITEM("stats.quarter");
  beside(220, "Enhed");
  std::string unit_text = "Hele kommunen";
  for (const auto& u : d.units)
    if (!m_institution.empty() && u.institution_id == m_institution) unit_text = u.name;
  if (m_institution.empty() && !m_department.empty()) unit_text = m_department;
  ImGui::SetNextItemWidth(std::max(220.0f, std::min(420.0f, ImGui::GetContentRegionAvail().x - 80)));
  if (ImGui::BeginCombo("Enhed", unit_text.c_str(), ImGuiComboFlags_HeightLargest)) {
    if (ImGui::Selectable("Hele kommunen", m_department.empty() && m_institution.empty(), 0, ImVec2(0, 36))) {
      m_department.clear();
      m_institution.clear();
    }
    MAGTREG_HOOK_ITEM("stats.unit.all");
    std::string last;
    for (const auto& u : d.units) {
      if (u.department != last) {
        last = u.department;
        ImGui::PushFont(fonts().bold);
        if (ImGui::Selectable(("Driftsafdeling: " + u.department).c_str(),
                              m_institution.empty() && m_department == u.department, 0, ImVec2(0, 36))) {
          m_department = u.department;
          m_institution.clear();
        }
        ImGui::PopFont();
        MAGTREG_HOOK_ITEM("stats.unit.dept." + u.department);
      }
      if (ImGui::Selectable(("    " + u.name).c_str(), m_institution == u.institution_id, 0, ImVec2(0, 36))) {
        m_institution = u.institution_id;
        m_department = u.department;
      }
      MAGTREG_HOOK_ITEM("stats.unit.inst." + u.name);
    }
    ImGui::EndCombo();
  }
  MAGTREG_HOOK_ITEM("stats.unit");
  wanted = {m_year, m_quarter, m_department, m_institution};
  // Load when the filter changes (and the first time); never while a load is under way.
  if (!d.loading && (!(d.filter == wanted) || (!d.loaded && d.error.empty())))
    out.push_back(LoadStatistics{wanted});

  if (big_button("Opdatér")) out.push_back(LoadStatistics{wanted});
  MAGTREG_HOOK_ITEM("stats.reload");
  ImGui::BeginDisabled(d.report_busy);
  const std::string report_label = "Åbn årsrapport " + std::to_string(m_year) + " (udskriv)";
  same_line_if_fits(button_width(report_label.c_str()));
  if (big_button(report_label.c_str())) out.push_back(OpenStatisticsReport{wanted, false});
  MAGTREG_HOOK_ITEM("stats.report");
  same_line_if_fits(button_width("Hent tabeller som CSV"));
  if (big_button("Hent tabeller som CSV")) out.push_back(OpenStatisticsReport{wanted, true});
  MAGTREG_HOOK_ITEM("stats.csv");
  ImGui::EndDisabled();
  if (!d.report_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.7f, 0.1f, 0.1f, 1));
    ImGui::TextWrapped("%s", d.report_error.c_str());
    ImGui::PopStyleColor();
  }

  const char* state = d.loading ? "loading" : !d.error.empty() ? "error" : d.loaded ? "loaded" : "idle";
  MAGTREG_HOOK_FACT("stats_state", state);
  if (!d.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.7f, 0.1f, 0.1f, 1));
    ImGui::TextWrapped("%s", d.error.c_str());
    ImGui::PopStyleColor();
    MAGTREG_HOOK_FACT("stats_error", d.error);
  }
  if (platform.online == Tristate::No) ImGui::TextWrapped("Du er offline. Statistik hentes fra serveren, når der er forbindelse.");
  if (!d.loaded) {
    if (d.loading) ImGui::TextUnformatted("Henter statistik …");
    ImGui::End();
    return;
  }
  if (d.loading) ImGui::TextDisabled("Opdaterer …");
  MAGTREG_HOOK_FACT("stats_period", d.period_label);
  MAGTREG_HOOK_FACT("stats_unit", d.unit_label);
  MAGTREG_HOOK_FACT("stats_registrations", d.registrations.shown);

  ImGui::Separator();
  ImGui::PushFont(fonts().bold);
  ImGui::TextWrapped("%s – %s, sammenlignet med %s", d.period_label.c_str(), d.unit_label.c_str(),
                     d.previous_label.c_str());
  ImGui::PopFont();
  if (d.pseudonymised)
    ImGui::TextWrapped("Antal under %d vises som »< %d«. »–« skjuler et tal, der ellers kunne regnes ud fra en total "
                       "og de øvrige tal. Skjulte tal tegnes ikke i graferne.",
                       d.threshold, d.threshold);

  // [SECTION] key figures
  const float avail = ImGui::GetContentRegionAvail().x;
  const int per_row = avail > 900 ? 3 : avail > 560 ? 2 : 1;
  const float w = (avail - 12.0f * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
  int n = 0;
  auto next = [&] {
    if (++n % per_row != 0) ImGui::SameLine(0, 12);
  };
  card("Registrerede magtanvendelser", d.registrations, d, w, "stats.card.registrations");
  next();
  card("Forhåndsgodkendelige indgreb registreret som akutte", d.preapprovable_as_acute, d, w, "stats.card.preapprovable");
  next();
  card("Registreret for sent (efter fristen)", d.late_registrations, d, w, "stats.card.late");
  next();
  card("Flytninger uden samtykke", d.moves, d, w, "stats.card.moves");
  next();
  card("Klager modtaget", d.complaints, d, w, "stats.card.complaints");
  next();
  {
    StatsFigure share;
    share.shown = d.top_share ? std::to_string(static_cast<int>(*d.top_share * 100.0 + 0.5)) + " %" : "–";
    share.previous_shown = "–";
    const std::string t = d.top_share && d.top_citizens && d.citizens
                              ? "af registreringerne vedrører de " + da_int(*d.top_citizens) + " af " +
                                    da_int(*d.citizens) + " borgere med flest"
                              : "Andel på borgerne med flest (for få borgere til at vise)";
    card(t.c_str(), share, d, w, "stats.card.concentration");
  }
  ImGui::NewLine();

  // [SECTION] charts
  const ChartLegend legend{d.period_label, d.previous_label};
  if (const StatsTable* months = d.table("month")) {
    heading(d.filter.quarter ? "Måned for måned mod kvartalet før" : "Måned for måned mod året før");
    line_chart("months", items_of(*months), legend, selection("months"), "stats.chart.months");
  }
  const bool one_institution = !d.filter.institution.empty();
  const bool one_department = !one_institution && !d.filter.department.empty();
  if (!one_institution) {
    const StatsTable* t = d.table(one_department ? "institution" : "department");
    if (t) {
      heading(one_department ? "Tilbud" : "Driftsafdelinger");
      bar_chart("units", items_of(*t), legend, selection("units"), "stats.chart.units");
    }
  }
  if (const StatsTable* t = d.table("basis")) {
    heading("Hjemmel (de hyppigste)");
    bar_chart("basis", items_of(*t, 8), legend, selection("basis"), "stats.chart.basis");
  }
  if (const StatsTable* t = d.table("target_group")) {
    heading("Målgruppe");
    bar_chart("groups", items_of(*t), legend, selection("groups"), "stats.chart.groups");
  }

  // [SECTION] tables
  heading("Tabeller");
  figures_table("##total", "I alt", {{"registrations", "Registreringer", d.registrations}}, d);
  for (const auto& t : d.tables) figures_table(("##t" + t.id).c_str(), t.title, t.rows, d);
  figures_table("##special", "Særlige forhold",
                {{"a", "Forhåndsgodkendelige indgreb registreret som akutte", d.preapprovable_as_acute},
                 {"b", "Registreret for sent (efter fristen)", d.late_registrations},
                 {"c", "Flytninger uden samtykke", d.moves}},
                d);
  std::vector<StatsRow> complaints{{"complaints", "Klager i alt", d.complaints}};
  for (const auto& r : d.complaints_by_status) complaints.push_back({r.key, "  " + r.label, r.figure});
  figures_table("##complaints", "Klager efter status", complaints, d);

  // [SECTION] commentary
  const std::string ctitle = "Driftsafdelingernes kommentarer til årsrapporten " + std::to_string(d.filter.year);
  heading(ctitle.c_str());
  ImGui::TextWrapped("Tal alene kan give et misvisende billede. Skriv om omfang og udvikling og om eksempler på, "
                     "at det er lykkedes at begrænse magtanvendelse. Kommentarerne kommer med i årsrapporten.");
  if (!d.commentary_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.7f, 0.1f, 0.1f, 1));
    ImGui::TextWrapped("%s", d.commentary_error.c_str());
    ImGui::PopStyleColor();
  }
  if (!d.commentary_note.empty()) ImGui::TextWrapped("%s", d.commentary_note.c_str());
  MAGTREG_HOOK_FACT("stats_commentary_note", d.commentary_note);
  for (const auto& dept : d.departments) {
    if (!d.filter.department.empty() && dept != d.filter.department) continue;
    ImGui::PushID(dept.c_str());
    ImGui::PushFont(fonts().bold);
    ImGui::TextWrapped("%s", dept.c_str());
    ImGui::PopFont();
    const auto saved = d.commentary.find(dept);
    const DepartmentCommentary empty;
    const DepartmentCommentary& c = saved == d.commentary.end() ? empty : saved->second;
    const bool writable = std::find(d.writable.begin(), d.writable.end(), dept) != d.writable.end();
    if (writable) {
      Draft& draft = m_drafts[dept];
      if (!draft.started || draft.base_commentary != c.commentary || draft.base_examples != c.positive_examples) {
        const bool untouched = draft.commentary == draft.base_commentary && draft.positive_examples == draft.base_examples;
        if (!draft.started || untouched) {
          draft.commentary = c.commentary;
          draft.positive_examples = c.positive_examples;
        }
        draft.started = true;
        draft.base_commentary = c.commentary;
        draft.base_examples = c.positive_examples;
      }
      const float tw = ImGui::GetContentRegionAvail().x;
      ImGui::TextUnformatted("Kommentar til omfang og udvikling");
      text_area("##commentary", &draft.commentary, tw, 110);
      MAGTREG_HOOK_ITEM("stats.commentary." + dept);
      ImGui::TextUnformatted("Positive eksempler");
      text_area("##examples", &draft.positive_examples, tw, 90);
      MAGTREG_HOOK_ITEM("stats.examples." + dept);
      if (big_button("Gem kommentar"))
        out.push_back(SaveStatisticsCommentary{d.filter.year, dept, draft.commentary, draft.positive_examples});
      MAGTREG_HOOK_ITEM("stats.commentary_save." + dept);
    } else {
      ImGui::TextWrapped("%s", c.commentary.empty() ? "Ingen kommentar er skrevet endnu." : c.commentary.c_str());
      if (!c.positive_examples.empty()) ImGui::TextWrapped("Positive eksempler: %s", c.positive_examples.c_str());
    }
    if (!c.updated_by.empty())
      wrapped_text(ImGui::GetStyle().Colors[ImGuiCol_TextDisabled],
                   "Senest gemt af " + c.updated_by + " den " + da_date(c.updated_at.substr(0, 10)));
    ImGui::Spacing();
    ImGui::PopID();
  }
  ImGui::End();
}

}  // namespace magtreg::shell
