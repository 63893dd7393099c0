// The monthly report screen.
#include "shell/views/report_view.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/workflow/reporting.hpp"
#include "shell/api.hpp"
#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/views/workflow_common.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_green(0.10f, 0.50f, 0.20f, 1.0f);
const ImVec4 k_muted(0.35f, 0.35f, 0.38f, 1.0f);

std::string recipient_kind_label(const std::string& kind) {
  if (kind == "handlekommune") return "handlekommune";
  if (kind == "socialtilsyn") return "socialtilsyn";
  if (kind == "driftsherre") return "driftsherre";
  if (kind == "vaerge") return "værge";
  if (kind == "region") return "region";
  return kind;
}

std::string shift_month(const std::string& month, int delta) {
  auto m = core::workflow::parse_month(month);
  if (!m) return month;
  int index = m->year * 12 + (m->month - 1) + delta;
  return core::workflow::format_month({index / 12, index % 12 + 1});
}
}  // namespace

void ReportView::draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##report", top);
  MAGTREG_HOOK_FACT("screen", "report");
  const auto& v = model.report;
  // The leader's monthly report, or the administration's quarterly report of moves without consent.
  const bool moves = v.report_moves;
  const bool leader = moves ? user_may(model, core::access::Action::RegisterMove)
                            : user_may(model, core::access::Action::CompleteLeaderPart);
  const bool reviewer = user_may(model, core::access::Action::ReviewReport);
  const int step = moves ? 3 : 1;
  if (big_button("‹ Opgaver")) out.push_back(WorkflowCommand{OpenWork{}});
  MAGTREG_HOOK_ITEM("report.back");
  screen_title(std::string(moves ? "Kvartalsindberetning af flytninger – " : "Indberetning – ") +
               (v.report_institution_name.empty() ? std::string("tilbud") : v.report_institution_name) + ", " +
               v.report_month_text);
  MAGTREG_HOOK_FACT("report_month", v.report_month);
  MAGTREG_HOOK_FACT("report_kind", moves ? "moves" : "monthly");

  // [SECTION] choose institution and month (leader)
  if (leader && v.open_batch.empty()) {
    if (model.user && model.user->institutions.size() > 1) {
      bool first = true;
      for (const auto& [id, name] : model.user->institutions) {
        ImGui::PushID(id.c_str());
        // Side by side where they fit, else under each other (a phone).
        if (!first)
          same_line_if_fits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(name.c_str()).x);
        first = false;
        if (radio(name.c_str(), id == v.report_institution))
          out.push_back(WorkflowCommand{OpenReport{id, v.report_month, "", moves}});
        ImGui::PopID();
      }
    }
    ImGui::NewLine();
    if (big_button(moves ? "‹ Forrige kvartal" : "‹ Forrige måned"))
      out.push_back(WorkflowCommand{OpenReport{v.report_institution, shift_month(v.report_month, -step), "", moves}});
    MAGTREG_HOOK_ITEM("report.prev_month");
    ImGui::SameLine();
    const bool future = shift_month(v.report_month, 1) > platform.today.substr(0, 7);  // a period not begun yet
    ImGui::BeginDisabled(future);
    if (big_button(moves ? "Næste kvartal ›" : "Næste måned ›"))
      out.push_back(WorkflowCommand{OpenReport{v.report_institution, shift_month(v.report_month, step), "", moves}});
    ImGui::EndDisabled();
    MAGTREG_HOOK_ITEM("report.next_month");
  }
  status_lines(v.status);
  ImGui::Separator();

  // [SECTION] preview: forms not yet in a report
  if (leader && v.open_batch.empty()) {
    section_title(moves ? "Låste flytninger uden samtykke, der ikke er indberettet"
                        : "Låste registreringer, der ikke er indberettet");
    if (!v.report_due_text.empty()) ImGui::TextWrapped("Frist for indberetningen: %s", v.report_due_text.c_str());
    MAGTREG_HOOK_FACT("report_preview_forms", v.report_preview_loaded ? std::to_string(v.report_forms.size()) : "");
    if (v.report_preview_loaded && v.report_forms.empty())
      wrapped_text(k_muted, moves ? "Ingen – alle låste flytninger til og med dette kvartal er indberettet."
                                  : "Ingen – alle låste registreringer til og med denne måned er indberettet.");
    for (const auto& f : v.report_forms) {
      const std::string day = f.started_at && f.started_at->size() >= 10 ? da_date(f.started_at->substr(0, 10)) : "";
      bullet_text(f.short_title + " – " + f.citizen_name + (day.empty() ? "" : ", indgreb " + day));
    }
    if (!v.report_recipients.empty()) {
      ImGui::TextUnformatted("Modtagere:");
      for (const auto& r : v.report_recipients)
        bullet_text(r.name + " (" + recipient_kind_label(r.kind) + ") – " + std::to_string(r.form_ids.size()) +
                    (r.form_ids.size() == 1 ? " skema" : " skemaer"));
    }
    ImGui::BeginDisabled(v.status.busy || v.report_forms.empty());
    if (big_button("Opret indberetning")) out.push_back(WorkflowCommand{CreateReport{}});
    ImGui::EndDisabled();
    MAGTREG_HOOK_ITEM("report.create");
    ImGui::Separator();
  }

  // [SECTION] stored reports of the month
  section_title("Oprettede indberetninger");
  const bool none = std::none_of(v.batches.begin(), v.batches.end(),
                                 [&](const core::sync::ReportListEntry& sb) { return !v.open_batch.empty() || sb.moves == moves; });
  if (none) ImGui::TextColored(k_muted, moves ? "Ingen for dette kvartal." : "Ingen for denne måned.");
  int unsent = 0;
  for (std::size_t b = 0; b < v.batches.size(); ++b) {
    const auto& sb = v.batches[b];
    if (!v.open_batch.empty() && sb.batch.id != v.open_batch) continue;
    if (v.open_batch.empty() && sb.moves != moves) continue;  // the month's other kind of report
    ImGui::PushID(sb.batch.id.c_str());
    std::string kinds;
    for (const auto& rc : sb.batch.recipients) kinds += (kinds.empty() ? "" : ",") + rc.kind;
    MAGTREG_HOOK_FACT("report_recipients." + std::to_string(b), kinds);
    ImGui::TextWrapped("%s – %zu %s, oprettet %s", sb.institution_name.c_str(), sb.batch.form_ids.size(),
                sb.batch.form_ids.size() == 1 ? "skema" : "skemaer", local_time_text(sb.batch.created_at).c_str());
    // The buttons line up after the longest recipient name.
    float name_width = 0;
    for (const auto& rc : sb.batch.recipients)
      name_width = std::max(name_width, ImGui::CalcTextSize((rc.name + " (" + recipient_kind_label(rc.kind) + ")").c_str()).x);
    const float buttons_x = ImGui::GetCursorPosX() + name_width + 24.0f;
    for (std::size_t r = 0; r < sb.batch.recipients.size(); ++r) {
      const auto& rc = sb.batch.recipients[r];
      ImGui::PushID(static_cast<int>(r));
      ImGui::AlignTextToFramePadding();
      ImGui::TextWrapped("%s (%s)", rc.name.c_str(), recipient_kind_label(rc.kind).c_str());
      // The buttons in a column after the longest name, or under the name where that does not fit (a phone).
      if (buttons_x + button_width("Udskriv") <= ImGui::GetWindowContentRegionMax().x) ImGui::SameLine(buttons_x);
      if (big_button("Udskriv"))
        out.push_back(WorkflowCommand{PrintDocument{api::report_document_path(sb.batch.id, static_cast<int>(r))}});
      MAGTREG_HOOK_ITEM("report.print." + std::to_string(b) + "." + std::to_string(r));
      if (rc.sent_at) {
        hint_after(k_green, ("Sendt " + local_time_text(*rc.sent_at)).c_str());
      } else if (leader) {
        ++unsent;
        same_line_if_fits(button_width("Markér som sendt"));
        ImGui::BeginDisabled(v.status.busy);
        if (big_button("Markér som sendt")) out.push_back(WorkflowCommand{MarkReportSent{sb.batch.id, static_cast<int>(r)}});
        ImGui::EndDisabled();
        MAGTREG_HOOK_ITEM("report.sent." + std::to_string(b) + "." + std::to_string(r));
      } else {
        hint_after(k_muted, "Ikke sendt endnu");
      }
      ImGui::PopID();
    }
    ImGui::PopID();
    ImGui::Separator();
  }
  MAGTREG_HOOK_FACT("report_batches", std::to_string(v.batches.size()));
  MAGTREG_HOOK_FACT("report_unsent", std::to_string(unsent));

  // [SECTION] the committee's review, one note per case
  if (reviewer && !v.open_batch.empty()) {
    section_title("Udvalgets gennemgang – en note på hver borgers sag");
    int missing = 0;
    for (const auto& c : v.reviews) {
      ImGui::PushID(c.case_id.c_str());
      ImGui::TextWrapped("%s", c.citizen_name.c_str());
      for (const auto& f : c.forms) bullet_text(f);
      if (c.note) {
        wrapped_text(k_green, "Gennemgået " + local_time_text(c.note->at) + ": " + c.note->text);
      } else {
        ++missing;
        auto& text = m_review_text[c.case_id];
        ImGui::TextUnformatted("Bemærkninger (når lederen og sagen):");
        text_area("##review", &text, std::min(640.0f, ImGui::GetContentRegionAvail().x), 80);
        MAGTREG_HOOK_ITEM("review.text." + c.case_id);
        ImGui::BeginDisabled(v.status.busy);
        if (big_button("Gem gennemgang")) {
          core::model::Note n;
          n.citizen_id = c.citizen_id;
          n.case_id = c.case_id;
          n.kind = std::string(core::model::k_note_kind_committee_review);
          // What the member wrote, as written (issue 30 item 9); the note's kind says it is a review.
          n.text = text.empty() ? "Ingen bemærkninger." : text;
          out.push_back(WorkflowCommand{SaveNote{n}});
        }
        ImGui::EndDisabled();
        MAGTREG_HOOK_ITEM("review.save." + c.case_id);
      }
      ImGui::PopID();
      ImGui::Separator();
    }
    MAGTREG_HOOK_FACT("reviews_missing", std::to_string(missing));
  }
  ImGui::End();
}

}  // namespace magtreg::shell
