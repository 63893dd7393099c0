// The figures of statistics.hpp. One grouped query per period over form_instances (joined with the
// institution and the citizen) gives every breakdown; lateness is narrowed in SQL to the candidates
// near or past the deadline and then decided exactly with Copenhagen time (summer time included).
#include "core/stats/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/forms/catalogue.hpp"
#include "core/rules/legal_basis.hpp"
#include "core/rules/target_group.hpp"
#include "core/storage/statement.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/date.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"

namespace magtreg::core::stats {
namespace {

using nlohmann::json;
using storage::Database;
using storage::Statement;

struct Period {
  std::string from;  // "YYYY-MM-DDT00:00", inclusive (Copenhagen wall clock, as started_at is stored)
  std::string to;    // exclusive
  std::string label;
};

std::string day_text(const time::Date& d) { return time::format_iso(d) + "T00:00"; }

Period period_of(int year, std::optional<int> quarter) {
  if (!quarter) return {day_text({year, 1, 1}), day_text({year + 1, 1, 1}), std::to_string(year)};
  const time::Date start{year, (*quarter - 1) * 3 + 1, 1};
  return {day_text(start), day_text(time::add_months(start, 3)),
          std::to_string(*quarter) + ". kvartal " + std::to_string(year)};
}

Period previous_of(int year, std::optional<int> quarter) {
  if (!quarter) return period_of(year - 1, std::nullopt);
  return *quarter == 1 ? period_of(year - 1, 4) : period_of(year, *quarter - 1);
}

// Form ids of the catalogue with one of `kinds`, as a JSON array for json_each().
std::string form_ids(std::initializer_list<forms::FormKind> kinds) {
  json ids = json::array();
  for (const auto& f : forms::Catalogue::builtin().forms())
    if (std::find(kinds.begin(), kinds.end(), f.kind) != kinds.end()) ids.push_back(f.id);
  return ids.dump();
}

const forms::FormMeta* meta_of(const std::string& form_id) { return forms::Catalogue::builtin().find_form(form_id); }

// [SECTION] the grouped counts of one period
struct Group {
  std::string institution_id, citizen_id, target_group, basis, form_id;
  int quarter = 1;
  long long count = 0;
};

constexpr const char* k_filters =
    " FROM form_instances f JOIN institutions i ON i.id = f.institution_id"
    " WHERE f.deleted = 0 AND f.state <> 'kladde' AND f.started_at >= ?1 AND f.started_at < ?2"
    " AND i.municipality_id = ?3 AND f.form_id IN (SELECT value FROM json_each(?4))";

// The counted registrations of a period grouped by everything the tables break down by. The rows
// come straight off the covering index forms_for_statistics in time order and are grouped here (a hash
// map is far cheaper than SQLite's sort for a GROUP BY over hundreds of thousands of rows); the
// citizens' target groups are looked up once per citizen afterwards.
Result<std::vector<Group>> groups(Database& db, const Period& p, const std::string& municipality,
                                  const std::string& ids) {
  auto q = db.prepare(
      "SELECT f.institution_id, f.citizen_id, f.legal_basis, f.form_id, substr(f.started_at, 6, 2)"
      " FROM form_instances f INDEXED BY forms_for_statistics"
      " WHERE f.deleted = 0 AND f.state <> 'kladde' AND f.started_at >= ?1 AND f.started_at < ?2"
      " AND f.form_id IN (SELECT value FROM json_each(?4))"
      " AND f.institution_id IN (SELECT id FROM institutions WHERE municipality_id = ?3)");
  if (!q) return q.error();
  q->bind(1, p.from).bind(2, p.to).bind(3, municipality).bind(4, ids);
  std::unordered_map<std::string, std::size_t> index;
  std::vector<Group> out;
  std::string key;
  for (;;) {
    auto has = q->step();
    if (!has) return has.error();
    if (!*has) break;
    key.clear();
    for (int c = 0; c < 5; ++c) {
      key += q->column_view(c);
      key += '\x1f';
    }
    auto [it, inserted] = index.try_emplace(key, out.size());
    if (inserted) {
      const auto month = q->column_view(4);
      const int m = month.size() == 2 ? (month[0] - '0') * 10 + (month[1] - '0') : 1;
      out.push_back({std::string(q->column_view(0)), std::string(q->column_view(1)), {},
                     std::string(q->column_view(2)), std::string(q->column_view(3)), (m + 2) / 3, 0});
    }
    ++out[it->second].count;
  }
  // Target groups, one lookup per citizen.
  std::unordered_map<std::string, std::string> groups_of;
  auto tg = db.prepare("SELECT target_group FROM citizens WHERE id = ?1");
  if (!tg) return tg.error();
  for (auto& g : out) {
    auto found = groups_of.find(g.citizen_id);
    if (found == groups_of.end()) {
      if (auto r = tg->reset(); !r) return r.error();
      tg->bind(1, g.citizen_id);
      auto has = tg->step();
      if (!has) return has.error();
      found = groups_of.emplace(g.citizen_id, *has ? tg->column_text(0) : std::string()).first;
    }
    g.target_group = found->second;
  }
  return out;
}

Result<long long> count_of(Database& db, const Period& p, const std::string& municipality, const std::string& ids) {
  auto q = db.prepare(std::string("SELECT count(*)") + k_filters);
  if (!q) return q.error();
  q->bind(1, p.from).bind(2, p.to).bind(3, municipality).bind(4, ids);
  auto has = q->step();
  if (!has) return has.error();
  return q->column_int64(0);
}

// Acute registrations whose staff part was completed (first event to Udfyldt) after the end of the
// third day after the intervention (REGISTRATION_LATE in docs/rules.md). form_filled's partial index
// holds the candidates (completed 3.9 days or more after the intervention's day in UTC: the deadline,
// 23:59 Copenhagen time on day 3, is never earlier); each is then decided exactly in Copenhagen time.
Result<long long> late_of(Database& db, const Period& p, const std::string& municipality, const std::string& ids) {
  auto q = db.prepare(
      "SELECT ff.started_at, ff.filled_at FROM form_filled ff INDEXED BY form_filled_late_candidates"
      " JOIN form_instances f ON f.id = ff.form_instance_id"
      " WHERE julianday(ff.filled_at) >= julianday(substr(ff.started_at, 1, 10)) + 3.9"
      " AND ff.started_at >= ?1 AND ff.started_at < ?2"
      " AND f.deleted = 0 AND f.state <> 'kladde' AND f.form_id IN (SELECT value FROM json_each(?4))"
      " AND f.institution_id IN (SELECT id FROM institutions WHERE municipality_id = ?3)");
  if (!q) return q.error();
  q->bind(1, p.from).bind(2, p.to).bind(3, municipality).bind(4, ids);
  long long late = 0;
  for (;;) {
    auto has = q->step();
    if (!has) return has.error();
    if (!*has) return late;
    auto started = time::parse_local_date_time(q->column_text(0));
    auto at = time::parse_utc(q->column_view(1));
    if (!started || !at) continue;
    const auto first_late_minute = time::start_of_day(time::add_days(started->date, 4));
    if (*at >= time::to_utc(first_late_minute)) ++late;
  }
}

// [SECTION] shaping
void suppress(Figure& f, bool on, int threshold) {
  if (!on) return;
  f.suppressed = f.count > 0 && f.count < threshold;
  f.previous_suppressed = f.previous > 0 && f.previous < threshold;
}

struct Tally {
  std::map<std::string, Figure> by_key;
  std::map<std::string, std::string> labels;
  void add(const std::string& key, const std::string& label, long long n, bool current) {
    auto& f = by_key[key];
    (current ? f.count : f.previous) += n;
    labels.emplace(key, label);
  }
  Table table(std::string id, std::string title, bool suppress_on, int threshold) const {
    Table t{std::move(id), std::move(title), {}};
    for (const auto& [key, fig] : by_key) {
      Row r{key, labels.at(key), fig};
      suppress(r.figure, suppress_on, threshold);
      t.rows.push_back(std::move(r));
    }
    // Largest first; ties by label, so the order is stable.
    std::stable_sort(t.rows.begin(), t.rows.end(), [](const Row& a, const Row& b) {
      if (a.figure.count != b.figure.count) return a.figure.count > b.figure.count;
      return a.label < b.label;
    });
    return t;
  }
};

std::string basis_text(const std::string& id) {
  if (id.empty()) return "Ikke angivet";
  const auto* b = rules::find_legal_basis(id);
  return b ? rules::basis_label(*b) : id;
}

std::string group_text(const std::string& id) {
  auto g = rules::target_group_from_string(id);
  return g ? std::string(rules::target_group_label(*g)) : (id.empty() ? "Ukendt" : id);
}

json figure_json(const Figure& f, int threshold) {
  json j;
  j["count"] = f.suppressed ? json(nullptr) : json(f.count);
  j["previous"] = f.previous_suppressed ? json(nullptr) : json(f.previous);
  j["shown"] = shown(f.count, f.suppressed, threshold);
  j["previous_shown"] = shown(f.previous, f.previous_suppressed, threshold);
  j["change"] = f.suppressed || f.previous_suppressed ? json(nullptr) : json(f.count - f.previous);
  return j;
}

json rows_json(const std::vector<Row>& rows, int threshold) {
  json out = json::array();
  for (const auto& r : rows) {
    json j = figure_json(r.figure, threshold);
    j["key"] = r.key;
    j["label"] = r.label;
    out.push_back(std::move(j));
  }
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(";\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string shown(long long count, bool suppressed, int threshold) {
  return suppressed ? "< " + std::to_string(threshold) : std::to_string(count);
}

Result<Statistics> compute_statistics(Database& db, const StatsQuery& query) {
  if (query.year < 2000 || query.year > 2100)
    return Error::make(ErrorCode::InvalidInput, "Året skal være mellem 2000 og 2100.", "year");
  if (query.quarter && (*query.quarter < 1 || *query.quarter > 4))
    return Error::make(ErrorCode::InvalidInput, "Kvartalet skal være 1, 2, 3 eller 4.", "quarter");

  Statistics s;
  s.year = query.year;
  s.quarter = query.quarter;
  s.pseudonymised = query.pseudonymised;
  {
    auto q = db.prepare("SELECT name, suppression_threshold FROM municipalities WHERE id = ?1");
    if (!q) return q.error();
    q->bind(1, query.municipality_id);
    auto has = q->step();
    if (!has) return has.error();
    if (!*has) return Error::make(ErrorCode::InvalidInput, "Kommunen findes ikke.", "municipality");
    s.municipality_name = q->column_text(0);
    s.suppression_threshold = query.pseudonymised ? static_cast<int>(q->column_int64(1)) : 0;
  }
  const bool sup = query.pseudonymised;
  const int th = s.suppression_threshold;
  const Period cur = period_of(query.year, query.quarter);
  const Period prev = previous_of(query.year, query.quarter);
  s.period_label = cur.label;
  s.previous_label = prev.label;

  // Institutions of the municipality: names and operating departments.
  std::map<std::string, std::pair<std::string, std::string>> institutions;  // id -> (name, department)
  {
    auto q = db.prepare("SELECT id, name, operating_department FROM institutions WHERE municipality_id = ?1");
    if (!q) return q.error();
    q->bind(1, query.municipality_id);
    for (;;) {
      auto has = q->step();
      if (!has) return has.error();
      if (!*has) break;
      institutions[q->column_text(0)] = {q->column_text(1), q->column_text(2)};
    }
  }

  const std::string registration_ids =
      form_ids({forms::FormKind::Registration, forms::FormKind::PreApproved, forms::FormKind::DailyLines});
  const std::string acute_ids = form_ids({forms::FormKind::Registration});
  const std::string move_ids = form_ids({forms::FormKind::Move});

  Tally department, institution, group, basis, form_set, quarter;
  std::map<std::string, long long> per_citizen;
  for (const bool current : {true, false}) {
    auto gs = groups(db, current ? cur : prev, query.municipality_id, registration_ids);
    if (!gs) return gs.error();
    for (const auto& g : *gs) {
      (current ? s.registrations.count : s.registrations.previous) += g.count;
      const auto inst = institutions.find(g.institution_id);
      const std::string inst_name = inst == institutions.end() ? g.institution_id : inst->second.first;
      const std::string dept = inst == institutions.end() ? "" : inst->second.second;
      department.add(dept, dept.empty() ? "Ikke angivet" : dept, g.count, current);
      institution.add(g.institution_id, inst_name, g.count, current);
      group.add(g.target_group, group_text(g.target_group), g.count, current);
      basis.add(g.basis, basis_text(g.basis), g.count, current);
      const auto* meta = meta_of(g.form_id);
      const std::string set = meta ? meta->set : "";
      const auto* set_meta = forms::Catalogue::builtin().find_set(set);
      form_set.add(set, set_meta ? set_meta->name : set, g.count, current);
      if (meta && meta->kind == forms::FormKind::Registration) {
        const auto* lb = rules::find_legal_basis(g.basis);
        if (lb && lb->decision != rules::DecisionRequirement::No)
          (current ? s.preapprovable_as_acute.count : s.preapprovable_as_acute.previous) += g.count;
      }
      if (current) per_citizen[g.citizen_id] += g.count;
      // Quarters of the year beside the same quarters a year before (the previous period of a year).
      if (!query.quarter) quarter.add(std::to_string(g.quarter), std::to_string(g.quarter) + ". kvartal", g.count, current);
    }
  }

  s.tables.push_back(department.table("department", "Driftsafdeling", sup, th));
  s.tables.push_back(institution.table("institution", "Tilbud", sup, th));
  s.tables.push_back(group.table("target_group", "Målgruppe", sup, th));
  s.tables.push_back(basis.table("basis", "Hjemmel", sup, th));
  s.tables.push_back(form_set.table("form_set", "Skemasæt", sup, th));
  if (!query.quarter) {
    Table t = quarter.table("quarter", "Kvartal", sup, th);
    std::sort(t.rows.begin(), t.rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
    s.tables.push_back(std::move(t));
  }

  // Concentration on the citizens with the most registrations.
  std::vector<long long> counts;
  for (const auto& [id, n] : per_citizen) counts.push_back(n);
  std::sort(counts.rbegin(), counts.rend());
  s.citizens = static_cast<long long>(counts.size());
  s.top_citizens = counts.empty() ? 0 : std::max<long long>(1, static_cast<long long>(std::ceil(counts.size() * 0.1)));
  long long top = 0;
  for (long long i = 0; i < s.top_citizens; ++i) top += counts[static_cast<std::size_t>(i)];
  s.top_share = s.registrations.count > 0 ? static_cast<double>(top) / static_cast<double>(s.registrations.count) : 0.0;

  for (const bool current : {true, false}) {
    const Period& p = current ? cur : prev;
    auto late = late_of(db, p, query.municipality_id, acute_ids);
    if (!late) return late.error();
    (current ? s.late_registrations.count : s.late_registrations.previous) = *late;
    auto moves = count_of(db, p, query.municipality_id, move_ids);
    if (!moves) return moves.error();
    (current ? s.moves.count : s.moves.previous) = *moves;
  }

  // Complaints received in the period about the municipality's citizens, by where they stand now.
  static const std::map<std::string, std::string> k_status_labels = {
      {"received", "Modtaget"}, {"in_review", "Under behandling"}, {"forwarded", "Sendt til Ankestyrelsen"},
      {"closed", "Afsluttet"}};
  Tally by_status;
  for (const bool current : {true, false}) {
    const Period& p = current ? cur : prev;
    auto q = db.prepare(
        "SELECT k.status, count(*) FROM complaints k JOIN citizens c ON c.id = k.citizen_id"
        " JOIN institutions i ON i.id = c.institution_id"
        " WHERE k.deleted = 0 AND i.municipality_id = ?3 AND k.received_at >= ?1 AND k.received_at < ?2"
        " GROUP BY 1");
    if (!q) return q.error();
    // received_at is a UTC instant; the period's bounds are compared on the date, a day's precision.
    q->bind(1, p.from.substr(0, 10)).bind(2, p.to.substr(0, 10)).bind(3, query.municipality_id);
    for (;;) {
      auto has = q->step();
      if (!has) return has.error();
      if (!*has) break;
      const std::string status = q->column_text(0);
      const auto label = k_status_labels.find(status);
      by_status.add(status, label == k_status_labels.end() ? status : label->second, q->column_int64(1), current);
      (current ? s.complaints.count : s.complaints.previous) += q->column_int64(1);
    }
  }
  s.complaints_by_status = by_status.table("complaints", "Klager", sup, th).rows;

  for (Figure* f : {&s.registrations, &s.preapprovable_as_acute, &s.late_registrations, &s.moves, &s.complaints})
    suppress(*f, sup, th);
  // Too few citizens to speak of concentration without pointing at someone.
  if (sup && s.citizens > 0 && s.citizens < th) {
    s.top_citizens = 0;
    s.top_share = 0.0;
  }
  return s;
}

json to_json(const Statistics& s) {
  const int th = s.suppression_threshold;
  json j;
  j["period"] = {{"year", s.year},
                 {"quarter", s.quarter ? json(*s.quarter) : json(nullptr)},
                 {"label", s.period_label},
                 {"previous_label", s.previous_label}};
  j["municipality"] = s.municipality_name;
  j["pseudonymised"] = s.pseudonymised;
  j["suppression_threshold"] = th;
  j["registrations"] = figure_json(s.registrations, th);
  json tables = json::array();
  for (const auto& t : s.tables) tables.push_back({{"id", t.id}, {"title", t.title}, {"rows", rows_json(t.rows, th)}});
  j["tables"] = tables;
  const bool hide = s.pseudonymised && s.citizens > 0 && s.citizens < th;
  j["concentration"] = {{"citizens", hide ? json(nullptr) : json(s.citizens)},
                        {"top_citizens", hide ? json(nullptr) : json(s.top_citizens)},
                        {"top_share", hide ? json(nullptr) : json(std::round(s.top_share * 1000.0) / 1000.0)}};
  j["preapprovable_as_acute"] = figure_json(s.preapprovable_as_acute, th);
  j["late_registrations"] = figure_json(s.late_registrations, th);
  j["moves"] = figure_json(s.moves, th);
  j["complaints"] = figure_json(s.complaints, th);
  j["complaints_by_status"] = rows_json(s.complaints_by_status, th);
  return j;
}

std::string to_csv(const Statistics& s) {
  const int th = s.suppression_threshold;
  std::string out = "tabel;nøgle;betegnelse;" + s.period_label + ";" + s.previous_label + "\n";
  auto line = [&](const std::string& table, const std::string& key, const std::string& label, const Figure& f) {
    out += csv_field(table) + ";" + csv_field(key) + ";" + csv_field(label) + ";" + shown(f.count, f.suppressed, th) +
           ";" + shown(f.previous, f.previous_suppressed, th) + "\n";
  };
  line("I alt", "registrations", "Registreringer", s.registrations);
  for (const auto& t : s.tables)
    for (const auto& r : t.rows) line(t.title, r.key, r.label, r.figure);
  line("Særlige forhold", "preapprovable_as_acute", "Forhåndsgodkendelige indgreb registreret som akutte",
       s.preapprovable_as_acute);
  line("Særlige forhold", "late_registrations", "Registreret for sent (efter 3. dagen)", s.late_registrations);
  line("Særlige forhold", "moves", "Flytninger uden samtykke", s.moves);
  line("Klager", "complaints", "Klager i alt", s.complaints);
  for (const auto& r : s.complaints_by_status) line("Klager", r.key, r.label, r.figure);
  return out;
}

}  // namespace magtreg::core::stats
