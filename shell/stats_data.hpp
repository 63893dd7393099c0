// The statistics screen's data as the server sent it (GET /api/v1/stats, /api/v1/stats/commentary), parsed
// once into plain structs the view draws from; and the client that asks for it and for report links.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shell/platform.hpp"

namespace magtreg::shell {

struct StatsFigure {
  std::optional<long long> count, previous;  // empty when hidden
  std::string shown, previous_shown;         // "12", "< 5", "–"
};

struct StatsRow {
  std::string key, label;
  StatsFigure figure;
};

struct StatsTable {
  std::string id, title;
  std::vector<StatsRow> rows;
};

struct StatsUnit {
  std::string id, name, department;
};

struct StatsFilter {
  int year = 0;
  int quarter = 0;  // 0 = the whole year
  std::string department, institution;
  bool operator==(const StatsFilter&) const = default;
};

struct DepartmentCommentary {
  std::string commentary, positive_examples, updated_by, updated_at;
};

struct StatsData {
  // [SECTION] request state
  bool loading = false;
  bool loaded = false;
  std::string error;                // Danish
  StatsFilter filter;               // what was asked for (and is shown once loaded)
  // [SECTION] figures
  std::string municipality, period_label, previous_label, unit_label;
  bool pseudonymised = true;
  int threshold = 0;
  StatsFigure registrations, preapprovable_as_acute, late_registrations, moves, complaints;
  std::optional<long long> citizens, top_citizens;
  std::optional<double> top_share;
  std::vector<StatsTable> tables;
  std::vector<StatsRow> complaints_by_status;
  std::vector<StatsUnit> units;
  // [SECTION] the year's commentary
  int commentary_year = 0;
  std::vector<std::string> departments, writable;
  std::map<std::string, DepartmentCommentary> commentary;
  std::string commentary_error, commentary_note;
  // [SECTION] report links
  bool report_busy = false;
  std::string report_error;

  const StatsTable* table(const std::string& id) const {
    for (const auto& t : tables)
      if (t.id == id) return &t;
    return nullptr;
  }
};

// Parses an answer of GET /api/v1/stats into `out` (figures only). False with a Danish reason if malformed.
bool parse_stats(const std::string& body, StatsData& out, std::string& error);

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
