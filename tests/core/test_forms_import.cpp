// The form catalogue as data (issue 17): a definition version is imported once, checked strictly (each
// refusal with its stable code and JSON path), never changed afterwards; the version a new form begins on
// follows the intervention's day; two versions can be compared field by field.
#include <doctest/doctest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "core/catalogue/definition_store.hpp"
#include "core/client/form_choice.hpp"
#include "core/workflow/documents.hpp"
#include "core/forms/definition_diff.hpp"
#include "core/storage/migrations.hpp"
#include "core/util/sha256.hpp"
#include "test_forms_support.hpp"
#include "test_storage_support.hpp"

using namespace magtreg::core;
using namespace magtreg::core::forms;
using magtreg::test::files_with;
using magtreg::test::TempDir;
using nlohmann::json;

namespace {

// The embedded Skema 1 (2024) as JSON, to change one thing at a time.
json skema1() {
  for (const auto& [name, text] : Catalogue::embedded_files())
    if (name == "2024-1.json") return json::parse(text);
  FAIL("2024-1.json is not embedded");
  return {};
}

json& field_of(json& def, const std::string& id) {
  for (auto& s : def["sections"])
    for (auto& f : s["fields"])
      if (f["id"] == id) return f;
  FAIL("no field " << id);
  static json none;
  return none;
}

// The embedded catalogue with one more definition.
Catalogue embedded_and(const json& extra) {
  std::vector<std::pair<std::string, std::string>> files = Catalogue::embedded_files();
  files.emplace_back("extra.json", extra.dump());
  auto loaded = Catalogue::load(files);
  REQUIRE_MESSAGE(loaded.ok(), loaded.error().message);
  return std::move(loaded).value();
}

struct Refusal {
  const char* what;
  std::function<void(json&)> change;
  ErrorCode code;
  const char* field;
};

}  // namespace

TEST_CASE("import refuses each kind of bad definition with a stable code naming the field") {
  TempDir dir;
  auto db = storage::open_database(dir.file("catalogue.db"));
  REQUIRE(db.ok());
  REQUIRE(catalogue::seed_builtin_definitions(*db, "2026-12-07T09:00:00Z").ok());
  const std::vector<Refusal> rows{
      {"a key the format does not have", [](json& d) { d["colour"] = "blå"; }, ErrorCode::DefinitionInvalid, "colour"},
      {"a version that is not a positive integer", [](json& d) { d["version"] = "2"; }, ErrorCode::DefinitionInvalid,
       "version"},
      {"an unknown status", [](json& d) { d["status"] = "final"; }, ErrorCode::DefinitionInvalid, "status"},
      {"verified without its source", [](json& d) { d["status"] = "verified"; }, ErrorCode::DefinitionInvalid,
       "source_title"},
      {"an in-force day that is no day", [](json& d) { d["in_force_from"] = "2027-02-30"; }, ErrorCode::DefinitionInvalid,
       "in_force_from"},
      {"a field id twice",
       [](json& d) { d["sections"][0]["fields"][1]["id"] = d["sections"][0]["fields"][0]["id"]; },
       ErrorCode::DefinitionDuplicateId, "sections[0] 'involved'.fields[1]"},
      {"a condition naming no field",
       [](json& d) {
         d["sections"][0]["fields"][1]["visible_if"] = json{{"field", "no_such_field"}, {"equals", true}};
       },
       ErrorCode::DefinitionUnknownReference, "sections[0] 'involved'.fields[1] 'offer_name'"},
      {"a choice field without options",
       [](json& d) {
         for (auto& s : d["sections"])
           for (auto& f : s["fields"])
             if (f["type"] == "single_choice") {
               f["options"] = json::array();
               return;
             }
       },
       ErrorCode::DefinitionEmptyChoices, nullptr},
      {"a paragraph core does not know", [](json& d) { d["bases"].push_back("999z"); }, ErrorCode::DefinitionUnknownBasis,
       "bases[7]"},
      {"a children's paragraph on an adults' form", [](json& d) { d["bases"][0] = "boern_fastholdelse"; },
       ErrorCode::DefinitionUnknownBasis, "bases[0]"},
      {"an unknown form set", [](json& d) { d["set"] = "2031"; }, ErrorCode::DefinitionUnknownSet, "set"},
      {"a published version with other content",
       [](json& d) { field_of(d, "citizen_name")["label"] = "Beboerens navn"; }, ErrorCode::DefinitionVersionPublished,
       "version"},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.what));
    json d = skema1();
    r.change(d);
    auto out = catalogue::import_definition(*db, "2024-1.json", d.dump(2), "admin", "2026-12-07T10:00:00Z");
    REQUIRE_FALSE(out.ok());
    CHECK(to_string(out.error().code) == to_string(r.code));
    if (r.field) CHECK(out.error().field == r.field);
    else CHECK(out.error().field.rfind("sections[", 0) == 0);
    CHECK(out.error().message.rfind("2024-1.json: ", 0) == 0);
  }
  // The control: the unchanged text is accepted as already stored, and nothing was added by the refusals.
  auto same = catalogue::import_definition(*db, "2024-1.json", skema1().dump(2), "admin", "2026-12-07T10:00:00Z");
  REQUIRE_MESSAGE(same.ok(), same.error().message);
  CHECK(same->already_stored);
  auto all = catalogue::list_definitions(*db);
  REQUIRE(all.ok());
  CHECK(all->size() == Catalogue::builtin().forms().size());
}

TEST_CASE("a new version is stored with who imported it, and a published version never changes") {
  TempDir dir;
  auto db = storage::open_database(dir.file("catalogue.db"));
  REQUIRE(db.ok());
  REQUIRE(catalogue::seed_builtin_definitions(*db, "2026-12-07T09:00:00Z").ok());
  auto v1 = catalogue::find_definition(*db, "2024-1", 1);
  REQUIRE(v1.ok());
  REQUIRE(v1->has_value());
  const std::string v1_hash = (*v1)->meta.content_hash;
  CHECK(v1_hash == sha256_hex((*v1)->body));
  CHECK(v1_hash == Catalogue::builtin().find_form("2024-1", 1)->content_hash);
  CHECK((*v1)->imported_by == catalogue::k_builtin_importer);

  json d = skema1();
  d["version"] = 2;
  d["in_force_from"] = "2027-01-01";
  d["status"] = "verified";
  d["source_title"] = "Skema 1 – Registrering og indberetning af akutte indgreb (Word)";
  d["source_date"] = "2026-11-20";
  field_of(d, "citizen_name")["label"] = "Beboerens navn";
  auto out = catalogue::import_definition(*db, "2024-1.json", d.dump(), "admin-ida", "2026-12-07T10:00:00Z");
  REQUIRE_MESSAGE(out.ok(), out.error().message);
  CHECK_FALSE(out->already_stored);
  CHECK(out->in_force_from == "2027-01-01");
  REQUIRE(out->previous.has_value());
  CHECK(*out->previous == 1);
  auto v2 = catalogue::find_definition(*db, "2024-1", 2);
  REQUIRE(v2.ok());
  REQUIRE(v2->has_value());
  CHECK((*v2)->imported_by == "admin-ida");
  CHECK((*v2)->meta.status == DefinitionStatus::Verified);
  CHECK((*v2)->meta.source_date == "2026-11-20");

  // The same text again (other spacing and key order) is the same version: nothing changes.
  auto again = catalogue::import_definition(*db, "2024-1.json", d.dump(4), "admin-bo", "2026-12-08T10:00:00Z");
  REQUIRE(again.ok());
  CHECK(again->already_stored);
  // The database refuses to change or delete a stored version, whoever asks.
  CHECK_FALSE(db->exec("UPDATE form_definitions SET body = '{}' WHERE form_id = '2024-1' AND version = 1").ok());
  CHECK_FALSE(db->exec("DELETE FROM form_definitions WHERE form_id = '2024-1'").ok());
  auto still = catalogue::find_definition(*db, "2024-1", 1);
  REQUIRE(still.ok());
  CHECK((*still)->meta.content_hash == v1_hash);

  // The catalogue built from the table has both versions; v1 keeps its wording.
  auto cat = catalogue::load_catalogue(*db);
  REQUIRE_MESSAGE(cat.ok(), cat.error().message);
  CHECK(cat->definition("2024-1", 1)->find_field("citizen_name")->label == "Borgerens navn");
  CHECK(cat->definition("2024-1", 2)->find_field("citizen_name")->label == "Beboerens navn");
  CHECK(cat->find_form("2024-1", 1)->content_hash == v1_hash);
}

TEST_CASE("a new form begins on the version in force on the intervention's day") {
  const std::string v1 = R"({"id": "t-1", "version": 1, "set": "t", "kind": "application", "lifecycle": "direct_lock",
    "bases": ["125"], "short_title": "T", "title": "Test", "sections": [{"id": "s", "title": "S", "part": "leader", "fields": [
      {"id": "place", "type": "text", "label": "Sted", "required": true}]}]})";
  json v2 = json::parse(v1);
  v2["version"] = 2;
  v2["in_force_from"] = "2027-01-01";
  json v3 = v2;
  v3["version"] = 3;
  v3["in_force_from"] = "2027-03-01";
  v3["status"] = "retired";
  auto loaded = Catalogue::load(files_with({v1, v2.dump(), v3.dump()}));
  REQUIRE_MESSAGE(loaded.ok(), loaded.error().message);
  const Catalogue& cat = *loaded;
  CHECK(cat.form_for_day("t-1", "2019-12-31") == nullptr);  // before the set is in force
  CHECK(cat.form_for_day("t-1", "2020-01-01")->version == 1);
  CHECK(cat.form_for_day("t-1", "2026-12-31")->version == 1);  // the day before
  CHECK(cat.form_for_day("t-1", "2027-01-01")->version == 2);  // its first day
  CHECK(cat.form_for_day("t-1", "2027-06-01")->version == 2);  // a retired version is never begun on
  CHECK(cat.in_force_from(*cat.find_form("t-1", 1)) == "2020-01-01");
  CHECK(cat.in_force_from(*cat.find_form("t-1", 2)) == "2027-01-01");
  CHECK(cat.form_for_day("t-9", "2027-06-01") == nullptr);
}

TEST_CASE("two versions are compared field by field, in Danish") {
  json a = skema1();
  json b = a;
  b["version"] = 2;
  field_of(b, "citizen_name")["label"] = "Beboerens navn";
  field_of(b, "witnesses")["required"] = true;
  b["sections"][0]["fields"].push_back(json{{"id", "guardian"}, {"type", "text"}, {"label", "Værge"}});
  auto& fields = b["sections"][0]["fields"];
  for (auto it = fields.begin(); it != fields.end(); ++it)
    if ((*it)["id"] == "offer_name") {
      fields.erase(it);
      break;
    }
  const Catalogue both = embedded_and(b);  // `a` is the embedded version 1
  auto changes = diff_definitions(*both.definition("2024-1", 1), *both.definition("2024-1", 2));
  std::vector<std::string> lines;
  for (const auto& c : changes) lines.push_back(c.path + " | " + c.text);
  CAPTURE(lines.size());
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "fields.citizen_name | Felt »Beboerens navn« (citizen_name): ledetekst: »Borgerens navn« → »Beboerens navn«");
  CHECK(lines[1] == "fields.witnesses | Felt »Vidner og andre tilstedeværende« (witnesses): skal udfyldes: »nej« → »ja«");
  CHECK(lines[2] == "fields.guardian | Nyt felt »Værge« (guardian) i afsnit involved");
  CHECK(lines[3] == "fields.offer_name | Feltet »Tilbud (bo- eller dagtilbud)« (offer_name) er fjernet");
  CHECK(changes[2].kind == DefinitionChange::Kind::Added);
  CHECK(changes[3].kind == DefinitionChange::Kind::Removed);
  CHECK(diff_definitions(*both.definition("2024-1", 1), *both.definition("2024-1", 1)).empty());
}

TEST_CASE("the tablet offers a new version from its first day in force, and the old one the day before") {
  json v2 = skema1();
  v2["version"] = 2;
  v2["in_force_from"] = "2027-01-01";
  const Catalogue cat = embedded_and(v2);
  auto version_offered = [&](const char* day) {
    const auto choice = client::choose_registration_forms(cat, "handicap", day, "2027-06-01");
    int version = 0, offered = 0;
    for (const auto* meta : choice.forms)
      if (meta->id == "2024-1") version = meta->version, ++offered;
    CHECK(offered == 1);  // one version of a form, never two
    return version;
  };
  CHECK(version_offered("2026-12-31") == 1);
  CHECK(version_offered("2027-01-01") == 2);
  CHECK(version_offered("2027-05-31") == 2);
}

TEST_CASE("a locked form prints with the wording of its own version after a newer one is imported") {
  json v2 = skema1();
  v2["version"] = 2;
  v2["status"] = "verified";
  v2["source_title"] = "Skema 1 (Word)";
  v2["source_date"] = "2026-11-20";
  field_of(v2, "citizen_name")["label"] = "Beboerens navn";
  const Catalogue cat = embedded_and(v2);
  const Catalogue* loaded = &cat;
  model::FormInstance locked;
  locked.id = "f1";
  locked.form_id = "2024-1";
  locked.form_version = 1;
  locked.state = magtreg::core::model::FormState::Locked;
  locked.locked_at = "2026-10-02T08:00:00Z";
  locked.content = {{"citizen_name", "Anna Holm"}};
  const std::string old_print = workflow::form_html(*loaded->definition(locked.form_id, locked.form_version), locked, {});
  CHECK(old_print.find("Borgerens navn") != std::string::npos);
  CHECK(old_print.find("Beboerens navn") == std::string::npos);
  CHECK(old_print.find("Ikke kontrolleret mod det officielle skema") != std::string::npos);
  CHECK(old_print.find("hash " + Catalogue::builtin().find_form("2024-1", 1)->content_hash.substr(0, 12)) != std::string::npos);
  CHECK(loaded->find_form("2024-1", 1)->content_hash == Catalogue::builtin().find_form("2024-1", 1)->content_hash);

  model::FormInstance newer = locked;
  newer.form_version = 2;
  const std::string new_print = workflow::form_html(*loaded->definition(newer.form_id, newer.form_version), newer, {});
  CHECK(new_print.find("Beboerens navn") != std::string::npos);
  CHECK(new_print.find("Ikke kontrolleret mod det officielle skema") == std::string::npos);
  CHECK(new_print.find("Skemaets ordlyd: kontrolleret · Skema 1 (Word), 20.11.2026") != std::string::npos);
}
