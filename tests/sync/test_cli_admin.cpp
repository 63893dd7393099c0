// The administration commands through the real binary on real database files: seed-demo (and that
// its history is what the product's own rules accept), user add/disable/passwd, import citizens
// (all or nothing, per-line errors), export, backup and the citizen's audit report.
#include <doctest/doctest.h>
#include <httplib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "core/forms/catalogue.hpp"
#include "core/forms/validation.hpp"
#include "core/model/case.hpp"
#include "core/rules/form_check.hpp"
#include "core/storage/citizen_repository.hpp"
#include "core/storage/decision_repository.hpp"
#include "core/storage/form_repository.hpp"
#include "core/storage/migrations.hpp"
#include "core/util/uuid.hpp"
#include "sync/audit.hpp"
#include "sync/db_pool.hpp"
#include "sync/directory.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using magtreg::tests::scalar;
using nlohmann::json;

namespace {

using Run = tests::CommandRun;  // stdout and stderr together

Run magtreg_cmd(const std::string& args, const std::string& stdin_text = {}) {
  const auto in_path =
      std::filesystem::temp_directory_path() / ("magtreg-cli-stdin-" + std::to_string(::getpid()));
  std::ofstream(in_path) << stdin_text;
  Run r = tests::run_command(std::string(MAGTREG_BINARY) + " " + args + " < '" + in_path.string() + "' 2>&1");
  std::filesystem::remove(in_path);
  return r;
}

struct TempDb {
  TempDb() : path(tests::ChildServer::temp_path("admin.db")) {}
  ~TempDb() { std::filesystem::remove_all(std::filesystem::path(path).parent_path()); }
  std::string db() const { return " --db '" + path + "'"; }
  core::storage::Database open() const {
    auto d = core::storage::open_database(path, sync::server_database_options());
    REQUIRE(d.ok());
    return std::move(*d);
  }
  std::string path;
};

// The demo's mette logs in through a real server on the demo database and searches the citizens for
// `name` (one found): a read the audit log names her for.
void search_as_mette(const std::string& db_path, const std::string& name) {
  tests::ChildServer server;
  server.set_db(db_path);
  REQUIRE(server.start());
  httplib::Client c("127.0.0.1", server.port());
  auto login = c.Post("/api/v1/login", R"({"username": "mette", "password": "Magtreg-demo-2026"})", "application/json");
  REQUIRE(login);
  REQUIRE(login->status == 200);
  const std::string token = json::parse(login->body)["token"];
  auto list = c.Get(("/api/v1/citizens?q=" + name).c_str(), {{"Authorization", "Bearer " + token}});
  REQUIRE(list);
  REQUIRE(list->status == 200);
  REQUIRE(json::parse(list->body)["citizens"].size() == 1);
  server.terminate();
}

}  // namespace

TEST_CASE("seed-demo: once, with logins printed, every role present and a history the rules accept") {
  TempDb t;
  Run first = magtreg_cmd("seed-demo" + t.db());
  REQUIRE_MESSAGE(first.exit_code == 0, first.out);
  CHECK(first.out.find("Demodata oprettet") != std::string::npos);
  CHECK(first.out.find("mette") != std::string::npos);
  CHECK(first.out.find("Magtreg-demo-2026") != std::string::npos);

  auto db = t.open();
  const long long forms = scalar(db, "SELECT count(*) FROM form_instances");
  CHECK(forms >= 60);
  for (const char* role : {"medarbejder", "leder", "udvalg", "myndighed", "sagsbehandler", "driftsafdeling", "admin"})
    CHECK(scalar(db, std::string("SELECT count(*) FROM users WHERE role = '") + role + "'") >= 1);
  for (const char* group : {"handicap", "demens", "boern"})
    CHECK(scalar(db, std::string("SELECT count(*) FROM citizens WHERE target_group = '") + group + "'") >= 2);
  // Both form sets, and work in progress for the screens of today.
  CHECK(scalar(db, "SELECT count(*) FROM form_instances WHERE form_id LIKE '2020-%'") >= 3);
  CHECK(scalar(db, "SELECT count(*) FROM form_instances WHERE form_id LIKE '2024-%'") >= 3);
  CHECK(scalar(db, "SELECT count(*) FROM form_instances WHERE state = 'kladde'") >= 1);
  CHECK(scalar(db, "SELECT count(*) FROM form_instances WHERE state = 'udfyldt'") >= 1);
  CHECK(scalar(db, "SELECT count(*) FROM decisions WHERE status = 'granted'") >= 1);
  CHECK(scalar(db, "SELECT count(*) FROM complaints") >= 1);
  // The work after registration: past months reported to every recipient and reviewed; an application
  // waiting for the committee; an acute complaint open; notes and action plans for the caseworker's list.
  CHECK(scalar(db, "SELECT count(*) FROM report_batches") >= 4);
  CHECK(scalar(db, "SELECT count(*) FROM report_batches, json_each(report_batches.recipients) r"
                   " WHERE json_extract(r.value, '$.sent_at') IS NULL") == 0);
  CHECK(scalar(db, "SELECT count(*) FROM notes WHERE kind = 'udvalg_gennemgang'") >= 4);
  CHECK(scalar(db, "SELECT count(*) FROM notes WHERE kind = 'paaroerende_orientering'") >= 1);
  CHECK(scalar(db, "SELECT count(*) FROM form_instances f WHERE f.form_id LIKE '%-3' AND f.state = 'laast'"
                   " AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.application_form_id = f.id)") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM complaints WHERE form_instance_id IS NOT NULL AND status = 'received'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM action_plans") >= 3);

  // Every stored form is valid for its state and its registration has no error finding.
  core::storage::FormRepository repo(db);
  core::storage::CitizenRepository citizens(db);
  core::storage::DecisionRepository decisions(db);
  core::storage::RecordRepository<core::model::Case> cases(db);
  auto ids = db.prepare("SELECT id FROM form_instances");
  REQUIRE(ids.ok());
  int checked = 0;
  for (;;) {
    auto has = ids->step();
    REQUIRE(has.ok());
    if (!*has) break;
    auto f = repo.get(ids->column_text(0));
    REQUIRE(f.ok());
    CAPTURE(f->form_id);
    CAPTURE(f->id);
    const auto* def = core::forms::Catalogue::builtin().definition(f->form_id, f->form_version);
    REQUIRE(def != nullptr);
    if (f->state != magtreg::core::model::FormState::Draft) {
      const auto scope = f->state == magtreg::core::model::FormState::Locked ? core::forms::Scope::All : core::forms::Scope::Staff;
      CHECK(core::forms::validate(*def, f->content, scope).empty());
    }
    auto c = citizens.get(f->citizen_id);
    REQUIRE(c.ok());
    auto others = repo.of_citizen(f->citizen_id);
    auto ds = decisions.of_citizen(f->citizen_id);
    auto the_case = cases.get(f->case_id);
    REQUIRE((others.ok() && ds.ok() && the_case.ok()));
    std::optional<std::string> decision;
    if (the_case->kind == magtreg::core::model::CaseKind::Approval) decision = the_case->decision_id;
    auto input = core::rules::check_input_for(*f, *c, *others, *ds, std::nullopt, decision);
    if (!input) continue;  // an application has no intervention time
    auto result = core::rules::check_registration(*input);
    std::string codes;
    for (const auto& finding : result.findings) codes += std::string(core::rules::to_string(finding.code)) + " ";
    CHECK_MESSAGE(!result.has_errors(), codes);
    ++checked;
  }
  CHECK(checked >= 60);

  Run second = magtreg_cmd("seed-demo" + t.db());
  CHECK(second.exit_code == 0);
  CHECK(second.out.find("allerede") != std::string::npos);
  CHECK(scalar(db, "SELECT count(*) FROM form_instances") == forms);
}

TEST_CASE("user add, disable, enable and passwd; weak passwords and unknown roles are refused") {
  TempDb t;
  REQUIRE(magtreg_cmd("seed-demo" + t.db()).exit_code == 0);
  Run weak = magtreg_cmd("user add bo --role medarbejder --name 'Bo Ek' --institution 'Bostedet Egebo'" + t.db(),
                         "kort\n");
  CHECK(weak.exit_code == 1);
  CHECK(weak.out.find("PASSWORD_WEAK") != std::string::npos);
  Run role = magtreg_cmd("user add bo --role chef --name 'Bo Ek'" + t.db(), "Et-langt-kodeord-2026\n");
  CHECK(role.exit_code == 1);
  Run place = magtreg_cmd("user add bo --role medarbejder --name 'Bo Ek' --institution 'Findes ikke'" + t.db(),
                          "Et-langt-kodeord-2026\n");
  CHECK(place.exit_code == 1);
  CHECK(place.out.find("Findes ikke") != std::string::npos);

  Run ok = magtreg_cmd("user add bo --role medarbejder --name 'Bo Ek' --institution 'Bostedet Egebo'" + t.db(),
                       "Et-langt-kodeord-2026\n");
  REQUIRE_MESSAGE(ok.exit_code == 0, ok.out);
  CHECK(magtreg_cmd("user add bo --role leder --name 'Bo To'" + t.db(), "Et-langt-kodeord-2026\n").exit_code == 1);
  {
    auto db = t.open();
    auto u = sync::find_user_by_username(db, "bo");
    REQUIRE((u.ok() && u->has_value()));
    CHECK((*u)->institution_ids.size() == 1);
    CHECK((*u)->role == core::Role::Staff);
  }
  CHECK(magtreg_cmd("user disable bo" + t.db()).exit_code == 0);
  {
    auto db = t.open();
    CHECK(scalar(db, "SELECT disabled FROM users WHERE username = 'bo'") == 1);
  }
  CHECK(magtreg_cmd("user enable bo" + t.db()).exit_code == 0);
  CHECK(magtreg_cmd("user passwd bo" + t.db(), "Endnu-et-langt-kodeord-9\n").exit_code == 0);
  CHECK(magtreg_cmd("user disable nobody" + t.db()).exit_code == 1);
  CHECK(magtreg_cmd("user" + t.db()).exit_code == 2);
}

TEST_CASE("import citizens: per-line errors and nothing imported when any line is bad; then all of a good file") {
  TempDb t;
  REQUIRE(magtreg_cmd("seed-demo" + t.db()).exit_code == 0);
  const auto csv = std::filesystem::path(t.path).parent_path() / "borgere.csv";
  std::ofstream(csv) << "cpr;navn;maalgruppe;tilbud;handlekommune;kan_klage_selv\n"
                        "0101901111;Ny Borger;handicap;Bostedet Egebo;Nyborg Kommune;ja\n"
                        "3201901111;Forkert Dato;handicap;Bostedet Egebo;Nyborg Kommune;ja\n"
                        "020290-2222;Anden Borger;aeldre;Bostedet Egebo;Nyborg Kommune;nej\n"
                        "030390-3333;Tredje;demens;Ukendt Sted;Nyborg Kommune;maaske\n"
                        "010185-0001;Dublet;handicap;Bostedet Egebo;Nyborg Kommune;ja\n";
  auto db = t.open();
  const long long before = scalar(db, "SELECT count(*) FROM citizens");
  Run bad = magtreg_cmd("import citizens '" + csv.string() + "'" + t.db());
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("linje 3: cpr") != std::string::npos);
  CHECK(bad.out.find("linje 4: maalgruppe") != std::string::npos);
  CHECK(bad.out.find("linje 5: tilbud") != std::string::npos);
  CHECK(bad.out.find("linje 5: kan_klage_selv") != std::string::npos);
  CHECK(bad.out.find("linje 6: cpr") != std::string::npos);  // already exists
  CHECK(bad.out.find("IMPORT_INVALID") != std::string::npos);
  CHECK(scalar(db, "SELECT count(*) FROM citizens") == before);

  std::ofstream(csv) << "cpr,navn,maalgruppe,tilbud,handlekommune,kan_klage_selv\n"
                        "0101901111,\"Hansen, Ny\",handicap,Bostedet Egebo,Nyborg Kommune,ja\n"
                        "020290-2222,Anden Borger,demens,Plejecentret Solhaven – skærmet enhed,Nyborg Kommune,nej\n";
  Run good = magtreg_cmd("import citizens '" + csv.string() + "'" + t.db());
  REQUIRE_MESSAGE(good.exit_code == 0, good.out);
  CHECK(scalar(db, "SELECT count(*) FROM citizens") == before + 2);
  CHECK(scalar(db, "SELECT count(*) FROM citizens WHERE name = 'Hansen, Ny' AND cpr = '010190-1111'") == 1);
}

TEST_CASE("export, backup and the audit report") {
  TempDb t;
  REQUIRE(magtreg_cmd("seed-demo" + t.db()).exit_code == 0);
  const auto dir = std::filesystem::path(t.path).parent_path();
  Run exp = magtreg_cmd("export --out '" + (dir / "e.jsonl").string() + "'" + t.db());
  REQUIRE(exp.exit_code == 0);
  std::ifstream in(dir / "e.jsonl");
  std::string line;
  int lines = 0, forms = 0;
  while (std::getline(in, line)) {
    auto j = json::parse(line, nullptr, false);
    REQUIRE(j.is_object());
    ++lines;
    if (j["kind"] == "form") ++forms;
  }
  auto db = t.open();
  CHECK(forms == scalar(db, "SELECT count(*) FROM form_instances"));
  CHECK(lines > forms);

  Run backup = magtreg_cmd("backup '" + (dir / "copy.db").string() + "'" + t.db());
  REQUIRE_MESSAGE(backup.exit_code == 0, backup.out);
  auto copy = core::storage::Database::open((dir / "copy.db").string(), sync::server_database_options());
  REQUIRE(copy.ok());
  CHECK(scalar(*copy, "SELECT count(*) FROM form_instances") == forms);

  // A read through the server shows up in the citizen's report, with the reader's name.
  search_as_mette(t.path, "Jens");

  Run report = magtreg_cmd("audit --citizen 0101850001" + t.db());
  CHECK_MESSAGE(report.exit_code == 0, report.out);
  CHECK(report.out.find("Jens Pedersen") != std::string::npos);
  CHECK(report.out.find("mette (Medarbejder)") != std::string::npos);
  CHECK(report.out.find("intakt") != std::string::npos);
  CHECK(magtreg_cmd("audit --citizen 999999-9999" + t.db()).exit_code == 1);
  CHECK(magtreg_cmd("audit" + t.db()).exit_code == 2);
}

TEST_CASE("magtreg stats prints the figures as JSON or CSV; bad arguments are named") {
  TempDb t;
  REQUIRE(magtreg_cmd("seed-demo" + t.db()).exit_code == 0);
  Run j = magtreg_cmd("stats --year 2025" + t.db());
  REQUIRE_MESSAGE(j.exit_code == 0, j.out);
  const json figures = json::parse(j.out, nullptr, false);
  REQUIRE(figures.is_object());
  auto db = t.open();
  // Every registration of 2025 that is not a draft, counted straight from the table. A Bilag til § 136 c is its
  // Skema 1's intervention (issue 14 item 15): the demo's § 136 c holds have one each, counted once.
  REQUIRE(scalar(db, "SELECT count(*) FROM form_instances WHERE form_id = '2024-bilag136c' AND state <> 'kladde'") > 0);
  const long long expected = scalar(db,
      "SELECT count(*) FROM form_instances WHERE deleted = 0 AND state <> 'kladde' AND started_at >= '2025-01-01'"
      " AND started_at < '2026-01-01' AND form_id IN ('2020-1a', '2020-1b', '2020-bilag1', '2024-1', '2024-2',"
      " 'boern-1a')");
  CHECK(figures["registrations"]["count"] == expected);
  CHECK(figures["late_registrations"]["count"].get<long long>() >= 1);
  Run csv = magtreg_cmd("stats --year 2025 --quarter 2 --format csv --pseudonymised" + t.db());
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.rfind("tabel;nøgle;betegnelse;2. kvartal 2025;1. kvartal 2025", 0) == 0);
  CHECK(csv.out.find("Jens") == std::string::npos);
  // The management user's API answer and the command line's pseudonymised figures are the same, unit too.
  tests::ChildServer server;
  server.set_db(t.path);
  REQUIRE(server.start());
  httplib::Client c("127.0.0.1", server.port());
  auto login = c.Post("/api/v1/login", R"({"username": "drift", "password": "Magtreg-demo-2026"})", "application/json");
  REQUIRE(login);
  REQUIRE(login->status == 200);
  const httplib::Headers auth{{"Authorization", "Bearer " + json::parse(login->body)["token"].get<std::string>()}};
  for (const auto& [query, args] :
       {std::pair<std::string, std::string>{"year=2025", "--year 2025"},
        std::pair<std::string, std::string>{"year=2024&quarter=3&department=%C3%86ldre%20og%20Sundhed",
                                            "--year 2024 --quarter 3 --department 'Ældre og Sundhed'"}}) {
    auto api = c.Get(("/api/v1/stats?" + query).c_str(), auth);
    REQUIRE(api);
    REQUIRE_MESSAGE(api->status == 200, api->body);
    Run cli = magtreg_cmd("stats " + args + " --pseudonymised" + t.db());
    REQUIRE_MESSAGE(cli.exit_code == 0, cli.out);
    CHECK(json::parse(api->body) == json::parse(cli.out, nullptr, false));
  }
  server.terminate();
  CHECK(magtreg_cmd("stats --year 2025 --department Ingen" + t.db()).exit_code == 1);
  CHECK(magtreg_cmd("stats" + t.db()).exit_code == 2);
  CHECK(magtreg_cmd("stats --year 2025 --quarter 5" + t.db()).exit_code == 1);
  CHECK(magtreg_cmd("stats --year 2025 --format xml" + t.db()).exit_code == 2);
}

TEST_CASE("a new server's directory is made from the command line: municipality, institution, then users") {
  TempDb t;
  // No municipality yet: a user cannot be placed.
  CHECK(magtreg_cmd("user add ole --role admin --name 'Ole Olsen'" + t.db(), "Kodeord-der-er-langt-nok-2026\n").exit_code == 1);
  Run bad = magtreg_cmd("municipality add 'Testrup Kommune' --region 'Region Syddanmark'" + t.db());
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.find("--socialtilsyn") != std::string::npos);
  Run day = magtreg_cmd("municipality add 'Testrup Kommune' --region R --socialtilsyn S --report-day 31" + t.db());
  CHECK(day.exit_code == 1);
  CHECK(day.out.find("--report-day skal være et helt tal fra 1 til 28, ikke '31' (INVALID_INPUT)") != std::string::npos);
  Run made = magtreg_cmd("municipality add 'Testrup Kommune' --region 'Region Syddanmark' --socialtilsyn 'Socialtilsyn Syd'"
                         " --report-day 5" + t.db());
  REQUIRE_MESSAGE(made.exit_code == 0, made.out);
  CHECK(magtreg_cmd("municipality add 'Testrup Kommune' --region R --socialtilsyn S" + t.db()).out.find("ALREADY_EXISTS") !=
        std::string::npos);
  Run target = magtreg_cmd("institution add Lærkely --kind botilbud --department 'Handicap' --target børn" + t.db());
  CHECK(target.exit_code == 1);
  CHECK(target.out.find("--target skal være handicap, demens eller boern") != std::string::npos);
  REQUIRE(magtreg_cmd("institution add Lærkely --kind botilbud --department 'Handicap og Psykiatri' --target handicap" + t.db())
              .exit_code == 0);
  Run user = magtreg_cmd("user add ole --role medarbejder --name 'Ole Olsen' --institution Lærkely" + t.db(),
                         "Kodeord-der-er-langt-nok-2026\n");
  CHECK_MESSAGE(user.exit_code == 0, user.out);
  auto db = t.open();
  CHECK(scalar(db, "SELECT report_day_of_month FROM municipalities") == 5);
  CHECK(scalar(db, "SELECT count(*) FROM users u JOIN user_institutions ui ON ui.user_id = u.id WHERE u.username = 'ole'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action IN ('municipality_add', 'institution_add')") == 2);
  CHECK(magtreg_cmd("institution list" + t.db()).out.find("Lærkely") != std::string::npos);
}

TEST_CASE("magtreg insight: a citizen's printable insight holds every record in full and every access, and is audited") {
  TempDb t;
  REQUIRE(magtreg_cmd("seed-demo" + t.db()).exit_code == 0);
  // A read through the server, to be found in the document under the reader's name.
  search_as_mette(t.path, "Jens");
  const std::string out = std::filesystem::path(t.path).parent_path().string() + "/indsigt.html";
  Run run = magtreg_cmd("insight --citizen 010185-0001 --out '" + out + "'" + t.db());
  REQUIRE_MESSAGE(run.exit_code == 0, run.out);
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  const std::string html = text.str();
  auto db = t.open();
  const std::string citizen_id = tests::scalar_text(t.open(), "SELECT id FROM citizens WHERE cpr = '010185-0001'");
  const long long forms = scalar(db, "SELECT count(*) FROM form_instances WHERE deleted = 0 AND citizen_id = '" + citizen_id + "'");
  REQUIRE(forms > 0);
  std::size_t sections = 0;
  for (auto at = html.find("<section class=\"form\">"); at != std::string::npos; at = html.find("<section class=\"form\">", at + 1))
    ++sections;
  CHECK(sections == static_cast<std::size_t>(forms));  // every form, in its definition's wording
  CHECK(html.find("Jens Pedersen") != std::string::npos);
  CHECK(html.find("CPR 010185-0001") != std::string::npos);
  CHECK(html.find("artikel 15") != std::string::npos);
  CHECK(html.find("Datatilsynet") != std::string::npos);
  CHECK(html.find("Mette") != std::string::npos);              // the reader, by name and role
  CHECK(html.find("(Medarbejder)") != std::string::npos);
  CHECK(html.find("vist i en liste") != std::string::npos);
  // The document is itself audited, and another citizen's data is not in it.
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'insight_report' AND citizen_id = '" + citizen_id + "'") == 1);
  const std::string other = tests::scalar_text(t.open(), "SELECT cpr FROM citizens WHERE cpr <> '010185-0001' LIMIT 1");
  CHECK(html.find(other) == std::string::npos);
  CHECK(magtreg_cmd("insight --citizen 311299-9999" + t.db()).out.find("(NOT_FOUND)") != std::string::npos);
  CHECK(magtreg_cmd("insight" + t.db()).exit_code == 2);
}

TEST_CASE("magtreg sso map: the administrator's table from the provider's groups to roles, each change audited") {
  TempDb t;
  REQUIRE(magtreg_cmd("municipality add 'Testrup Kommune' --region R --socialtilsyn S" + t.db()).exit_code == 0);
  REQUIRE(magtreg_cmd("institution add Lærkely --kind botilbud --department D --target handicap" + t.db()).exit_code == 0);
  Run role = magtreg_cmd("sso map Magtreg-Ledere --role chef" + t.db());
  CHECK(role.exit_code == 1);
  CHECK(role.out.find("--role skal være en af rollerne") != std::string::npos);
  Run inst = magtreg_cmd("sso map Magtreg-Ledere --role leder --institution Ukendt" + t.db());
  CHECK(inst.exit_code == 1);
  CHECK(inst.out.find("ukendt tilbud 'Ukendt'") != std::string::npos);
  REQUIRE(magtreg_cmd("sso map Magtreg-Ledere --role leder --institution Lærkely" + t.db()).exit_code == 0);
  // Mapping the same group again changes it in place.
  REQUIRE(magtreg_cmd("sso map Magtreg-Ledere --role udvalg" + t.db()).exit_code == 0);
  Run list = magtreg_cmd("sso list" + t.db());
  CHECK(list.out.find("Magtreg-Ledere") != std::string::npos);
  CHECK(list.out.find("Magtanvendelsesudvalget") != std::string::npos);
  auto db = t.open();
  CHECK(scalar(db, "SELECT count(*) FROM sso_role_map") == 1);
  CHECK(magtreg_cmd("sso unmap Magtreg-Ledere" + t.db()).exit_code == 0);
  CHECK(magtreg_cmd("sso unmap Magtreg-Ledere" + t.db()).out.find("(NOT_FOUND)") != std::string::npos);
  CHECK(scalar(db, "SELECT count(*) FROM sso_role_map") == 0);
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action IN ('sso_map', 'sso_unmap')") == 3);
  CHECK(magtreg_cmd("sso" + t.db()).exit_code == 2);
}

TEST_CASE("magtreg retention --dry-run: the municipality's rule and every closed case past it, nothing deleted") {
  TempDb t;
  REQUIRE(magtreg_cmd("seed-demo" + t.db()).exit_code == 0);
  auto db = t.open();
  const std::string jens = tests::scalar_text(t.open(), "SELECT id FROM citizens WHERE cpr = '010185-0001'");
  const std::string other = tests::scalar_text(t.open(), "SELECT citizen_id FROM cases WHERE citizen_id <> '" + jens +
                                                             "' GROUP BY citizen_id HAVING count(*) >= 2 LIMIT 1");
  // Every case of Jens closed long ago; one of another citizen's long ago, another of theirs recently.
  REQUIRE(db.exec("UPDATE cases SET closed_at = '2015-03-01T10:00:00Z' WHERE citizen_id = '" + jens + "'").ok());
  REQUIRE(db.exec("UPDATE cases SET closed_at = '2016-05-01T10:00:00Z' WHERE id = (SELECT min(id) FROM cases WHERE"
                  " citizen_id = '" + other + "')").ok());
  REQUIRE(db.exec("UPDATE cases SET closed_at = '2026-01-01T10:00:00Z' WHERE id = (SELECT max(id) FROM cases WHERE"
                  " citizen_id = '" + other + "')").ok());
  const long long forms_before = scalar(db, "SELECT count(*) FROM form_instances");

  Run none = magtreg_cmd("retention --dry-run" + t.db());
  CHECK_MESSAGE(none.exit_code == 0, none.out);
  CHECK(none.out.find("ingen slettefrist") != std::string::npos);
  CHECK(magtreg_cmd("municipality set-retention 'Nyborg Kommune (demo)' --years 0" + t.db()).out.find(
            "--years skal være et helt tal fra 1 til 100") != std::string::npos);
  Run set = magtreg_cmd("municipality set-retention 'Nyborg Kommune (demo)' --years 5" + t.db());
  REQUIRE_MESSAGE(set.exit_code == 0, set.out);
  CHECK(magtreg_cmd("municipality list" + t.db()).out.find("data slettes 5 år efter") != std::string::npos);

  Run plan = magtreg_cmd("retention --dry-run" + t.db());
  REQUIRE_MESSAGE(plan.exit_code == 0, plan.out);
  const long long jens_cases = scalar(db, "SELECT count(*) FROM cases WHERE citizen_id = '" + jens + "'");
  const long long jens_forms = scalar(db, "SELECT count(*) FROM form_instances f JOIN cases c ON c.id = f.case_id WHERE"
                                          " c.closed_at < '2020' AND f.deleted = 0");
  CHECK(plan.out.find("I alt " + std::to_string(jens_cases + 1) + " sager: " + std::to_string(jens_forms) + " skemaer") !=
        std::string::npos);
  CHECK(plan.out.find("1 borgere har kun sager ud over fristen") != std::string::npos);  // Jens; the other has a recent case
  CHECK(plan.out.find("Prøvekørsel: intet er slettet.") != std::string::npos);
  CHECK(scalar(db, "SELECT count(*) FROM form_instances") == forms_before);
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action IN ('retention_rule', 'retention_dry_run')") == 3);
  CHECK(magtreg_cmd("retention" + t.db()).exit_code == 2);
  CHECK(magtreg_cmd("municipality set-retention 'Nyborg Kommune (demo)' --years none" + t.db()).exit_code == 0);
  CHECK(magtreg_cmd("retention --dry-run" + t.db()).out.find("ingen slettefrist") != std::string::npos);
}

TEST_CASE("magtreg forms: import a new version (audited, one line on when it applies), refuse bad ones by code, list, show, diff") {
  TempDb t;
  const auto dir = std::filesystem::path(t.path).parent_path();
  Run shown = magtreg_cmd("forms show 2024-1@1" + t.db());
  REQUIRE(shown.exit_code == 0);
  json v1 = json::parse(shown.out.substr(shown.out.find('\n') + 1));
  CHECK(v1["id"] == "2024-1");
  json v2 = v1;
  v2["version"] = 2;
  v2["in_force_from"] = "2027-01-01";
  v2["sections"][0]["fields"][0]["label"] = "Beboerens navn";
  std::ofstream(dir / "v2.json") << v2.dump(2);
  Run imported = magtreg_cmd("forms import '" + (dir / "v2.json").string() + "'" + t.db());
  CHECK(imported.exit_code == 0);
  CHECK_MESSAGE(imported.out.find("version 2 er importeret") != std::string::npos, imported.out);
  CHECK(imported.out.find("fra 01.01.2027") != std::string::npos);
  CHECK(imported.out.find("version 1 beholder") != std::string::npos);
  auto db = t.open();
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'form_import' AND object_id = '2024-1@2'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM form_definitions WHERE form_id = '2024-1' AND imported_by LIKE 'cli%'") == 1);

  // The same file again changes nothing and is not audited again; a changed version 2 is refused.
  Run again = magtreg_cmd("forms import - " + t.db(), v2.dump());
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("intet er ændret") != std::string::npos);
  json changed = v2;
  changed["title"] = "Skema 1: noget andet";
  Run published = magtreg_cmd("forms import -" + t.db(), changed.dump());
  CHECK(published.exit_code == 1);
  CHECK(published.out.find("(DEFINITION_VERSION_PUBLISHED)") != std::string::npos);
  CHECK(published.out.find("næste: 3") != std::string::npos);
  json unknown = v2;
  unknown["version"] = 3;
  unknown["bases"].push_back("124x");
  Run basis = magtreg_cmd("forms import -" + t.db(), unknown.dump());
  CHECK(basis.exit_code == 1);
  CHECK(basis.out.find("felt: bases[7] (DEFINITION_UNKNOWN_BASIS)") != std::string::npos);
  Run broken = magtreg_cmd("forms import -" + t.db(), "{\"id\": ");
  CHECK(broken.exit_code == 1);
  CHECK(broken.out.find("(DEFINITION_INVALID)") != std::string::npos);
  CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'form_import'") == 1);
  CHECK(scalar(db, "SELECT count(*) FROM form_definitions WHERE form_id = '2024-1'") == 2);

  Run list = magtreg_cmd("forms list" + t.db());
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("2024-1             2       2024  ikke kontrolleret  01.01.2027") != std::string::npos);
  Run diff = magtreg_cmd("forms diff 2024-1@1 2024-1@2" + t.db());
  CHECK(diff.exit_code == 0);
  CHECK(diff.out.find("~ Felt »Beboerens navn« (citizen_name): ledetekst: »Borgerens navn« → »Beboerens navn«") !=
        std::string::npos);
  CHECK(magtreg_cmd("forms show 2024-1@9" + t.db()).out.find("(UNKNOWN_FORM)") != std::string::npos);
  CHECK(magtreg_cmd("forms diff 2024-1 x@y" + t.db()).exit_code == 2);
}

TEST_CASE("a running server uses a form version imported while it runs: an upload on it is refused before, accepted after") {
  TempDb t;
  REQUIRE(magtreg_cmd("seed-demo" + t.db()).exit_code == 0);
  auto db = t.open();
  const std::string mette = tests::scalar_text(t.open(), "SELECT id FROM users WHERE username = 'mette'");
  const std::string draft_id = tests::scalar_text(
      t.open(), "SELECT f.id FROM form_instances f WHERE f.form_id = '2024-1' AND f.institution_id IN (SELECT ui.institution_id"
                " FROM user_institutions ui JOIN users u ON u.id = ui.user_id WHERE u.username = 'mette') LIMIT 1");
  REQUIRE_FALSE(draft_id.empty());
  core::storage::FormRepository repo(db);
  auto copy = repo.get(draft_id);
  REQUIRE(copy.ok());
  core::model::FormInstance f = *copy;
  f.id = core::new_uuid();
  f.form_version = 2;
  f.state = magtreg::core::model::FormState::Draft;
  f.locked_at.reset();
  f.locked_by.reset();
  f.created_by = mette;

  tests::ChildServer server;
  server.set_db(t.path);
  REQUIRE(server.start());
  httplib::Client c("127.0.0.1", server.port());
  auto login = c.Post("/api/v1/login", R"({"username": "mette", "password": "Magtreg-demo-2026"})", "application/json");
  REQUIRE(login);
  REQUIRE(login->status == 200);
  const httplib::Headers auth{{"Authorization", "Bearer " + json::parse(login->body)["token"].get<std::string>()}};
  const std::string path = "/api/v1/records/form/" + f.id;
  auto before = c.Put(path, auth, tests::upload_body(f, 1), "application/json");
  REQUIRE(before);
  CHECK(before->status == 400);
  CHECK(tests::error_code(before) == "UNKNOWN_FORM");

  Run shown = magtreg_cmd("forms show 2024-1@1" + t.db());
  json v2 = json::parse(shown.out.substr(shown.out.find('\n') + 1));
  v2["version"] = 2;
  REQUIRE(magtreg_cmd("forms import -" + t.db(), v2.dump()).exit_code == 0);
  // The server looks at the table at most every CatalogueWatch::k_check_every (5 s) before a request.
  int status = 0;
  std::string answer;
  for (int i = 0; i < 40 && (status == 0 || status == 400); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    auto after = c.Put(path, auth, tests::upload_body(f, 1), "application/json");
    status = after ? after->status : 0;
    answer = after ? after->body : std::string();
  }
  CHECK_MESSAGE(status == 200, answer);
  CHECK(tests::scalar(db, "SELECT count(*) FROM form_instances WHERE id = '" + f.id + "' AND form_version = 2") == 1);
  server.terminate();
}
