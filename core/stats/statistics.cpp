// The figures of statistics.hpp. Per period, the monthly and quarterly aggregates of migration 3 (a few
// thousand rows for a year) give every breakdown; late registrations come from the aggregates' late class,
// the few in the undecided hour around the deadline decided exactly in Copenhagen time (summer time).
#include "core/stats/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <cstdlib>

#include "core/forms/catalogue.hpp"
#include "core/model/complaint.hpp"
#include "core/rules/check.hpp"
#include "core/rules/legal_basis.hpp"
#include "core/rules/target_group.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/statement.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/date.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "core/util/utf8.hpp"

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

const forms::FormMeta* meta_of(const std::string& form_id) { return forms::Catalogue::current().find_form(form_id); }

// [SECTION] the counts of one period
// What both sources deliver for a period: counts by month, institution, form and basis; by institution,
// citizen and form; and the late registrations (acute forms only) of the unit.
struct MonthCell {
  int month = 1;  // 1..12
  std::string institution_id, form_id, basis;
  long long n = 0;
};
struct CitizenCell {
  std::string institution_id, citizen_id, form_id;
  long long n = 0;
};
struct PeriodCounts {
  std::vector<MonthCell> months;
  std::vector<CitizenCell> citizens;
  long long late = 0;
};

using IdSet = std::unordered_set<std::string>;

int two_digits(std::string_view t, std::size_t at) {
  if (t.size() < at + 2 || t[at] < '0' || t[at] > '9' || t[at + 1] < '0' || t[at + 1] > '9') return 0;
  return (t[at] - '0') * 10 + (t[at + 1] - '0');
}

// Exactly as REGISTRATION_LATE judges it (issue #27 item 2): the deadline rules::registration_due gives
// the form and its intervention, and rules::registered_late on the first completion's Copenhagen time (the
// device's registration time where it recorded one: form_filled). Acute forms only, so no decision is read.
bool is_late(std::string_view form_id, std::string_view started_at, std::string_view ended_at,
             std::string_view filled_at) {
  const forms::FormMeta* meta = forms::Catalogue::current().find_form(form_id);
  auto at = time::parse_utc(filled_at);
  if (meta == nullptr || !at) return false;
  const auto start = time::parse_time_or_day(started_at);
  if (!start) return false;
  rules::RegistrationInput r;
  r.form = std::string(form_id);
  r.started_at = *start;
  if (auto t = time::parse_local_date_time(ended_at)) r.ended_at = *t;
  const auto due = rules::registration_due(*meta, r, nullptr);
  return due && rules::registered_late(*due, time::to_local(*at));
}

bool registered_within_24_hours(std::string_view form_id) {
  const auto& forms = storage::forms_registered_within_24_hours();
  return std::find(forms.begin(), forms.end(), form_id) != forms.end();
}


// "YYYY-MM" and "YYYY-Q" bounds of a period ([from, to)).
std::string month_key(const std::string& day_text) { return day_text.substr(0, 7); }
std::string quarter_key(const std::string& day_text) {
  return day_text.substr(0, 5) + std::to_string((std::stoi(day_text.substr(5, 2)) + 2) / 3);
}

Result<PeriodCounts> from_aggregates(Database& db, const Period& p, const IdSet& institutions, const IdSet& acute) {
  PeriodCounts out;
  {
    auto q = db.prepare("SELECT month, institution_id, form_id, legal_basis, late, n FROM stats_monthly"
                        " WHERE month >= ?1 AND month < ?2");
    if (!q) return q.error();
    q->bind(1, month_key(p.from)).bind(2, month_key(p.to));
    bool undecided = false, undecided_24_hours = false;
    Status read = q->for_each_row([&](Statement& r) {
      std::string inst(r.column_view(1));
      if (!institutions.count(inst)) return;
      std::string form(r.column_view(2));
      const long long late = r.column_int64(4), n = r.column_int64(5);
      if (acute.count(form)) {
        if (late == 1) out.late += n;
        if (late == 2) (registered_within_24_hours(form) ? undecided_24_hours : undecided) = true;
      }
      out.months.push_back({two_digits(r.column_view(0), 5), std::move(inst), std::move(form),
                            std::string(r.column_view(3)), n});
    });
    if (!read) return read.error();
    // The few completed in the hour around the deadline (the end of day 3; a child's 24 hours after the
    // intervention ended), read from the partial `index` that `where` selects: each decided exactly by the
    // rule engine's deadline.
    auto decide = [&](const char* index, const std::string& where) -> Status {
      auto u = db.prepare(
          "SELECT ff.started_at, ff.filled_at, f.institution_id, f.form_id, json_extract(f.content, '$.ended_at')"
          " FROM form_filled ff INDEXED BY " + std::string(index) + " JOIN form_instances f ON f.id = ff.form_instance_id"
          " WHERE " + where + " AND ff.started_at >= ?1 AND ff.started_at < ?2 AND f.deleted = 0 AND f.state <> 'kladde'");
      if (!u) return u.error();
      // Month bounds, as the aggregates have them: a date without a time still belongs to its month.
      u->bind(1, month_key(p.from)).bind(2, month_key(p.to));
      return u->for_each_row([&](Statement& r) {
        if (!institutions.count(std::string(r.column_view(2))) || !acute.count(std::string(r.column_view(3))))
          return;
        if (is_late(r.column_view(3), r.column_view(0), r.column_view(4), r.column_view(1))) ++out.late;
      });
    };
    const std::string& within_24_hours = storage::forms_registered_within_24_hours_sql();
    if (undecided)
      if (Status d = decide("form_filled_undecided",
                            "unixepoch(ff.filled_at) - unixepoch(substr(ff.started_at, 1, 10)) " +
                                storage::undecided_between(storage::k_late_after_intervention_day) +
                            " AND f.form_id NOT IN (" + within_24_hours + ")");
          !d)
        return d.error();
    if (undecided_24_hours)
      if (Status d = decide("form_filled_undecided_24_hours",
                            "ff.form_id IN (" + within_24_hours + ") AND unixepoch(ff.filled_at) - unixepoch(ff.due_from) " +
                                storage::undecided_between(storage::k_late_after_child_due_from));
          !d)
        return d.error();
  }
  auto q = db.prepare("SELECT institution_id, citizen_id, form_id, n FROM stats_citizen_quarterly"
                      " WHERE quarter >= ?1 AND quarter < ?2");
  if (!q) return q.error();
  q->bind(1, quarter_key(p.from)).bind(2, quarter_key(p.to));
  Status read = q->for_each_row([&](Statement& r) {
    std::string inst(r.column_view(0));
    if (!institutions.count(inst)) return;
    out.citizens.push_back({std::move(inst), std::string(r.column_view(1)), std::string(r.column_view(2)),
                            r.column_int64(3)});
  });
  if (!read) return read.error();
  return out;
}

// The same counts straight from the rows (the reference the aggregates are tested against).
Result<PeriodCounts> from_rows(Database& db, const Period& p, const IdSet& institutions, const IdSet& acute) {
  auto q = db.prepare(
      "SELECT f.institution_id, f.citizen_id, f.form_id, coalesce(f.legal_basis, ''), f.started_at,"
      " (SELECT ff.filled_at FROM form_filled ff WHERE ff.form_instance_id = f.id), json_extract(f.content, '$.ended_at')"
      " FROM form_instances f WHERE f.deleted = 0 AND f.state <> 'kladde' AND f.started_at IS NOT NULL"
      " AND substr(f.started_at, 1, 7) >= ?1 AND substr(f.started_at, 1, 7) < ?2");
  if (!q) return q.error();
  q->bind(1, month_key(p.from)).bind(2, month_key(p.to));
  PeriodCounts out;
  std::map<std::string, std::size_t> months, citizens;
  Status read = q->for_each_row([&](Statement& r) {
    const std::string inst(r.column_view(0)), citizen(r.column_view(1)), form(r.column_view(2)),
        basis(r.column_view(3)), started(r.column_view(4));
    if (!institutions.count(inst)) return;
    const int month = two_digits(started, 5);
    const std::string mkey = std::to_string(month) + '\x1f' + inst + '\x1f' + form + '\x1f' + basis;
    auto [m, new_month] = months.try_emplace(mkey, out.months.size());
    if (new_month) out.months.push_back({month, inst, form, basis, 0});
    ++out.months[m->second].n;
    auto [c, new_citizen] = citizens.try_emplace(inst + '\x1f' + citizen + '\x1f' + form, out.citizens.size());
    if (new_citizen) out.citizens.push_back({inst, citizen, form, 0});
    ++out.citizens[c->second].n;
    if (acute.count(form) && !r.column_is_null(5) && is_late(form, started, r.column_view(6), r.column_view(5)))
      ++out.late;
  });
  if (!read) return read.error();
  return out;
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
      const auto label = labels.find(key);
      Row r{key, label == labels.end() ? key : label->second, fig};
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
  j["shown"] = shown(f.count, f.suppressed, threshold, f.secondary);
  j["previous_shown"] = shown(f.previous, f.previous_suppressed, threshold, f.previous_secondary);
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

Table* table_of(Statistics& s, const std::string& id) {
  for (auto& t : s.tables)
    if (t.id == id) return &t;
  return nullptr;
}

// The sums the tables state, for complementary suppression: every table adds up to the registrations;
// the institutions of a department to the department's row; the months of a quarter to the quarter's
// row; the complaints by status to the complaints.
std::vector<Sum> sums_of(Statistics& s, const std::map<std::string, std::string>& department_of) {
  std::vector<Sum> sums;
  for (auto& t : s.tables) {
    Sum sum{&s.registrations, {}};
    for (auto& r : t.rows) sum.parts.push_back(&r.figure);
    sums.push_back(std::move(sum));
  }
  if (Table* depts = table_of(s, "department"); depts)
    if (Table* insts = table_of(s, "institution"); insts)
      for (auto& d : depts->rows) {
        Sum sum{&d.figure, {}};
        for (auto& i : insts->rows) {
          auto it = department_of.find(i.key);
          if (it != department_of.end() && it->second == d.key) sum.parts.push_back(&i.figure);
        }
        sums.push_back(std::move(sum));
      }
  if (Table* quarters = table_of(s, "quarter"); quarters)
    if (Table* months = table_of(s, "month"); months)
      for (auto& q : quarters->rows) {
        Sum sum{&q.figure, {}};
        for (auto& m : months->rows)
          if ((std::atoi(m.key.c_str()) + 2) / 3 == std::atoi(q.key.c_str())) sum.parts.push_back(&m.figure);
        sums.push_back(std::move(sum));
      }
  Sum complaints{&s.complaints, {}};
  for (auto& r : s.complaints_by_status) complaints.parts.push_back(&r.figure);
  sums.push_back(std::move(complaints));
  return sums;
}

const char* k_month_names[] = {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
                               "oktober", "november", "december"};

}  // namespace

std::string shown(long long count, bool suppressed, int threshold, bool secondary) {
  if (!suppressed) return std::to_string(count);
  return secondary ? "–" : "< " + std::to_string(threshold);
}

void complement(const std::vector<Sum>& sums) {
  // Each column (this period, the previous one) separately.
  for (const bool current : {true, false}) {
    auto hidden = [&](const Figure* f) { return current ? f->suppressed : f->previous_suppressed; };
    auto value = [&](const Figure* f) { return current ? f->count : f->previous; };
    auto hide = [&](Figure* f) {
      (current ? f->suppressed : f->previous_suppressed) = true;
      (current ? f->secondary : f->previous_secondary) = true;
    };
    for (bool changed = true; changed;) {
      changed = false;
      for (const auto& sum : sums) {
        int n_hidden = hidden(sum.total) ? 1 : 0;
        for (const Figure* p : sum.parts) n_hidden += hidden(p) ? 1 : 0;
        if (n_hidden != 1) continue;
        Figure* pick = nullptr;
        for (Figure* p : sum.parts)
          if (!hidden(p) && value(p) > 0 && (!pick || value(p) < value(pick))) pick = p;
        if (!pick && !hidden(sum.total) && value(sum.total) > 0) pick = sum.total;
        if (!pick) continue;  // nothing left to hide: every other count is 0, so nothing can be recomputed
        hide(pick);
        changed = true;
      }
    }
  }
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
  s.department = query.department;
  s.institution_id = query.institution_id;
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

  // Institutions of the municipality: names and operating departments; the unit's institutions.
  std::map<std::string, std::pair<std::string, std::string>> institutions;  // id -> (name, department)
  std::map<std::string, std::string> department_of;
  IdSet in_unit;
  {
    auto q = db.prepare("SELECT id, name, operating_department FROM institutions WHERE municipality_id = ?1"
                        " ORDER BY operating_department, name");
    if (!q) return q.error();
    q->bind(1, query.municipality_id);
    Status read = q->for_each_row([&](Statement& r) {
      const std::string id = r.column_text(0), name = r.column_text(1), dept = r.column_text(2);
      institutions[id] = {name, dept};
      department_of[id] = dept;
      s.units.push_back({id, name, dept});
      if ((query.department.empty() || dept == query.department) &&
          (query.institution_id.empty() || id == query.institution_id))
        in_unit.insert(id);
    });
    if (!read) return read.error();
  }
  if (!query.department.empty() &&
      std::none_of(s.units.begin(), s.units.end(), [&](const Unit& u) { return u.department == query.department; }))
    return Error::make(ErrorCode::InvalidInput, "Driftsafdelingen »" + query.department + "« findes ikke i kommunen.",
                       "department");
  if (!query.institution_id.empty()) {
    if (!institutions.count(query.institution_id))
      return Error::make(ErrorCode::InvalidInput, "Tilbuddet findes ikke i kommunen.", "institution");
    if (in_unit.empty())
      return Error::make(ErrorCode::InvalidInput, "Tilbuddet hører ikke under den valgte driftsafdeling.",
                         "institution");
  }
  s.unit_label = !query.institution_id.empty() ? "Tilbud: " + institutions[query.institution_id].first
                 : !query.department.empty()   ? "Driftsafdeling: " + query.department
                                               : "Hele kommunen";

  const auto& catalogue = forms::Catalogue::current();
  IdSet registration_ids, acute_ids, move_ids;
  for (const auto& f : catalogue.forms()) {
    if (f.kind == forms::FormKind::Registration || f.kind == forms::FormKind::PreApproved ||
        f.kind == forms::FormKind::DailyLines)
      registration_ids.insert(f.id);
    if (f.kind == forms::FormKind::Registration) acute_ids.insert(f.id);
    if (f.kind == forms::FormKind::Move) move_ids.insert(f.id);
  }
  // The figures are kept per form id, not version. An id whose newer version is an annex (the Bilag til
  // § 136 c from version 2; issue 14 item 15) is its registration's intervention, counted on the Skema 1 it
  // belongs to, never as one of its own: version 1's stand-alone Bilag (made before, in tests and pilots
  // only) is left out with it.
  for (const auto& f : catalogue.forms())
    if (f.kind == forms::FormKind::Attachment) registration_ids.erase(f.id), acute_ids.erase(f.id);

  // Target groups, read once per citizen now (a citizen's group is where they stand when reported).
  std::unordered_map<std::string, std::string> group_of;
  {
    auto q = db.prepare("SELECT c.id, c.target_group FROM citizens c JOIN institutions i ON i.id = c.institution_id"
                        " WHERE i.municipality_id = ?1");
    if (!q) return q.error();
    q->bind(1, query.municipality_id);
    Status read = q->for_each_row([&](Statement& r) { group_of.emplace(r.column_text(0), r.column_text(1)); });
    if (!read) return read.error();
  }
  auto group_for = [&](const std::string& citizen_id) -> std::string {
    auto it = group_of.find(citizen_id);
    if (it != group_of.end()) return it->second;
    // A citizen since moved to another municipality's institution: still their group.
    auto q = db.prepare("SELECT target_group FROM citizens WHERE id = ?1");
    if (!q) return {};
    q->bind(1, citizen_id);
    auto has = q->step();
    std::string g = has && *has ? q->column_text(0) : std::string();
    group_of.emplace(citizen_id, g);
    return g;
  };

  Tally department, institution, group, basis, form_set, quarter, month;
  // Every month (and quarter) of the period has a row, 0 or not, so a chart over them has no gaps.
  for (int i = 0; i < (query.quarter ? 3 : 12); ++i) {
    const int m = query.quarter ? (*query.quarter - 1) * 3 + i + 1 : i + 1;
    const char key[3] = {static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), 0};
    month.add(key, k_month_names[m - 1], 0, true);
  }
  if (!query.quarter)
    for (int q = 1; q <= 4; ++q) quarter.add(std::to_string(q), std::to_string(q) + ". kvartal", 0, true);
  std::map<std::string, long long> per_citizen;
  for (const bool current : {true, false}) {
    const Period& p = current ? cur : prev;
    auto counts = query.source == Source::Rows ? from_rows(db, p, in_unit, acute_ids)
                                               : from_aggregates(db, p, in_unit, acute_ids);
    if (!counts) return counts.error();
    (current ? s.late_registrations.count : s.late_registrations.previous) = counts->late;
    for (const auto& c : counts->months) {
      if (move_ids.count(c.form_id)) (current ? s.moves.count : s.moves.previous) += c.n;
      if (!registration_ids.count(c.form_id)) continue;
      (current ? s.registrations.count : s.registrations.previous) += c.n;
      const auto inst = institutions.find(c.institution_id);
      const std::string inst_name = inst == institutions.end() ? c.institution_id : inst->second.first;
      const std::string dept = inst == institutions.end() ? "" : inst->second.second;
      department.add(dept, dept.empty() ? "Ikke angivet" : dept, c.n, current);
      institution.add(c.institution_id, inst_name, c.n, current);
      basis.add(c.basis, basis_text(c.basis), c.n, current);
      const auto* meta = meta_of(c.form_id);
      const std::string set = meta ? meta->set : "";
      const auto* set_meta = catalogue.find_set(set);
      form_set.add(set, set_meta ? set_meta->name : set, c.n, current);
      if (acute_ids.count(c.form_id)) {
        const auto* lb = rules::find_legal_basis(c.basis);
        if (lb && lb->decision != rules::DecisionRequirement::No)
          (current ? s.preapprovable_as_acute.count : s.preapprovable_as_acute.previous) += c.n;
      }
      // Quarters of a year beside the same quarters a year before; months beside the same months of the
      // previous period (a year: the year before; a quarter: the quarter before, month by month).
      if (!query.quarter)
        quarter.add(std::to_string((c.month + 2) / 3), std::to_string((c.month + 2) / 3) + ". kvartal", c.n, current);
      const int position = query.quarter ? (c.month - 1) % 3 : c.month - 1;  // 0-based in the period
      const int shown_month = query.quarter ? (*query.quarter - 1) * 3 + position + 1 : c.month;
      char key[3] = {static_cast<char>('0' + shown_month / 10), static_cast<char>('0' + shown_month % 10), 0};
      month.add(key, k_month_names[(shown_month + 11) % 12], c.n, current);
    }
    for (const auto& c : counts->citizens) {
      if (!registration_ids.count(c.form_id)) continue;
      const std::string g = group_for(c.citizen_id);
      group.add(g, group_text(g), c.n, current);
      if (current) per_citizen[c.citizen_id] += c.n;
    }
  }

  s.tables.push_back(department.table("department", "Driftsafdeling", sup, th));
  s.tables.push_back(institution.table("institution", "Tilbud", sup, th));
  s.tables.push_back(group.table("target_group", "Målgruppe", sup, th));
  s.tables.push_back(basis.table("basis", "Hjemmel", sup, th));
  s.tables.push_back(form_set.table("form_set", "Skemasæt", sup, th));
  auto by_key = [](const Row& a, const Row& b) { return a.key < b.key; };
  if (!query.quarter) {
    Table t = quarter.table("quarter", "Kvartal", sup, th);
    std::sort(t.rows.begin(), t.rows.end(), by_key);
    s.tables.push_back(std::move(t));
  }
  {
    Table t = month.table("month", "Måned", sup, th);
    std::sort(t.rows.begin(), t.rows.end(), by_key);
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

  // Complaints received in the period about the unit's citizens, by where they stand now.
  Tally by_status;
  for (const bool current : {true, false}) {
    const Period& p = current ? cur : prev;
    auto q = db.prepare(
        "SELECT c.institution_id, k.status, count(*) FROM complaints k JOIN citizens c ON c.id = k.citizen_id"
        " WHERE k.deleted = 0 AND k.received_at >= ?1 AND k.received_at < ?2 GROUP BY 1, 2");
    if (!q) return q.error();
    // received_at is a UTC instant; the period's bounds are compared on the date, a day's precision.
    q->bind(1, p.from.substr(0, 10)).bind(2, p.to.substr(0, 10));
    Status read = q->for_each_row([&](Statement& r) {
      if (!in_unit.count(std::string(r.column_view(0)))) return;
      const std::string status = r.column_text(1);
      const auto known = model::complaint_status_from_string(status);
      by_status.add(status, known ? sentence_case(model::complaint_status_label(*known)) : status, r.column_int64(2),
                    current);
      (current ? s.complaints.count : s.complaints.previous) += r.column_int64(2);
    });
    if (!read) return read.error();
  }
  s.complaints_by_status = by_status.table("complaints", "Klager", sup, th).rows;

  for (Figure* f : {&s.registrations, &s.preapprovable_as_acute, &s.late_registrations, &s.moves, &s.complaints})
    suppress(*f, sup, th);
  if (sup) complement(sums_of(s, department_of));
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
  j["unit"] = {{"department", s.department.empty() ? json(nullptr) : json(s.department)},
               {"institution", s.institution_id.empty() ? json(nullptr) : json(s.institution_id)},
               {"label", s.unit_label}};
  json units = json::array();
  for (const auto& u : s.units) units.push_back({{"id", u.institution_id}, {"name", u.name}, {"department", u.department}});
  j["units"] = units;
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
    out += csv_field(table) + ";" + csv_field(key) + ";" + csv_field(label) + ";" +
           shown(f.count, f.suppressed, th, f.secondary) + ";" +
           shown(f.previous, f.previous_suppressed, th, f.previous_secondary) + "\n";
  };
  line("I alt", "registrations", "Registreringer", s.registrations);
  for (const auto& t : s.tables)
    for (const auto& r : t.rows) line(t.title, r.key, r.label, r.figure);
  line("Særlige forhold", "preapprovable_as_acute", "Forhåndsgodkendelige indgreb registreret som akutte",
       s.preapprovable_as_acute);
  line("Særlige forhold", "late_registrations", "Registreret for sent (efter fristen)", s.late_registrations);
  line("Særlige forhold", "moves", "Flytninger uden samtykke", s.moves);
  line("Klager", "complaints", "Klager i alt", s.complaints);
  for (const auto& r : s.complaints_by_status) line("Klager", r.key, r.label, r.figure);
  return out;
}

}  // namespace magtreg::core::stats
