// The monthly report (indberetning). Leader: institution and month, the forms not yet reported and who
// receives them, "Opret indberetning", then per recipient "Udskriv" and "Markér som sendt".
// Committee: a month's reports of the municipality and, for an opened report, a review note per case.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "shell/commands.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct AppModel;

class ReportView {
 public:
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);

 private:
  std::map<std::string, std::string> m_review_text;  // case id -> remarks being typed
};

}  // namespace magtreg::shell
