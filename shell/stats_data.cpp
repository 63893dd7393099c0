// Parsing the statistics answers (no exceptions: every member is checked before it is read) and the
// requests behind the statistics screen.
#include "shell/stats_data.hpp"

#include "core/util/json_text.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace magtreg::shell {
namespace {

using nlohmann::json;

const json* member(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::string text(const json& j, const char* key) {
  const json* m = member(j, key);
  return m && m->is_string() ? m->get<std::string>() : std::string();
}

std::optional<long long> integer(const json& j, const char* key) {
  const json* m = member(j, key);
  if (m && m->is_number_integer()) return m->get<long long>();
  return std::nullopt;
}

StatsFigure figure(const json& j) {
  return {integer(j, "count"), integer(j, "previous"), text(j, "shown"), text(j, "previous_shown")};
}

std::vector<StatsRow> rows(const json* a) {
  std::vector<StatsRow> out;
  if (!a || !a->is_array()) return out;
  for (const auto& r : *a) out.push_back({text(r, "key"), text(r, "label"), figure(r)});
  return out;
}

std::string error_message(const HttpResponse& r, const char* fallback) {
  if (r.status == 0) return "Serveren kan ikke nås. Statistik kræver forbindelse.";
  json j = core::parse_json_or_discarded(r.body);
  const json* e = member(j, "error");
  std::string m = e ? text(*e, "message") : std::string();
  if (r.status == 401) return "Din session er udløbet. Log ud og ind igen for at se statistik.";
  return m.empty() ? std::string(fallback) + " (HTTP " + std::to_string(r.status) + ")." : m;
}

// Percent-encoding for query values (department names hold spaces and æ ø å).
std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char b[4];
      std::snprintf(b, sizeof b, "%%%02X", c);
      out += b;
    }
  }
  return out;
}

}  // namespace

bool parse_stats(const std::string& body, StatsData& out, std::string& error) {
  json j = core::parse_json_or_discarded(body);
  const json* period = member(j, "period");
  const json* tables = member(j, "tables");
  if (j.is_discarded() || !period || !tables || !tables->is_array()) {
    error = "Serverens svar kunne ikke læses.";
    return false;
  }
  out.municipality = text(j, "municipality");
  out.period_label = text(*period, "label");
  out.previous_label = text(*period, "previous_label");
  const json* unit = member(j, "unit");
  out.unit_label = unit ? text(*unit, "label") : std::string();
  const json* p = member(j, "pseudonymised");
  out.pseudonymised = !p || !p->is_boolean() || p->get<bool>();
  out.threshold = static_cast<int>(integer(j, "suppression_threshold").value_or(0));
  for (auto [key, f] : {std::pair{"registrations", &out.registrations},
                        std::pair{"preapprovable_as_acute", &out.preapprovable_as_acute},
                        std::pair{"late_registrations", &out.late_registrations}, std::pair{"moves", &out.moves},
                        std::pair{"complaints", &out.complaints}}) {
    const json* m = member(j, key);
    *f = m ? figure(*m) : StatsFigure{};
  }
  out.citizens.reset();
  out.top_citizens.reset();
  out.top_share.reset();
  if (const json* c = member(j, "concentration")) {
    out.citizens = integer(*c, "citizens");
    out.top_citizens = integer(*c, "top_citizens");
    const json* s = member(*c, "top_share");
    if (s && s->is_number()) out.top_share = s->get<double>();
  }
  out.tables.clear();
  for (const auto& t : *tables) out.tables.push_back({text(t, "id"), text(t, "title"), rows(member(t, "rows"))});
  out.complaints_by_status = rows(member(j, "complaints_by_status"));
  out.units.clear();
  if (const json* us = member(j, "units"); us && us->is_array())
    for (const auto& u : *us) out.units.push_back({text(u, "id"), text(u, "name"), text(u, "department")});
  return true;
}

void StatsClient::load(const StatsFilter& f, PlatformRequests& requests, const std::string& token) {
  std::string path = "/api/v1/stats?year=" + std::to_string(f.year);
  if (f.quarter) path += "&quarter=" + std::to_string(f.quarter);
  if (!f.institution.empty()) path += "&institution=" + url_encode(f.institution);
  else if (!f.department.empty()) path += "&department=" + url_encode(f.department);
  m_data.filter = f;
  m_data.loading = true;
  m_data.error.clear();
  m_load = requests.http({"GET", path, "", token});
  if (m_data.commentary_year != f.year) load_commentary(f.year, requests, token);
}

void StatsClient::load_commentary(int year, PlatformRequests& requests, const std::string& token) {
  m_data.commentary_year = year;
  m_data.commentary_error.clear();
  m_commentary = requests.http({"GET", "/api/v1/stats/commentary?year=" + std::to_string(year), "", token});
}

void StatsClient::save_commentary(int year, const std::string& department, const std::string& commentary,
                                  const std::string& positive_examples, PlatformRequests& requests,
                                  const std::string& token) {
  json body = {{"year", year}, {"department", department}, {"commentary", commentary},
               {"positive_examples", positive_examples}};
  m_data.commentary_note = "Gemmer kommentaren for " + department + " …";
  m_data.commentary_error.clear();
  m_save = requests.http({"PUT", "/api/v1/stats/commentary", body.dump(), token});
}

void StatsClient::open_report(const StatsFilter& f, bool csv, PlatformRequests& requests, const std::string& token) {
  json body = {{"year", f.year}};
  if (!f.institution.empty()) body["institution"] = f.institution;
  else if (!f.department.empty()) body["department"] = f.department;
  m_data.report_busy = true;
  m_data.report_error.clear();
  m_link_csv = csv;
  m_link = requests.http({"POST", "/api/v1/stats/report-link", body.dump(), token});
}

bool StatsClient::tick(const PlatformState& platform, PlatformRequests& requests) {
  bool changed = false;
  for (const auto& r : platform.http_done) {
    if (m_load && r.id == m_load) {
      m_load = 0;
      m_data.loading = false;
      changed = true;
      std::string error;
      if (r.status != 200) {
        m_data.error = error_message(r, "Statistikken kunne ikke hentes");
      } else if (!parse_stats(r.body, m_data, error)) {
        m_data.error = error;
      } else {
        m_data.loaded = true;
      }
    } else if (m_commentary && r.id == m_commentary) {
      m_commentary = 0;
      changed = true;
      json j = core::parse_json_or_discarded(r.body);
      if (r.status != 200 || !j.is_object()) {
        m_data.commentary_error = error_message(r, "Kommentarerne kunne ikke hentes");
        continue;
      }
      m_data.departments.clear();
      m_data.writable.clear();
      m_data.commentary.clear();
      if (const json* d = member(j, "departments"); d && d->is_array())
        for (const auto& x : *d)
          if (x.is_string()) m_data.departments.push_back(x.get<std::string>());
      if (const json* w = member(j, "writable"); w && w->is_array())
        for (const auto& x : *w)
          if (x.is_string()) m_data.writable.push_back(x.get<std::string>());
      if (const json* c = member(j, "commentary"); c && c->is_array())
        for (const auto& x : *c)
          m_data.commentary[text(x, "department")] = {text(x, "commentary"), text(x, "positive_examples"),
                                                      text(x, "updated_by"), text(x, "updated_at")};
    } else if (m_save && r.id == m_save) {
      m_save = 0;
      changed = true;
      json j = core::parse_json_or_discarded(r.body);
      const json* c = member(j, "commentary");
      if (r.status != 200 || !c) {
        m_data.commentary_note.clear();
        m_data.commentary_error = error_message(r, "Kommentaren kunne ikke gemmes");
        continue;
      }
      const std::string dept = text(*c, "department");
      m_data.commentary[dept] = {text(*c, "commentary"), text(*c, "positive_examples"), text(*c, "updated_by"),
                                 text(*c, "updated_at")};
      m_data.commentary_note = "Kommentaren for " + dept + " er gemt.";
    } else if (m_link && r.id == m_link) {
      m_link = 0;
      m_data.report_busy = false;
      changed = true;
      json j = core::parse_json_or_discarded(r.body);
      const std::string url = text(j, m_link_csv ? "csv_url" : "url");
      if (r.status != 200 || url.empty()) {
        m_data.report_error = error_message(r, "Rapporten kunne ikke åbnes");
        continue;
      }
      requests.open_url(url);
    }
  }
  return changed;
}

std::string da_int(long long n) {
  const bool neg = n < 0;
  std::string digits = std::to_string(neg ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return neg ? "-" + out : out;
}

std::string da_change(const StatsFigure& f) {
  if (!f.count || !f.previous) return "";
  const long long d = *f.count - *f.previous;
  std::string out = (d > 0 ? "+" : "") + da_int(d);
  if (*f.previous > 0) {
    char b[32];
    std::snprintf(b, sizeof b, "%+.1f", 100.0 * static_cast<double>(d) / static_cast<double>(*f.previous));
    std::string pct = b;
    for (auto& c : pct)
      if (c == '.') c = ',';
    out += " (" + pct + " %)";
  }
  return out;
}

}  // namespace magtreg::shell
