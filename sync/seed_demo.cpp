// `magtreg seed-demo`: the demo municipality with its cast (sync/demo_data.cpp) and a generated but
// plausible history from January 2024 to today: acute registrations on the 2020 forms before
// 1 July 2024 and on the 2024 forms after, children's Bilag 1 a, an application with its decision,
// registrations under it and a complaint that went to Ankestyrelsen. Every generated form is checked
// with core's validation for its state before it is stored, so the demo never holds data the product
// itself would refuse. Deterministic: the same day gives the same database.
#include "sync/seed_demo.hpp"

#include <random>
#include <set>

#include "core/forms/catalogue.hpp"
#include "core/forms/lifecycle.hpp"
#include "core/forms/validation.hpp"
#include "core/model/base_course.hpp"
#include "core/model/case.hpp"
#include "core/client/new_form.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_event.hpp"
#include "core/model/action_plan.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/move_recommendation.hpp"
#include "core/model/note.hpp"
#include "core/model/report_batch.hpp"
#include "core/records/accept.hpp"
#include "core/rules/check.hpp"
#include "core/rules/legal_basis.hpp"
#include "core/storage/record_repository.hpp"
#include "core/storage/transaction.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/util/uuid.hpp"
#include "core/workflow/reporting.hpp"
#include "sync/clock.hpp"
#include "sync/demo_data.hpp"
#include "sync/directory.hpp"
#include "sync/password.hpp"

namespace magtreg::sync {

namespace st = core::storage;
namespace model = core::model;
namespace forms = core::forms;
namespace tm = core::time;
using core::Error;
using core::ErrorCode;
using core::Result;
using core::Status;
using nlohmann::json;
using FS = core::model::FormState;
// A form state as a form event records it.
std::string text(FS state) { return std::string(core::model::to_string(state)); }

namespace {

std::string id_of(std::string_view kind, std::string_view key) {
  return core::derived_uuid("magtreg-demo/" + std::string(kind) + "/" + std::string(key));
}

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

int between(std::mt19937& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }

const std::vector<std::string> k_places = {"I fællesstuen", "På borgerens værelse", "I badeværelset",
                                           "I gangen ved hoveddøren", "I haven", "I spisestuen"};

// Realistic Danish text for the free-text fields the forms share; other fields get a neutral sentence.
std::string long_text(std::mt19937& rng, const std::string& field) {
  static const std::map<std::string, std::vector<std::string>> k_texts = {
      {"situation_before",
       {"Borgeren var urolig efter frokost og råbte ad en medbeboer. Personalet forsøgte at aflede med musik.",
        "Borgeren havde sovet dårligt og blev meget vred, da morgenplejen skulle begynde.",
        "Der var mange mennesker i fællesrummet, og borgeren begyndte at slå ud efter personalet."}},
      {"intervention",
       {"Personalet holdt roligt borgerens arme i ca. to minutter, indtil borgeren faldt til ro.",
        "To medarbejdere førte borgeren væk fra situationen ved at holde let om overarmene.",
        "Borgeren blev fastholdt blidt, mens en medarbejder talte roligt og beroligende."}},
      {"voluntary_how",
       {"Vi tilbød en gåtur og en kop kaffe og gav borgeren tid.", "Vi talte roligt og forsøgte at aflede med musik."}},
      {"voluntary_not_tried_reason", {"Situationen var akut farlig; der var ikke tid til at forsøge andet."}},
      {"proportionality", {"Indgrebet stod i rimeligt forhold til faren for, at borgeren eller andre kom til skade."}},
      {"least_intrusive", {"Vi valgte den mindst indgribende fastholdelse og slap, så snart det var forsvarligt."}},
      {"gentleness", {"Indgrebet blev udført så skånsomt som muligt og med omsorg for borgerens værdighed."}},
      {"citizen_view", {"Borgeren gav bagefter udtryk for at være ked af situationen.", "Borgeren kunne ikke udtrykke sig om forløbet."}},
      {"assessment", {"Indgrebet var lovligt og nødvendigt. Personalet handlede i overensstemmelse med loven."}},
      {"follow_up", {"Forløbet er gennemgået på personalemødet, og den pædagogiske plan er justeret."}},
      {"follow_up_plan", {"Vi afprøver faste rutiner før måltiderne og mere ro i fællesrummet."}},
      {"learning", {"Tidlige tegn på uro skal opfanges, så vi kan aflede i tide."}},
  };
  auto it = k_texts.find(field);
  if (it != k_texts.end()) return pick(rng, it->second);
  return "Beskrevet i samarbejde med de involverede medarbejdere.";
}

struct FillContext {
  std::string citizen_name;
  std::string institution_name;
  std::string leader_name;
  std::string basis;
  tm::LocalDateTime started;
  int minutes = 5;
};

json fill_value(std::mt19937& rng, const forms::FieldDef& f, const FillContext& c, const json& content);

json fill_row(std::mt19937& rng, const std::vector<forms::FieldDef>& columns, const FillContext& c) {
  json row = json::object();
  for (const auto& col : columns) row[col.id] = fill_value(rng, col, c, row);
  return row;
}

json fill_value(std::mt19937& rng, const forms::FieldDef& f, const FillContext& c, const json& content) {
  using forms::FieldType;
  const auto ended = tm::from_wall_minutes(tm::wall_minutes(c.started) + c.minutes);
  switch (f.type) {
    case FieldType::Text:
      if (f.id == "citizen_name") return c.citizen_name;
      if (f.id == "offer_name") return c.institution_name;
      if (f.id == "leader_name") return c.leader_name;
      if (f.id == "place") return pick(rng, k_places);
      return "Se beskrivelsen";
    case FieldType::LongText: return long_text(rng, f.id);
    case FieldType::Date: {
      std::string d = tm::format_iso(c.started.date);
      // A date that must not be before another date field takes that one.
      if (!f.not_before.empty() && content.contains(f.not_before) && content[f.not_before].is_string())
        d = content[f.not_before].get<std::string>().substr(0, 10);
      return d;
    }
    case FieldType::Time: {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%02d:%02d", c.started.hour, c.started.minute);
      return buf;
    }
    case FieldType::DateTime: return tm::format_iso(f.id == "ended_at" ? ended : c.started);
    case FieldType::Duration: {
      std::int64_t v = c.minutes;
      if (f.max && v > *f.max) v = *f.max;
      if (f.min && v < *f.min) v = *f.min;
      return v;
    }
    case FieldType::Number: return f.min && *f.min > 1 ? *f.min : 1;
    case FieldType::SingleChoice: return f.options.front().id;
    case FieldType::MultiChoice: return json::array({f.options.front().id});
    case FieldType::LegalBasis: return c.basis;
    case FieldType::HygieneSituation: {
      const auto& all = forms::k_hygiene_situations;
      std::string id(all[static_cast<std::size_t>(between(rng, 0, static_cast<int>(std::size(all)) - 1))].id);
      return f.multiple ? json::array({id}) : json(id);
    }
    case FieldType::PersonList: {
      static const std::vector<std::pair<std::string, std::string>> k_people = {
          {"Mette Hansen", "Pædagog"}, {"Ali Demir", "Social- og sundhedsassistent"}, {"Jonas Kristensen", "Sygeplejerske"},
          {"Sara Lund", "Pædagog"}};
      json list = json::array();
      const int n = std::max(f.min_rows, 1);
      for (int i = 0; i < n; ++i) {
        const auto& p = k_people[static_cast<std::size_t>(between(rng, 0, 3))];
        list.push_back({{"name", p.first}, {"role", p.second}});
      }
      return list;
    }
    case FieldType::YesNo:
      // Mostly "nej" to optional extras, "ja" where the law expects it to be done.
      if (f.id == "voluntary_tried" || f.id == "fulfils_intention" || f.id == "follow_up_done" ||
          f.id == "relatives_informed" || f.id == "complaint_letter_handed_out")
        return true;
      return false;
    case FieldType::Table: {
      json rows = json::array();
      const int n = std::max(f.min_rows, 1);
      for (int i = 0; i < n; ++i) rows.push_back(fill_row(rng, f.columns, c));
      return rows;
    }
  }
  return nullptr;
}

json fill_content(std::mt19937& rng, const forms::FormDefinition& def, const FillContext& c,
                  std::initializer_list<forms::FormPart> parts) {
  json content = json::object();
  for (const auto& s : def.sections) {
    if (std::find(parts.begin(), parts.end(), s.part) == parts.end()) continue;
    for (const auto& f : s.fields)
      if (forms::is_visible(def, f, content)) content[f.id] = fill_value(rng, f, c, content);
  }
  return content;
}

// [SECTION] the history generator
class Seeder {
 public:
  Seeder(st::Database& db, tm::Date today) : m_db(db), m_today(today), m_rng(20240101) {}

  Status run(SeedReport& report) {
    if (auto s = directory(); !s) return s;
    for (const auto& c : demo::citizens())
      if (auto s = history_of(c); !s) return s;
    if (auto s = approval_story(); !s) return s;
    if (auto s = pending_application(); !s) return s;
    if (auto s = reporting_story(); !s) return s;
    if (auto s = follow_up_story(); !s) return s;
    if (auto s = move_story(); !s) return s;  // after the stories above: they keep their random draws
    if (auto s = approval_story_2020(); !s) return s;
    if (auto s = recommendation_story(); !s) return s;
    report = m_report;
    return {};
  }

 private:
  Status directory() {
    m_municipality = id_of("municipality", demo::k_municipality);
    if (auto s = add_municipality(m_db, {m_municipality, std::string(demo::k_municipality), 10, 5,
                                               std::string(demo::k_region), std::string(demo::k_socialtilsyn)}); !s) return s;
    for (const auto& i : demo::institutions()) {
      model::Institution inst{id_of("institution", i.key), m_municipality, std::string(i.name), std::string(i.kind),
                              std::string(i.operator_kind), std::string(i.department), std::string(i.target_area)};
      if (auto s = add_institution(m_db, inst); !s) return s;
      m_institutions[std::string(i.key)] = inst;
    }
    auto hash = hash_password(demo::k_password);
    if (!hash) return Error::make(ErrorCode::Internal, "Adgangskoden kunne ikke hashes (ikke nok hukommelse).");
    for (const auto& u : demo::users()) {
      model::User user;
      user.id = id_of("user", u.username);
      user.username = std::string(u.username);
      user.display_name = std::string(u.display_name);
      user.role = core::role_from_string(u.role).value_or(core::Role::Staff);
      user.municipality_id = m_municipality;
      for (auto key : u.institutions) user.institution_ids.push_back(id_of("institution", key));
      std::sort(user.institution_ids.begin(), user.institution_ids.end());
      user.password_hash = *hash;
      if (auto s = add_user(m_db, user); !s) return s;
      m_users[std::string(u.username)] = user;
    }
    st::RecordRepository<model::Citizen> citizens(m_db, st::Side::Server);
    for (const auto& c : demo::citizens()) {
      model::Citizen citizen;
      citizen.id = id_of("citizen", c.cpr);
      citizen.cpr = std::string(c.cpr);
      citizen.name = std::string(c.name);
      citizen.target_group = std::string(c.target_group);
      citizen.acting_municipality = std::string(c.acting_municipality);
      citizen.institution_id = id_of("institution", c.institution);
      for (const auto& r : c.relatives)
        citizen.relatives.push_back({std::string(r.name), std::string(r.relation), std::string(r.contact)});
      citizen.can_complain_unaided = c.can_complain_unaided;
      if (auto m = citizens.insert(citizen); !m) return m.error();
      st::RecordRepository<model::BaseCourse> courses(m_db, st::Side::Server);
      if (auto m = courses.insert(model::new_base_course(citizen.id)); !m) return m.error();
      m_citizens[citizen.id] = citizen;
    }
    return {};
  }

  // Who works where: the first staff member and the leader of the citizen's institution.
  const model::User& user_at(const std::string& institution_id, core::Role role) const {
    for (const auto& [name, u] : m_users)
      if (u.role == role && std::find(u.institution_ids.begin(), u.institution_ids.end(), institution_id) !=
                                u.institution_ids.end())
        return u;
    return m_users.at("admin");
  }

  // The acute form for a target group on a day (the set in force), and bases that need no decision.
  static std::string acute_form(const std::string& group, const tm::Date& day) {
    if (group == "boern") return "boern-1a";
    const bool set2024 = day >= tm::Date{2024, 7, 1};
    if (set2024) return "2024-1";
    return group == "demens" ? "2020-1b" : "2020-1a";
  }

  std::vector<std::string> acute_bases(const forms::FormDefinition& def, const std::string& group) const {
    std::vector<std::string> out;
    const auto tg = core::rules::target_group_from_string(group);
    for (const auto& b : def.meta.bases) {
      const auto* lb = core::rules::find_legal_basis(b);
      if (!lb || !tg || !lb->allows(*tg)) continue;
      if (lb->decision != core::rules::DecisionRequirement::No) continue;
      if (b == "uden_hjemmel" || b == "noedret") continue;  // rare; not part of the everyday demo
      out.push_back(b);
    }
    return out;
  }

  Status history_of(const demo::DemoCitizen& dc) {
    const std::string citizen_id = id_of("citizen", dc.cpr);
    const auto& citizen = m_citizens.at(citizen_id);
    // A few citizens carry most registrations (the skew the yearly report must explain).
    const int n = dc.cpr == "010185-0001" ? 22 : dc.cpr == "110938-0005" ? 14 : between(m_rng, 2, 7);
    const long long first = tm::days_from_civil(tm::Date{2024, 1, 8});
    const long long last = tm::days_from_civil(m_today) - 1;
    for (int i = 0; i < n; ++i) {
      const tm::Date day = tm::civil_from_days(first + (last - first) * (i * 2 + 1) / (2 * n) + between(m_rng, -5, 5));
      if (day >= m_today || day < tm::Date{2024, 1, 2}) continue;
      const tm::LocalDateTime started{day, between(m_rng, 7, 21), between(m_rng, 0, 11) * 5};
      const std::string form_id = acute_form(citizen.target_group, day);
      const auto* def = forms::Catalogue::current().definition(form_id);
      if (!def) return Error::make(ErrorCode::Internal, "Demo: ukendt skema " + form_id);
      const auto bases = acute_bases(*def, citizen.target_group);
      if (bases.empty()) return Error::make(ErrorCode::Internal, "Demo: ingen hjemmel på " + form_id);
      // Nødværge is the exception, not the rule: one in ten at most.
      std::string basis = pick(m_rng, bases);
      while (basis == "noedvaerge" && between(m_rng, 0, 9) != 0) basis = pick(m_rng, bases);
      const long long age = tm::days_from_civil(m_today) - tm::days_from_civil(day);
      // Older than a month: locked and reported; the last weeks: some wait for the leader, some are drafts.
      const auto state = age > 30 ? FS::Locked : (age > 4 || i % 2 ? FS::Filled : FS::Draft);
      const std::string key = std::string(dc.cpr) + "/" + std::to_string(i);
      if (auto s = registration(key, citizen, *def, basis, started, state, std::nullopt); !s) return s;
    }
    // Last month, for the adults' institutions: locked registrations the leader has not reported yet (the
    // history generator above may leave a month empty; the leader's report screen needs last month).
    if (dc.institution == std::string_view("egebo") || dc.institution == std::string_view("solhaven")) {
      const tm::Date first_of_last = tm::add_months(tm::Date{m_today.year, m_today.month, 1}, -1);
      const tm::Date day = tm::add_days(first_of_last, between(m_rng, 2, 14));
      const tm::LocalDateTime started{day, between(m_rng, 7, 20), between(m_rng, 0, 11) * 5};
      const std::string form_id = acute_form(citizen.target_group, day);
      const auto* def = forms::Catalogue::current().definition(form_id);
      if (!def) return Error::make(ErrorCode::Internal, "Demo: ukendt skema " + form_id);
      const auto bases = acute_bases(*def, citizen.target_group);
      if (auto s = registration(std::string(dc.cpr) + "/last-month", citizen, *def, bases.front(), started, FS::Locked,
                                std::nullopt);
          !s)
        return s;
    }
    // The last days: what staff and leaders work on now. A draft, one waiting for the leader, and for a
    // few citizens an overdue draft (more than three days old).
    const int recent = dc.institution == std::string_view("egebo") || dc.institution == std::string_view("solhaven") ? 2 : 1;
    for (int i = 0; i < recent; ++i) {
      const int days_ago = i == 0 ? between(m_rng, 0, 2) : between(m_rng, 4, 6);
      const tm::Date day = tm::add_days(m_today, -days_ago);
      const tm::LocalDateTime started{day, between(m_rng, 7, 20), between(m_rng, 0, 11) * 5};
      const std::string form_id = acute_form(citizen.target_group, day);
      const auto* def = forms::Catalogue::current().definition(form_id);
      if (!def) return Error::make(ErrorCode::Internal, "Demo: ukendt skema " + form_id);
      const auto bases = acute_bases(*def, citizen.target_group);
      const std::string key = std::string(dc.cpr) + "/recent/" + std::to_string(i);
      const auto state = i == 0 && between(m_rng, 0, 1) == 0 ? FS::Filled : FS::Draft;
      if (auto s = registration(key, citizen, *def, bases.front(), started, state, std::nullopt); !s) return s;
    }
    return {};
  }

  Result<model::Case> new_case(const std::string& key, const model::Citizen& citizen, model::CaseKind kind,
                               const std::string& opened_at, std::optional<std::string> decision_id = std::nullopt) {
    model::Case c;
    c.id = id_of("case", key);
    c.citizen_id = citizen.id;
    c.base_course_id = model::base_course_id_for(citizen.id);
    c.kind = kind;
    c.title = std::string(model::case_title_for(citizen.target_group));
    c.decision_id = std::move(decision_id);
    c.opened_at = opened_at;
    st::RecordRepository<model::Case> cases(m_db, st::Side::Server);
    if (auto m = cases.insert(c); !m) return m.error();
    return c;
  }

  static std::string utc_of(const tm::LocalDateTime& t) { return utc_text(tm::to_utc(t)); }

  Status registration(const std::string& key, const model::Citizen& citizen, const forms::FormDefinition& def,
                      const std::string& basis, const tm::LocalDateTime& started, FS state,
                      const std::optional<model::Case>& under_case, const model::Decision* decision = nullptr) {
    const auto& staff = user_at(citizen.institution_id, core::Role::Staff);
    const auto& leader = user_at(citizen.institution_id, core::Role::Leader);
    FillContext fc{citizen.name, m_institutions_by_id(citizen.institution_id).name, leader.display_name, basis,
                   started, between(m_rng, 2, 14)};
    const bool locked = state == FS::Locked;
    json content = locked ? fill_content(m_rng, def, fc, {forms::FormPart::Staff, forms::FormPart::Leader})
                          : fill_content(m_rng, def, fc, {forms::FormPart::Staff});
    // A 2024 Skema 2 covers its decision's period (issue #14 items 2 and 3): registered at its expiry.
    const bool covers_period = def.meta.kind == forms::FormKind::PreApproved && decision != nullptr &&
                               decision->valid_from && decision->valid_to;
    if (covers_period) {
      content["decision_from"] = *decision->valid_from;
      content["decision_to"] = *decision->valid_to;
    }
    const auto scope = locked ? forms::Scope::All : forms::Scope::Staff;
    if (state != FS::Draft) {
      if (auto issues = forms::validate(def, content, scope); !issues.empty())
        return Error::make(ErrorCode::Internal, "Demo: " + def.meta.id + " er ikke gyldigt: " + issues.front().path +
                                                    " – " + issues.front().message);
    }
    const std::string created_at = utc_of(tm::from_wall_minutes(tm::wall_minutes(started) + 60 * between(m_rng, 1, 20)));
    model::Case c;
    if (under_case) {
      c = *under_case;
    } else {
      auto made = new_case(key, citizen, model::CaseKind::Single, created_at);
      if (!made) return made.error();
      c = *made;
    }
    model::FormInstance f;
    f.id = id_of("form", key);
    f.form_id = def.meta.id;
    f.form_version = def.meta.version;
    f.citizen_id = citizen.id;
    f.case_id = c.id;
    f.institution_id = citizen.institution_id;
    f.content = std::move(content);
    f.legal_basis = basis;
    f.started_at = tm::format_iso(started);
    if (covers_period) core::records::derive_form_columns(f);  // dated by the period's first day
    f.created_by = staff.id;
    f.created_at = created_at;
    f.updated_at = created_at;
    // About one registration in eight is completed after the three-day deadline (late registrations
    // are a figure management follows).
    const bool late = locked && !under_case && between(m_rng, 0, 7) == 0;
    const std::string filled_at =
        late ? utc_of(tm::from_wall_minutes(tm::wall_minutes(started) + 60 * 24 * between(m_rng, 4, 6))) : created_at;
    if (locked) {
      const auto lock_time =
          tm::from_wall_minutes(tm::wall_minutes(started) + 60 * 24 * (late ? between(m_rng, 7, 12) : between(m_rng, 2, 9)));
      f = forms::transitioned(std::move(f), FS::Locked, leader.id, utc_of(lock_time));
      f.updated_at = *f.locked_at;
    } else if (state != FS::Draft) {
      f = forms::transitioned(std::move(f), state, staff.id, filled_at);
    }
    if (state != FS::Draft) f.registered_at = filled_at;  // as the tablet records it
    st::RecordRepository<model::FormInstance> form_repo(m_db, st::Side::Server);
    if (auto m = form_repo.insert(f); !m) return m.error();
    // The history a real form would have: created, filled, locked.
    std::vector<Step> steps = {{"", text(FS::Draft), staff.id, created_at}};
    if (state != FS::Draft) steps.push_back({text(FS::Draft), text(FS::Filled), staff.id, filled_at});
    if (locked) steps.push_back({text(FS::Filled), text(FS::Locked), leader.id, *f.locked_at});
    if (auto h = history(key, f.id, steps); !h) return h;
    ++m_report.forms;
    // A Skema 1 on § 136 c has its Bilag til § 136 c, filled with it (issue 14 item 15).
    if (state != FS::Draft)
      if (const auto* annex = core::rules::required_attachment(forms::Catalogue::current(), def.meta, basis,
                                                               tm::format_iso(started.date)))
        return annex_form(key, f, *annex, fc, steps);
    return {};
  }

  // One form event per step of a form's life, with ids derived from `key`.
  struct Step {
    std::string from, to, by, at;
  };
  Status history(const std::string& key, const std::string& form_id, const std::vector<Step>& steps) {
    st::RecordRepository<model::FormEvent> events(m_db, st::Side::Server);
    for (std::size_t i = 0; i < steps.size(); ++i) {
      model::FormEvent e;
      e.id = id_of("event", key + "/" + std::to_string(i));
      e.form_instance_id = form_id;
      if (!steps[i].from.empty()) e.from_state = steps[i].from;
      e.to_state = steps[i].to;
      e.by = steps[i].by;
      e.at = steps[i].at;
      if (auto m = events.insert(e); !m) return m.error();
    }
    return {};
  }

  // The annex of a registered form, in the same state, from its staff's answers and a generator of its own
  // (the draws of the rest of the demo stay as they were).
  Status annex_form(const std::string& key, const model::FormInstance& parent, const forms::FormMeta& meta,
                    const FillContext& fc, const std::vector<Step>& steps) {
    const auto* def = forms::Catalogue::current().definition(meta.id, meta.version);
    if (!def) return Error::make(ErrorCode::Internal, "Demo: ukendt skema " + meta.id);
    std::uint32_t seed = 2166136261u;  // FNV-1a of the key
    for (unsigned char ch : key) seed = (seed ^ ch) * 16777619u;
    std::mt19937 rng(seed);
    const bool locked = parent.state == FS::Locked;
    json content = locked ? fill_content(rng, *def, fc, {forms::FormPart::Staff, forms::FormPart::Leader})
                          : fill_content(rng, *def, fc, {forms::FormPart::Staff});
    content.update(core::client::annex_answers_from(*def, parent));
    if (auto issues = forms::validate(*def, content, locked ? forms::Scope::All : forms::Scope::Staff); !issues.empty())
      return Error::make(ErrorCode::Internal, "Demo: " + def->meta.id + " er ikke gyldigt: " + issues.front().path +
                                                  " – " + issues.front().message);
    model::FormInstance f = parent;
    f.id = id_of("form", key + "/annex");
    f.form_id = def->meta.id;
    f.form_version = def->meta.version;
    f.parent_id = parent.id;
    f.content = std::move(content);
    st::RecordRepository<model::FormInstance> form_repo(m_db, st::Side::Server);
    if (auto m = form_repo.insert(f); !m) return m.error();
    if (auto h = history(key + "/annex", f.id, steps); !h) return h;
    ++m_report.forms;
    return {};
  }

  const model::Institution& m_institutions_by_id(const std::string& id) const {
    for (const auto& [key, inst] : m_institutions)
      if (inst.id == id) return inst;
    return m_institutions.begin()->second;
  }

  // A granted § 125 decision for Jens Pedersen on an approval case of its own, with the locked application
  // it answers (`form_id`, applied on `applied`), decided on `decided` and notified the day after; `key`
  // names the records. The random draws are the application's content, in the order they always were.
  struct Granted {
    model::Case approval_case;
    model::Decision decision;
  };
  Result<Granted> granted_decision(const std::string& key, const std::string& form_id, tm::Date applied,
                                   tm::Date decided, const std::string& valid_from, const std::string& valid_to,
                                   const std::string& conditions) {
    const auto& citizen = m_citizens.at(id_of("citizen", "010185-0001"));
    const auto& leader = user_at(citizen.institution_id, core::Role::Leader);
    const auto& committee = m_users.at("udvalg");
    auto c = new_case("approval/" + key, citizen, model::CaseKind::Approval, utc_of({applied, 10, 0}), id_of("decision", key + "-125"));
    if (!c) return c.error();

    const auto* app_def = forms::Catalogue::current().definition(form_id);
    if (!app_def) return Error::make(ErrorCode::Internal, "Demo: skema " + form_id + " mangler");
    FillContext fc{citizen.name, m_institutions_by_id(citizen.institution_id).name, leader.display_name, "125",
                   {applied, 10, 0}, 10};
    json content = fill_content(m_rng, *app_def, fc, {forms::FormPart::Staff, forms::FormPart::Leader,
                                                       forms::FormPart::Authority});
    if (auto issues = forms::validate(*app_def, content); !issues.empty())
      return Error::make(ErrorCode::Internal, "Demo: ansøgningen er ikke gyldig: " + issues.front().path + " – " +
                                                  issues.front().message);
    model::FormInstance app;
    app.id = id_of("form", key + "-application");
    app.form_id = form_id;
    app.form_version = app_def->meta.version;
    app.citizen_id = citizen.id;
    app.case_id = c->id;
    app.institution_id = citizen.institution_id;
    app.content = std::move(content);
    app.legal_basis = "125";
    app.created_by = leader.id;
    app.created_at = utc_of({applied, 10, 0});
    app.updated_at = utc_of({applied, 15, 0});
    app = forms::transitioned(std::move(app), FS::Locked, leader.id, app.updated_at);
    st::RecordRepository<model::FormInstance> form_repo(m_db, st::Side::Server);
    if (auto m = form_repo.insert(app); !m) return m.error();
    ++m_report.forms;

    model::Decision d;
    d.id = id_of("decision", key + "-125");
    d.citizen_id = citizen.id;
    d.case_id = c->id;
    d.application_form_id = app.id;
    d.basis = "125";
    d.status = model::DecisionStatus::Granted;
    d.valid_from = valid_from;
    d.valid_to = valid_to;
    d.conditions = conditions;
    d.complaint_guidance =
        "Afgørelsen kan påklages til Ankestyrelsen. Klagen sendes til kommunen inden 4 uger efter, at du har "
        "modtaget afgørelsen.";
    d.decided_by = committee.id;
    d.decided_at = utc_of({decided, 14, 0});
    const std::string notified = utc_of({tm::add_days(decided, 1), 9, 0});
    d.notifications = {{"borger", notified}, {"værge", notified}, {"leder", notified}, {"sagsbehandler", notified}};
    st::RecordRepository<model::Decision> decisions(m_db, st::Side::Server);
    if (auto m = decisions.insert(d); !m) return m.error();
    ++m_report.decisions;
    // The leader told staff the day after being told (issue #14 item 13).
    if (auto s = staff_briefing_note(key, d, model::k_note_kind_staff_informed_decision, tm::add_days(decided, 2),
                                     "Personalet orienteret om afgørelsen og vilkårene på personalemødet.");
        !s)
      return s.error();
    return Granted{*c, d};
  }

  // A note by the citizen's leader on the decision's case that staff were told (of the decision, or of
  // Ankestyrelsen's ruling on a complaint against it).
  Status staff_briefing_note(const std::string& key, const model::Decision& d, std::string_view kind, tm::Date day,
                             std::string text) {
    const auto& citizen = m_citizens.at(d.citizen_id);
    model::Note n;
    n.id = id_of("note", "staff/" + std::string(kind) + "/" + key);
    n.citizen_id = d.citizen_id;
    n.case_id = d.case_id;
    n.text = std::move(text);
    n.tags = {std::string(model::k_note_tag_use_of_force)};
    n.kind = std::string(kind);
    n.author = user_at(citizen.institution_id, core::Role::Leader).id;
    n.at = utc_of({day, 13, 0});
    st::RecordRepository<model::Note> notes(m_db, st::Side::Server);
    if (auto made = notes.insert(n); !made) return made.error();
    ++m_report.notes;
    return {};
  }

  // Jens Pedersen's earlier § 125 decision, under the 2020 forms (1 January – 30 June 2024): a Skema 1 a
  // registered under it takes a Bilag 1 whose lines are checked against it (issue 14 item 2).
  Status approval_story_2020() {
    auto g = granted_decision("jens-2020", "2020-3", {2023, 11, 20}, {2023, 12, 14}, "2024-01-01", "2024-06-30",
                              "Kun når Jens forsøger at forlade boligen alene om natten.");
    if (!g) return g.error();
    return {};
  }

  // Jens Pedersen (handicap, Egebo): an application for § 125 (2024-3), the committee's decision,
  // two registrations under it (2024-2) on the same case, and his guardian's complaint against the
  // decision, upheld by the committee and forwarded to Ankestyrelsen.
  Status approval_story() {
    const auto& citizen = m_citizens.at(id_of("citizen", "010185-0001"));
    auto g = granted_decision("jens", "2024-3", {2025, 1, 14}, {2025, 1, 28}, "2025-02-01", "2026-01-31",
                              "Kun når Jens forsøger at forlade boligen alene om natten. Skal registreres hver gang.");
    if (!g) return g.error();
    const model::Case* c = &g->approval_case;
    const model::Decision& d = g->decision;

    const auto* reg_def = forms::Catalogue::current().definition("2024-2");
    if (!reg_def) return Error::make(ErrorCode::Internal, "Demo: skema 2024-2 mangler");
    // The one Skema 2 of the decision, registered when it expired with the estimated number of uses.
    if (auto s = registration("jens-under-decision/0", citizen, *reg_def, "125", {tm::Date{2026, 2, 2}, 9, 30}, FS::Locked,
                              *c, &d);
        !s)
      return s;

    model::Complaint complaint;
    complaint.id = id_of("complaint", "jens-125");
    complaint.citizen_id = citizen.id;
    complaint.decision_id = d.id;
    complaint.received_at = utc_of({tm::Date{2025, 2, 10}, 11, 0});
    complaint.complainant = "værge (Advokat Bent Holm)";
    complaint.notified_at = utc_of({tm::Date{2025, 1, 29}, 9, 0});
    complaint.status = magtreg::core::model::ComplaintStatus::Closed;
    complaint.committee_assessment =
        "Udvalget har genvurderet sagen og fastholder afgørelsen. Klagen er sendt videre til Ankestyrelsen.";
    complaint.forwarded_at = utc_of({tm::Date{2025, 3, 3}, 10, 0});
    complaint.outcome = "Ankestyrelsen stadfæstede kommunens afgørelse den 14.05.2025.";
    st::RecordRepository<model::Complaint> complaints(m_db, st::Side::Server);
    if (auto m = complaints.insert(complaint); !m) return m.error();
    ++m_report.complaints;
    return staff_briefing_note("jens-ruling", d, model::k_note_kind_staff_informed_ruling, {2025, 5, 16},
                               "Personalet orienteret om Ankestyrelsens afgørelse: kommunens afgørelse er stadfæstet.");
  }

  // Søren Ravn (handicap, Egebo, § 136 a used repeatedly): the leader's application, locked three days
  // ago, waiting for the committee's decision.
  Status pending_application() {
    const auto& citizen = m_citizens.at(id_of("citizen", "230777-0003"));
    const auto& leader = user_at(citizen.institution_id, core::Role::Leader);
    const tm::Date applied = tm::add_days(m_today, -3);
    auto c = new_case("approval/soeren", citizen, model::CaseKind::Approval, utc_of({applied, 9, 0}));
    if (!c) return c.error();
    const auto* def = forms::Catalogue::current().definition("2024-3");
    if (!def) return Error::make(ErrorCode::Internal, "Demo: skema 2024-3 mangler");
    FillContext fc{citizen.name, m_institutions_by_id(citizen.institution_id).name, leader.display_name, "136a",
                   {applied, 9, 0}, 5};
    json content = fill_content(m_rng, *def, fc, {forms::FormPart::Staff, forms::FormPart::Leader,
                                                   forms::FormPart::Authority});
    if (auto issues = forms::validate(*def, content); !issues.empty())
      return Error::make(ErrorCode::Internal, "Demo: ansøgningen er ikke gyldig: " + issues.front().path + " – " +
                                                  issues.front().message);
    model::FormInstance app;
    app.id = id_of("form", "soeren-application");
    app.form_id = def->meta.id;
    app.form_version = def->meta.version;
    app.citizen_id = citizen.id;
    app.case_id = c->id;
    app.institution_id = citizen.institution_id;
    app.content = std::move(content);
    app.legal_basis = "136a";
    app.created_by = leader.id;
    app.created_at = utc_of({applied, 9, 0});
    app.updated_at = utc_of({applied, 11, 30});
    app = forms::transitioned(std::move(app), FS::Locked, leader.id, app.updated_at);
    st::RecordRepository<model::FormInstance> form_repo(m_db, st::Side::Server);
    if (auto m = form_repo.insert(app); !m) return m.error();
    ++m_report.forms;
    return {};
  }

  // Every month up to two months ago is reported to all its recipients (the leader's batch on the report
  // day) and reviewed by the committee a week later; last month's report is the leader's to make now.
  Status reporting_story() {
    st::RecordRepository<model::FormInstance> form_repo(m_db);
    auto forms = form_repo.query("t.deleted = 0", {});
    if (!forms) return forms.error();
    auto municipality = find_municipality(m_db, m_municipality);
    if (!municipality) return municipality.error();
    if (!*municipality) return Error::make(ErrorCode::Internal, "Demo: kommunen mangler");
    std::vector<model::Citizen> citizens;
    for (const auto& [id, c] : m_citizens) citizens.push_back(c);
    const auto& committee = m_users.at("udvalg");
    std::vector<model::ReportBatch> batches;
    core::workflow::Month last = core::workflow::previous_month(
        core::workflow::previous_month({m_today.year, m_today.month}));
    st::RecordRepository<model::ReportBatch> batch_repo(m_db, st::Side::Server);
    st::RecordRepository<model::Note> notes(m_db, st::Side::Server);
    for (const auto& [key, inst] : m_institutions) {
      const core::workflow::ReportingUnit unit{inst, **municipality};
      const auto& leader = user_at(inst.id, core::Role::Leader);
      for (core::workflow::Month m{2024, 1}; m <= last; m = m.month == 12 ? core::workflow::Month{m.year + 1, 1}
                                                                           : core::workflow::Month{m.year, m.month + 1}) {
        const auto due = core::workflow::forms_for_monthly_report(inst.id, m, *forms, batches,
                                                                  forms::Catalogue::current());
        if (due.empty()) continue;
        const tm::Date next_month = tm::add_months(tm::Date{m.year, m.month, 1}, 1);
        const tm::Date report_day{next_month.year, next_month.month, (*municipality)->report_day_of_month - 3};
        model::ReportBatch b;
        b.id = id_of("report", key + "/" + core::workflow::format_month(m));
        b.institution_id = inst.id;
        b.month = core::workflow::format_month(m);
        for (const auto& f : due) b.form_ids.push_back(f.id);
        for (const auto& share : core::workflow::report_recipients(unit, due, citizens)) {
          model::ReportRecipient r = share.recipient;
          r.sent_at = utc_of({report_day, 11, 0});
          b.recipients.push_back(r);
        }
        b.created_by = leader.id;
        b.created_at = utc_of({report_day, 9, 30});
        if (auto made = batch_repo.insert(b); !made) return made.error();
        batches.push_back(b);
        ++m_report.reports;
        std::set<std::string> reviewed;
        for (const auto& f : due) {
          if (!reviewed.insert(f.case_id).second) continue;
          model::Note n;
          n.id = id_of("note", "review/" + b.id + "/" + f.case_id);
          n.citizen_id = f.citizen_id;
          n.case_id = f.case_id;
          n.text = "Udvalget har gennemgået indberetningen for " +
                   tm::format_danish_month(m.year, m.month) + ". Ingen bemærkninger.";
          n.tags = {std::string(model::k_note_tag_use_of_force)};
          n.kind = std::string(model::k_note_kind_committee_review);
          n.author = committee.id;
          n.at = utc_of({tm::add_days(report_day, 7), 13, 0});
          if (auto made = notes.insert(n); !made) return made.error();
          ++m_report.notes;
        }
      }
    }
    return {};
  }

  // The leader's notes (complaint letter handed out, relatives oriented monthly until two months ago, so
  // one orientation is due now), the caseworker's action plans (missing, outdated or current), and an
  // open complaint against acute use for the committee.
  // Gudrun Skov (demens, Solhaven): the administration (Social og Familie) moved her to a special
  // residential offer without consent (§ 136 f, Skema 4) early in the last complete quarter and locked the
  // form; the quarter's move report to the socialtilsyn is not made yet (Opgaver: "Kvartalsindberetning").
  Status move_story() {
    const auto& citizen = m_citizens.at(id_of("citizen", "170241-0007"));
    const auto& authority = m_users.at("myndighed");
    const core::workflow::Month now{m_today.year, m_today.month};
    const core::workflow::Month last_quarter = core::workflow::last_complete_quarter(now);
    const tm::Date moved{last_quarter.year, last_quarter.month - 2, 6};
    const auto* def = forms::Catalogue::current().definition("2024-4");
    if (!def) return Error::make(ErrorCode::Internal, "Demo: skema 2024-4 mangler");
    FillContext fc{citizen.name, m_institutions_by_id(citizen.institution_id).name, authority.display_name, "136f",
                   {moved, 10, 0}, 0};
    json content = fill_content(m_rng, *def, fc, {forms::FormPart::Authority});
    if (auto issues = forms::validate(*def, content); !issues.empty())
      return Error::make(ErrorCode::Internal, "Demo: flytningen er ikke gyldig: " + issues.front().path + " – " +
                                                  issues.front().message);
    auto c = new_case("move/gudrun", citizen, model::CaseKind::Single, utc_of({moved, 9, 0}));
    if (!c) return c.error();
    model::FormInstance f;
    f.id = id_of("form", "gudrun-move");
    f.form_id = def->meta.id;
    f.form_version = def->meta.version;
    f.citizen_id = citizen.id;
    f.case_id = c->id;
    f.institution_id = citizen.institution_id;
    f.content = std::move(content);
    core::records::derive_form_columns(f);  // basis and the day of the move, as the tablet derives them
    f.created_by = authority.id;
    f.created_at = utc_of({moved, 11, 0});
    f = forms::transitioned(std::move(f), FS::Locked, authority.id, utc_of({tm::add_days(moved, 6), 14, 0}));
    f.updated_at = *f.locked_at;
    f.registered_at = f.locked_at;  // a move is registered when it is locked
    st::RecordRepository<model::FormInstance> form_repo(m_db, st::Side::Server);
    if (auto m = form_repo.insert(f); !m) return m.error();
    if (auto h = history("gudrun-move", f.id, {{"", text(FS::Draft), authority.id, f.created_at},
                                                {text(FS::Draft), text(FS::Locked), authority.id, *f.locked_at}});
        !h)
      return h;
    ++m_report.forms;
    return {};
  }

  // The administration's work with Familieretshuset (issue 14 item 12): Edith Larsen's recommendation to move
  // (§ 129, stk. 1) sent five days ago, the lawyer appointed and a guardian asked for, awaiting Familieretshuset;
  // and a refusal to recommend Knud Thomsen yesterday, his wife not yet told she may complain.
  Status recommendation_story() {
    const auto& authority = m_users.at("myndighed");
    st::RecordRepository<model::MoveRecommendation> repo(m_db, st::Side::Server);
    model::MoveRecommendation sent;
    sent.id = id_of("move_recommendation", "edith");
    sent.citizen_id = id_of("citizen", "110938-0005");
    sent.basis = "129";
    sent.subsection = "stk1";
    sent.status = std::string(model::k_recommendation_sent);
    sent.decided_on = tm::format_iso(tm::add_days(m_today, -5));
    sent.lawyer_appointed_on = tm::format_iso(tm::add_days(m_today, -8));
    sent.guardian_requested_on = sent.decided_on;
    sent.author = authority.id;
    sent.at = utc_of({tm::add_days(m_today, -5), 10, 30});
    if (auto m = repo.insert(sent); !m) return m.error();
    model::MoveRecommendation refused;
    refused.id = id_of("move_recommendation", "knud");
    refused.citizen_id = id_of("citizen", "290544-0006");
    refused.basis = "129";
    refused.subsection = "stk1";
    refused.status = std::string(model::k_recommendation_refused);
    refused.decided_on = tm::format_iso(tm::add_days(m_today, -1));
    refused.cohabitant = "Hustru Grethe Thomsen";
    refused.author = authority.id;
    refused.at = utc_of({tm::add_days(m_today, -1), 14, 0});
    if (auto m = repo.insert(refused); !m) return m.error();
    return {};
  }

  Status follow_up_story() {
    st::RecordRepository<model::FormInstance> form_repo(m_db);
    st::RecordRepository<model::Note> notes(m_db, st::Side::Server);
    st::RecordRepository<model::ActionPlan> plans(m_db, st::Side::Server);
    const auto& caseworker = m_users.at("sagsbehandler");
    int index = 0;
    for (const auto& dc : demo::citizens()) {
      const auto& citizen = m_citizens.at(id_of("citizen", dc.cpr));
      auto forms = form_repo.query("t.citizen_id = ?1 AND t.state = 'laast' AND t.started_at IS NOT NULL"
                                   " ORDER BY t.started_at",
                                   [&](st::Statement& q) { q.bind(1, citizen.id); });
      if (!forms) return forms.error();
      if (forms->empty()) continue;
      const auto& leader = user_at(citizen.institution_id, core::Role::Leader);
      auto first = tm::parse_local_date_time(*forms->front().started_at);
      auto latest = tm::parse_local_date_time(*forms->back().started_at);
      if (!first || !latest) return Error::make(ErrorCode::Internal, "Demo: ugyldigt tidspunkt");
      auto note = [&](const std::string& key, std::string_view kind, const tm::Date& day, std::string text,
                      std::optional<std::string> case_id = std::nullopt) -> Status {
        model::Note n;
        n.id = id_of("note", key);
        n.citizen_id = citizen.id;
        n.case_id = std::move(case_id);
        n.text = std::move(text);
        n.tags = {std::string(model::k_note_tag_use_of_force)};
        n.kind = std::string(kind);
        n.author = leader.id;
        n.at = utc_of({day, 14, 0});
        auto made = notes.insert(n);
        if (!made) return made.error();
        ++m_report.notes;
        return {};
      };
      if (auto s = note("letter/" + citizen.id, model::k_note_kind_complaint_letter, tm::add_days(first->date, 2),
                        "Skrivelse vedr. klageadgang udleveret til " + citizen.name + ".");
          !s)
        return s;
      if (!citizen.can_complain_unaided) {
        const tm::Date stop = tm::add_months(m_today, -2);
        for (tm::Date d = tm::add_months(first->date, 1); d <= stop; d = tm::add_months(d, 1))
          if (auto s = note("orientation/" + citizen.id + "/" + tm::format_iso(d), model::k_note_kind_relatives_informed,
                            d, "Pårørende og værge orienteret om månedens magtanvendelser. Skrivelse om klageadgang "
                               "er udleveret.");
              !s)
            return s;
      }
      // A child's registrations: the child and the parents told and the copy sent for each but the newest,
      // whose duties the leader's work list shows (issue 14 item 11).
      if (citizen.target_group == "boern")
        for (std::size_t i = 0; i + 1 < forms->size(); ++i) {
          const auto& f = (*forms)[i];
          const auto locked = f.locked_at ? tm::parse_utc(*f.locked_at) : std::nullopt;
          if (!locked) return Error::make(ErrorCode::Internal, "Demo: låst skema uden tidspunkt");
          const tm::Date day = std::min(tm::add_days(tm::to_local(*locked).date, 1), m_today);  // the day after
          for (const auto& [kind, text] : {std::pair{model::k_note_kind_child_informed,
                                                     "Barnet orienteret og tilbudt at få sin egen beskrivelse med."},
                                           std::pair{model::k_note_kind_parents_informed,
                                                     "Forældremyndighedens indehavere orienteret pr. telefon."},
                                           std::pair{model::k_note_kind_placing_copy,
                                                     "Kopi sendt til den anbringende kommune med sikker mail."}})
            if (auto s = note(std::string(kind) + "/" + f.id, kind, day, text, f.case_id); !s) return s;
        }
      // Caseworker: every third citizen has no plan, every third an outdated one, the rest a current one.
      if (index % 3 != 0) {
        model::ActionPlan p;
        p.id = id_of("action-plan", citizen.id);
        p.citizen_id = citizen.id;
        p.purpose = citizen.name + " skal kunne deltage i hverdagens aktiviteter med færrest mulige konflikter.";
        p.effort = "Faste rutiner, varsling før skift og overgange, én gennemgående kontaktperson.";
        p.expected_duration = "12 måneder";
        p.other_matters = "Bolig: uændret. Beskæftigelse: dagtilbud fire dage om ugen. Hjælpemidler: ingen nye.";
        p.author = caseworker.id;
        const tm::Date current = std::min(tm::add_days(latest->date, 3), m_today);
        p.updated_at = utc_of({index % 3 == 1 ? tm::add_days(first->date, 10) : current, 7, 0});
        if (auto made = plans.insert(p); !made) return made.error();
        ++m_report.action_plans;
      }
      ++index;
    }

    // Maria Jørgensen complains herself about her most recent locked registration.
    const auto& maria = m_citizens.at(id_of("citizen", "120392-0002"));
    auto hers = form_repo.query("t.citizen_id = ?1 AND t.state = 'laast' ORDER BY t.started_at DESC LIMIT 1",
                                [&](st::Statement& q) { q.bind(1, maria.id); });
    if (!hers) return hers.error();
    if (!hers->empty()) {
      model::Complaint complaint;
      complaint.id = id_of("complaint", "maria-acute");
      complaint.citizen_id = maria.id;
      complaint.form_instance_id = hers->front().id;
      complaint.received_at = utc_of({tm::add_days(m_today, -6), 10, 15});
      complaint.complainant = "borger";
      st::RecordRepository<model::Complaint> complaints(m_db, st::Side::Server);
      if (auto m = complaints.insert(complaint); !m) return m.error();
      ++m_report.complaints;
    }
    return {};
  }

  st::Database& m_db;
  tm::Date m_today;
  std::mt19937 m_rng;
  std::string m_municipality;
  std::map<std::string, model::Institution> m_institutions;
  std::map<std::string, model::User> m_users;
  std::map<std::string, model::Citizen> m_citizens;
  SeedReport m_report;
};

}  // namespace

Result<SeedReport> seed_demo(st::Database& db, const tm::Date& today) {
  auto users = list_users(db);
  if (!users) return users.error();
  if (!users->empty()) {
    SeedReport r;
    r.already_seeded = true;
    return r;
  }
  st::Transaction tx(db);
  if (!tx.begin_status()) return tx.begin_status().error();
  SeedReport report;
  Seeder seeder(db, today);
  if (auto s = seeder.run(report); !s) return s.error();
  if (auto c = tx.commit(); !c) return c.error();
  return report;
}

std::string demo_logins_text() {
  std::string out = "Demo-logins (adgangskode for alle: " + std::string(demo::k_password) + "):\n";
  for (const auto& u : demo::users()) {
    const auto role = core::role_from_string(u.role);
    out += "  " + std::string(u.username);
    out.append(u.username.size() < 14 ? 14 - u.username.size() : 1, ' ');
    out += std::string(role ? core::role_label(*role) : u.role) + " – " + std::string(u.display_name) + "\n";
  }
  return out;
}

}  // namespace magtreg::sync
