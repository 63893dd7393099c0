// The form row widget.
#include "shell/views/form_row.hpp"

#include <imgui.h>

#include "core/forms/catalogue.hpp"
#include "core/forms/lifecycle.hpp"
#include "core/time/deadlines.hpp"
#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/views/form_renderer.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_red(0.75f, 0.08f, 0.08f, 1.0f);
}  // namespace

float form_row_height(float width) { return list_row_height(2, width); }

void form_row_button(const FormRow& row, std::vector<Command>& out) {
  const auto& f = row.form;
  const auto* meta = core::forms::Catalogue::current().find_form(f.form_id, f.form_version);
  std::string title = (meta ? meta->short_title : f.form_id) + " – " + std::string(core::forms::state_label(f.state));
  if (f.started_at) title += " – indgreb " + da_date(f.started_at->substr(0, 10)) + " kl. " + f.started_at->substr(11);
  std::string status = sync_label(row.sync);
  auto deadline = registration_deadline(row);
  bool overdue = false;
  if (deadline && f.state == core::model::FormState::Draft) {
    status += "  ·  " + core::time::countdown_text(*deadline);
    overdue = deadline->status == core::time::DeadlineStatus::Overdue;
  }
  ImGui::PushID(f.id.c_str());
  if (list_row("##row", {title, status}, overdue ? &k_red : nullptr)) out.push_back(Navigate{Screen::Form, f.id});
  MAGTREG_HOOK_ITEM("form." + f.id);
  ImGui::PopID();
}

}  // namespace magtreg::shell
