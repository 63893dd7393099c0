// Statistics for management (issue #7): filters by period and unit, key figures, a line chart of the
// months against the previous period, bar charts and every table, all pseudonymised as the server sends
// them; the year's commentary per operating department (editable where the role may write it); links to
// the printable yearly report and the CSV of every table.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class StatisticsView {
 public:
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);

 private:
  // A department's commentary being edited; `base_*` is the saved text it started from, so a newer saved
  // text replaces the draft only while the user has not changed it.
  struct Draft {
    bool started = false;
    std::string commentary, positive_examples, base_commentary, base_examples;
  };
  int m_year = 0;        // 0 = not chosen yet (the previous full year)
  int m_quarter = 0;
  std::string m_department, m_institution;
  std::map<std::string, int> m_selected;  // tapped bar/point per chart
  int& selection(const std::string& chart) { return m_selected.try_emplace(chart, -1).first->second; }
  std::map<std::string, Draft> m_drafts;  // per department
};

}  // namespace magtreg::shell
