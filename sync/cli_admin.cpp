// The administration commands of `magtreg`: seed-demo, user add|disable|passwd, import citizens,
// export, backup and audit. Messages are Danish with a stable code in parentheses; exit status 0 ok,
// 1 the operation failed or the input was refused, 2 usage.
#include "sync/cli_admin.hpp"

#include <pwd.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/model/citizen.hpp"
#include "core/storage/change_feed.hpp"
#include "core/storage/migrations.hpp"
#include "core/storage/record_repository.hpp"
#include "core/stats/statistics.hpp"
#include "core/storage/transaction.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/util/uuid.hpp"
#include "core/catalogue/definition_store.hpp"
#include "core/forms/catalogue.hpp"
#include "core/forms/date_text.hpp"
#include "core/forms/definition_diff.hpp"
#include "core/workflow/documents.hpp"
#include "sync/audit.hpp"
#include "sync/backups.hpp"
#include "sync/database_lock.hpp"
#include "sync/devices.hpp"
#include "sync/clock.hpp"
#include "sync/db_pool.hpp"
#include "sync/directory.hpp"
#include "sync/password.hpp"
#include "sync/seed_demo.hpp"
#include "sync/retention.hpp"
#include "sync/serve_config.hpp"
#include "sync/sso.hpp"
#include "sync/sessions.hpp"

namespace magtreg::sync {

namespace st = core::storage;
namespace model = core::model;
namespace wf = core::workflow;

namespace {

// [SECTION] shared plumbing
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;
  std::string db = "var/magtreg.db";
  std::string audit_key, audit_anchor;  // empty: beside the database
  std::string backup_dir;               // from the configuration file: where scheduled backups go
  int backup_keep = 14;

  AuditFiles audit_files() const {
    AuditFiles f = default_audit_files(db);
    if (!audit_key.empty()) f.key_path = audit_key;
    if (!audit_anchor.empty()) f.anchor_path = audit_anchor;
    return f;
  }

  const std::string* one(const std::string& name) const {
    auto it = options.find(name);
    return it == options.end() || it->second.empty() ? nullptr : &it->second.back();
  }
};

// Options are "--name value" except the flags in `flags`. false on an unknown or incomplete option.
bool parse_args(const std::vector<std::string_view>& in, const std::set<std::string>& known,
                const std::set<std::string>& flags, Args& out, const char* command) {
  // A service's configuration file names the database and the audit files: read it first, so the flags
  // below override it wherever they stand.
  for (std::size_t i = 0; i + 1 < in.size(); ++i) {
    if (in[i] != "--config") continue;
    auto config = read_serve_config(std::string(in[i + 1]));
    if (!config.ok()) {
      std::fprintf(stderr, "magtreg %s: %s\n", command, config.error.c_str());
      return false;
    }
    out.db = config.options.db_path;
    out.audit_key = config.options.audit_key;
    out.audit_anchor = config.options.audit_anchor;
    out.backup_dir = config.options.backup_dir;
    out.backup_keep = config.options.backup_keep;
  }
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::string a(in[i]);
    if (a.rfind("--", 0) != 0) {
      out.positional.push_back(a);
      continue;
    }
    if (flags.count(a)) {
      out.options[a].push_back("1");
      continue;
    }
    const bool global = a == "--db" || a == "--audit-key" || a == "--audit-anchor" || a == "--config";
    if ((!global && !known.count(a)) || i + 1 >= in.size()) {
      std::fprintf(stderr, "magtreg %s: ukendt eller ufuldstændig valgmulighed '%s' (USAGE)\n", command, a.c_str());
      return false;
    }
    std::string v(in[++i]);
    if (a == "--config")
      continue;  // read above
    else if (a == "--db")
      out.db = v;
    else if (a == "--audit-key")
      out.audit_key = v;
    else if (a == "--audit-anchor")
      out.audit_anchor = v;
    else
      out.options[a].push_back(v);
  }
  return true;
}

int fail(const char* command, const core::Error& e) {
  std::fprintf(stderr, "magtreg %s: %s%s%s (%s)\n", command, e.message.c_str(), e.field.empty() ? "" : " – felt: ",
               e.field.c_str(), std::string(core::to_string(e.code)).c_str());
  return 1;
}

// Opens (creating and migrating) the database and its audit chain. A chain that does not open ends the
// command with the chain's stable code, before anything is done (docs/security.md, "The audit log").
std::optional<st::Database> open_db(const Args& a, const char* command) {
  auto db = st::open_database(a.db, server_database_options());
  if (!db) {
    fail(command, db.error());
    return std::nullopt;
  }
  auto chain = open_audit_chain(*db, a.audit_files());
  if (!chain) {
    fail(command, chain.error());
    return std::nullopt;
  }
  if (!chain->ok()) {
    std::fprintf(stderr, "magtreg %s: %s (%s)\n", command, chain->detail.c_str(), std::string(to_string(chain->state)).c_str());
    return std::nullopt;
  }
  return std::move(*db);
}

// Reads a password: from stdin when it is not a terminal (scripts), else prompted twice without echo.
std::optional<std::string> read_password(const char* command) {
  auto line = [](std::string& out) { return static_cast<bool>(std::getline(std::cin, out)); };
  std::string pw;
  if (!isatty(STDIN_FILENO)) {
    if (!line(pw)) return std::nullopt;
    return pw;
  }
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string again;
  std::fputs("Ny adgangskode: ", stderr);
  const bool ok1 = line(pw);
  std::fputs("\nGentag adgangskoden: ", stderr);
  const bool ok2 = line(again);
  std::fputs("\n", stderr);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  if (!ok1 || !ok2) return std::nullopt;
  if (pw != again) {
    std::fprintf(stderr, "magtreg %s: adgangskoderne er ikke ens (PASSWORD_MISMATCH)\n", command);
    return std::nullopt;
  }
  return pw;
}

std::optional<std::string> new_password_hash(const char* command, const std::string& username) {
  auto pw = read_password(command);
  if (!pw) {
    std::fprintf(stderr, "magtreg %s: ingen adgangskode læst (PASSWORD_MISSING)\n", command);
    return std::nullopt;
  }
  if (auto problem = password_policy_problem(*pw, username); !problem.empty()) {
    std::fprintf(stderr, "magtreg %s: %s (PASSWORD_WEAK)\n", command, problem.c_str());
    return std::nullopt;
  }
  auto hash = hash_password(*pw);
  if (!hash) std::fprintf(stderr, "magtreg %s: ikke nok hukommelse til at hashe adgangskoden (INTERNAL)\n", command);
  return hash;
}

// An institution given by id or by exact name.
std::optional<model::Institution> find_institution_by_key(const std::vector<model::Institution>& all,
                                                          const std::string& key) {
  for (const auto& i : all)
    if (i.id == key || i.name == key) return i;
  return std::nullopt;
}

// Who ran a command, as the audit log names them: the operating system's user ("cli:root"), or "cli".
std::string cli_actor() {
  const passwd* pw = ::getpwuid(::geteuid());
  return pw && pw->pw_name && *pw->pw_name ? std::string("cli:") + pw->pw_name : std::string("cli");
}

void audit_cli(st::Database& db, const std::string& action, const std::string& kind, const std::string& object_id,
               const std::string& citizen_id, const std::string& outcome) {
  AuditEntry e{cli_actor(), action, kind, object_id, citizen_id, outcome};
  if (auto r = append_audit(db, e, utc_now_text()); !r)
    std::fprintf(stderr, "magtreg: revisionsloggen kunne ikke skrives: %s (AUDIT_FAILED)\n", r.error().message.c_str());
}

// A username is what a person types to log in: not empty, no spaces or control characters, at most 64 bytes.
bool valid_username(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name)
    if (c <= 0x20 || c == 0x7f) return false;
  return true;
}

// A change to a user and its audit row commit together: "user_add", "user_disable", ... naming the user
// and what changed, never the password.
template <class Change>
int audited_user_change(st::Database& db, const char* command, const std::string& action, const std::string& user_id,
                        const std::string& what, Change change) {
  st::Transaction tx(db);
  if (!tx.begin_status()) return fail(command, tx.begin_status().error());
  if (auto r = change(); !r) return fail(command, r.error());
  if (auto r = append_audit(db, {cli_actor(), action, "user", what.empty() ? user_id : user_id + " " + what, "", "ok"},
                            utc_now_text());
      !r)
    return fail(command, r.error());
  if (auto c = tx.commit(); !c) return fail(command, c.error());
  if (auto a = anchor_audit_head(db); !a) return fail(command, a.error());
  return 0;
}

// [SECTION] seed-demo
int cmd_seed_demo(const Args& a) {
  auto db = open_db(a, "seed-demo");
  if (!db) return 1;
  auto report = seed_demo(*db, core::time::now_local().date);
  if (!report) return fail("seed-demo", report.error());
  if (report->already_seeded)
    std::printf("Databasen %s har allerede brugere; intet er ændret.\n", a.db.c_str());
  else
    std::printf("Demodata oprettet i %s: %d skemaer, %d afgørelser, %d klager, %d indberetninger, %d notater, "
                "%d handleplaner.\n",
                a.db.c_str(), report->forms, report->decisions, report->complaints, report->reports, report->notes,
                report->action_plans);
  std::fputs(demo_logins_text().c_str(), stdout);
  return 0;
}

// [SECTION] user
// [SECTION] municipalities and institutions: a new server's directory, before its first user
// The municipality `key` names (its id or name), or without a key the only one there is; empty when unknown.
core::Result<std::string> municipality_id_for(st::Database& db, const std::string* key) {
  auto all = list_municipalities(db);
  if (!all) return all.error();
  for (const auto& m : *all)
    if (key ? (m.id == *key || m.name == *key) : all->size() == 1) return m.id;
  return std::string();
}

// The municipality of --municipality, or the only one there is; empty when unknown.
core::Result<std::string> municipality_of(st::Database& db, const Args& a) {
  return municipality_id_for(db, a.one("--municipality"));
}

// An option's whole number in [lo, hi]; `fallback` when not given; nullopt (message printed) when invalid.
std::optional<int> number_option(const Args& a, const char* command, const std::string& name, int lo, int hi, int fallback) {
  const std::string* v = a.one(name);
  if (!v) return fallback;
  const bool digits = !v->empty() && v->size() <= 4 && v->find_first_not_of("0123456789") == std::string::npos;
  const int n = digits ? std::stoi(*v) : -1;
  if (n < lo || n > hi) {
    std::fprintf(stderr, "magtreg %s: %s skal være et helt tal fra %d til %d, ikke '%s' (INVALID_INPUT)\n", command,
                 name.c_str(), lo, hi, v->c_str());
    return std::nullopt;
  }
  return n;
}

// municipality add NAME --region R --socialtilsyn S [--report-day N] [--suppression N] | municipality list
int cmd_municipality(const Args& a) {
  const char* command = "municipality";
  const bool add = a.positional.size() == 2 && a.positional[0] == "add";
  const bool list = a.positional.size() == 1 && a.positional[0] == "list";
  const bool retention = a.positional.size() == 2 && a.positional[0] == "set-retention";
  if (!add && !list && !retention) {
    std::fputs("magtreg municipality: brug 'municipality add NAVN --region REGION --socialtilsyn TILSYN"
               " [--report-day 1-28] [--suppression N]', 'municipality list' eller 'municipality set-retention"
               " ID|NAVN --years N|none' (USAGE)\n", stderr);
    return 2;
  }
  auto db = open_db(a, command);
  if (!db) return 1;
  if (retention) {
    // The retention rule: a closed case's records are deleted this many years after it was closed.
    const std::string* years_text = a.one("--years");
    std::optional<int> years;
    if (!years_text) {
      std::fputs("magtreg municipality set-retention: --years N (1-100) eller --years none (USAGE)\n", stderr);
      return 2;
    }
    if (*years_text != "none") {
      auto n = number_option(a, "municipality set-retention", "--years", 1, 100, 0);
      if (!n) return 1;
      years = *n;
    }
    auto found = municipality_id_for(*db, &a.positional[1]);
    if (!found) return fail(command, found.error());
    const std::string& id = *found;
    if (id.empty()) {
      std::fprintf(stderr, "magtreg municipality set-retention: kommunen '%s' findes ikke (NOT_FOUND)\n",
                   a.positional[1].c_str());
      return 1;
    }
    if (auto r = set_retention_years(*db, id, years); !r) return fail(command, r.error());
    audit_cli(*db, "retention_rule", "municipality", id + (years ? " years=" + std::to_string(*years) : " none"), "", "ok");
    if (years)
      std::printf("Regel: en afsluttet sags data slettes %d år efter sagens afslutning. Se planen med"
                  " 'magtreg retention --dry-run'.\n", *years);
    else
      std::puts("Kommunen har ingen slettefrist; intet slettes.");
    return 0;
  }
  if (list) {
    auto all = list_municipalities(*db);
    if (!all) return fail(command, all.error());
    for (const auto& m : *all) {
      auto years = retention_years(*db, m.id);
      const std::string rule = years && *years ? "; data slettes " + std::to_string(**years) + " år efter sagens"
                                                     " afslutning" : "; ingen slettefrist";
      std::printf("%s  %s  (%s, %s; indberetning den %d.%s)\n", m.id.c_str(), m.name.c_str(), m.region.c_str(),
                  m.socialtilsyn.c_str(), m.report_day_of_month, rule.c_str());
    }
    return 0;
  }
  model::Municipality m;
  m.id = core::new_uuid();
  m.name = a.positional[1];
  const std::string* region = a.one("--region");
  const std::string* tilsyn = a.one("--socialtilsyn");
  if (m.name.empty() || !region || !tilsyn || region->empty() || tilsyn->empty()) {
    std::fputs("magtreg municipality add: navn, --region og --socialtilsyn skal angives: regionen modtager"
               " indberetninger om børn, socialtilsynet om tilbuddene (USAGE)\n", stderr);
    return 2;
  }
  m.region = *region;
  m.socialtilsyn = *tilsyn;
  auto day = number_option(a, command, "--report-day", 1, 28, m.report_day_of_month);
  auto suppression = number_option(a, command, "--suppression", 1, 100, m.suppression_threshold);
  if (!day || !suppression) return 1;
  m.report_day_of_month = *day;
  m.suppression_threshold = *suppression;
  auto all = list_municipalities(*db);
  if (!all) return fail(command, all.error());
  for (const auto& other : *all)
    if (other.name == m.name) {
      std::fprintf(stderr, "magtreg municipality add: '%s' findes allerede (ALREADY_EXISTS)\n", m.name.c_str());
      return 1;
    }
  if (auto r = add_municipality(*db, m); !r) return fail(command, r.error());
  audit_cli(*db, "municipality_add", "municipality", m.id, "", "ok");
  std::printf("Kommunen %s er oprettet (%s).\n", m.name.c_str(), m.id.c_str());
  return 0;
}

// institution add NAME --kind K --department D --target handicap|demens|boern [--operator ...] [--municipality M]
// | institution list [--municipality M]
int cmd_institution(const Args& a) {
  const char* command = "institution";
  const bool add = a.positional.size() == 2 && a.positional[0] == "add";
  const bool list = a.positional.size() == 1 && a.positional[0] == "list";
  if (!add && !list) {
    std::fputs("magtreg institution: brug 'institution add NAVN --kind ART --department DRIFTSAFDELING --target"
               " handicap|demens|boern [--operator municipal|regional|private] [--municipality ID|NAVN]' eller"
               " 'institution list' (USAGE)\n", stderr);
    return 2;
  }
  auto db = open_db(a, command);
  if (!db) return 1;
  auto found_municipality = municipality_of(*db, a);
  if (!found_municipality) return fail(command, found_municipality.error());
  const std::string& municipality = *found_municipality;
  if (list) {
    auto all = list_institutions(*db, municipality);
    if (!all) return fail(command, all.error());
    for (const auto& i : *all)
      std::printf("%s  %s  (%s, %s, %s)\n", i.id.c_str(), i.name.c_str(), i.kind.c_str(), i.target_area.c_str(),
                  i.operating_department.c_str());
    return 0;
  }
  if (municipality.empty()) {
    std::fputs("magtreg institution add: kommunen er ukendt; opret den med 'municipality add' eller angiv"
               " --municipality (INVALID_INPUT)\n", stderr);
    return 1;
  }
  model::Institution i;
  i.id = core::new_uuid();
  i.municipality_id = municipality;
  i.name = a.positional[1];
  const std::string* kind = a.one("--kind");
  const std::string* department = a.one("--department");
  const std::string* target = a.one("--target");
  if (i.name.empty() || !kind || !department || !target) {
    std::fputs("magtreg institution add: navn, --kind, --department og --target skal angives (USAGE)\n", stderr);
    return 2;
  }
  i.kind = *kind;
  i.operating_department = *department;
  i.target_area = *target;
  if (const std::string* op = a.one("--operator")) i.operator_kind = *op;
  if (i.target_area != "handicap" && i.target_area != "demens" && i.target_area != "boern") {
    std::fprintf(stderr, "magtreg institution add: --target skal være handicap, demens eller boern, ikke '%s'"
                 " (INVALID_INPUT)\n", i.target_area.c_str());
    return 1;
  }
  if (i.operator_kind != "municipal" && i.operator_kind != "regional" && i.operator_kind != "private") {
    std::fprintf(stderr, "magtreg institution add: --operator skal være municipal, regional eller private, ikke '%s'"
                 " (INVALID_INPUT)\n", i.operator_kind.c_str());
    return 1;
  }
  auto existing = list_institutions(*db, municipality);
  if (!existing) return fail(command, existing.error());
  if (find_institution_by_key(*existing, i.name)) {
    std::fprintf(stderr, "magtreg institution add: '%s' findes allerede i kommunen (ALREADY_EXISTS)\n", i.name.c_str());
    return 1;
  }
  if (auto r = add_institution(*db, i); !r) return fail(command, r.error());
  audit_cli(*db, "institution_add", "institution", i.id, "", "ok");
  std::printf("Tilbuddet %s er oprettet (%s).\n", i.name.c_str(), i.id.c_str());
  return 0;
}

int cmd_user(const Args& a) {
  if (a.positional.size() != 2) {
    std::fputs("magtreg user: brug 'user add|disable|enable|passwd BRUGERNAVN' (USAGE)\n", stderr);
    return 2;
  }
  const std::string& sub = a.positional[0];
  const std::string& username = a.positional[1];
  if (sub == "add" && !valid_username(username)) {
    std::fputs("magtreg user add: brugernavnet skal være 1-64 tegn uden mellemrum (USERNAME_INVALID)\n", stderr);
    return 1;
  }
  auto db = open_db(a, "user");
  if (!db) return 1;

  if (sub == "add") {
    const std::string* role_name = a.one("--role");
    const std::string* name = a.one("--name");
    if (!role_name || !name) {
      std::fputs("magtreg user add: --role og --name skal angives (USAGE)\n", stderr);
      return 2;
    }
    auto role = core::role_from_string(*role_name);
    if (!role) {
      std::fprintf(stderr, "magtreg user add: ukendt rolle '%s' (INVALID_INPUT)\n", role_name->c_str());
      return 1;
    }
    model::User u;
    u.id = core::new_uuid();
    u.username = username;
    u.display_name = *name;
    u.role = *role;
    auto municipality = municipality_of(*db, a);
    if (!municipality) return fail("user add", municipality.error());
    u.municipality_id = *municipality;
    if (u.municipality_id.empty()) {
      std::fputs("magtreg user add: kommunen er ukendt; angiv --municipality (INVALID_INPUT)\n", stderr);
      return 1;
    }
    auto institutions = list_institutions(*db);
    if (!institutions) return fail("user add", institutions.error());
    if (auto it = a.options.find("--institution"); it != a.options.end())
      for (const auto& key : it->second) {
        auto inst = find_institution_by_key(*institutions, key);
        if (!inst) {
          std::fprintf(stderr, "magtreg user add: ukendt tilbud '%s' (INVALID_INPUT)\n", key.c_str());
          return 1;
        }
        // A user's institutions are of their own municipality: another's citizens are never in reach.
        if (inst->municipality_id != u.municipality_id) {
          std::fprintf(stderr,
                       "magtreg user add: tilbuddet '%s' hører til en anden kommune end brugerens"
                       " (INSTITUTION_OTHER_MUNICIPALITY)\n",
                       key.c_str());
          return 1;
        }
        u.institution_ids.push_back(inst->id);
      }
    std::sort(u.institution_ids.begin(), u.institution_ids.end());
    auto hash = new_password_hash("user add", username);
    if (!hash) return 1;
    u.password_hash = *hash;
    std::string what = "role=" + std::string(core::to_string(u.role));
    for (const auto& i : u.institution_ids) what += " institution=" + i;
    if (int rc = audited_user_change(*db, "user add", "user_add", u.id, what, [&] { return add_user(*db, u); }); rc != 0)
      return rc;
    std::printf("Bruger %s oprettet (%s).\n", username.c_str(), std::string(core::role_label(u.role)).c_str());
    return 0;
  }

  auto user = find_user_by_username(*db, username);
  if (!user) return fail("user", user.error());
  if (!*user) {
    std::fprintf(stderr, "magtreg user %s: brugeren '%s' findes ikke (NOT_FOUND)\n", sub.c_str(), username.c_str());
    return 1;
  }
  const std::string id = (*user)->id;
  if (sub == "disable" || sub == "enable") {
    const bool disable = sub == "disable";
    if (int rc = audited_user_change(*db, "user", disable ? "user_disable" : "user_enable", id, "",
                                     [&]() -> core::Status {
                                       if (auto r = set_user_disabled(*db, id, disable); !r) return r;
                                       return disable ? revoke_user_sessions(*db, id, "user_disabled") : core::Status{};
                                     });
        rc != 0)
      return rc;
    std::printf(disable ? "Bruger %s er spærret, og alle sessioner er lukket.\n" : "Bruger %s er genåbnet.\n",
                username.c_str());
    return 0;
  }
  if (sub == "passwd") {
    auto hash = new_password_hash("user passwd", username);
    if (!hash) return 1;
    if (int rc = audited_user_change(*db, "user passwd", "user_passwd", id, "sessions=revoked",
                                     [&]() -> core::Status {
                                       if (auto r = set_user_password_hash(*db, id, *hash); !r) return r;
                                       return revoke_user_sessions(*db, id, "password_changed");
                                     });
        rc != 0)
      return rc;
    std::printf("Adgangskoden for %s er skiftet; alle sessioner er lukket.\n", username.c_str());
    return 0;
  }
  std::fprintf(stderr, "magtreg user: ukendt handling '%s' (USAGE)\n", sub.c_str());
  return 2;
}

// [SECTION] import citizens
std::vector<std::string> split_csv_line(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  for (auto& f : out) {
    while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) f.pop_back();
    while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) f.erase(f.begin());
  }
  return out;
}

int cmd_import(const Args& a) {
  if (a.positional.size() != 2 || a.positional[0] != "citizens") {
    std::fputs("magtreg import: brug 'import citizens FIL.csv' (USAGE)\n", stderr);
    return 2;
  }
  std::ifstream in(a.positional[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "magtreg import: filen '%s' kan ikke læses (FILE_UNREADABLE)\n", a.positional[1].c_str());
    return 1;
  }
  auto db = open_db(a, "import");
  if (!db) return 1;

  static const std::vector<std::string> k_columns = {"cpr", "navn", "maalgruppe", "tilbud", "handlekommune",
                                                     "kan_klage_selv"};
  std::string line;
  if (!std::getline(in, line)) {
    std::fputs("magtreg import: filen er tom (IMPORT_INVALID)\n", stderr);
    return 1;
  }
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // Excel's BOM
  const char sep = line.find(';') != std::string::npos ? ';' : ',';
  auto header = split_csv_line(line, sep);
  if (header != k_columns) {
    std::fprintf(stderr,
                 "magtreg import: linje 1: overskriften skal være %s;%s;%s;%s;%s;%s (IMPORT_INVALID)\n",
                 k_columns[0].c_str(), k_columns[1].c_str(), k_columns[2].c_str(), k_columns[3].c_str(),
                 k_columns[4].c_str(), k_columns[5].c_str());
    return 1;
  }

  std::vector<model::Citizen> citizens;
  std::vector<std::string> errors;
  std::set<std::string> seen_cpr;
  auto institutions = list_institutions(*db);
  if (!institutions) return fail("import", institutions.error());
  auto existing = db->prepare("SELECT 1 FROM citizens WHERE cpr = ?1 AND deleted = 0");
  if (!existing) return fail("import", existing.error());
  int line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto f = split_csv_line(line, sep);
    auto err = [&](const std::string& field, const std::string& msg) {
      errors.push_back("linje " + std::to_string(line_no) + ": " + field + ": " + msg);
    };
    if (f.size() != k_columns.size()) {
      err("linje", "forventede " + std::to_string(k_columns.size()) + " felter, fandt " + std::to_string(f.size()));
      continue;
    }
    model::Citizen c;
    c.id = core::new_uuid();
    auto cpr = model::normalize_cpr(f[0]);
    if (!cpr) err("cpr", "»" + f[0] + "« er ikke et CPR-nummer (DDMMÅÅ-XXXX)");
    else if (!seen_cpr.insert(*cpr).second) err("cpr", *cpr + " står mere end én gang i filen");
    else {
      if (auto r = existing->reset(); !r) return fail("import", r.error());
      existing->bind(1, *cpr);
      auto has = existing->step();
      if (!has) return fail("import", has.error());
      if (*has) err("cpr", *cpr + " findes allerede");
      c.cpr = *cpr;
    }
    c.name = f[1];
    if (c.name.empty()) err("navn", "mangler");
    if (f[2] != "handicap" && f[2] != "demens" && f[2] != "boern")
      err("maalgruppe", "»" + f[2] + "« skal være handicap, demens eller boern");
    c.target_group = f[2];
    auto inst = find_institution_by_key(*institutions, f[3]);
    if (!inst) err("tilbud", "»" + f[3] + "« er ikke et kendt tilbud");
    else c.institution_id = inst->id;
    c.acting_municipality = f[4];
    if (c.acting_municipality.empty()) err("handlekommune", "mangler");
    if (f[5] == "ja") c.can_complain_unaided = true;
    else if (f[5] == "nej") c.can_complain_unaided = false;
    else err("kan_klage_selv", "»" + f[5] + "« skal være ja eller nej");
    citizens.push_back(std::move(c));
  }
  if (!errors.empty()) {
    for (const auto& e : errors) std::fprintf(stderr, "magtreg import: %s\n", e.c_str());
    std::fprintf(stderr, "magtreg import: %zu fejl; intet er importeret (IMPORT_INVALID)\n", errors.size());
    return 1;
  }
  st::Transaction tx(*db);
  if (!tx.begin_status()) return fail("import", tx.begin_status().error());
  st::RecordRepository<model::Citizen> writer(*db, st::Side::Server);
  for (const auto& c : citizens) {
    if (auto m = writer.insert(c); !m) return fail("import", m.error());
    if (auto r = append_audit(*db, {"", "import", "citizen", c.id, c.id, "ok"}, utc_now_text()); !r)
      return fail("import", r.error());
  }
  if (auto c = tx.commit(); !c) return fail("import", c.error());
  if (auto r = anchor_audit_head(*db); !r) return fail("import", r.error());
  std::printf("%zu borgere importeret.\n", citizens.size());
  return 0;
}

// [SECTION] export, backup, audit
int cmd_export(const Args& a) {
  auto db = open_db(a, "export");
  if (!db) return 1;
  std::FILE* out = stdout;
  if (const std::string* path = a.one("--out")) {
    out = std::fopen(path->c_str(), "wb");
    if (!out) {
      std::fprintf(stderr, "magtreg export: kan ikke skrive '%s' (FILE_UNWRITABLE)\n", path->c_str());
      return 1;
    }
  }
  // One JSON object per line: {"kind", "revision", "content_hash", "data"} for every record, oldest change
  // first, in pages through the same change feed the tablets use.
  long long after = 0;
  long long n = 0;
  for (;;) {
    auto page = st::changes_after(*db, after, std::nullopt, 1000);
    if (!page) return fail("export", page.error());
    for (const auto& c : page->records) {
      nlohmann::json line = {{"kind", c.kind}, {"id", c.id}, {"revision", c.revision},
                             {"content_hash", c.content_hash}, {"data", c.data}};
      const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
      std::fwrite(text.data(), 1, text.size(), out);
      ++n;
    }
    after = page->next_after;
    if (!page->has_more) break;
  }
  if (out != stdout) std::fclose(out);
  audit_cli(*db, "export", "database", "", "", "ok");
  std::fprintf(stderr, "%lld poster eksporteret.\n", n);
  return 0;
}

// backup FILE, or backup --dir DIR [--keep N] (scheduled: a time-stamped file, the oldest beyond N removed).
int cmd_backup(const Args& a) {
  const std::string* dir = a.one("--dir");
  const std::string* keep_text = a.one("--keep");
  // With a configuration that names the folder, `backup` alone is the scheduled backup (the timer's command).
  const bool configured = !dir && a.positional.empty() && !a.backup_dir.empty();
  if (configured) dir = &a.backup_dir;
  if ((dir != nullptr) == (a.positional.size() == 1) || a.positional.size() > 1 || (keep_text && !dir)) {
    std::fputs("magtreg backup: brug 'backup FIL', 'backup --dir MAPPE [--keep N]' eller 'backup --config FIL' med"
               " backup_dir (USAGE)\n", stderr);
    return 2;
  }
  int keep = configured ? a.backup_keep : 0;
  if (keep_text) {
    const bool digits = !keep_text->empty() && keep_text->size() <= 4 &&
                        keep_text->find_first_not_of("0123456789") == std::string::npos;
    keep = digits ? std::stoi(*keep_text) : 0;
    if (keep < 1) {
      std::fprintf(stderr, "magtreg backup: --keep skal være et helt tal fra 1 til 9999, ikke '%s' (USAGE)\n",
                   keep_text->c_str());
      return 2;
    }
  }
  if (dir) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (!std::filesystem::is_directory(*dir)) {
      std::fprintf(stderr, "magtreg backup: mappen '%s' findes ikke og kan ikke oprettes (FILE_UNWRITABLE)\n", dir->c_str());
      return 1;
    }
  }
  auto db = open_db(a, "backup");
  if (!db) return 1;
  const std::string path = dir ? scheduled_backup_path(*dir) : a.positional[0];
  if (auto r = db->backup_to(path); !r) return fail("backup", r.error());
  {
    auto copy = st::Database::open(path, server_database_options());
    if (!copy) return fail("backup", copy.error());
    if (auto r = copy->integrity_check(); !r) return fail("backup", r.error());
  }
  audit_cli(*db, "backup", "database", std::filesystem::path(path).filename().string(), "", "ok");
  std::printf("Sikkerhedskopi skrevet til %s (integritetstjek ok).\n", path.c_str());
  // Older copies go only after the new one is written and checked.
  if (keep > 0)
    for (const auto& name : prune_backups(*dir, keep)) std::printf("Ældre sikkerhedskopi slettet: %s\n", name.c_str());
  return 0;
}

int print_verdict(const AuditVerdict& v);

// The change feed's counter (the highest server_seq handed out).
core::Result<long long> server_seq_counter(st::Database& db) {
  auto q = db.prepare("SELECT value FROM counters WHERE name = 'server_seq'");
  if (!q) return q.error();
  auto has = q->step();
  if (!has) return has.error();
  return *has ? q->column_int64(0) : 0;
}

// restore BACKUP: the database replaced by a checked backup of itself, with the server stopped.
int cmd_restore(const Args& a) {
  const char* command = "restore";
  if (a.positional.size() != 1) {
    std::fputs("magtreg restore: brug 'restore SIKKERHEDSKOPI [--config FIL | --db FIL]' (USAGE)\n", stderr);
    return 2;
  }
  const std::string& from = a.positional[0];
  namespace fs = std::filesystem;
  if (!fs::is_regular_file(from)) {
    std::fprintf(stderr, "magtreg restore: sikkerhedskopien '%s' findes ikke (FILE_UNREADABLE)\n", from.c_str());
    return 1;
  }
  // Never under a running server: it would keep writing to the file it has open.
  DatabaseLock lock;
  if (std::string why; !lock.take(a.db, why)) {
    std::fprintf(stderr, "magtreg restore: %s; stop den først (DB_IN_USE)\n", why.c_str());
    return 1;
  }
  // The backup: whole, a Magtreg database no newer than this program, and an earlier state of this
  // server's audit log (its key verifies every row, its last row is one the anchor recorded).
  auto backup = st::Database::open(from, server_database_options());
  if (!backup) return fail(command, backup.error());
  if (auto r = backup->integrity_check(); !r) return fail(command, r.error());
  auto version = st::schema_version(*backup);
  if (!version) return fail(command, version.error());
  if (*version < 1 || *version > st::latest_schema_version()) {
    std::fprintf(stderr, "magtreg restore: '%s' er ikke en Magtreg-database, som dette program kan læse (skemaversion %d,"
                 " højst %d) (BACKUP_INVALID)\n", from.c_str(), *version, st::latest_schema_version());
    return 1;
  }
  const AuditFiles files = a.audit_files();
  auto chain = check_backup_chain(*backup, files);
  if (!chain) return fail(command, chain.error());
  if (!chain->ok()) {
    std::fprintf(stderr, "magtreg restore: %s (%s)\n", chain->detail.c_str(), std::string(to_string(chain->state)).c_str());
    return 1;
  }
  // The database as it is now is kept beside it (with what its write-ahead log holds) before it is replaced.
  std::string kept;
  long long seq_before = 0;
  if (fs::exists(a.db)) {
    kept = a.db + ".before-restore-" + std::to_string(unix_now());
    auto current = st::Database::open(a.db, server_database_options());
    if (!current) return fail(command, current.error());
    if (auto r = current->backup_to(kept); !r) return fail(command, r.error());
    if (auto seq = server_seq_counter(*current)) seq_before = *seq;
  }
  std::error_code ec;
  for (const char* tail : {"-wal", "-shm"}) fs::remove(a.db + tail, ec);
  if (auto r = backup->backup_to(a.db); !r) return fail(command, r.error());
  // The anchor names rows written after the backup: the restore is the operator's acknowledgement of
  // that, written to the log like `audit --reanchor`, and then the restore itself.
  auto restored = st::open_database(a.db, server_database_options());
  if (!restored) return fail(command, restored.error());
  auto anchored = reanchor_audit_chain(*restored, files);
  if (!anchored) return fail(command, anchored.error());
  if (!anchored->ok()) return print_verdict(*anchored);
  // A tablet's place in the change feed may be past the backup's last change: changes made from now on
  // are numbered after every number the replaced database handed out, so no tablet skips them.
  {
    auto q = restored->prepare("UPDATE counters SET value = max(value, ?1) WHERE name = 'server_seq'");
    if (!q) return fail(command, q.error());
    q->bind(1, seq_before);
    if (auto r = q->run(); !r) return fail(command, r.error());
  }
  audit_cli(*restored, "restore", "database", fs::path(from).filename().string(), "", "ok");
  std::printf("Databasen %s er gendannet fra %s (integritetstjek ok, revisionsloggen intakt og forankret).\n",
              a.db.c_str(), from.c_str());
  if (!kept.empty()) std::printf("Databasen fra før gendannelsen er gemt som %s.\n", kept.c_str());
  if (!kept.empty())
    std::puts("Hvad der er sendt til serveren efter sikkerhedskopien, findes kun i den gemte database; se"
              " docs/operations.md.");
  return 0;
}

// Prints the verdict; 0 intact, 1 otherwise.
int print_verdict(const AuditVerdict& v) {
  if (v.ok()) {
    if (v.unkeyed > 0)
      std::printf("Revisionsloggens kæde er intakt (%lld rækker, forankret); række 1–%lld er fra før nøglen og kun"
                  " kædet med SHA-256 (unøglede), rækkerne derefter er nøglede.\n",
                  v.rows, v.unkeyed);
    else
      std::printf("Revisionsloggens kæde er intakt (%lld rækker, nøglet og forankret).\n", v.rows);
    return 0;
  }
  std::printf("ADVARSEL: revisionsloggen er brudt%s – den kan være manipuleret: %s (%s)\n",
              v.seq > 0 ? (" ved række " + std::to_string(v.seq)).c_str() : "", v.detail.c_str(),
              std::string(to_string(v.state)).c_str());
  return 1;
}

// audit --verify and --reanchor open the database without requiring an intact chain: they are how an
// operator looks at one that is not.
int cmd_audit_chain(const Args& a, bool reanchor, bool adopt) {
  const char* command = "audit";
  auto db = st::open_database(a.db, server_database_options());
  if (!db) return fail(command, db.error());
  if (adopt) {
    auto opened = open_audit_chain(*db, a.audit_files(), true);
    if (!opened) return fail(command, opened.error());
    if (!opened->ok()) return print_verdict(*opened);
    auto v = check_audit_chain(*db);
    if (!v) return fail(command, v.error());
    if (v->ok() && v->unkeyed > 0)
      std::printf("De %lld unøglede rækker er overtaget; nøglen er oprettet, og rækkerne derefter nøgles.\n", v->unkeyed);
    return print_verdict(*v);
  }
  if (reanchor) {
    auto v = reanchor_audit_chain(*db, a.audit_files());
    if (!v) return fail(command, v.error());
    if (v->ok()) std::puts("Ankeret er nulstillet; kvitteringen står i revisionsloggen.");
    return print_verdict(*v);
  }
  auto opened = open_audit_chain(*db, a.audit_files());
  if (!opened) return fail(command, opened.error());
  if (opened->state == AuditState::KeyMissing || opened->state == AuditState::KeyInvalid) return print_verdict(*opened);
  auto v = check_audit_chain(*db);
  if (!v) return fail(command, v.error());
  return print_verdict(*v);
}

int cmd_audit(const Args& a) {
  const bool verify = a.options.count("--verify") > 0, reanchor = a.options.count("--reanchor") > 0;
  const bool adopt = a.options.count("--adopt-unkeyed") > 0;
  const std::string* cpr_text = a.one("--citizen");
  if (verify + reanchor + adopt + (cpr_text != nullptr) != 1) {
    std::fputs("magtreg audit: brug 'audit --citizen CPR', 'audit --verify', 'audit --reanchor' eller"
               " 'audit --adopt-unkeyed' (USAGE)\n",
               stderr);
    return 2;
  }
  if (!cpr_text) return cmd_audit_chain(a, reanchor, adopt);
  auto cpr = model::normalize_cpr(*cpr_text);
  if (!cpr) {
    std::fprintf(stderr, "magtreg audit: »%s« er ikke et CPR-nummer (INVALID_INPUT)\n", cpr_text->c_str());
    return 1;
  }
  auto db = open_db(a, "audit");
  if (!db) return 1;
  auto q = db->prepare("SELECT id, name FROM citizens WHERE cpr = ?1");
  if (!q) return fail("audit", q.error());
  q->bind(1, *cpr);
  auto has = q->step();
  if (!has) return fail("audit", has.error());
  if (!*has) {
    std::fprintf(stderr, "magtreg audit: ingen borger med CPR %s (NOT_FOUND)\n", cpr->c_str());
    return 1;
  }
  const std::string citizen_id = q->column_text(0);
  const std::string name = q->column_text(1);
  if (auto r = q->reset(); !r) return fail("audit", r.error());
  audit_cli(*db, "audit_report", "citizen", citizen_id, citizen_id, "ok");
  auto rows = audit_of_citizen(*db, citizen_id);
  if (!rows) return fail("audit", rows.error());
  auto users = list_users(*db);
  if (!users) return fail("audit", users.error());
  std::map<std::string, std::string> who;
  for (const auto& u : *users) who[u.id] = u.username + " (" + std::string(core::role_label(u.role)) + ")";
  std::printf("Adgangsrapport for %s, CPR %s – %zu hændelser\n", name.c_str(), cpr->c_str(), rows->size());
  std::printf("%-21s %-34s %-13s %-12s %s\n", "Tidspunkt (UTC)", "Bruger", "Handling", "Objekt", "Udfald");
  for (const auto& r : *rows) {
    const std::string user = r.entry.user_id.empty() ? "kommandolinjen" : (who.count(r.entry.user_id) ? who[r.entry.user_id] : r.entry.user_id);
    std::printf("%-21s %-34s %-13s %-12s %s\n", r.at.c_str(), user.c_str(), r.entry.action.c_str(),
                r.entry.object_kind.c_str(), r.entry.outcome.c_str());
  }
  auto chain = check_audit_chain(*db);
  if (!chain) return fail("audit", chain.error());
  return print_verdict(*chain);
}

// [SECTION] single sign-on: the table from the provider's groups to roles
// sso map GROUP --role ROLE [--institution ID|NAME]... [--municipality M] | sso unmap GROUP | sso list
int cmd_sso(const Args& a) {
  const char* command = "sso";
  const std::string sub = a.positional.empty() ? std::string() : a.positional[0];
  const bool map = sub == "map" && a.positional.size() == 2, unmap = sub == "unmap" && a.positional.size() == 2;
  const bool list = sub == "list" && a.positional.size() == 1;
  if (!map && !unmap && !list) {
    std::fputs("magtreg sso: brug 'sso map GRUPPE --role ROLLE [--institution ID|NAVN]... [--municipality ID|NAVN]',"
               " 'sso unmap GRUPPE' eller 'sso list' (USAGE)\n", stderr);
    return 2;
  }
  auto db = open_db(a, command);
  if (!db) return 1;
  if (list) {
    auto all = list_sso_mappings(*db);
    if (!all) return fail(command, all.error());
    auto institutions = list_institutions(*db);
    if (!institutions) return fail(command, institutions.error());
    for (const auto& m : *all) {
      std::string names;
      for (const auto& id : m.institution_ids)
        if (auto i = find_institution_by_key(*institutions, id)) names += (names.empty() ? "" : ", ") + i->name;
      std::printf("%-40s %-16s %s\n", m.claim_value.c_str(), std::string(core::role_label(m.role)).c_str(),
                  names.empty() ? "(ingen tilbud)" : names.c_str());
    }
    return 0;
  }
  const std::string& group = a.positional[1];
  if (group.empty()) {
    std::fputs("magtreg sso: gruppen må ikke være tom (INVALID_INPUT)\n", stderr);
    return 1;
  }
  if (unmap) {
    auto removed = remove_sso_mapping(*db, group);
    if (!removed) return fail(command, removed.error());
    if (!*removed) {
      std::fprintf(stderr, "magtreg sso unmap: gruppen '%s' er ikke knyttet til en rolle (NOT_FOUND)\n", group.c_str());
      return 1;
    }
    audit_cli(*db, "sso_unmap", "sso_group", group, "", "ok");
    std::printf("Gruppen %s giver ikke længere adgang til Magtreg.\n", group.c_str());
    return 0;
  }
  const std::string* role_name = a.one("--role");
  auto role = role_name ? core::role_from_string(*role_name) : std::nullopt;
  if (!role) {
    std::fprintf(stderr, "magtreg sso map: --role skal være en af rollerne (fx medarbejder, leder, udvalg), ikke '%s'"
                 " (INVALID_INPUT)\n", role_name ? role_name->c_str() : "");
    return 1;
  }
  auto municipality = municipality_of(*db, a);
  if (!municipality) return fail(command, municipality.error());
  SsoRoleMapping m{group, *role, *municipality, {}};
  if (m.municipality_id.empty()) {
    std::fputs("magtreg sso map: kommunen er ukendt; angiv --municipality (INVALID_INPUT)\n", stderr);
    return 1;
  }
  auto institutions = list_institutions(*db, m.municipality_id);
  if (!institutions) return fail(command, institutions.error());
  if (auto it = a.options.find("--institution"); it != a.options.end())
    for (const auto& key : it->second) {
      auto inst = find_institution_by_key(*institutions, key);
      if (!inst) {
        std::fprintf(stderr, "magtreg sso map: ukendt tilbud '%s' i kommunen (INVALID_INPUT)\n", key.c_str());
        return 1;
      }
      m.institution_ids.push_back(inst->id);
    }
  std::sort(m.institution_ids.begin(), m.institution_ids.end());
  if (auto r = put_sso_mapping(*db, m); !r) return fail(command, r.error());
  std::string what = "role=" + std::string(core::to_string(m.role));
  for (const auto& i : m.institution_ids) what += " institution=" + i;
  audit_cli(*db, "sso_map", "sso_group", group + " " + what, "", "ok");
  std::printf("Gruppen %s giver nu rollen %s.\n", group.c_str(), std::string(core::role_label(m.role)).c_str());
  return 0;
}

// [SECTION] retention: what the municipality's rule would delete
// retention --dry-run [--municipality ID|NAME]
int cmd_retention(const Args& a) {
  const char* command = "retention";
  if (!a.options.count("--dry-run") || !a.positional.empty()) {
    std::fputs("magtreg retention: brug 'retention --dry-run [--municipality ID|NAVN]'; selve sletningen er endnu"
               " ikke bygget (USAGE)\n", stderr);
    return 2;
  }
  auto db = open_db(a, command);
  if (!db) return 1;
  auto found_municipality = municipality_of(*db, a);
  if (!found_municipality) return fail(command, found_municipality.error());
  const std::string& municipality = *found_municipality;
  if (municipality.empty()) {
    std::fputs("magtreg retention: kommunen er ukendt; angiv --municipality (INVALID_INPUT)\n", stderr);
    return 1;
  }
  auto plan = plan_retention(*db, municipality, unix_now());
  if (!plan) return fail(command, plan.error());
  audit_cli(*db, "retention_dry_run", "municipality", municipality, "", "ok");
  if (plan->years == 0) {
    std::puts("Kommunen har ingen slettefrist (magtreg municipality set-retention); intet ville blive slettet.");
    return 0;
  }
  std::printf("Slettefrist: %d år efter sagens afslutning; sager afsluttet før %s.\n", plan->years,
              plan->cutoff.c_str());
  std::printf("%-38s %-28s %-22s %6s %6s %6s %6s\n", "Sag", "Borger", "Afsluttet", "Skemaer", "Afgør.", "Klager",
              "Notater");
  long long forms = 0, decisions = 0, complaints = 0, notes = 0;
  for (const auto& c : plan->cases) {
    std::printf("%-38s %-28s %-22s %6lld %6lld %6lld %6lld\n", c.case_id.c_str(), c.citizen_name.c_str(),
                c.closed_at.c_str(), c.forms, c.decisions, c.complaints, c.notes);
    forms += c.forms, decisions += c.decisions, complaints += c.complaints, notes += c.notes;
  }
  std::printf("I alt %zu sager: %lld skemaer, %lld afgørelser, %lld klager, %lld notater.\n", plan->cases.size(),
              forms, decisions, complaints, notes);
  std::printf("%zu borgere har kun sager ud over fristen; deres stamdata, handleplan og øvrige notater ville også"
              " blive slettet.\n", plan->whole_citizens.size());
  std::puts("Prøvekørsel: intet er slettet.");
  return 0;
}

// [SECTION] a citizen's insight (GDPR art. 15)
// Every record of `T` about the citizen, oldest first by `order`.
template <class T>
core::Result<std::vector<T>> records_of(st::Database& db, const std::string& citizen_id, const char* order) {
  st::RecordRepository<T> repo(db, st::Side::Server);
  return repo.query(std::string("t.deleted = 0 AND t.citizen_id = ?1 ORDER BY ") + order,
                    [&](st::Statement& q) { q.bind(1, citizen_id); });
}

// insight --citizen CPR [--out FILE.html]: the printable document of what is held and who read it.
int cmd_insight(const Args& a) {
  const char* command = "insight";
  const std::string* cpr_text = a.one("--citizen");
  if (!cpr_text) {
    std::fputs("magtreg insight: brug 'insight --citizen CPR [--out FIL.html]' (USAGE)\n", stderr);
    return 2;
  }
  auto cpr = model::normalize_cpr(*cpr_text);
  if (!cpr) {
    std::fprintf(stderr, "magtreg insight: »%s« er ikke et CPR-nummer (INVALID_INPUT)\n", cpr_text->c_str());
    return 1;
  }
  auto db = open_db(a, command);
  if (!db) return 1;
  st::RecordRepository<model::Citizen> citizens(*db, st::Side::Server);
  auto found = citizens.query("t.deleted = 0 AND t.cpr = ?1", [&](st::Statement& q) { q.bind(1, *cpr); });
  if (!found) return fail(command, found.error());
  if (found->empty()) {
    std::fprintf(stderr, "magtreg insight: ingen borger med CPR %s (NOT_FOUND)\n", cpr->c_str());
    return 1;
  }
  wf::InsightRecords r;
  r.citizen = found->front();
  const std::string& id = r.citizen.id;
  // The document is itself an access: audited before it is made, and not made if it cannot be.
  if (auto w = append_audit(*db, {cli_actor(), "insight_report", "citizen", id, id, "ok"}, utc_now_text()); !w)
    return fail(command, w.error());
  if (auto inst = find_institution(*db, r.citizen.institution_id); inst && *inst) {
    r.institution_name = (*inst)->name;
    if (auto m = find_municipality(*db, (*inst)->municipality_id); m && *m) r.municipality_name = (*m)->name;
  }
  auto cases = records_of<model::Case>(*db, id, "t.opened_at");
  auto forms = records_of<model::FormInstance>(*db, id, "coalesce(t.started_at, ''), t.id");
  auto decisions = records_of<model::Decision>(*db, id, "t.id");
  auto complaints = records_of<model::Complaint>(*db, id, "t.received_at");
  auto notes = records_of<model::Note>(*db, id, "t.at");
  auto plans = records_of<model::ActionPlan>(*db, id, "t.updated_at");
  auto recommendations = records_of<model::MoveRecommendation>(*db, id, "t.decided_on, t.id");
  for (const core::Error* e : {cases ? nullptr : &cases.error(), forms ? nullptr : &forms.error(),
                               decisions ? nullptr : &decisions.error(), complaints ? nullptr : &complaints.error(),
                               notes ? nullptr : &notes.error(), plans ? nullptr : &plans.error(),
                               recommendations ? nullptr : &recommendations.error()})
    if (e) return fail(command, *e);
  r.cases = std::move(*cases);
  r.forms = std::move(*forms);
  r.decisions = std::move(*decisions);
  r.complaints = std::move(*complaints);
  r.notes = std::move(*notes);
  r.action_plans = std::move(*plans);
  r.recommendations = std::move(*recommendations);
  auto rows = audit_of_citizen(*db, id);
  if (!rows) return fail(command, rows.error());
  auto users = list_users(*db);
  if (!users) return fail(command, users.error());
  std::map<std::string, std::string> who;
  for (const auto& u : *users) who[u.id] = u.display_name + " (" + std::string(core::role_label(u.role)) + ")";
  for (const auto& row : *rows) {
    std::string name = row.entry.user_id.rfind("cli", 0) == 0 || row.entry.user_id.empty() ? "kommunens it-drift"
                       : who.count(row.entry.user_id) ? who[row.entry.user_id] : "en slettet bruger";
    r.access.push_back({row.at, name, row.entry.action, row.entry.object_kind, row.entry.outcome});
  }
  auto chain = check_audit_chain(*db);
  if (!chain) return fail(command, chain.error());
  r.chain = chain->ok() ? "Loggen er kontrolleret og uændret." : "Loggens kontrol fandt en fejl: " + chain->detail;
  const std::string html = wf::insight_document_html(r, core::forms::Catalogue::current(), core::time::format_iso(core::time::now_local().date));
  std::FILE* out = stdout;
  if (const std::string* path = a.one("--out")) {
    out = std::fopen(path->c_str(), "wb");
    if (!out) {
      std::fprintf(stderr, "magtreg insight: kan ikke skrive '%s' (FILE_UNWRITABLE)\n", path->c_str());
      return 1;
    }
  }
  std::fwrite(html.data(), 1, html.size(), out);
  if (out != stdout) {
    std::fclose(out);
    std::fprintf(stderr, "Indsigt for %s skrevet til %s (%zu skemaer, %zu adgange).\n", r.citizen.name.c_str(),
                 a.one("--out")->c_str(), r.forms.size(), r.access.size());
  }
  return 0;
}

// [SECTION] stats
int cmd_stats(const Args& a) {
  const std::string* year_text = a.one("--year");
  if (!year_text) {
    std::fputs("magtreg stats: brug 'stats --year ÅÅÅÅ [--quarter 1-4] [--format json|csv] [--municipality ID|NAVN]"
               " [--department NAVN | --institution ID] [--pseudonymised]' (USAGE)\n",
               stderr);
    return 2;
  }
  core::stats::StatsQuery q;
  char* end = nullptr;
  q.year = static_cast<int>(std::strtol(year_text->c_str(), &end, 10));
  if (end == year_text->c_str() || *end != '\0') {
    std::fprintf(stderr, "magtreg stats: året »%s« er ikke et tal (INVALID_INPUT)\n", year_text->c_str());
    return 1;
  }
  if (const std::string* qt = a.one("--quarter")) {
    if (qt->size() != 1 || (*qt)[0] < '1' || (*qt)[0] > '4') {
      std::fprintf(stderr, "magtreg stats: kvartalet skal være 1, 2, 3 eller 4 (INVALID_INPUT)\n");
      return 1;
    }
    q.quarter = (*qt)[0] - '0';
  }
  const std::string format = a.one("--format") ? *a.one("--format") : "json";
  if (format != "json" && format != "csv") {
    std::fprintf(stderr, "magtreg stats: formatet skal være json eller csv (USAGE)\n");
    return 2;
  }
  q.pseudonymised = a.options.count("--pseudonymised") > 0;
  if (const std::string* d = a.one("--department")) q.department = *d;
  if (const std::string* i = a.one("--institution")) q.institution_id = *i;
  auto db = open_db(a, "stats");
  if (!db) return 1;
  auto municipality = municipality_of(*db, a);
  if (!municipality) return fail("stats", municipality.error());
  q.municipality_id = *municipality;
  if (q.municipality_id.empty()) {
    std::fputs("magtreg stats: kommunen er ukendt; angiv --municipality (INVALID_INPUT)\n", stderr);
    return 1;
  }
  auto s = core::stats::compute_statistics(*db, q);
  if (!s) return fail("stats", s.error());
  const std::string text = format == "csv" ? core::stats::to_csv(*s) : core::stats::to_json(*s).dump(2) + "\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

}  // namespace

// [SECTION] device
// "device list": every tablet known to the server; "device revoke ID": its next download is refused and
// it erases its stores (sync/devices.hpp). The revocation and its audit row commit together.
int cmd_device(const Args& a) {
  const bool list = a.positional.size() == 1 && a.positional[0] == "list";
  const bool revoke = a.positional.size() == 2 && a.positional[0] == "revoke";
  if (!list && !revoke) {
    std::fputs("magtreg device: brug 'device list' eller 'device revoke ID [--municipality ID]' (USAGE)\n", stderr);
    return 2;
  }
  auto db = open_db(a, "device");
  if (!db) return 1;
  if (list) {
    auto rows = list_devices(*db);
    if (!rows) return fail("device list", rows.error());
    std::printf("%-38s %-20s %-24s %-20s %-12s %s\n", "id", "kommune", "navn", "sidst set (UTC)", "spærret", "brugere");
    for (const auto& r : *rows) {
      std::string users;
      for (const auto& u : r.users) users += (users.empty() ? "" : ", ") + u;
      std::printf("%-38s %-20s %-24s %-20s %-12s %s\n", r.id.c_str(), r.municipality.c_str(),
                  r.name.empty() ? "(uden navn)" : r.name.c_str(), r.last_seen_at.substr(0, 19).c_str(),
                  r.revoked_at.empty() ? "nej" : r.revoked_at.substr(0, 10).c_str(), users.c_str());
    }
    return 0;
  }
  const std::string* municipality = a.one("--municipality");
  st::Transaction tx(*db);
  if (!tx.begin_status()) return fail("device revoke", tx.begin_status().error());
  auto row = revoke_device(*db, a.positional[1], municipality ? *municipality : std::string(), cli_actor(), utc_now_text());
  if (!row) return fail("device revoke", row.error());
  if (auto r = append_audit(*db, {cli_actor(), "device_revoke", "device", row->municipality_id + "/" + row->id, "", "ok"},
                            utc_now_text());
      !r)
    return fail("device revoke", r.error());
  if (auto c = tx.commit(); !c) return fail("device revoke", c.error());
  if (auto an = anchor_audit_head(*db); !an) return fail("device revoke", an.error());
  std::string users;
  for (const auto& u : row->users) users += (users.empty() ? "" : ", ") + u;
  std::printf("Tabletten %s (%s, %s) er spærret. Ved næste kontakt sender den, hvad den indloggede bruger har, og "
              "sletter derefter alle data på tabletten – også andre brugeres ikke-sendte data (%s).\n",
              row->id.c_str(), row->name.empty() ? "uden navn" : row->name.c_str(), row->municipality.c_str(),
              users.empty() ? "ingen brugere" : users.c_str());
  return 0;
}

// [SECTION] forms
// The form catalogue as data (docs/forms.md, "The catalogue as data"): "forms list", "forms show ID[@V]",
// "forms diff ID@A ID@B", "forms import FILE.json|-". Each opens the database and first adds the embedded
// versions it lacks. An import and its audit row ("form_import", object "ID@VERSION") commit together.
namespace {

struct FormRef {
  std::string id;
  std::optional<int> version;
};

std::optional<FormRef> parse_form_ref(const std::string& text) {
  FormRef ref;
  const auto at = text.find('@');
  ref.id = text.substr(0, at);
  if (ref.id.empty()) return std::nullopt;
  if (at != std::string::npos) {
    const std::string v = text.substr(at + 1);
    if (v.empty() || v.size() > 4 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    ref.version = std::stoi(v);
  }
  return ref;
}

std::string short_hash(const std::string& hash) { return hash.substr(0, 12); }

// The stored definition `ref` names (the newest version when it names none); prints why not.
std::optional<core::catalogue::StoredDefinition> stored_form(st::Database& db, const char* command, const FormRef& ref) {
  auto all = core::catalogue::list_definitions(db);
  if (!all) {
    fail(command, all.error());
    return std::nullopt;
  }
  std::optional<core::catalogue::StoredDefinition> found;
  for (auto& d : *all)
    if (d.meta.id == ref.id && (ref.version ? d.meta.version == *ref.version : !found || d.meta.version > found->meta.version))
      found = d;
  if (!found)
    fail(command, core::Error::make(core::ErrorCode::UnknownForm,
                                    "Skemaet »" + ref.id + "«" +
                                        (ref.version ? " version " + std::to_string(*ref.version) : std::string()) +
                                        " findes ikke i kataloget.",
                                    "form_id"));
  return found;
}

int forms_import(st::Database& db, const std::string& path) {
  const char* command = "forms import";
  std::string text;
  if (path == "-") {
    std::ostringstream all;
    all << std::cin.rdbuf();
    text = all.str();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "magtreg forms import: filen %s kan ikke læses (NOT_FOUND)\n", path.c_str());
      return 1;
    }
    std::ostringstream all;
    all << in.rdbuf();
    text = all.str();
  }
  if (text.size() > 1'000'000) {
    std::fputs("magtreg forms import: en skemadefinition er højst 1 MB (PAYLOAD_TOO_LARGE)\n", stderr);
    return 1;
  }
  st::Transaction tx(db);
  if (!tx.begin_status()) return fail(command, tx.begin_status().error());
  auto out = core::catalogue::import_definition(db, std::filesystem::path(path).filename().string(), text,
                                                cli_actor(), utc_now_text());
  if (!out) return fail(command, out.error());
  const core::forms::FormMeta& m = out->meta;
  const std::string ref = m.id + "@" + std::to_string(m.version);
  if (!out->already_stored) {
    if (auto r = append_audit(db, {cli_actor(), "form_import", "form_definition", ref, "", "ok"}, utc_now_text()); !r)
      return fail(command, r.error());
  }
  if (auto c = tx.commit(); !c) return fail(command, c.error());
  if (!out->already_stored)
    if (auto an = anchor_audit_head(db); !an) return fail(command, an.error());
  const std::string from =
      out->in_force_from.empty() ? std::string("altid") : "fra " + core::forms::danish_date(out->in_force_from);
  if (out->already_stored) {
    std::printf("%s (%s) version %d findes allerede med samme indhold (hash %s); intet er ændret.\n", m.short_title.c_str(),
                m.id.c_str(), m.version, short_hash(m.content_hash).c_str());
    return 0;
  }
  std::printf("%s (%s) version %d er importeret (%s, hash %s): den bruges til nye registreringer af indgreb %s%s.\n",
              m.short_title.c_str(), m.id.c_str(), m.version, std::string(core::forms::status_label(m.status)).c_str(),
              short_hash(m.content_hash).c_str(), from.c_str(),
              out->previous ? ("; skemaer på version " + std::to_string(*out->previous) + " beholder deres version").c_str()
                            : "");
  return 0;
}

}  // namespace

int cmd_forms(const Args& a) {
  const auto& p = a.positional;
  const std::string sub = p.empty() ? std::string() : p[0];
  const bool ok = (sub == "list" && p.size() == 1) || (sub == "show" && p.size() == 2) ||
                  (sub == "diff" && p.size() == 3) || (sub == "import" && p.size() == 2);
  if (!ok) {
    std::fputs("magtreg forms: brug 'forms list', 'forms show ID[@VERSION]', 'forms diff ID@A ID@B' eller "
               "'forms import FIL.json|-' (USAGE)\n",
               stderr);
    return 2;
  }
  const std::string command = "forms " + sub;
  auto db = open_db(a, command.c_str());
  if (!db) return 1;
  {
    st::Transaction tx(*db);
    if (!tx.begin_status()) return fail(command.c_str(), tx.begin_status().error());
    auto noticed = core::catalogue::seed_builtin_definitions(*db, utc_now_text());
    if (!noticed) return fail(command.c_str(), noticed.error());
    if (auto c = tx.commit(); !c) return fail(command.c_str(), c.error());
    for (const auto& n : *noticed) std::fprintf(stderr, "magtreg %s: %s (DEFINITION_VERSION_PUBLISHED)\n", command.c_str(), n.c_str());
  }
  if (sub == "import") return forms_import(*db, p[1]);
  if (sub == "list") {
    auto all = core::catalogue::list_definitions(*db);
    if (!all) return fail("forms list", all.error());
    auto cat = core::catalogue::load_catalogue(*db);
    if (!cat) return fail("forms list", cat.error());
    std::printf("%-18s %-7s %-5s %-18s %-11s %-12s %-22s %s\n", "skema", "version", "sæt", "status", "gælder fra", "hash",
                "importeret af", "titel");
    for (const auto& d : *all) {
      const core::forms::FormMeta* m = cat->find_form(d.meta.id, d.meta.version);
      const std::string from = m ? cat->in_force_from(*m) : std::string();
      std::printf("%-18s %-7d %-5s %-18s %-11s %-12s %-22s %s\n", d.meta.id.c_str(), d.meta.version, d.meta.set.c_str(),
                  std::string(core::forms::status_label(d.meta.status)).c_str(),
                  from.empty() ? "altid" : core::forms::danish_date(from).c_str(), short_hash(d.meta.content_hash).c_str(),
                  (d.imported_by + " " + d.imported_at.substr(0, 10)).c_str(), d.meta.display_title().c_str());
    }
    return 0;
  }
  if (sub == "show") {
    auto ref = parse_form_ref(p[1]);
    if (!ref) {
      std::fputs("magtreg forms show: skriv skemaet som ID eller ID@VERSION, fx 2024-1@1 (USAGE)\n", stderr);
      return 2;
    }
    auto d = stored_form(*db, "forms show", *ref);
    if (!d) return 1;
    std::printf("%s version %d · %s · hash %s · importeret af %s %s\n%s\n", d->meta.id.c_str(), d->meta.version,
                std::string(core::forms::status_label(d->meta.status)).c_str(), d->meta.content_hash.c_str(),
                d->imported_by.c_str(), d->imported_at.c_str(), nlohmann::json::parse(d->body).dump(2).c_str());
    return 0;
  }
  auto from_ref = parse_form_ref(p[1]);
  auto to_ref = parse_form_ref(p[2]);
  if (!from_ref || !to_ref) {
    std::fputs("magtreg forms diff: skriv de to versioner som ID@VERSION, fx 2024-1@1 2024-1@2 (USAGE)\n", stderr);
    return 2;
  }
  auto from = stored_form(*db, "forms diff", *from_ref);
  auto to = stored_form(*db, "forms diff", *to_ref);
  if (!from || !to) return 1;
  auto cat = core::catalogue::load_catalogue(*db);
  if (!cat) return fail("forms diff", cat.error());
  const auto* a_def = cat->definition(from->meta.id, from->meta.version);
  const auto* b_def = cat->definition(to->meta.id, to->meta.version);
  if (!a_def || !b_def) return fail("forms diff", core::Error::make(core::ErrorCode::UnknownForm, "Skemaet mangler i kataloget."));
  const auto changes = core::forms::diff_definitions(*a_def, *b_def);
  std::printf("%s@%d → %s@%d: %zu ændring%s\n", from->meta.id.c_str(), from->meta.version, to->meta.id.c_str(),
              to->meta.version, changes.size(), changes.size() == 1 ? "" : "er");
  for (const auto& c : changes)
    std::printf("%s %s\n", c.kind == core::forms::DefinitionChange::Kind::Added     ? "+"
                           : c.kind == core::forms::DefinitionChange::Kind::Removed ? "-"
                                                                                    : "~",
                c.text.c_str());
  return 0;
}

int run_admin_command(std::string_view cmd, const std::vector<std::string_view>& args) {
  Args a;
  const std::string name(cmd);
  if (cmd == "seed-demo") return parse_args(args, {}, {}, a, "seed-demo") ? cmd_seed_demo(a) : 2;
  if (cmd == "user")
    return parse_args(args, {"--role", "--name", "--institution", "--municipality"}, {}, a, "user") ? cmd_user(a) : 2;
  if (cmd == "municipality")
    return parse_args(args, {"--region", "--socialtilsyn", "--report-day", "--suppression", "--years"}, {}, a,
                      "municipality")
               ? cmd_municipality(a)
               : 2;
  if (cmd == "institution")
    return parse_args(args, {"--kind", "--department", "--target", "--operator", "--municipality"}, {}, a, "institution")
               ? cmd_institution(a)
               : 2;
  if (cmd == "import") return parse_args(args, {}, {}, a, "import") ? cmd_import(a) : 2;
  if (cmd == "export") return parse_args(args, {"--out"}, {}, a, "export") ? cmd_export(a) : 2;
  if (cmd == "backup") return parse_args(args, {"--dir", "--keep"}, {}, a, "backup") ? cmd_backup(a) : 2;
  if (cmd == "restore") return parse_args(args, {}, {}, a, "restore") ? cmd_restore(a) : 2;
  if (cmd == "stats")
    return parse_args(args, {"--year", "--quarter", "--format", "--municipality", "--department", "--institution"},
                      {"--pseudonymised"}, a, "stats")
               ? cmd_stats(a)
               : 2;
  if (cmd == "audit")
    return parse_args(args, {"--citizen"}, {"--verify", "--reanchor", "--adopt-unkeyed"}, a, "audit") ? cmd_audit(a) : 2;
  if (cmd == "device") return parse_args(args, {"--municipality"}, {}, a, "device") ? cmd_device(a) : 2;
  if (cmd == "forms") return parse_args(args, {}, {}, a, "forms") ? cmd_forms(a) : 2;
  if (cmd == "retention")
    return parse_args(args, {"--municipality"}, {"--dry-run"}, a, "retention") ? cmd_retention(a) : 2;
  if (cmd == "sso") return parse_args(args, {"--role", "--institution", "--municipality"}, {}, a, "sso") ? cmd_sso(a) : 2;
  if (cmd == "insight") return parse_args(args, {"--citizen", "--out"}, {}, a, "insight") ? cmd_insight(a) : 2;
  return -1;
}

}  // namespace magtreg::sync
