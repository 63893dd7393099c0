// The statistics screen's data: the figures as the server publishes them (core::stats::Published…), the
// year's commentary per operating department, and the requests behind them (GET …/stats,
// …/stats/commentary, PUT of a commentary, the printable report's link), through shell/api.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/stats/published.hpp"
#include "shell/api.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

using StatsFilter = api::StatsFilter;
using StatsFigure = core::stats::PublishedFigure;
using StatsRow = core::stats::PublishedRow;
using StatsTable = core::stats::PublishedTable;
using StatsUnit = core::stats::Unit;
using DepartmentCommentary = core::stats::PublishedCommentary;

// The published figures with the screen's request state beside them.
struct StatsData : core::stats::PublishedStatistics {
  // [SECTION] request state
  bool loading = false;
  bool loaded = false;
  std::string error;                // Danish
  StatsFilter filter;               // what was asked for (and is shown once loaded)
  // [SECTION] the year's commentary
  int commentary_year = 0;
  std::vector<std::string> departments, writable;
  std::map<std::string, DepartmentCommentary> commentary;
  std::string commentary_error, commentary_note;
  // [SECTION] report links
  bool report_busy = false;
  std::string report_error;
};

// Asks the server; answers arrive through tick(). One request of each kind at a time; a newer load replaces
// an older one (its late answer is ignored).
class StatsClient {
 public:
  void load(const StatsFilter& f, PlatformRequests& requests, const std::string& token);
  void load_commentary(int year, PlatformRequests& requests, const std::string& token);
  void save_commentary(int year, const std::string& department, const std::string& commentary,
                       const std::string& positive_examples, PlatformRequests& requests, const std::string& token);
  // Asks for a report link and opens it (the report page, or its CSV) in a new window.
  void open_report(const StatsFilter& f, bool csv, PlatformRequests& requests, const std::string& token);
  // Handles finished exchanges; true when data() changed.
  bool tick(const PlatformState& platform, PlatformRequests& requests);
  const StatsData& data() const { return m_data; }
  void reset() { *this = StatsClient{}; }

 private:
  StatsData m_data;
  std::uint64_t m_load = 0, m_commentary = 0, m_save = 0, m_link = 0;
  bool m_link_csv = false;
};

// Danish number formats for the screen: 12.345; "+12,5 %" (empty when there is nothing to compare with).
std::string da_int(long long n);
std::string da_change(const StatsFigure& f);

}  // namespace magtreg::shell
