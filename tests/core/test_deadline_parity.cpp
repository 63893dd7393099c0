// Every legal fact once (issue 27, "Done when"): 2,000 generated forms across the 2020, 2024 and children's
// sets and every target group, with decisions that start, end and expire around the intervention, month
// ends, and both summer-time changes of four years. For each form the deadline the tablet's form screen and
// form list show (rules::registration_due with the citizen's decisions), the tablet overview's deadline,
// the server's registration_due (records::check_form on the stored records), the leader's work item and the
// statistics' late count (aggregates and rows) must agree with the rule engine's REGISTRATION_LATE. A
// deadline or lateness computed a second way anywhere on these paths makes some of these forms disagree.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/client/overview.hpp"
#include "core/forms/catalogue.hpp"
#include "core/records/accept.hpp"
#include "core/records/rule_input.hpp"
#include "core/rules/check.hpp"
#include "core/rules/form_check.hpp"
#include "core/stats/statistics.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/record_repository.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/deadlines.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "core/util/uuid.hpp"
#include "core/workflow/work.hpp"

using namespace magtreg::core;

namespace {

constexpr int k_forms = 2000;
const time::LocalDateTime k_now{{2026, 11, 30}, 10, 0};  // the lists' clock: some drafts are not due yet

class Random {
 public:
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_gen); }
  bool chance(int percent) { return between(1, 100) <= percent; }
  template <class T>
  const T& pick(const std::vector<T>& from) {
    return from[static_cast<std::size_t>(between(0, static_cast<int>(from.size()) - 1))];
  }

 private:
  std::mt19937 m_gen{20261207};
};

time::LocalDateTime plus_minutes(const time::LocalDateTime& t, long long minutes) {
  return time::to_local(time::to_utc_later(t) + minutes * 60);
}

// The days the generator favours: both summer-time changes of 2023-2026 and the days around them, and
// month ends; the rest fall anywhere from 2023 to now.
time::Date intervention_day(Random& rnd) {
  const int year = rnd.between(2023, 2026);
  switch (rnd.between(0, 4)) {
    case 0: return time::add_days(time::last_sunday_of(year, 3), rnd.between(-4, 1));
    case 1: return time::add_days(time::last_sunday_of(year, 10), rnd.between(-4, 1));
    case 2: return time::add_days(time::last_day_of_month({year, rnd.between(1, 11), 1}), rnd.between(-1, 1));
    case 3: return time::add_days(k_now.date, -rnd.between(0, 4));
    default: return time::add_days(time::Date{2023, 1, 1}, rnd.between(0, 1428));
  }
}

struct World {
  World() {
    dir = std::filesystem::temp_directory_path() / ("magtreg-parity-" + new_uuid());
    std::filesystem::create_directories(dir);
    auto opened = storage::Database::open((dir / "server.db").string());
    REQUIRE(opened.ok());
    db.emplace(std::move(*opened));
    REQUIRE(storage::migrate(*db, storage::schema_migrations()).ok());
    exec("INSERT INTO municipalities(id, name, report_day_of_month, suppression_threshold)"
         " VALUES ('M', 'Testkommune', 10, 3)");
    exec("INSERT INTO institutions(id, municipality_id, name, kind, operator, operating_department, target_area) VALUES"
         " ('I-handicap', 'M', 'Bostedet Ahorn', 'botilbud', 'municipal', 'Handicap', 'handicap'),"
         " ('I-demens', 'M', 'Plejecentret Birk', 'plejecenter', 'municipal', 'Ældre', 'demens'),"
         " ('I-boern', 'M', 'Opholdsstedet Elm', 'opholdssted', 'municipal', 'Børn og unge', 'boern')");
    municipality.id = "M";
    municipality.name = "Testkommune";
    for (const char* inst : {"I-handicap", "I-demens", "I-boern"}) {
      model::Institution i;
      i.id = inst;
      i.municipality_id = "M";
      institutions.push_back(i);
    }
  }
  ~World() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
  void exec(const std::string& sql) { REQUIRE(db->exec(sql).ok()); }

  template <class T>
  void store(T record) {
    record.sync.revision = 1;
    auto stored = storage::RecordRepository<T>(*db, storage::Side::Server).insert(record);
    REQUIRE_MESSAGE(stored.ok(), (stored.ok() ? "" : stored.error().message));
  }

  model::Case new_case(const std::string& citizen, const char* kind) {
    model::Case c;
    c.id = "k-" + std::to_string(cases.size());
    c.citizen_id = citizen;
    c.base_course_id = model::base_course_id_for(citizen);
    c.kind = *model::case_kind_from_string(kind);
    c.title = std::string(model::k_case_title_adults);
    c.opened_at = "2023-01-01T08:00:00Z";
    cases.push_back(c);
    return c;
  }

  std::filesystem::path dir;
  std::optional<storage::Database> db;
  model::Municipality municipality;
  std::vector<model::Institution> institutions;
  std::vector<model::Citizen> citizens;
  std::vector<model::Case> cases;
  std::vector<model::Decision> decisions;
  std::vector<model::FormInstance> forms;
};

// A granted decision on § 125 for a Skema 2 used on `day`: its period starts and ends around the use
// (before, on or after it), made known to all who must know of it before its first day.
model::Decision decision_around(Random& rnd, World& w, const model::Citizen& citizen, const time::Date& day) {
  const model::Case on = w.new_case(citizen.id, "approval");
  model::Decision d;
  d.id = "d-" + std::to_string(w.decisions.size());
  d.citizen_id = citizen.id;
  d.case_id = on.id;
  d.application_form_id = "application-" + d.id;
  d.basis = "125";
  d.status = magtreg::core::model::DecisionStatus::Granted;
  const time::Date from = time::add_days(day, rnd.chance(15) ? rnd.between(1, 10) : -rnd.between(0, 120));
  const time::Date to = std::max(from, time::add_days(day, rnd.chance(25) ? -rnd.between(1, 5) : rnd.between(0, 90)));
  d.valid_from = time::format_iso(from);
  d.valid_to = time::format_iso(to);
  d.conditions = "Kun om natten.";
  d.complaint_guidance = "Du kan klage inden 4 uger.";
  d.decided_by = "udvalg";
  d.decided_at = time::format_iso(time::add_days(from, -3)) + "T09:00:00Z";
  for (const char* who : {"borger", "leder", "sagsbehandler"})
    d.notifications.push_back({who, time::format_iso(time::add_days(from, -2)) + "T09:00:00Z"});
  w.cases.back().decision_id = d.id;
  w.decisions.push_back(d);
  return d;
}

model::FormInstance generated_form(Random& rnd, World& w, int n) {
  const model::Citizen& citizen = w.citizens[static_cast<std::size_t>(rnd.between(0, static_cast<int>(w.citizens.size()) - 1))];
  const time::Date day = intervention_day(rnd);
  // Late evening and the small hours are where the 24 hours and the summer-time changes meet.
  const int hour = rnd.chance(30) ? rnd.pick(std::vector<int>{0, 1, 2, 3, 22, 23}) : rnd.between(0, 23);
  const time::LocalDateTime started{day, hour, rnd.between(0, 59)};

  model::FormInstance f;
  f.id = "f-" + std::to_string(n);
  f.citizen_id = citizen.id;
  f.institution_id = citizen.institution_id;
  f.created_by = "staff";
  f.created_at = time::format_utc(time::to_utc(started));
  f.updated_at = f.created_at;
  f.content = nlohmann::json::object();
  f.content["started_at"] = time::format_iso(started);
  if (rnd.chance(60)) {
    // Mostly after the start; now and then a confused end before it (the start then counts).
    const long long minutes = rnd.chance(5) ? -rnd.between(1, 120) : rnd.between(1, 900);
    f.content["ended_at"] = time::format_iso(plus_minutes(started, minutes));
  }
  const bool child = citizen.target_group == "boern";
  const bool skema2 = !child && day >= time::Date{2024, 7, 1} && rnd.chance(25);
  if (child) {
    f.form_id = "boern-1a";
    f.content["basis"] = "boern_fastholdelse";
  } else if (skema2) {
    f.form_id = "2024-2";
    f.content["basis"] = "125";
  } else {
    f.form_id = day < time::Date{2024, 7, 1} ? (citizen.target_group == "demens" ? "2020-1b" : "2020-1a") : "2024-1";
    f.content["basis"] = "124d";
  }
  f.form_version = forms::Catalogue::current().find_form(f.form_id)->version;
  if (skema2) {
    const model::Decision d = decision_around(rnd, w, citizen, day);
    // The form's own copy of the period, now and then out of step with the decision (the decision wins).
    f.content["decision_from"] = *d.valid_from;
    f.content["decision_to"] =
        rnd.chance(20) ? time::format_iso(time::add_days(*time::parse_date(*d.valid_to), rnd.between(-10, 10))) : *d.valid_to;
    f.content["estimated_uses"] = 10;
    // Named in the content, or only filed on the decision's case.
    if (rnd.chance(75)) {
      f.content["approval_id"] = d.id;
      f.case_id = w.new_case(citizen.id, "single").id;
    } else {
      f.case_id = d.case_id;
    }
  } else {
    f.case_id = w.new_case(citizen.id, "single").id;
  }
  records::derive_form_columns(f);

  f.state = rnd.chance(35) ? model::FormState::Draft : model::FormState::Filled;
  if (f.state == magtreg::core::model::FormState::Filled) {
    // Registered around its deadline: to the minute, within the hour, or days either side.
    const auto due = rules::registration_due(f, w.decisions, forms::Catalogue::current());
    REQUIRE(due.has_value());
    const long long offset = rnd.chance(30) ? rnd.between(-2, 2) : rnd.chance(50) ? rnd.between(-90, 90)
                                                                                    : rnd.between(-4320, 4320);
    time::UtcSeconds at = time::to_utc(*due) + offset * 60 + rnd.between(0, 59);
    at = std::max(at, time::to_utc_later(started) + 60);
    f.registered_at = time::format_utc(at);
  }
  return f;
}

const workflow::WorkItem* overdue_item(const std::vector<workflow::WorkItem>& items, const std::string& form_id) {
  for (const auto& i : items)
    if (i.kind == workflow::WorkKind::RegistrationOverdue && i.record_id == form_id) return &i;
  return nullptr;
}

}  // namespace

TEST_CASE("2,000 generated forms: the tablet, the server, the work list and the statistics give one deadline and one lateness") {
  World w;
  Random rnd;
  const auto& catalogue = forms::Catalogue::current();
  for (const char* group : {"handicap", "demens", "boern"})
    for (int i = 0; i < 20; ++i) {
      model::Citizen c;
      c.id = std::string("c-") + group + "-" + std::to_string(i);
      c.cpr = "010101-0000";
      c.name = "Borger " + std::to_string(i);
      c.target_group = group;
      c.acting_municipality = "Testkommune";
      c.institution_id = std::string("I-") + group;
      w.citizens.push_back(c);
    }
  for (int n = 0; n < k_forms; ++n) w.forms.push_back(generated_form(rnd, w, n));

  // The server's database: the same records, each completion with its event (which feeds the statistics).
  REQUIRE(w.db->exec("BEGIN").ok());
  for (const auto& c : w.citizens) w.store(c);
  for (const auto& c : w.cases) w.store(c);
  for (const auto& d : w.decisions) w.store(d);
  for (const auto& f : w.forms) {
    w.store(f);
    if (f.state == magtreg::core::model::FormState::Draft) continue;
    model::FormEvent e;
    e.id = "e-" + f.id;
    e.form_instance_id = f.id;
    e.from_state = "kladde";
    e.to_state = "udfyldt";
    e.by = "staff";
    e.at = *f.registered_at;
    w.store(e);
  }
  REQUIRE(w.db->exec("COMMIT").ok());

  std::map<std::string, std::vector<model::FormInstance>> forms_of;
  std::map<std::string, std::vector<model::Decision>> decisions_of;
  for (const auto& f : w.forms) forms_of[f.citizen_id].push_back(f);
  for (const auto& d : w.decisions) decisions_of[d.citizen_id].push_back(d);

  // The tablet's overview, per citizen, by form.
  std::map<std::string, time::LocalDateTime> overview_due;
  for (const auto& c : w.citizens)
    for (const auto& dl : client::citizen_overview(forms_of[c.id], decisions_of[c.id], c, k_now).deadlines)
      if (!dl.form_id.empty()) overview_due[dl.form_id] = dl.due;

  // The leader's work list over everything.
  workflow::WorkInput in;
  in.role = Role::Leader;
  in.municipality = w.municipality;
  in.institutions = w.institutions;
  in.citizens = w.citizens;
  in.forms = w.forms;
  in.cases = w.cases;
  in.decisions = w.decisions;
  in.now = k_now;
  const auto items = workflow::work_items(in, catalogue);

  std::map<std::pair<int, int>, long long> late_by_quarter;  // acute registrations judged late, by quarter
  struct Seen {
    int late = 0, in_time = 0, drafts_overdue = 0, drafts_not_due = 0, skema2_uncovered = 0, child = 0,
        summer_time_days = 0;
  } seen;
  for (const auto& f : w.forms) {
    CAPTURE(f.id);
    CAPTURE(f.form_id);
    CAPTURE(f.content.dump());
    CAPTURE(f.registered_at.value_or("-"));
    const auto* meta = catalogue.find_form(f.form_id, f.form_version);
    REQUIRE(meta != nullptr);
    const auto& decisions = decisions_of[f.citizen_id];

    // The form screen and the form list (shell FormRow::registration_due).
    const auto tablet = rules::registration_due(f, decisions, catalogue);
    REQUIRE(tablet.has_value());
    // The server: the rule engine on the stored records, judged at the registration time.
    auto server = records::check_form(*w.db, f, records::registration_time(f));
    REQUIRE(server.ok());
    CHECK(server->registration_due == tablet);

    if (f.state == magtreg::core::model::FormState::Draft) {
      // The overview names the draft with the same deadline.
      REQUIRE(overview_due.count(f.id) == 1);
      CHECK(overview_due[f.id] == *tablet);
      // The leader sees an overdue registration with the same deadline, and none before it is due.
      if (meta->kind == forms::FormKind::Registration) {
        const auto* item = overdue_item(items, f.id);
        const bool due = time::evaluate_deadline(*tablet, k_now).status != time::DeadlineStatus::NotDueYet;
        CHECK((item != nullptr) == due);
        if (item != nullptr) CHECK(item->due == tablet);
        ++(due ? seen.drafts_overdue : seen.drafts_not_due);
      }
      CHECK_FALSE(server->has(rules::FindingCode::RegistrationLate));
      continue;
    }
    const bool late = server->has(rules::FindingCode::RegistrationLate);
    CHECK(late == rules::registered_late(*tablet, *records::registration_time(f)));
    ++(late ? seen.late : seen.in_time);
    if (meta->kind == forms::FormKind::Registration) {
      const time::Date day = *time::parse_date(f.started_at->substr(0, 10));
      late_by_quarter[{day.year, time::quarter(day)}] += late ? 1 : 0;
    }
    if (meta->kind == forms::FormKind::PreApproved) {
      const auto* d = rules::decision_of_form(f, decisions);
      REQUIRE(d != nullptr);
      const std::string day = f.started_at->substr(0, 10);
      if (day < *d->valid_from || *d->valid_to < day) {
        ++seen.skema2_uncovered;
        // Issue 27 item 4: not covered by the decision, so due as an acute use, three days after it.
        CHECK(*tablet == time::registration_due(*time::parse_date(day)));
      }
    }
    if (rules::registered_within_24_hours(*meta)) ++seen.child;
    const time::Date day = *time::parse_date(f.started_at->substr(0, 10));
    if (std::abs(time::days_between(day, time::last_sunday_of(day.year, day.month < 7 ? 3 : 10))) <= 3)
      ++seen.summer_time_days;
  }

  // The statistics count exactly the acute registrations the rule engine found late, quarter by quarter,
  // from the aggregates and from the rows.
  for (int year = 2023; year <= 2026; ++year)
    for (int q = 1; q <= 4; ++q)
      for (const auto source : {stats::Source::Aggregates, stats::Source::Rows}) {
        CAPTURE(year);
        CAPTURE(q);
        stats::StatsQuery query{year, q, "M", false};
        query.source = source;
        auto s = stats::compute_statistics(*w.db, query);
        REQUIRE(s.ok());
        CHECK(s->late_registrations.count == late_by_quarter[{year, q}]);
      }

  // The generator reached every corner it is meant to.
  CHECK(seen.late > 200);
  CHECK(seen.in_time > 200);
  CHECK(seen.drafts_overdue > 100);
  CHECK(seen.drafts_not_due > 10);
  CHECK(seen.skema2_uncovered > 10);
  CHECK(seen.child > 200);
  CHECK(seen.summer_time_days > 200);
}
