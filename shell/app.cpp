// The app's frame: status bar, then the current screen; commands are applied after drawing.
#include "shell/app.hpp"

#include <imgui.h>

#include <algorithm>

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
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/util/json_text.hpp"
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

namespace {
bool same_user(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}
}  // namespace

void App::open_store(PlatformRequests& requests) {
  m_open_attempted = true;
  auto store = client::LocalStore::open(m_db_path);
  if (!store) {
    m_model.store_error = store.error().message;
    return;
  }
  m_store.emplace(std::move(store).value());
  auto records = client::ClientStore::open(m_records_path);
  if (!records) {
    m_model.store_error = records.error().message;
    return;
  }
  m_records.emplace(std::move(records).value());
  m_model.store_open = true;
  m_model.device_name = m_store->setting("device_name").value_or("");
  auto starts = m_store->increment("app_starts");
  m_model.app_starts = starts ? *starts : 0;
  // A session from before stays on the tablet but starts locked: the password unlocks it (offline too).
  m_session = m_records->session();
  if (m_session)
    if (auto u = api::session_user(m_session->user)) m_model.user = user_info_of(*u);
  requests.request_save();
}

void App::persist(PlatformRequests& requests) { m_form_save_token = requests.request_save(); }

// [SECTION] session
void App::unlocked(const client::StoredSession& s, std::string note) {
  auto user = api::session_user(s.user);
  if (!user) {
    m_model.login_busy = false;
    m_model.login_error = "Brugeroplysningerne på tabletten kan ikke læses. Log ind igen, når der er netværk.";
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

void App::unlock_offline() {
  m_model.login_busy = false;
  if (!m_session || !m_model.user || !same_user(m_model.user->username, m_login_username)) {
    m_model.login_error =
        "Serveren kan ikke nås, og denne bruger har ingen session på tabletten. Log ind, når der er netværk.";
    return;
  }
  if (!client::check_password_verifier(m_session->verifier, m_login_password)) {
    m_model.login_error = "Forkert adgangskode.";
    m_login_password.clear();
    return;
  }
  unlocked(*m_session, "Låst op uden netværk. Ændringer sendes, når der er forbindelse.");
}

void App::handle_login_answer(const HttpResponse& r) {
  m_login_request = 0;
  if (api::unreachable(r) || r.status >= 500) {
    unlock_offline();
    return;
  }
  auto answer = api::ok(r) ? api::login_answer(r) : core::Result<core::sync::LoginAnswer>(api::error_of(r, "Login").error);
  if (!answer) {
    m_model.login_busy = false;
    m_model.login_error = answer.error().message;
    m_login_password.clear();
    return;
  }
  if (m_session && m_model.user && !same_user(m_model.user->username, answer->user.user.username)) {
    m_model.login_busy = false;
    m_model.login_error = "En anden bruger har data på tabletten. Log den bruger ud først.";
    return;
  }
  client::StoredSession s;
  s.token = answer->token;
  s.user = core::sync::to_json(answer->user);
  s.verifier = client::make_password_verifier(m_login_password);
  s.logged_in_at = client::utc_now_text();
  if (auto st = m_records->save_session(s); !st) {
    m_model.login_busy = false;
    m_model.login_error = st.error().message;
    return;
  }
  unlocked(s, "");
}

void App::logout(PlatformRequests& requests) {
  if (m_session && !m_session->token.empty()) requests.http(api::logout(m_session->token));
  // The user's data goes with the file; the device settings (another file) stay.
  m_records.reset();
  requests.remove_file(m_records_path);
  requests.remove_file(m_records_path + "-journal");
  auto records = client::ClientStore::open(m_records_path);
  if (!records) {
    m_model.store_error = records.error().message;
    m_model.store_open = false;
  } else {
    m_records.emplace(std::move(records).value());
  }
  m_session.reset();
  m_sync.reset();
  m_stats.reset();
  m_model.stats = {};
  m_model.can_view_statistics = false;
  m_model.can_view_citizens = true;
  reset_clients();
  m_api = Session{};
  m_model.user.reset();
  m_model.unlocked = false;
  m_model.screen = Screen::Start;
  m_model.login_note = "Du er logget ud, og dine data er fjernet fra tabletten.";
  m_selected_citizen.clear();
  m_open_form.clear();
  m_dirty = true;
  requests.request_save();
}

// [SECTION] model
void App::refresh_form() {
  m_model.form.reset();
  m_model.findings.clear();
  if (m_open_form.empty()) return;
  auto f = m_records->form(m_open_form);
  if (!f || !*f) return;
  m_model.form = FormRow{**f, m_records->sync_info("form", m_open_form), m_records->server_findings("form", m_open_form),
                         m_records->received_at(m_open_form)};
  // The rule engine on the same facts the server uses (core/records/rule_input), judged at the time the
  // form was registered, not at the time it is opened.
  if (auto result = core::records::check_form(m_records->db(), **f, core::records::registration_time(**f)))
    m_model.findings = result->findings;
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
  if (!m_selected_citizen.empty()) {
    if (auto c = m_records->citizen(m_selected_citizen); c && *c) m_model.citizen = **c;
    if (auto fs = m_records->forms_of(m_selected_citizen); fs)
      for (auto& f : *fs) m_model.forms.push_back(FormRow{f, m_records->sync_info("form", f.id), std::nullopt});
    if (auto oc = m_records->open_cases_of(m_selected_citizen); oc) m_model.open_cases = *oc;
    if (auto b = m_records->base_course_of(m_selected_citizen); b) m_model.base_course = *b;
    if (auto ds = m_records->decisions_of(m_selected_citizen); ds) m_model.decisions = *ds;
  }
  {
    std::vector<model::FormInstance> forms;
    for (const auto& r : m_model.forms) forms.push_back(r.form);
    m_model.overview = client::citizen_overview(forms, m_model.decisions, core::time::now_local());
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
// another (Bilag 1 to its Skema 1 a/1 b, on the parent's case): placed and prefilled by
// core::client::plan_form / plan_attached_form, stored in one transaction, then opened.
void App::new_form(const std::string& citizen_id, const core::forms::FormDefinition& def,
                   const std::optional<std::string>& decision_id, const model::FormInstance* parent,
                   PlatformRequests& requests) {
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
  auto plan = parent ? client::plan_attached_form(*file, def, *parent, context)
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

void App::apply(const Command& cmd, const PlatformState& platform, PlatformRequests& requests) {
  if (const auto* save = std::get_if<SaveDeviceName>(&cmd)) {
    if (!m_store) return;
    auto st = m_store->set_setting("device_name", save->name);
    if (!st) {
      m_model.save_state = AppModel::SaveState::Failed;
      m_model.save_error = st.error().message;
      return;
    }
    m_model.device_name = save->name;
    m_model.save_state = AppModel::SaveState::Saving;
    m_pending_save = requests.request_save();
  } else if (const auto* login = std::get_if<Login>(&cmd)) {
    if (!m_records || m_model.login_busy) return;
    m_login_username = login->username;
    m_login_password = login->password;
    m_model.login_error.clear();
    m_model.login_note.clear();
    if (login->username.empty() || login->password.empty()) {
      m_model.login_error = "Skriv brugernavn og adgangskode.";
      return;
    }
    m_model.login_busy = true;
    if (platform.online == Tristate::No) {
      unlock_offline();
      return;
    }
      m_login_request = requests.http(api::login({login->username, login->password}));
  } else if (std::get_if<Logout>(&cmd)) {
    logout(requests);
  } else if (std::get_if<Lock>(&cmd)) {
    m_model.unlocked = false;
    m_model.screen = Screen::Start;
    m_model.login_note = "Appen er låst. Skriv din adgangskode for at fortsætte.";
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
    const auto* def = core::forms::Catalogue::builtin().definition(reg->form_id, reg->form_version);
    if (!def) return;
    new_form(reg->citizen_id, *def, reg->decision_id.empty() ? std::nullopt : std::optional(reg->decision_id),
             nullptr, requests);
  } else if (const auto* af = std::get_if<NewAttachedForm>(&cmd)) {
    const auto* def = core::forms::Catalogue::builtin().definition(af->form_id);
    auto parent = m_records->form(af->parent_form_id);
    if (!def || !parent || !*parent) {
      m_model.registration_error = "Skemaet, der skal tilknyttes, findes ikke på tabletten.";
      return;
    }
    new_form((*parent)->citizen_id, *def, std::nullopt, &**parent, requests);
  } else if (const auto* sf = std::get_if<SaveFormContent>(&cmd)) {
    auto f = m_records->form(sf->form_id);
    // Drafts (staff part) and Udfyldt forms (the leader part); the server checks who may edit which part.
    if (!f || !*f || (*f)->state == "laast") return;
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
    form.state = "udfyldt";
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
  for (const auto& r : platform.http_done)
    if (m_login_request && r.id == m_login_request) handle_login_answer(r);
  if (m_stats.tick(platform, requests)) m_model.stats = m_stats.data();
  if (m_records && m_model.unlocked && m_session && m_model.can_view_citizens) {
    if (m_sync.tick(platform, requests, *m_records, m_session->token)) {
      m_dirty = true;
      persist(requests);
    }
  }
  m_model.sync = m_sync.view();
  tick_workflow(platform, requests);
  if (m_dirty) refresh();
  copy_client_states();

  test_hooks::begin_frame();
  text_targets::begin_frame(platform.visible_bottom);
  test_hooks::fact("storage_ready", platform.storage_ready ? "yes" : "no");
  test_hooks::fact("unlocked", m_model.unlocked ? "yes" : "no");
  test_hooks::fact("outbox_pending", std::to_string(m_model.outbox.pending));
  test_hooks::fact("outbox_acked", std::to_string(m_model.outbox.acked));
  test_hooks::fact("outbox_rejected", std::to_string(m_model.outbox.rejected));
  test_hooks::fact("citizens", std::to_string(m_model.citizens.size()));
  test_hooks::fact("sync_running", m_model.sync.running ? "yes" : "no");
  test_hooks::fact("sync_error", m_model.sync.last_error);
  test_hooks::fact("purged_forms", std::to_string(m_model.sync.purged_forms));
  test_hooks::fact("needs_login", m_model.sync.needs_login ? "yes" : "no");
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
