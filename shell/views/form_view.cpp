// The form screen.
#include "shell/views/form_view.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/client/new_form.hpp"
#include "core/client/overview.hpp"
#include "core/forms/catalogue.hpp"
#include "core/forms/date_text.hpp"
#include "core/forms/form_definition.hpp"
#include "core/forms/lifecycle.hpp"
#include "core/records/rule_input.hpp"
#include "core/model/role.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/util/json_read.hpp"
#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/views/workflow_common.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_red(0.75f, 0.08f, 0.08f, 1.0f);
const ImVec4 k_orange(0.70f, 0.40f, 0.00f, 1.0f);
const ImVec4 k_green(0.10f, 0.50f, 0.20f, 1.0f);
const ImVec4 k_muted(0.35f, 0.35f, 0.38f, 1.0f);
constexpr double k_idle_save = 0.3, k_max_unsaved = 0.8;  // seconds: saved within a second of a change

// The tablet's findings by weight: errors, and the rest (warnings and actions).
struct FindingCounts {
  int errors = 0, warnings = 0;
};
FindingCounts count_findings(const std::vector<core::rules::Finding>& findings) {
  FindingCounts n;
  for (const auto& f : findings) (f.severity() == core::rules::Severity::Error ? n.errors : n.warnings) += 1;
  return n;
}
}  // namespace

std::optional<core::time::Deadline> registration_deadline(const FormRow& row) {
  if (!row.registration_due) return std::nullopt;
  return core::time::evaluate_deadline(*row.registration_due, core::time::now_local());
}

std::string sync_label(const core::client::RecordSyncInfo& info) {
  using core::client::SyncStatus;
  switch (info.status) {
    case SyncStatus::LocalOnly: return "Kun på tabletten";
    case SyncStatus::Pending: return "Venter på at blive sendt";
    case SyncStatus::Sent: return "Sendt til serveren";
    case SyncStatus::Rejected: return "Afvist af serveren: " + info.message;
    case SyncStatus::FromServer: return "Hentet fra serveren";
  }
  return {};
}

const FormView::Validated& FormView::validated(const core::forms::FormDefinition& def) {
  if (m_validated && m_validated->def == &def && m_validated->content == m_content) return *m_validated;
  const nlohmann::json shown = core::forms::strip_hidden(def, m_content);
  m_validated = Validated{&def, m_content, core::forms::validate(def, shown, core::forms::Scope::Staff),
                          core::forms::validate(def, shown, core::forms::Scope::All)};
  return *m_validated;
}

void FormView::flush(std::vector<Command>& out) {
  if (!m_unsaved || m_hold_incomplete) return;
  out.push_back(SaveFormContent{m_loaded_id, m_content});
  m_unsaved = false;
}

void FormView::missing_line(const std::vector<core::forms::Issue>& issues, const char* where, const char* done) {
  if (issues.empty()) {
    if (done == nullptr) return;
    same_line_if_fits(ImGui::CalcTextSize(done).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(k_green, "%s", done);
    return;
  }
  std::string label = std::to_string(issues.size()) + (issues.size() == 1 ? " felt mangler" : " felter mangler");
  if (*where) label += std::string(" ") + where;
  label += " – vis ›";
  same_line_if_fits(button_width(label.c_str()));
  if (big_button(label.c_str())) {
    m_show_required = true;
    m_renderer.scroll_to_field(issues.front().path);
  }
  MAGTREG_HOOK_ITEM("form.next_missing");
  MAGTREG_HOOK_FACT("next_missing", issues.front().path);
}

void FormView::section_index(const core::forms::FormDefinition& def) {
  if (def.sections.size() < 2) return;
  if (big_button("Gå til afsnit …")) ImGui::OpenPopup("##sections");
  MAGTREG_HOOK_ITEM("form.sections");
  ImGui::SetNextWindowSize(ImVec2(std::min(560.0f, ImGui::GetMainViewport()->WorkSize.x - 24), 0));
  if (ImGui::BeginPopup("##sections")) {
    MAGTREG_HOOK_FACT("sections_menu", "open");
    for (const auto& section : def.sections) {
      if (big_button(section.title.c_str(), ImGui::GetContentRegionAvail().x)) {
        m_renderer.scroll_to_section(section.id);
        ImGui::CloseCurrentPopup();
      }
      MAGTREG_HOOK_ITEM("form.sections." + section.id);
    }
    ImGui::EndPopup();
  }
}

void FormView::draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##form", top);
  MAGTREG_HOOK_FACT("screen", "form");
  if (!model.form) {
    ImGui::TextUnformatted("Skemaet findes ikke på tabletten.");
    if (big_button("‹ Borgere")) out.push_back(Navigate{Screen::Citizens, ""});
    ImGui::End();
    return;
  }
  const auto& form = model.form->form;
  const auto& catalogue = core::forms::Catalogue::current();
  const auto* def = catalogue.definition(form.form_id, form.form_version);
  const auto* meta = catalogue.find_form(form.form_id, form.form_version);
  if (form.id != m_loaded_id || (form.state != m_loaded_state && !m_unsaved)) {
    if (form.id != m_loaded_id) m_show_required = false;
    m_hold_incomplete = false;
    m_confirm_to.reset();  // a question about another form, or a state that has changed, is not asked
    m_loaded_id = form.id;
    m_loaded_state = form.state;
    m_content = form.content.is_object() ? form.content : nlohmann::json::object();
    m_unsaved = false;
    m_renderer.reset();
  }
  if (!def || !meta) {
    wrapped_text(k_red, "Skemaet " + form.form_id + " version " + std::to_string(form.form_version) +
                            " findes ikke i denne version af appen.");
    ImGui::End();
    return;
  }
  const core::forms::FormState state = form.state;
  auto role = model.user ? core::role_from_string(model.user->role) : std::nullopt;
  // The leader completing the leader part is its leader: the name is filled in (saved with the leader's
  // first change or the locking), never by merely opening the form.
  if (role && model.user && !m_unsaved) {
    const auto parts = core::forms::editable_parts(*def, state, *role);
    if (std::find(parts.begin(), parts.end(), core::forms::FormPart::Leader) != parts.end())
      m_content = core::client::with_leader_prefilled(*def, std::move(m_content), model.user->display_name);
  }

  // [SECTION] header
  if (big_button(("‹ " + (model.citizen ? model.citizen->name : std::string("Borger"))).c_str())) {
    flush(out);
    out.push_back(Navigate{Screen::Citizen, form.citizen_id});
  }
  MAGTREG_HOOK_ITEM("form.back");
  ImGui::PushFont(fonts().title);
  ImGui::TextWrapped("%s", meta->display_title().c_str());
  ImGui::PopFont();
  ImGui::TextWrapped("Tilstand: %s  ·  %s", std::string(core::forms::state_label(state)).c_str(),
              sync_label(model.form->sync).c_str());
  MAGTREG_HOOK_FACT("form_state", core::forms::to_string(form.state));
  MAGTREG_HOOK_FACT("form_sync", model.form->sync.status == core::client::SyncStatus::Sent ? "sent"
                                : model.form->sync.status == core::client::SyncStatus::Pending ? "pending"
                                : model.form->sync.status == core::client::SyncStatus::Rejected ? "rejected"
                                                                                                : "local");
  MAGTREG_HOOK_FACT("form_id", form.id);
  // Which wording the form is on (issue 17): its own definition version, for ever.
  wrapped_text(k_muted, "Skemaversion " + std::to_string(form.form_version) + " · " +
                            (def->meta.verified() ? std::string("kontrolleret mod det officielle skema")
                                                  : std::string("ikke kontrolleret mod det officielle skema")));
  MAGTREG_HOOK_FACT("form_definition", form.form_id + "@" + std::to_string(form.form_version));
  if (!def->sections.empty() && !def->sections.front().fields.empty())
    MAGTREG_HOOK_FACT("form_first_label", def->sections.front().fields.front().label);
  section_index(*def);

  // The rule engine's deadline, the server's (e.g. a Skema 2 for a use after its decision expired is due as
  // an acute registration).
  auto deadline = registration_deadline(*model.form);
  if (state == core::forms::FormState::Draft) {
    if (deadline) {
      bool overdue = deadline->status == core::time::DeadlineStatus::Overdue;
      wrapped_text(overdue ? k_red : deadline->status == core::time::DeadlineStatus::DueToday ? k_orange : k_green,
                   "Frist for registrering: " + core::time::format_danish(deadline->due) + "  ·  " +
                       core::time::countdown_text(*deadline));
      MAGTREG_HOOK_FACT("countdown", core::time::countdown_text(*deadline));
      MAGTREG_HOOK_FACT("overdue", overdue ? "yes" : "no");
    } else if (const auto* meta = core::forms::Catalogue::current().find_form(form.form_id, form.form_version)) {
      // The rule comes from core, so a child's form says 24 hours and a Skema 2 the decision's expiry.
      if (const std::string rule = core::rules::deadline_rule_text(*meta); !rule.empty())
        wrapped_text(k_muted, "Fristen (" + rule + ") vises, når " +
                                  (meta->kind == core::forms::FormKind::PreApproved ? "afgørelsens periode"
                                                                                   : "tidspunktet for indgrebet") +
                                  " er udfyldt.");
    }
  }
  if (auto registered = core::client::registration_times_text(form.registered_at, model.form->received_at);
      !registered.empty()) {
    ImGui::TextWrapped("%s", registered.c_str());
    MAGTREG_HOOK_FACT("registered", registered);
  }
  const char* save_text = m_unsaved ? "Ændret …"
                          : model.form_save == AppModel::FormSave::Saving ? "Gemmer …"
                          : model.form_save == AppModel::FormSave::Saved  ? "Gemt"
                          : model.form_save == AppModel::FormSave::Failed ? "Ikke gemt!"
                                                                          : "";
  ImGui::TextColored(model.form_save == AppModel::FormSave::Failed ? k_red : k_green, "%s", save_text);
  MAGTREG_HOOK_FACT("form_save", m_unsaved ? "unsaved"
                                : model.form_save == AppModel::FormSave::Saving ? "saving"
                                : model.form_save == AppModel::FormSave::Saved  ? "saved"
                                : model.form_save == AppModel::FormSave::Failed ? "failed" : "idle");

  // [SECTION] validation, findings and the transition
  // On what would be saved (hidden fields stripped): the staff part (what "Markér som udfyldt" needs) and
  // the whole form (the leader's part, the transitions' missing lines and the marks beside the fields);
  // again only after a change (issue 27 item 8: it was up to four times a frame).
  const Validated& checked = validated(*def);
  const auto& staff_issues = checked.staff;
  const auto& all_issues = checked.all;
  MAGTREG_HOOK_FACT("staff_issues", std::to_string(staff_issues.size()));
  if (!staff_issues.empty()) MAGTREG_HOOK_FACT("staff_issue_first", staff_issues.front().path + ": " + staff_issues.front().message);
  // Bilag 1 while Udfyldt: a stored line can never change again (core::forms::check_edit), so a new line
  // is saved only once every field of it is filled in; until then it stays on the screen, unsaved.
  const bool append_mode = def->meta.lifecycle == core::forms::LifecycleKind::Period && def->period &&
                           state == core::forms::FormState::Filled;
  // It is saved by "Gem de nye linjer" (never while typing: the line would be stored at its first
  // complete keystroke), or when the form is left with the line complete.
  m_hold_incomplete = append_mode && !staff_issues.empty();
  if (append_mode && m_unsaved) {
    if (m_hold_incomplete) {
      wrapped_text(k_orange, "Den nye linje gemmes, når alle dens felter er udfyldt (" +
                                 std::to_string(staff_issues.size()) + " mangler).");
      m_show_required = true;
    } else {
      if (big_button("Gem de nye linjer", 260.0f)) flush(out);
      MAGTREG_HOOK_ITEM("form.save_lines");
      hint_after(k_orange, "En gemt linje kan ikke ændres bagefter.");
    }
  }
  MAGTREG_HOOK_FACT("held_incomplete", m_hold_incomplete && m_unsaved ? "yes" : "no");
  // The findings change while the user types: a list of them here would move every field below under the
  // user's finger (issue 30 item 2). One line of fixed height says what there is; the list is below the form.
  {
    const auto [errors, warnings] = count_findings(model.findings);
    const bool server = model.form->server_findings && !model.form->server_findings->findings.empty();
    std::string summary;
    if (errors == 0 && warnings == 0 && !server && model.form_error.empty()) {
      summary = "Kontrol: ingen fejl eller advarsler.";
    } else {
      summary = "Kontrol:";
      if (errors) summary += " " + std::to_string(errors) + (errors == 1 ? " fejl" : " fejl");
      if (warnings) summary += std::string(errors ? "," : "") + " " + std::to_string(warnings) +
                               (warnings == 1 ? " advarsel eller handling" : " advarsler eller handlinger");
      if (server) summary += std::string(errors || warnings ? "," : "") + " serverens fund";
      if (!model.form_error.empty()) summary += std::string(errors || warnings || server ? "," : "") + " en fejl ved gemning";
      summary += " – se nederst.";
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(errors || !model.form_error.empty() ? k_red : warnings || server ? k_orange : k_green, "%s",
                       summary.c_str());
    MAGTREG_HOOK_FACT("findings_summary", summary);
    if (errors || warnings || server || !model.form_error.empty()) {
      ImGui::SameLine();
      if (ImGui::SmallButton("Vis")) m_show_findings = true;
      MAGTREG_HOOK_ITEM("form.show_findings");
    }
  }
  // From Kladde, core's transitions for the role: "Markér som udfyldt" (the staff part, offline), or, for
  // forms locked directly (applications by the leader, moves by the administration), "Gem som låst".
  if (state == core::forms::FormState::Draft && role) {
    for (const auto& option : core::forms::available_transitions(*def, state, *role, m_content, platform.today)) {
      if (option.to == core::forms::FormState::Filled) {
        if (big_button("Markér som udfyldt", 260.0f)) {
          m_show_required = true;
          flush(out);
          m_confirm_to = option.to;
        }
        MAGTREG_HOOK_ITEM("form.mark_filled");
        missing_line(staff_issues, "i medarbejderdelen", "Medarbejderdelen er udfyldt.");
      } else {
        if (big_button(std::string(option.label).c_str(), 260.0f)) {
          m_show_required = true;
          flush(out);
          if (option.to == core::forms::FormState::Locked) {
            m_confirm_to = option.to;
          } else {
            out.push_back(WorkflowCommand{TransitionForm{form.id, m_content, option.to, ""}});
          }
        }
        MAGTREG_HOOK_ITEM("form.transition." + std::string(core::forms::to_string(option.to)));
        missing_line(all_issues, "", "Skemaet er udfyldt.");
        MAGTREG_HOOK_FACT("all_issues", std::to_string(all_issues.size()));
      }
    }
  }
  // The leader part: "Gem som låst", or back to staff with a comment (core's transitions for the role).
  if (state == core::forms::FormState::Filled && role) {
    for (const auto& option : core::forms::available_transitions(*def, state, *role, m_content, platform.today)) {
      const std::string to(core::forms::to_string(option.to));  // the test hook's name
      if (option.comment_required) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Kommentar til medarbejderen:");
        ImGui::SameLine();
        text_field("##return_comment", &m_return_comment, std::min(420.0f, ImGui::GetContentRegionAvail().x - 300));
        MAGTREG_HOOK_ITEM("form.return_comment");
        ImGui::SameLine();
      }
      if (big_button(std::string(option.label).c_str())) {
        flush(out);
        if (option.to == core::forms::FormState::Locked) {
          m_show_required = true;
          m_confirm_to = option.to;
        } else {
          out.push_back(WorkflowCommand{TransitionForm{form.id, m_content, option.to, m_return_comment}});
        }
      }
      MAGTREG_HOOK_ITEM("form.transition." + to);
    }
    MAGTREG_HOOK_FACT("all_issues", std::to_string(all_issues.size()));
    missing_line(all_issues, "", nullptr);
  }
  ImGui::Separator();

  // [SECTION] the form
  FormRenderInput in;
  in.definition = def;
  if (role) in.editable_parts = core::forms::editable_parts(*def, state, *role);
  // Bilag 1 while Udfyldt: staff (and the leader) append daily lines until the period is closed.
  if (append_mode) {
    in.append_only_field = def->period->lines_field;
    auto stored = form.content.find(in.append_only_field);
    in.saved_rows = stored != form.content.end() && stored->is_array() ? stored->size() : 0;
  }
  for (const auto& is : all_issues)
    if (m_show_required || is.code != core::forms::IssueCode::Required) in.issues.push_back(is);
  if (m_renderer.draw(in, m_content)) {
    if (!m_unsaved) m_first_change = platform.time_seconds;
    m_unsaved = true;
    m_last_change = platform.time_seconds;
  }
  MAGTREG_HOOK_FACT("form_content", m_content.dump());

  // [SECTION] the findings: the tablet's rule engine, the server's answer, a refused save
  ImGui::Separator();
  section_title("Kontrol af skemaet");
  if (m_show_findings) {
    ImGui::SetScrollHereY(0.0f);
    m_show_findings = false;
  }
  MAGTREG_HOOK_ITEM("form.findings");
  if (!model.form_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, k_red);
    ImGui::TextWrapped("%s", model.form_error.c_str());
    ImGui::PopStyleColor();
  }
  MAGTREG_HOOK_FACT("form_error", model.form_error);
  std::string codes;
  for (const auto& f : model.findings) {
    ImGui::PushStyleColor(ImGuiCol_Text, severity_colour(f.severity()));
    ImGui::TextWrapped("%s %s", f.severity() == core::rules::Severity::Error ? "Fejl:" :
                                f.severity() == core::rules::Severity::Warning ? "Advarsel:" : "Handling:",
                       f.message.c_str());
    ImGui::PopStyleColor();
    codes += (codes.empty() ? "" : ",") + std::string(core::rules::to_string(f.code));
  }
  MAGTREG_HOOK_FACT("findings", codes);
  // The annex the form must have, next to the finding that asks for it (issue 14 item 15): made from the
  // form as saved, so what was typed is saved first.
  if (model.annex) {
    const auto& a = *model.annex;
    ImGui::PushID("annex");
    if (a.existing_id.empty()) {
      if (big_button(("Opret " + a.title).c_str())) {
        flush(out);
        out.push_back(NewAttachedForm{form.id, a.form_id});
      }
    } else {
      std::string state(core::forms::state_label(a.existing_state));  // the label, lower-cased in the sentence
      state[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(state[0])));
      if (big_button(("Åbn " + a.title + " (" + state + ")").c_str())) {
        flush(out);
        out.push_back(Navigate{Screen::Form, a.existing_id});
      }
    }
    MAGTREG_HOOK_ITEM("form.annex");
    ImGui::PopID();
  }
  MAGTREG_HOOK_FACT("annex", model.annex ? (model.annex->existing_id.empty() ? "missing" : std::string(core::model::to_string(model.annex->existing_state)))
                                        : std::string());
  // What the server's rule engine said when it accepted the form (the upload answer's "findings").
  std::string server_codes;
  if (model.form->server_findings && !model.form->server_findings->findings.empty()) {
    wrapped_text(k_muted, "Serverens fund, da version " + std::to_string(model.form->server_findings->revision) +
                              " blev modtaget:");
    for (const auto& f : model.form->server_findings->findings) {
      ImGui::PushStyleColor(ImGuiCol_Text, severity_colour(f.severity()));
      ImGui::Bullet();
      ImGui::TextWrapped("%s", f.message.c_str());
      ImGui::PopStyleColor();
      server_codes += (server_codes.empty() ? "" : ",") + std::string(core::rules::to_string(f.code));
    }
  }
  MAGTREG_HOOK_FACT("server_findings", server_codes);
  if (model.findings.empty() && server_codes.empty() && model.form_error.empty())
    ImGui::TextColored(k_green, "Ingen fejl eller advarsler.");

  bool glyphs = true;
  for (ImWchar ch : {0xE6, 0xF8, 0xE5, 0xC6, 0xD8, 0xC5, 0xA7})
    glyphs = glyphs && ImGui::GetFont()->FindGlyphNoFallback(ch) != nullptr;
  MAGTREG_HOOK_FACT("glyphs_da", glyphs ? "yes" : "no");
  ImGui::End();

  // [SECTION] confirmation of a step that cannot be undone, naming what will be sent
  if (m_confirm_to) {
    const bool filled = *m_confirm_to == core::forms::FormState::Filled;
    std::vector<std::string> lines;
    lines.push_back(def->meta.display_title() + (model.citizen ? " for " + model.citizen->name : std::string()) + ".");
    if (auto started = core::time::parse_local_date_time(core::json_read::text(m_content, "started_at")))
      lines.push_back("Indgrebet begyndte " + core::time::format_danish(*started) + ".");
    const auto [errors, warnings] = count_findings(model.findings);
    if (errors || warnings)
      lines.push_back("Kontrollen har " + std::to_string(errors) + " fejl og " + std::to_string(warnings) +
                      (warnings == 1 ? " advarsel" : " advarsler") + " (se nederst på skemaet).");
    lines.push_back(filled ? "Medarbejderdelen kan ikke ændres, når skemaet er markeret som udfyldt. Det sendes "
                             "til lederen, så snart tabletten har forbindelse."
                           : "Et låst skema kan ikke ændres. Det sendes til serveren og kommer med i indberetningen.");
    bool open = true;
    if (confirm_dialog(filled ? "Markér som udfyldt?" : "Gem som låst?", lines,
                       filled ? "Markér som udfyldt" : "Gem som låst", &open)) {
      if (filled) out.push_back(MarkFilled{form.id, m_content});
      // Locked from Kladde (an application, a move) with no comment, as before; from Udfyldt with the leader's.
      else out.push_back(WorkflowCommand{TransitionForm{form.id, m_content, *m_confirm_to,
                                                        state == core::forms::FormState::Draft ? "" : m_return_comment}});
    }
    if (!open) m_confirm_to.reset();
  }

  // Autosave: shortly after typing pauses, and at the latest within a second of the first change.
  if (m_unsaved && !append_mode && !in.editable_parts.empty() && state != core::forms::FormState::Locked &&
      (platform.time_seconds - m_last_change >= k_idle_save || platform.time_seconds - m_first_change >= k_max_unsaved))
    flush(out);
}

}  // namespace magtreg::shell
