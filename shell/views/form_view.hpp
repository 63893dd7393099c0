// One form being filled in: header (form, state, three-day countdown, sync and save status), the rule
// engine's findings, "Markér som udfyldt", and the generic renderer. Edits autosave within a second.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/client/client_store.hpp"
#include "core/forms/lifecycle.hpp"
#include "core/model/form_instance.hpp"
#include "core/time/deadlines.hpp"
#include "shell/commands.hpp"
#include "shell/platform.hpp"
#include "shell/views/form_renderer.hpp"

namespace magtreg::shell {

struct AppModel;
struct FormRow;

// The registration deadline of the row's form (FormRow::registration_due, the one the server and the
// leader's work list give) against the clock now; nullopt while the form has none.
std::optional<core::time::Deadline> registration_deadline(const FormRow& row);
// Danish sync status of a record.
std::string sync_label(const core::client::RecordSyncInfo& info);

class FormView {
 public:
  void draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out);
  // What the user typed and the autosave has not saved yet, as a save command now (the page is hidden).
  void save_now(std::vector<Command>& out) { flush(out); }

 private:
  void flush(std::vector<Command>& out);
  // Beside a transition button: "N felter mangler … – vis ›", which shows the missing marks and goes to the
  // first field that has an issue (issue 30 item 6; each tap after goes to the next, as the ones filled in
  // drop off the list), or `done` in green when nothing is missing (nothing when `done` is null).
  void missing_line(const std::vector<core::forms::Issue>& issues, const char* where, const char* done);
  // "Gå til afsnit …": the form's sections, one tap to go to one.
  void section_index(const core::forms::FormDefinition& def);

  std::string m_loaded_id;
  core::model::FormState m_loaded_state = core::model::FormState::Draft;
  nlohmann::json m_content = nlohmann::json::object();
  bool m_unsaved = false;
  bool m_show_required = false;
  bool m_hold_incomplete = false;  // an appended Bilag 1 line is incomplete: not saved yet
  std::string m_return_comment;
  double m_first_change = 0, m_last_change = 0;
  // A step to a state that cannot be undone (Udfyldt, Låst) waits for the user's confirmation.
  std::optional<core::forms::FormState> m_confirm_to;
  bool m_show_findings = false;  // scroll to the findings below the form on the next frame
  FormRenderer m_renderer;
  // The form as last validated (issue 27 item 8: validated when its content or definition changes, not
  // every frame): what would be saved (hidden fields stripped), the staff part's issues and the whole form's.
  struct Validated {
    const core::forms::FormDefinition* def = nullptr;
    nlohmann::json content;
    std::vector<core::forms::Issue> staff, all;
  };
  const Validated& validated(const core::forms::FormDefinition& def);
  std::optional<Validated> m_validated;
};

}  // namespace magtreg::shell
