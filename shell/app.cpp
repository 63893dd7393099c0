// The app's frame: status bar, then the current screen; commands are applied after drawing.
#include "shell/app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/catalogue/definition_store.hpp"
#include "core/cases/cases.hpp"
#include "core/client/password_verifier.hpp"
#include "core/forms/catalogue.hpp"
#include "core/forms/form_definition.hpp"
#include "core/forms/lifecycle.hpp"
#include "core/forms/date_text.hpp"
#include "core/access/policy.hpp"
#include "core/model/role.hpp"
#include "core/rules/check.hpp"
#include "core/rules/form_check.hpp"
#include "core/storage/transaction.hpp"
#include "core/sync/routes.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/util/json_text.hpp"
#include "core/util/utf8.hpp"
#include "core/util/uuid.hpp"
#include "core/records/rule_input.hpp"
#include "shell/api.hpp"
#include "shell/test_hooks.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {

using nlohmann::json;
namespace client = core::client;
namespace model = core::model;

std::string UserInfo::institution_name(const std::string& id) const {
  for (const auto& [i, n] : institutions)
    if (i == id) return n;
  return {};
}

UserInfo user_info_of(const core::sync::SessionUser& u) {
  UserInfo info;
  info.id = u.user.id;
  info.username = u.user.username;
  info.display_name = u.user.display_name;
  info.role = std::string(core::to_string(u.user.role));
  info.role_label = u.role_label;
  if (u.municipality) info.municipality = u.municipality->name;
  for (const auto& i : u.institutions) info.institutions.emplace_back(i.id, i.name);
  return info;
}

void App::open_store(PlatformRequests& requests) {
  m_open_attempted = true;
  auto store = client::LocalStore::open(m_db_path);
  if (!store) {
    m_model.store_error = store.error().message;
    return;
  }
  m_store.emplace(std::move(store).value());
  m_model.store_open = true;
  m_model.device_name = m_store->setting("device_name").value_or("");
  // The tablet's id, which its logins name to the server (devices known to the server, issue 16).
  if (!m_store->setting("device_id")) (void)m_store->set_setting("device_id", core::new_uuid());
  m_model.lock_after_minutes = k_default_lock_after_minutes;
  if (auto v = m_store->setting("lock_after_minutes"))
    for (int c : k_lock_after_choices)
      if (*v == std::to_string(c)) m_model.lock_after_minutes = c;
  auto starts = m_store->increment("app_starts");
  m_model.app_starts = starts ? *starts : 0;
  // A store written before encryption (one plain file): its session names the user; their next unlock
  // encrypts it.
  const std::string legacy_path = m_store_dir + "/" + k_legacy_store_file;
  if (core::storage::Database::is_plain_file(legacy_path))
    if (auto plain = client::ClientStore::open(legacy_path)) m_legacy_session = plain->session();
  refresh_tablet_users();
  // The record stores are encrypted (docs/client.md "At rest") and open when their user unlocks; the
  // unlock screen offers the one used last.
  if (!m_model.tablet_users.empty()) m_model.selected_user = m_model.tablet_users.front().username;
  requests.request_save();
}

void App::refresh_tablet_users() {
  m_model.tablet_users.clear();
  const std::string now = client::utc_now_text();
  for (const auto& o : m_store->store_owners())
    m_model.tablet_users.push_back({o.username, o.display_name, !client::offline_unlock_refusal(o, now), o.sso});
  if (m_legacy_session)
    if (auto u = api::session_user(m_legacy_session->user))
      if (!m_store->store_owner(u->user.username))
        m_model.tablet_users.push_back({u->user.username, u->user.display_name});
}

void App::persist(PlatformRequests& requests) { m_form_save_token = requests.request_save(); }

// [SECTION] session
void App::unlocked(const client::StoredSession& s, std::string note) {
  auto user = api::session_user(s.user);
  if (!user) {
    close_records();
    login_failed("Brugeroplysningerne på tabletten kan ikke læses. Log ind igen, når der er netværk.");
    return;
  }
  m_session = s;
  m_api = Session{s.token, *user};
  m_model.user = user_info_of(*user);
  m_model.unlocked = true;
  m_model.login_busy = false;
  m_model.login_error.clear();
  m_model.login_note = std::move(note);
  // Management sees figures, not citizens: it starts on the statistics.
  const auto role = core::role_from_string(m_model.user->role);
  using core::access::Action;
  using core::access::Scope;
  m_model.can_view_statistics = role && core::access::scope_of(*role, Action::ViewStatistics) != Scope::None;
  m_model.can_view_citizens = role && core::access::scope_of(*role, Action::ViewCitizen) != Scope::None;
  m_model.screen = m_model.can_view_statistics && !m_model.can_view_citizens ? Screen::Statistics : Screen::Citizens;
  m_open_work = true;
  m_login_password.clear();
  m_sync.session_renewed();
  std::vector<std::string> insts;
  for (const auto& [id, name] : m_model.user->institutions) insts.push_back(id);
  m_sync.set_visible_institutions(std::move(insts));
  // The ward's tablets (roles that register) purge what the server holds locked; the committee, the
  // administration and caseworkers read locked forms (reports, decisions), so their devices keep them.
  m_sync.set_purge(role && core::access::scope_of(*role, Action::RegisterForm) != Scope::None);
  m_dirty = true;
}

// Changes a user's entry in the owner list, keeps it, and shows the start screen what changed. Nothing
// when the user has no store on the tablet.
std::optional<client::StoreOwner> App::update_owner(const std::string& username,
                                                    const std::function<void(client::StoreOwner&)>& change,
                                                    PlatformRequests& requests) {
  auto owner = m_store->store_owner(username);
  if (!owner) return std::nullopt;
  change(*owner);
  (void)m_store->put_store_owner(*owner);
  refresh_tablet_users();
  requests.request_save();
  return owner;
}

// A complete sync under the user's session: the offline clock starts again (at most once a minute).
void App::note_server_contact(PlatformRequests& requests) {
  update_owner(m_model.selected_user, [](client::StoreOwner& o) {
    o.last_contact_at = client::utc_now_text();
    o.failed_unlocks = 0;
  }, requests);
}

// The server revoked the user's access (disabled, or the password changed): the store closes, stays on
// the tablet with whatever it holds, and opens again only after a login with the server.
void App::end_offline_unlock(const std::string& reason, PlatformRequests& requests) {
  update_owner(m_model.selected_user, [&](client::StoreOwner& o) { o.online_only = reason; }, requests);
  close_records();
  m_model.login_note.clear();
  login_failed(reason);
}

void App::login_failed(std::string message) {
  m_model.needs_old_password = false;
  m_model.sso_passcode = false;
  m_sso_answer.reset();
  m_model.login_busy = false;
  m_model.login_error = std::move(message);
  m_login_password.clear();
  m_pending_login.reset();
}

bool App::is_legacy_user(const std::string& username) const {
  if (!m_legacy_session) return false;
  auto u = api::session_user(m_legacy_session->user);
  return u && client::same_username(u->user.username, username) && !m_store->store_owner(username);
}

void App::unlock_offline(PlatformRequests& requests) {
  const bool legacy = is_legacy_user(m_login_username);
  const auto owner = m_store->store_owner(m_login_username);
  if (!legacy && !owner) {
    login_failed("Serveren kan ikke nås, og denne bruger har ingen data på tabletten. Log ind, når der er netværk.");
    return;
  }
  // Too many wrong passwords, too long without the server, or the server said so (issue #29, finding 6).
  if (owner)
    if (auto refused = client::offline_unlock_refusal(*owner, client::utc_now_text())) {
      login_failed(*refused);
      return;
    }
  // A store from before encryption has no key yet: its old verifier decides before one is made.
  if (legacy && !client::check_password_verifier(m_legacy_session->verifier, m_login_password)) {
    login_failed("Forkert adgangskode.");
    return;
  }
  request_store_key(requests, std::nullopt);
}

void App::handle_login_answer(const HttpResponse& r, PlatformRequests& requests) {
  m_login_request = 0;
  if (api::unreachable(r) || r.status >= 500) {
    unlock_offline(requests);
    return;
  }
  auto answer = api::ok(r) ? api::login_answer(r) : core::Result<core::sync::LoginAnswer>(api::error_of(r, "Login").error);
  if (!answer) {
    login_failed(answer.error().message);
    return;
  }
  m_login_username = answer->user.user.username;  // as the server spells it
  request_store_key(requests, std::move(answer).value());
}

// [SECTION] single sign-on (docs/operations.md): the server offers it; the browser goes to the
// municipality's login and comes back with a one-time code, traded here for the session; a passcode set
// at the first login on this tablet then opens the user's store, also offline.
void App::handle_sso(const PlatformState& platform, PlatformRequests& requests) {
  if (!m_store) return;
  if (!m_sso_checked && !m_model.unlocked && platform.online == Tristate::Yes && m_sso_check == 0) {
    m_sso_checked = true;
    m_sso_check = requests.http(api::sso_status());
  }
  if (m_sso_return_done || platform.sso_return.empty()) return;
  m_sso_return_done = true;
  const std::string& back = platform.sso_return;
  // Whoever comes back from the municipality's login, the screen is about them, not the tablet's last user.
  m_model.login_note.clear();
  m_model.selected_user.clear();
  if (back.rfind("sso=", 0) == 0) {
    m_model.login_error.clear();
    m_model.login_busy = true;
    m_sso_request = requests.http(
        api::sso_session({back.substr(4), m_store->setting("device_id").value_or(""), m_model.device_name}));
    return;
  }
  const std::string code = back.rfind("sso_error=", 0) == 0 ? back.substr(10) : std::string();
  m_model.login_error =
      code == "SSO_ROLE_UNKNOWN"
          ? "Du er logget ind hos kommunen, men din bruger har ingen rolle i Magtreg. Bed administratoren om at give "
            "dig adgang."
      : code == "UNAUTHENTICATED" ? "Din bruger er spærret i Magtreg. Kontakt administratoren."
                                  : "Login hos kommunen kunne ikke gennemføres. Prøv igen.";
}

void App::handle_sso_answer(const HttpResponse& r) {
  m_sso_request = 0;
  m_model.login_busy = false;
  if (api::unreachable(r)) {
    login_failed("Serveren kan ikke nås. Log ind igen, når der er netværk.");
    return;
  }
  auto answer = api::ok(r) ? api::login_answer(r) : core::Result<core::sync::LoginAnswer>(api::error_of(r, "Login").error);
  if (!answer) {
    login_failed(answer.error().code == core::ErrorCode::SsoFailed
                     ? "Login hos kommunen er udløbet eller allerede brugt. Log ind igen."
                     : answer.error().message);
    return;
  }
  m_login_username = answer->user.user.username;
  m_model.sso_display_name = answer->user.user.display_name;
  m_model.sso_new_passcode = !m_store->store_owner(m_login_username);
  m_model.sso_passcode = true;
  m_sso_answer = std::move(answer).value();
}

// The store's data key: unwrapped from its envelope with the password, or made new with its envelope
// for a user without a store on this tablet. The platform answers in PlatformState::keys_done.
void App::request_store_key(PlatformRequests& requests, std::optional<core::sync::LoginAnswer> answer) {
  auto owner = m_store->store_owner(m_login_username);
  m_pending_login = std::move(answer);
  m_key_request = requests.store_key(m_login_password, owner ? owner->envelope : std::string());
  if (m_key_request == 0) login_failed("Tabletten kan ikke låse sine data op i denne browser.");
}

void App::handle_store_key(const StoreKeyResult& r, PlatformRequests& requests) {
  using Outcome = StoreKeyResult::Outcome;
  m_key_request = 0;
  m_model.unlock_millis = r.millis;
  if (r.outcome == Outcome::WrongPassword) {
    if (m_pending_login && m_sso_answer) {
      // After a single sign-on the passcode opens the store; a wrong one is simply typed again.
      m_pending_login.reset();
      m_login_password.clear();
      m_model.login_busy = false;
      m_model.login_error = "Forkert kode til tabletten. Prøv igen.";
      return;
    }
    if (m_pending_login) {
      // Online, the server took the password but the store's envelope does not open with it: the
      // password was changed since the store was made. The previous one opens it once, and the key is
      // wrapped anew under the new one (docs/client.md "At rest").
      m_model.login_busy = false;
      m_model.login_error = m_model.needs_old_password
                                ? "Det er ikke den tidligere adgangskode. Prøv igen."
                                : "Din adgangskode er ændret, siden dine data blev gemt på tabletten. Skriv den "
                                  "tidligere adgangskode én gang; derefter åbner den nye dem.";
      m_model.needs_old_password = true;
      return;
    }
    // Offline, each wrong password counts; at the limit only a login with the server opens the store.
    if (auto owner = update_owner(m_login_username, [](client::StoreOwner& o) { ++o.failed_unlocks; }, requests)) {
      const int left = client::k_max_offline_unlock_failures - owner->failed_unlocks;
      if (left <= 0)
        login_failed(*client::offline_unlock_refusal(*owner, client::utc_now_text()));
      else
        login_failed("Forkert adgangskode. " + std::to_string(left) +
                     " forsøg mere, før tabletten kræver forbindelse til serveren.");
      return;
    }
    login_failed("Forkert adgangskode.");
    return;
  }
  if (r.outcome == Outcome::Unavailable) {
    login_failed("Tabletten kan ikke kryptere sine data i denne browser. Åbn Magtreg via https.");
    return;
  }
  auto owner = m_store->store_owner(m_login_username);
  if (!owner) {
    // A new store: its envelope is kept before the store is written, so no store is ever without its
    // key. A leftover encrypted file without an envelope can be read by nobody: it goes.
    owner = client::StoreOwner{};
    owner->username = m_login_username;
    owner->file = is_legacy_user(m_login_username) ? k_legacy_store_file : client::store_file_for(m_login_username);
    if (!core::storage::Database::is_plain_file(m_store_dir + "/" + owner->file)) remove_store_file(owner->file, requests);
  }
  owner->failed_unlocks = 0;
  if (m_pending_login) {
    // A login with the server: the offline clock starts again, under the server's current policy.
    owner->display_name = m_pending_login->user.user.display_name;
    owner->last_contact_at = client::utc_now_text();
    owner->offline_hours = m_pending_login->offline_unlock_hours;
    owner->online_only.clear();
    owner->sso = m_sso_answer.has_value();
  }
  else if (is_legacy_user(m_login_username))
    if (auto u = api::session_user(m_legacy_session->user)) owner->display_name = u->user.display_name;
  owner->envelope = r.envelope;
  // First in the list: the unlock screen offers the user who used the tablet last.
  if (auto st = m_store->put_store_owner(*owner); !st) {
    login_failed(st.error().message);
    return;
  }
  m_records_path = m_store_dir + "/" + owner->file;
  auto records = open_records(r.key);
  if (!records) {
    login_failed(records.error().message);
    return;
  }
  m_records.emplace(std::move(records).value());
  // The form catalogue this store holds (the server's, from the last sync; the embedded versions added):
  // what the tablet offers and shows, also offline (issue 17).
  if (auto cat = core::catalogue::install_stored_catalogue(m_records->db(), client::utc_now_text()); !cat)
    std::fprintf(stderr, "magtreg: the stored form catalogue cannot be used: %s\n", cat.error().message.c_str());
  if (owner->file == k_legacy_store_file) m_legacy_session.reset();  // encrypted now, with its envelope
  refresh_tablet_users();
  m_model.selected_user = owner->username;
  std::string note;
  client::StoredSession s;
  if (m_pending_login) {
    s.token = m_pending_login->token;
    s.user = core::sync::to_json(m_pending_login->user);
    s.logged_in_at = client::utc_now_text();
    if (auto st = m_records->save_session(s); !st) {
      close_records();
      login_failed(st.error().message);
      return;
    }
  } else if (auto stored = m_records->session()) {
    s = *stored;
    note = "Låst op uden netværk. Ændringer sendes, når der er forbindelse.";
  } else {
    close_records();
    login_failed("Der er ingen session på tabletten. Log ind, når der er netværk.");
    return;
  }
  m_pending_login.reset();
  m_sso_answer.reset();
  m_model.sso_passcode = false;
  m_model.needs_old_password = false;
  unlocked(s, std::move(note));
  requests.request_save();
}

core::Result<client::ClientStore> App::open_records(const std::string& key) {
  if (core::storage::Database::is_plain_file(m_records_path)) {
    // Written before encryption: encrypted in place now, with everything it holds (unsynced work too).
    auto plain = client::ClientStore::open(m_records_path);
    if (!plain) return plain.error();
    if (auto st = plain->db().encrypt(key); !st) return st.error();
    return plain;
  }
  auto records = client::ClientStore::open(m_records_path, key);
  if (!records && (records.error().code == core::ErrorCode::StoreKeyWrong ||
                   records.error().code == core::ErrorCode::StoreDamaged))
    // The key came out of its authenticated envelope, so it is the right one: the file was changed.
    return core::Error::make(core::ErrorCode::StoreDamaged,
                             "Tablettens data er ændret eller beskadiget og kan ikke åbnes. Kontakt en administrator; "
                             "filen er ikke slettet.");
  return records;
}

// Locking and logging out close the store: its key and everything read from it leave memory.
void App::close_records() {
  m_noted_contact.clear();
  m_records.reset();
  m_records_path.clear();
  m_model.user.reset();
  m_session.reset();
  m_api = Session{};
  m_sync.reset();
  m_stats.reset();
  reset_clients();
  m_model.unlocked = false;
  m_model.stats = {};
  m_model.citizens.clear();
  m_model.citizen.reset();
  m_model.forms.clear();
  m_model.open_cases.clear();
  m_model.base_course.reset();
  m_model.decisions.clear();
  m_model.overview = {};
  m_model.form.reset();
  m_model.findings.clear();
  m_model.recent_outbox.clear();
  m_model.conflicts.clear();
  m_model.outbox = {};
  m_model.unsynced_records = 0;
  m_selected_citizen.clear();
  m_open_form.clear();
  m_dirty = true;
}

void App::logout(const PlatformState& platform, PlatformRequests& requests) {
  if (m_session && !m_session->token.empty()) requests.http(api::logout(m_session->token));
  const std::string username = m_model.user ? m_model.user->username : std::string();
  const auto counts = m_records->outbox_counts();
  const int unsynced = counts.pending + counts.rejected;
  if (unsynced > 0) {
    // Nothing unsent is lost (issue 16): the store stays, encrypted, without the ended session's token;
    // the user's next login opens it and sends what waits. Another user's login does not need it gone.
    save_now(platform, requests);
    if (m_session) {
      client::StoredSession ended = *m_session;
      ended.token.clear();
      (void)m_records->save_session(ended);
    }
    close_records();
    m_model.selected_user.clear();
    m_model.screen = Screen::Start;
    m_model.login_note = "Du er logget ud. " + std::to_string(unsynced) +
                         (unsynced == 1 ? " ændring er ikke sendt; den ligger" : " ændringer er ikke sendt; de ligger") +
                         " krypteret på tabletten og sendes, når du logger ind igen.";
    requests.request_save();
    return;
  }
  // All is sent: the user's data goes with their store and its envelope; other users' stores and the
  // device settings stay.
  auto owner = m_store->store_owner(username);
  close_records();
  if (owner) {
    remove_store_file(owner->file, requests);
    (void)m_store->remove_store_owner(username);
  }
  refresh_tablet_users();
  m_model.selected_user.clear();
  m_model.can_view_statistics = false;
  m_model.can_view_citizens = true;
  m_model.screen = Screen::Start;
  m_model.login_note = "Du er logget ud, og dine data er fjernet fra tabletten.";
  requests.request_save();
}

// A store file of the local folder and its rollback journal.
void App::remove_store_file(const std::string& file, PlatformRequests& requests) {
  const std::string path = m_store_dir + "/" + file;
  requests.remove_file(path);
  requests.remove_file(path + "-journal");
}

// An administrator revoked this tablet: the server has what the user's store held (the sync loop uploads
// before it downloads), and every store on the tablet goes with its envelope. Other users' unsent work
// goes too: the device is no longer trusted (docs/client.md "At rest").
void App::erase_device(PlatformRequests& requests) {
  close_records();
  for (const auto& o : m_store->store_owners()) {
    remove_store_file(o.file, requests);
    (void)m_store->remove_store_owner(o.username);
  }
  remove_store_file(k_legacy_store_file, requests);
  m_legacy_session.reset();
  refresh_tablet_users();
  m_model.selected_user.clear();
  m_model.screen = Screen::Start;
  m_model.login_note.clear();
  m_model.login_error = "Denne tablet er spærret af en administrator, og alle data er slettet fra den.";
  requests.request_save();
}

// [SECTION] model
void App::refresh_form() {
  m_model.form.reset();
  m_model.findings.clear();
  m_model.annex.reset();
  if (m_open_form.empty()) return;
  auto f = m_records->form(m_open_form);
  if (!f || !*f) return;
  m_model.form = FormRow{**f, m_records->sync_info("form", m_open_form), m_records->server_findings("form", m_open_form),
                         m_records->received_at(m_open_form)};
  // The rule engine on the same facts the server uses (core/records/rule_input), judged at the time the
  // form was registered, not at the time it is opened.
  if (auto result = core::records::check_form(m_records->db(), **f, core::records::registration_time(**f))) {
    m_model.findings = result->findings;
  }
  if (auto ds = m_records->decisions_of((*f)->citizen_id))
    m_model.form->registration_due = core::rules::registration_due(**f, *ds, core::forms::Catalogue::current());
  if (auto siblings = m_records->forms_of((*f)->citizen_id))
    if (auto annex = client::annex_of(**f, *siblings)) {
      AppModel::AnnexOffer offer{annex->annex->id, annex->annex->short_title, {}, {}};
      if (annex->existing) offer.existing_id = annex->existing->id, offer.existing_state = annex->existing->state;
      m_model.annex = std::move(offer);
    }
}

void App::refresh() {
  m_dirty = false;
  if (!m_records) return;
  std::vector<std::string> insts;
  if (m_model.user)
    for (const auto& [id, name] : m_model.user->institutions) insts.push_back(id);
  auto cs = m_records->citizens(insts);
  m_model.citizens = cs ? *cs : std::vector<model::Citizen>{};
  m_model.citizen.reset();
  m_model.forms.clear();
  m_model.open_cases.clear();
  m_model.base_course.reset();
  m_model.decisions.clear();
  m_model.recommendations.clear();
  if (!m_selected_citizen.empty()) {
    if (auto c = m_records->citizen(m_selected_citizen); c && *c) m_model.citizen = **c;
    if (auto fs = m_records->forms_of(m_selected_citizen); fs)
      for (auto& f : *fs) m_model.forms.push_back(FormRow{f, m_records->sync_info("form", f.id), std::nullopt});
    if (auto oc = m_records->open_cases_of(m_selected_citizen); oc) m_model.open_cases = *oc;
    if (auto b = m_records->base_course_of(m_selected_citizen); b) m_model.base_course = *b;
    if (auto ds = m_records->decisions_of(m_selected_citizen); ds) m_model.decisions = *ds;
    for (auto& row : m_model.forms)
      row.registration_due = core::rules::registration_due(row.form, m_model.decisions, core::forms::Catalogue::current());
    if (auto rs = m_records->recommendations_of(m_selected_citizen); rs) m_model.recommendations = *rs;
  }
  {
    std::vector<model::FormInstance> forms;
    for (const auto& r : m_model.forms) forms.push_back(r.form);
    m_model.overview = m_model.citizen ? client::citizen_overview(forms, m_model.decisions, *m_model.citizen,
                                                                  core::time::now_local())
                                       : client::CitizenOverview{};
  }
  refresh_form();
  m_model.outbox = m_records->outbox_counts();
  m_model.recent_outbox = m_records->recent_outbox(100);
  m_model.conflicts = m_records->conflicts();
  m_model.unsynced_records = m_model.outbox.pending + m_model.outbox.rejected;
  if (m_model.unlocked && m_session && m_frame_platform && m_frame_requests) {
    // The feature clients follow what they saved and reload what the tablet's records changed.
    ClientContext ctx{*m_frame_platform, *m_frame_requests, *m_records, m_api};
    m_report.refresh_local(ctx);
    m_decision.refresh_local(ctx);
    m_complaint.refresh_local(ctx);
    m_recommendation.refresh_local(ctx);
    m_follow_up.refresh_local(ctx);
  }
}

// [SECTION] saving forms
void App::save_form(model::FormInstance form, PlatformRequests& requests) {
  form.updated_at = client::utc_now_text();
  auto saved = m_records->save(std::move(form), m_api.writer());
  if (!saved.accepted()) {
    m_model.form_save = AppModel::FormSave::Failed;
    m_model.form_error = saved.status.error().message;
    for (const auto& i : saved.issues) m_model.form_error += "\n• " + i.message;
    return;
  }
  m_model.form_save = AppModel::FormSave::Saving;
  persist(requests);
  m_sync.local_change();
  m_dirty = true;
}

// A registration (on a new single case, or on the case of the decision it is under) or a form attached to
// another (Bilag 1 to its Skema 1 a/1 b, the Bilag til § 136 c to its Skema 1, on the parent's case): placed and prefilled by
// core::client::plan_form / plan_attached_form, stored in one transaction, then opened.
void App::new_form(const std::string& citizen_id, const core::forms::FormDefinition& def,
                   const std::optional<std::string>& decision_id, const model::FormInstance* parent,
                   PlatformRequests& requests, const std::string& day) {
  m_model.registration_error.clear();
  if (!m_model.unlocked || !m_model.user) return;
  auto file = m_records->citizen_file(citizen_id);
  if (!file) {
    m_model.registration_error = file.error().message;
    return;
  }
  client::NewFormContext context;
  context.form_id = core::new_uuid();
  context.new_case = {core::new_uuid(), client::utc_now_text()};
  context.created_by = m_model.user->id;
  context.offer_name = m_model.user->institution_name(file->citizen.institution_id);
  context.author_name = m_model.user->display_name;
  context.intervention_day = day;
  std::vector<model::FormInstance> siblings;
  if (parent) {
    auto forms = m_records->forms_of(citizen_id);
    if (!forms) {
      m_model.registration_error = forms.error().message;
      return;
    }
    siblings = std::move(*forms);
  }
  auto plan = parent ? client::plan_attached_form(*file, def, *parent, context, siblings)
                     : client::plan_form(*file, def, decision_id, context);
  if (!plan) {
    m_model.registration_error = plan.error().message;
    return;
  }
  auto saved = m_records->save_new_form(*plan, m_api.writer());
  if (!saved.accepted()) {
    m_model.registration_error = "Skemaet kunne ikke gemmes på tabletten: " + saved.status.error().message;
    return;
  }
  open_new_form(saved.record.id, requests);
}

// A new form was committed locally: persist it, let the sync loop send it, and open it.
void App::open_new_form(const std::string& form_id, PlatformRequests& requests) {
  persist(requests);
  m_sync.local_change();
  m_open_form = form_id;
  m_model.screen = Screen::Form;
  m_model.form_save = AppModel::FormSave::Saving;
  m_model.form_error.clear();
  m_dirty = true;
}

void App::save_now(const PlatformState& platform, PlatformRequests& requests) {
  if (!m_model.unlocked || !m_records || m_model.screen != Screen::Form) return;
  std::vector<Command> out;
  m_form_view.save_now(out);
  for (const auto& c : out) apply(c, platform, requests);
}

// A device setting from the start screen, written and persisted; the start screen shows the outcome.
bool App::save_device_setting(std::string_view key, const std::string& value, PlatformRequests& requests) {
  if (!m_store) return false;
  if (auto st = m_store->set_setting(key, value); !st) {
    m_model.save_state = AppModel::SaveState::Failed;
    m_model.save_error = st.error().message;
    return false;
  }
  m_model.save_state = AppModel::SaveState::Saving;
  m_pending_save = requests.request_save();
  return true;
}

void App::apply(const Command& cmd, const PlatformState& platform, PlatformRequests& requests) {
  if (const auto* save = std::get_if<SaveDeviceName>(&cmd)) {
    if (save_device_setting("device_name", save->name, requests)) m_model.device_name = save->name;
  } else if (const auto* lock_after = std::get_if<SaveLockAfter>(&cmd)) {
    if (std::find(std::begin(k_lock_after_choices), std::end(k_lock_after_choices), lock_after->minutes) ==
        std::end(k_lock_after_choices))
      return;
    if (save_device_setting("lock_after_minutes", std::to_string(lock_after->minutes), requests))
      m_model.lock_after_minutes = lock_after->minutes;
  } else if (const auto* login = std::get_if<Login>(&cmd)) {
    if (!m_store || m_model.login_busy || m_model.unlocked) return;
    m_login_username = login->username;
    m_login_password = login->password;
    m_model.login_error.clear();
    m_model.login_note.clear();
    if (login->username.empty() || login->password.empty()) {
      m_model.login_error = "Skriv brugernavn og adgangskode.";
      return;
    }
    m_model.login_busy = true;
    // A user of the municipality's login has no Magtreg password: their passcode opens the store on the
    // tablet, online or not, and the session inside it goes on (a new one comes from "Log ind med
    // kommunens login").
    const auto owner = m_store->store_owner(login->username);
    if (platform.online == Tristate::No || (owner && owner->sso)) {
      unlock_offline(requests);
      return;
    }
    m_login_request = requests.http(
        api::login({login->username, login->password, m_store->setting("device_id").value_or(""), m_model.device_name}));
  } else if (std::get_if<SsoLogin>(&cmd)) {
    if (!m_model.sso_enabled || m_model.login_busy || m_model.unlocked) return;
    requests.navigate(std::string(core::sync::routes::sso_start.name));
  } else if (const auto* pc = std::get_if<SsoPasscode>(&cmd)) {
    if (!m_store || m_model.unlocked || m_model.login_busy || !m_model.sso_passcode || !m_sso_answer) return;
    m_model.login_error.clear();
    if (core::code_points(pc->code) < static_cast<std::size_t>(client::k_min_passcode_chars)) {
      m_model.login_error = "Koden skal have mindst " + std::to_string(client::k_min_passcode_chars) + " tegn.";
      return;
    }
    if (m_model.sso_new_passcode && pc->code != pc->repeat) {
      m_model.login_error = "De to koder er ikke ens. Skriv den samme kode to gange.";
      return;
    }
    m_model.login_busy = true;
    m_login_password = pc->code;
    request_store_key(requests, *m_sso_answer);
  } else if (const auto* old = std::get_if<OldPassword>(&cmd)) {
    // The store's envelope opened with the previous password and wrapped anew under the new one.
    if (!m_store || m_model.unlocked || m_model.login_busy || !m_model.needs_old_password || !m_pending_login) return;
    auto owner = m_store->store_owner(m_login_username);
    if (!owner || old->password.empty()) return;
    m_model.login_busy = true;
    m_key_request = requests.store_key(old->password, owner->envelope, m_login_password);
  } else if (const auto* sel = std::get_if<SelectUser>(&cmd)) {
    if (m_model.unlocked || m_model.login_busy) return;
    m_model.needs_old_password = false;
    m_pending_login.reset();
    m_sso_answer.reset();
    m_model.sso_passcode = false;
    m_login_password.clear();
    m_model.selected_user = sel->username;
    m_model.login_error.clear();
    m_model.login_note.clear();
  } else if (!m_records || !m_model.unlocked) {
    return;  // everything below works on the unlocked store
  } else if (std::get_if<Logout>(&cmd)) {
    logout(platform, requests);
  } else if (const auto* lock = std::get_if<Lock>(&cmd)) {
    save_now(platform, requests);
    // "Lås" offers the same user again; "Skift bruger" lets another one in (their own store).
    m_model.selected_user = lock->switch_user ? std::string() : m_model.user->username;
    close_records();
    m_model.screen = Screen::Start;
    m_model.login_note = lock->switch_user ? "Dine data er låst på tabletten og venter på dig. Næste bruger kan logge ind."
                         : lock->idle ? "Appen blev låst efter " + std::to_string(m_model.lock_after_minutes) +
                                            (m_model.lock_after_minutes == 1 ? " minut" : " minutter") +
                                            " uden brug. Skriv din adgangskode for at fortsætte."
                                      : "Appen er låst. Skriv din adgangskode for at fortsætte.";
  } else if (const auto* nav = std::get_if<Navigate>(&cmd)) {
    if (!m_model.unlocked) return;
    m_model.screen = nav->screen;
    if (nav->screen == Screen::Citizen) m_selected_citizen = nav->id;
    if (nav->screen == Screen::Form) {
      m_open_form = nav->id;
      // Opened from "Opgaver" too: the form's citizen becomes the selected one (the back button names them).
      if (auto f = m_records->form(nav->id); f && *f) m_selected_citizen = (*f)->citizen_id;
      m_model.form_save = AppModel::FormSave::Idle;
      m_model.form_error.clear();
    }
    m_dirty = true;
  } else if (const auto* reg = std::get_if<NewRegistration>(&cmd)) {
    const auto* def = core::forms::Catalogue::current().definition(reg->form_id, reg->form_version);
    if (!def) return;
    new_form(reg->citizen_id, *def, reg->decision_id.empty() ? std::nullopt : std::optional(reg->decision_id),
             nullptr, requests, reg->day);
  } else if (const auto* af = std::get_if<NewAttachedForm>(&cmd)) {
    const auto* def = core::forms::Catalogue::current().definition(af->form_id);
    auto parent = m_records->form(af->parent_form_id);
    if (!def || !parent || !*parent) {
      m_model.registration_error = "Skemaet, der skal tilknyttes, findes ikke på tabletten.";
      return;
    }
    new_form((*parent)->citizen_id, *def, std::nullopt, &**parent, requests);
  } else if (const auto* sf = std::get_if<SaveFormContent>(&cmd)) {
    auto f = m_records->form(sf->form_id);
    // Drafts (staff part) and Udfyldt forms (the leader part); the server checks who may edit which part.
    if (!f || !*f || (*f)->state == core::model::FormState::Locked) return;
    model::FormInstance form = **f;
    form.content = sf->content;
    save_form(std::move(form), requests);
  } else if (const auto* mf = std::get_if<MarkFilled>(&cmd)) {
    auto f = m_records->form(mf->form_id);
    if (!f || !*f || !m_model.user) return;
    // Core's checks (the server's): the staff part valid and no error finding, or nothing is saved and
    // the form stays a draft with what is missing shown.
    model::FormInstance form = **f;
    form.content = mf->content;
    form = core::forms::transitioned(std::move(form), core::model::FormState::Filled, m_model.user->id,
                                     core::client::utc_now_text());
    m_model.form_error.clear();
    save_form(std::move(form), requests);
    if (m_model.form_save == AppModel::FormSave::Failed) m_model.form_save = AppModel::FormSave::Idle;
  } else if (std::get_if<SyncNow>(&cmd)) {
    m_sync.request_now();
  } else if (const auto* wc = std::get_if<WorkflowCommand>(&cmd)) {
    apply_workflow(*wc, platform, requests);
  } else if (const auto* dc = std::get_if<DismissConflict>(&cmd)) {
    (void)m_records->dismiss_conflict(dc->kind, dc->id);
    persist(requests);
    m_dirty = true;
  } else if (const auto* ls = std::get_if<LoadStatistics>(&cmd)) {
    if (m_session && m_model.can_view_statistics) m_stats.load(ls->filter, requests, m_session->token);
    m_model.stats = m_stats.data();
  } else if (const auto* rep = std::get_if<OpenStatisticsReport>(&cmd)) {
    if (m_session && m_model.can_view_statistics) m_stats.open_report(rep->filter, rep->csv, requests, m_session->token);
    m_model.stats = m_stats.data();
  } else if (const auto* sc = std::get_if<SaveStatisticsCommentary>(&cmd)) {
    if (m_session && m_model.can_view_statistics)
      m_stats.save_commentary(sc->year, sc->department, sc->commentary, sc->positive_examples, requests,
                              m_session->token);
    m_model.stats = m_stats.data();
  }
}

void App::frame(const PlatformState& platform, PlatformRequests& requests) {
  m_frame_platform = &platform;
  m_frame_requests = &requests;
  if (platform.storage_ready && !m_open_attempted) open_store(requests);
  // "Gemt" only once the IndexedDB write has completed.
  if (m_model.save_state == AppModel::SaveState::Saving && platform.saved_token >= m_pending_save) {
    m_model.save_state = platform.save_failed ? AppModel::SaveState::Failed : AppModel::SaveState::Saved;
    if (platform.save_failed) m_model.save_error = "IndexedDB-skrivning fejlede";
  }
  if (m_model.form_save == AppModel::FormSave::Saving && platform.saved_token >= m_form_save_token) {
    m_model.form_save = platform.save_failed ? AppModel::FormSave::Failed : AppModel::FormSave::Saved;
    if (platform.save_failed) m_model.form_error = "Kladden kunne ikke skrives til enhedens lager (IndexedDB).";
  }
  for (const auto& r : platform.http_done) {
    if (m_login_request && r.id == m_login_request) handle_login_answer(r, requests);
    if (m_sso_request && r.id == m_sso_request) handle_sso_answer(r);
    if (m_sso_check && r.id == m_sso_check) {
      m_sso_check = 0;
      auto status = api::sso_status_answer(r);
      m_model.sso_enabled = api::ok(r) && status && status->enabled;
      if (api::unreachable(r)) m_sso_checked = false;  // asked again when the server answers
    }
  }
  handle_sso(platform, requests);
  for (const auto& k : platform.keys_done)
    if (m_key_request && k.id == m_key_request) handle_store_key(k, requests);
  if (m_stats.tick(platform, requests)) m_model.stats = m_stats.data();
  if (m_records && m_model.unlocked && m_session && m_model.can_view_citizens) {
    if (m_sync.tick(platform, requests, *m_records, m_session->token)) {
      m_dirty = true;
      persist(requests);
    }
  }
  m_model.sync = m_sync.view();
  if (m_model.sync.device_revoked) erase_device(requests);
  if (!m_model.sync.access_revoked.empty()) {
    end_offline_unlock(m_model.sync.access_revoked, requests);
  } else if (m_model.unlocked && !m_model.sync.last_success.empty() && m_model.sync.last_success != m_noted_contact) {
    m_noted_contact = m_model.sync.last_success;
    note_server_contact(requests);
  }
  // The idle lock: a tablet left on the ward closes its user's store (issue 16).
  if (m_model.unlocked && platform.last_input_seconds > 0 &&
      platform.time_seconds - platform.last_input_seconds > m_model.lock_after_minutes * 60.0)
    apply(Lock{false, true}, platform, requests);
  tick_workflow(platform, requests);
  if (m_dirty) refresh();
  copy_client_states();

  test_hooks::begin_frame();
  text_targets::begin_frame(platform.visible_bottom);
  MAGTREG_HOOK_FACT("storage_ready", platform.storage_ready ? "yes" : "no");
  MAGTREG_HOOK_FACT("unlocked", m_model.unlocked ? "yes" : "no");
  if (m_model.unlock_millis > 0) MAGTREG_HOOK_FACT("unlock_ms", std::to_string(static_cast<int>(m_model.unlock_millis)));
  MAGTREG_HOOK_FACT("outbox_pending", std::to_string(m_model.outbox.pending));
  MAGTREG_HOOK_FACT("outbox_acked", std::to_string(m_model.outbox.acked));
  MAGTREG_HOOK_FACT("outbox_rejected", std::to_string(m_model.outbox.rejected));
  MAGTREG_HOOK_FACT("citizens", std::to_string(m_model.citizens.size()));
  MAGTREG_HOOK_FACT("sync_running", m_model.sync.running ? "yes" : "no");
  MAGTREG_HOOK_FACT("catalogue_versions", std::to_string(core::forms::Catalogue::current().forms().size()));
  MAGTREG_HOOK_FACT("sync_error", m_model.sync.last_error);
  MAGTREG_HOOK_FACT("purged_forms", std::to_string(m_model.sync.purged_forms));
  MAGTREG_HOOK_FACT("needs_login", m_model.sync.needs_login ? "yes" : "no");
  float top = m_status_bar.draw(platform, m_model, m_commands);
  if (!m_model.unlocked || !platform.storage_ready) {
    m_home.draw(top, platform, m_model, m_commands);
  } else {
    switch (m_model.screen) {
      case Screen::Start:
      case Screen::Citizens: m_citizen_list.draw(top, platform, m_model, m_commands); break;
      case Screen::Citizen: m_citizen_view.draw(top, platform, m_model, m_commands); break;
      case Screen::Form: m_form_view.draw(top, platform, m_model, m_commands); break;
      case Screen::Outbox: m_outbox_view.draw(top, platform, m_model, m_commands); break;
      case Screen::Statistics: m_statistics_view.draw(top, platform, m_model, m_commands); break;
      default: m_workflow_screens.draw(m_model.screen, top, platform, m_model, m_commands); break;
    }
  }
  text_targets::end_frame();
  test_hooks::end_frame();

  for (const auto& c : m_commands) apply(c, platform, requests);
  m_commands.clear();
}

}  // namespace magtreg::shell
