// The small, known world the server tests run against (one municipality, institutions A: handicap and
// B: demens, one user per role, one citizen per institution), a valid Skema 1 a draft and the upload
// envelope. Free of doctest, so the kill test, the fuzz target and the load benchmark seed the same world.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/forms/catalogue.hpp"
#include "core/model/base_course.hpp"
#include "core/model/case.hpp"
#include "core/model/citizen.hpp"
#include "core/model/form_instance.hpp"
#include "core/storage/citizen_repository.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/record_repository.hpp"
#include "core/util/result.hpp"
#include "core/util/uuid.hpp"
#include "sync/audit.hpp"
#include "sync/db_pool.hpp"
#include "sync/directory.hpp"
#include "sync/password.hpp"
#include "tests/core/test_forms_support.hpp"

namespace magtreg::tests {

inline constexpr const char* k_test_password = "Korrekt-Hest-Batteri-7";

struct World {
  std::string municipality = core::new_uuid();
  std::string inst_a = core::new_uuid();
  std::string inst_b = core::new_uuid();
  std::string citizen_a = core::new_uuid();  // handicap, institution A
  std::string citizen_b = core::new_uuid();  // demens, institution B
  // username -> user id
  std::map<std::string, std::string> users;
  // citizen id -> the single case (under the citizen's base course) their test forms are filed on: a form
  // names a case of its own citizen (issue #12).
  std::map<std::string, std::string> cases;
  std::string case_of(const std::string& citizen) const {
    auto it = cases.find(citizen);
    return it == cases.end() ? std::string() : it->second;
  }
};

// The citizen's base course and a single case with id `case_id`, stored as the server stores them.
inline core::Status seed_case(core::storage::Database& db, const std::string& citizen_id, const std::string& case_id) {
  core::storage::RecordRepository<core::model::BaseCourse> courses(db, core::storage::Side::Server);
  const core::model::BaseCourse b = core::model::new_base_course(citizen_id);
  if (auto found = courses.find(b.id); !found) return found.error();
  else if (!*found)
    if (auto s = courses.insert(b); !s) return s.error();
  core::storage::RecordRepository<core::model::Case> cases(db, core::storage::Side::Server);
  core::model::Case c;
  c.id = case_id;
  c.citizen_id = citizen_id;
  c.base_course_id = b.id;
  c.kind = magtreg::core::model::CaseKind::Single;
  c.title = std::string(core::model::k_case_title_adults);
  c.opened_at = "2024-01-01T08:00:00Z";
  if (auto s = cases.insert(c); !s) return s.error();
  return {};
}

// Creates (and migrates) the database file at `db_path` and fills it with the world above: users
// staff_a, staff_b, leader_a, udvalg, drift, myndighed and sagsbehandler, all with k_test_password. The ids are `w`'s (fresh UUIDs
// by default; a caller that needs stable ids, like the fuzz target's corpus, passes its own).
inline core::Result<World> seed_world(const std::string& db_path, World w = {}) {
  auto db = core::storage::open_database(db_path, sync::server_database_options());
  if (!db) return db.error();
  // Keyed before anything is written, as `magtreg seed-demo` and `serve` do: a key is never made for a
  // database that already holds citizens (sync/audit.hpp).
  if (auto chain = sync::open_audit_chain(*db, sync::default_audit_files(db_path)); !chain || !chain->ok())
    return core::Error::make(core::ErrorCode::AuditUnavailable, chain ? chain->detail : chain.error().message);
  if (auto s = sync::add_municipality(*db, {w.municipality, "Testkommune", 10, 5, "Region Testland", "Socialtilsyn Test"}); !s) return s.error();
  if (auto s = sync::add_institution(*db, {w.inst_a, w.municipality, "Bostedet Ahorn", "botilbud", "municipal",
                                           "Handicap", "handicap"});
      !s)
    return s.error();
  if (auto s = sync::add_institution(*db, {w.inst_b, w.municipality, "Plejecentret Birk", "plejecenter", "municipal",
                                           "Ældre", "demens"});
      !s)
    return s.error();
  // One hash for everyone: Argon2id is deliberately slow.
  const auto hash = sync::hash_password(k_test_password);
  if (!hash) return core::Error::make(core::ErrorCode::Internal, "hash_password failed");
  auto add = [&](const std::string& name, core::Role role, std::vector<std::string> inst) -> core::Status {
    core::model::User u;
    u.id = w.users.count(name) ? w.users[name] : core::new_uuid();
    u.username = name;
    u.display_name = name;
    u.role = role;
    u.municipality_id = w.municipality;
    u.institution_ids = std::move(inst);
    std::sort(u.institution_ids.begin(), u.institution_ids.end());
    u.password_hash = *hash;
    w.users[name] = u.id;
    return sync::add_user(*db, u);
  };
  for (auto s : {add("staff_a", core::Role::Staff, {w.inst_a}), add("staff_b", core::Role::Staff, {w.inst_b}),
                 add("leader_a", core::Role::Leader, {w.inst_a}), add("udvalg", core::Role::Committee, {}),
                 add("drift", core::Role::Operations, {}), add("myndighed", core::Role::Authority, {}),
                 add("sagsbehandler", core::Role::Caseworker, {})})
    if (!s) return s.error();
  core::storage::CitizenRepository citizens(*db, core::storage::Side::Server);
  core::model::Citizen a;
  a.id = w.citizen_a;
  a.cpr = "010190-1234";
  a.name = "Anders Ahorn";
  a.target_group = "handicap";
  a.acting_municipality = "Testkommune";
  a.institution_id = w.inst_a;
  if (auto s = citizens.insert(a); !s) return s.error();
  core::model::Citizen b = a;
  b.id = w.citizen_b;
  b.cpr = "020240-5678";
  b.name = "Birthe Birk";
  b.target_group = "demens";
  b.institution_id = w.inst_b;
  if (auto s = citizens.insert(b); !s) return s.error();
  for (const auto& citizen : {w.citizen_a, w.citizen_b}) {
    if (w.case_of(citizen).empty()) w.cases[citizen] = core::new_uuid();
    if (auto s = seed_case(*db, citizen, w.cases[citizen]); !s) return s.error();
  }
  return w;
}

// Valid content for the given parts of a form (every visible field of those parts).
inline nlohmann::json content_for_parts(const core::forms::FormDefinition& def, std::string_view basis,
                                        std::initializer_list<core::forms::FormPart> parts) {
  nlohmann::json all = test::sample_content(def, basis, false);
  nlohmann::json out = nlohmann::json::object();
  for (const auto& s : def.sections)
    if (std::find(parts.begin(), parts.end(), s.part) != parts.end())
      for (const auto& f : s.fields)
        if (all.contains(f.id)) out[f.id] = all[f.id];
  return out;
}

// A Skema 1 a (2020) draft for a citizen, with a valid staff part.
inline core::model::FormInstance skema_1a(const World& w, const std::string& citizen, const std::string& institution,
                                          const std::string& created_by) {
  const auto* def = core::forms::Catalogue::builtin().definition("2020-1a");
  if (def == nullptr) throw std::logic_error("2020-1a is missing from the built-in catalogue");
  core::model::FormInstance f;
  f.id = core::new_uuid();
  f.form_id = "2020-1a";
  f.form_version = def->meta.version;
  f.citizen_id = citizen;
  f.case_id = w.case_of(citizen);
  f.institution_id = institution;
  f.state = magtreg::core::model::FormState::Draft;
  f.content = content_for_parts(*def, "124d", {core::forms::FormPart::Staff});
  f.content["started_at"] = "2024-03-01T10:15";
  f.content["ended_at"] = "2024-03-01T10:25";
  f.legal_basis = "124d";
  f.started_at = "2024-03-01T10:15";
  f.created_by = created_by;
  f.created_at = "2024-03-01T09:30:00Z";
  f.updated_at = "2024-03-01T09:30:00Z";
  return f;
}

// The upload envelope for a record at `revision`.
template <class T>
std::string upload_body(T record, long long revision) {
  record.sync.revision = revision;
  return nlohmann::json{{"revision", revision},
                        {"content_hash", core::model::content_hash(record)},
                        {"data", core::model::to_json(record)}}
      .dump();
}

}  // namespace magtreg::tests
