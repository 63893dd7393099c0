// The statistics client: requests and answers through shell/api.
#include "shell/clients/stats_client.hpp"

#include <cstdio>

namespace magtreg::shell {
namespace {

std::string error_message(const HttpResponse& r, const char* what) {
  if (r.status == 401) return "Din session er udløbet. Log ud og ind igen for at se statistik.";
  if (api::unreachable(r)) return "Serveren kan ikke nås. Statistik kræver forbindelse.";
  return api::error_of(r, what).error.message;
}

}  // namespace

void StatsClient::load(const StatsFilter& f, PlatformRequests& requests, const std::string& token) {
  m_data.filter = f;
  m_data.loading = true;
  m_data.error.clear();
  m_load = requests.http(api::stats(token, f));
  if (m_data.commentary_year != f.year) load_commentary(f.year, requests, token);
}

void StatsClient::load_commentary(int year, PlatformRequests& requests, const std::string& token) {
  m_data.commentary_year = year;
  m_data.commentary_error.clear();
  m_commentary = requests.http(api::stats_commentary(token, year));
}

void StatsClient::save_commentary(int year, const std::string& department, const std::string& commentary,
                                  const std::string& positive_examples, PlatformRequests& requests,
                                  const std::string& token) {
  m_data.commentary_note = "Gemmer kommentaren for " + department + " …";
  m_data.commentary_error.clear();
  m_save = requests.http(api::save_commentary(token, {year, department, commentary, positive_examples}));
}

void StatsClient::open_report(const StatsFilter& f, bool csv, PlatformRequests& requests, const std::string& token) {
  m_data.report_busy = true;
  m_data.report_error.clear();
  m_link_csv = csv;
  m_link = requests.http(api::report_link(token, f));
}

bool StatsClient::tick(const PlatformState& platform, PlatformRequests& requests) {
  bool changed = false;
  for (const auto& r : platform.http_done) {
    if (m_load && r.id == m_load) {
      m_load = 0;
      m_data.loading = false;
      changed = true;
      if (!api::ok(r)) {
        m_data.error = error_message(r, "Statistikken kunne ikke hentes");
      } else if (auto s = api::stats_answer(r); !s) {
        m_data.error = s.error().message;
      } else {
        static_cast<core::stats::PublishedStatistics&>(m_data) = std::move(*s);
        m_data.loaded = true;
      }
    } else if (m_commentary && r.id == m_commentary) {
      m_commentary = 0;
      changed = true;
      auto list = api::ok(r) ? api::commentary_answer(r)
                             : core::Result<core::stats::CommentaryList>(core::Error::make(
                                   core::ErrorCode::Internal, error_message(r, "Kommentarerne kunne ikke hentes")));
      if (!list) {
        m_data.commentary_error = list.error().message;
        continue;
      }
      m_data.departments = std::move(list->departments);
      m_data.writable = std::move(list->writable);
      m_data.commentary = std::move(list->by_department);
    } else if (m_save && r.id == m_save) {
      m_save = 0;
      changed = true;
      auto saved = api::ok(r) ? api::saved_commentary_answer(r)
                              : core::Result<core::stats::PublishedCommentary>(core::Error::make(
                                    core::ErrorCode::Internal, error_message(r, "Kommentaren kunne ikke gemmes")));
      if (!saved) {
        m_data.commentary_note.clear();
        m_data.commentary_error = saved.error().message;
        continue;
      }
      const std::string dept = saved->department;
      m_data.commentary[dept] = std::move(*saved);
      m_data.commentary_note = "Kommentaren for " + dept + " er gemt.";
    } else if (m_link && r.id == m_link) {
      m_link = 0;
      m_data.report_busy = false;
      changed = true;
      auto link = api::ok(r) ? api::report_link_answer(r)
                             : core::Result<core::stats::ReportLink>(core::Error::make(
                                   core::ErrorCode::Internal, error_message(r, "Rapporten kunne ikke åbnes")));
      if (!link || (m_link_csv && link->csv_url.empty())) {
        m_data.report_error = link ? "Rapporten kunne ikke åbnes." : link.error().message;
        continue;
      }
      requests.open_url(m_link_csv ? link->csv_url : link->url);
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
