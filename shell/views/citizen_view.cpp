// The citizen overview.
#include "shell/views/citizen_view.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/access/policy.hpp"
#include "core/client/form_choice.hpp"
#include "core/client/overview.hpp"
#include "core/forms/catalogue.hpp"
#include "core/forms/lifecycle.hpp"
#include "core/time/format.hpp"
#include "core/workflow/records.hpp"
#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/views/form_renderer.hpp"
#include "shell/views/form_row.hpp"
#include "shell/views/workflow_common.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_red(0.75f, 0.08f, 0.08f, 1.0f);
const ImVec4 k_muted(0.35f, 0.35f, 0.38f, 1.0f);
const ImVec4 k_green(0.10f, 0.50f, 0.20f, 1.0f);

}  // namespace

void CitizenView::draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##citizen", top);
  MAGTREG_HOOK_FACT("screen", "citizen");
  if (!model.citizen) {
    ImGui::TextUnformatted("Borgeren findes ikke på tabletten.");
    ImGui::End();
    return;
  }
  const auto& c = *model.citizen;
  if (m_citizen != c.id) {
    m_citizen = c.id;
    m_day_text = da_date(platform.today);
  }
  if (big_button("‹ Borgere")) out.push_back(Navigate{Screen::Citizens, ""});
  MAGTREG_HOOK_ITEM("citizen.back");
  if (user_has_work(model)) {
    ImGui::SameLine();
    if (big_button("Opfølgning og sager ›")) out.push_back(WorkflowCommand{OpenFollowUp{c.id}});
    MAGTREG_HOOK_ITEM("citizen.follow_up");
  }
  ImGui::PushFont(fonts().title);
  ImGui::TextWrapped("%s  (%s)", c.name.c_str(), c.cpr.c_str());
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, k_muted);
  ImGui::TextWrapped("Målgruppe: %s  ·  Tilbud: %s  ·  Handlekommune: %s",
                     std::string(core::client::target_group_label(c.target_group)).c_str(),
                     model.user ? model.user->institution_name(c.institution_id).c_str() : "",
                     c.acting_municipality.c_str());
  ImGui::PopStyleColor();
  MAGTREG_HOOK_FACT("citizen", c.name);
  ImGui::TextWrapped("Grundforløb: %s", model.base_course ? model.base_course->title.c_str()
                                                   : "Magtanvendelse (Grundforløb) – oprettes ved første registrering");
  ImGui::Separator();

  // [SECTION] new forms: registrations (staff, leader), applications for pre-approval (leader), moves
  // without consent (administration); each from the form set in force on the day typed here.
  using core::access::Action;
  const bool may_register = user_may(model, Action::RegisterForm);
  const bool may_apply = user_may(model, Action::ApplyForApproval);
  const bool may_move = user_may(model, Action::RegisterMove);
  std::string day;
  if (may_register || may_apply || may_move) {
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(may_register ? "Ny registrering" : "Nyt skema");
    ImGui::PopFont();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(may_register ? "Dag for indgrebet:" : "Dato:");
    ImGui::SameLine();
    number_field("##day", &m_day_text, 170.0f);
    MAGTREG_HOOK_ITEM("registration.day");
    same_line_if_fits(ImGui::CalcTextSize("dd.mm.åååå").x);
    ImGui::TextColored(k_muted, "dd.mm.åååå");
    day = parse_danish_date(m_day_text);
    MAGTREG_HOOK_FACT("registration_day", day);
    const std::string day_or_text = day.empty() ? m_day_text : day;
    // The buttons for one kind of form, or the Danish reason there is none that day.
    auto offer = [&](const core::client::FormChoice& choice, const char* prefix, bool show_set) {
      if (choice.forms.empty()) {
        wrapped_text(k_red, choice.refusal);
        MAGTREG_HOOK_FACT("registration_refusal", choice.refusal);
        return;
      }
      if (show_set) wrapped_text(k_muted, "I kraft den dag: " + choice.set_name);
      for (const auto* meta : choice.forms) {
        ImGui::PushID(meta->id.c_str());
        std::string label = prefix + meta->display_title();
        if (big_button(label.c_str())) out.push_back(NewRegistration{c.id, meta->id, meta->version, {}, day});
        MAGTREG_HOOK_ITEM("registration.new." + meta->id);
        ImGui::PopID();
      }
    };
    const auto& catalogue = core::forms::Catalogue::current();
    if (may_register)
      offer(core::client::choose_registration_forms(catalogue, c.target_group, day_or_text, platform.today), "Ny: ",
            true);
    if (may_apply)
      offer(core::client::choose_forms(catalogue, c.target_group, day_or_text, platform.today,
                                       core::forms::FormKind::Application),
            "Ansøg om forhåndsgodkendelse: ", !may_register);
    if (may_move)
      offer(core::client::choose_forms(catalogue, c.target_group, day_or_text, platform.today,
                                       core::forms::FormKind::Move),
            "Ny flytning uden samtykke: ", true);
  }

  if (!model.registration_error.empty()) {
    wrapped_text(k_red, model.registration_error);
  }
  ImGui::Separator();

  // [SECTION] the overview's groups (core/client/overview): each form appears once
  const auto& o = model.overview;
  auto heading = [](const std::string& text) {
    ImGui::PushFont(fonts().bold);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopFont();
  };
  auto forms_with_bilag1 = [&](const std::vector<std::size_t>& idx) {
    for (std::size_t i : idx) {
      if (i >= model.forms.size()) continue;
      form_row_button(model.forms[i], out);
      if (std::find(o.bilag1_parents.begin(), o.bilag1_parents.end(), i) != o.bilag1_parents.end()) {
        const auto& f = model.forms[i].form;
        ImGui::PushID(f.id.c_str());
        ImGui::Indent(24.0f);
        if (big_button("+ Bilag 1: daglige registreringer i perioden")) out.push_back(NewAttachedForm{f.id, "2020-bilag1"});
        MAGTREG_HOOK_ITEM("bilag1.new." + f.id);
        ImGui::Unindent(24.0f);
        ImGui::PopID();
      }
      // The Bilag til § 136 c a Skema 1 on § 136 c still needs (issue 14 item 15).
      for (const auto& [form, annex] : o.annexes_missing) {
        if (form != i) continue;
        const auto& f = model.forms[i].form;
        ImGui::PushID(f.id.c_str());
        ImGui::Indent(24.0f);
        if (big_button(("+ " + annex->short_title + " (hører til skemaet)").c_str()))
          out.push_back(NewAttachedForm{f.id, annex->id});
        MAGTREG_HOOK_ITEM("annex.new." + f.id);
        ImGui::Unindent(24.0f);
        ImGui::PopID();
      }
    }
  };

  heading("Kladder (" + std::to_string(o.drafts.size()) + ")");
  if (o.drafts.empty()) ImGui::TextColored(k_muted, "Ingen kladder.");
  forms_with_bilag1(o.drafts);

  heading("Akutte registreringer (" + std::to_string(o.acute.size()) + ")");
  if (o.acute.empty()) ImGui::TextColored(k_muted, "Ingen på tabletten.");
  forms_with_bilag1(o.acute);

  heading("Forhåndsgodkendte indgreb (" + std::to_string(o.approvals.size()) +
          (o.approvals.size() == 1 ? " afgørelse)" : " afgørelser)"));
  if (o.approvals.empty()) wrapped_text(k_muted, "Ingen afgørelser om forhåndsgodkendelse for borgeren.");
  // The forms for an intervention under a decision on the day above (the same for every decision in force).
  const auto under_decision = may_register && !day.empty()
                                  ? core::client::choose_forms_under_decision(core::forms::Catalogue::current(),
                                                                              c.target_group, day, platform.today)
                                  : core::client::FormChoice{};
  const auto chosen_day = core::time::parse_date(day);
  for (const auto& g : o.approvals) {
    if (g.decision >= model.decisions.size()) continue;
    const auto& d = model.decisions[g.decision];
    ImGui::PushID(d.id.c_str());
    const std::string gap = core::client::decision_notice_gap(d, c);
    wrapped_text(g.in_force ? k_green : k_muted, (g.in_force ? "I kraft: " : "Ikke i kraft: ") +
                                                     core::client::decision_summary(d) +
                                                     (gap.empty() ? std::string() : " · " + gap));
    MAGTREG_HOOK_ITEM("decision." + d.id);
    if (!d.conditions.empty()) {
      ImGui::Indent(24.0f);
      ImGui::TextWrapped("Vilkår: %s", d.conditions.c_str());
      ImGui::Unindent(24.0f);
    }
    ImGui::Indent(24.0f);
    // A registration under the decision goes on its case (core::client::plan_form), on the form
    // for pre-approved interventions of the set in force on the day above.
    // Offered when the decision covers the intervention's day above (a late registration under a decision
    // that has expired since is made under it too).
    if (chosen_day && core::client::decision_in_force_on(d, c, *chosen_day)) {
      for (const auto* meta : under_decision.forms) {
        ImGui::PushID(meta->id.c_str());
        std::string label = "Ny under afgørelsen: " + meta->display_title();
        if (big_button(label.c_str())) out.push_back(NewRegistration{c.id, meta->id, meta->version, d.id, day});
        MAGTREG_HOOK_ITEM("registration.under." + d.id + "." + meta->id);
        ImGui::PopID();
      }
    }
    if (g.forms.empty()) wrapped_text(k_muted, "Ingen registreringer under afgørelsen på tabletten.");
    forms_with_bilag1(g.forms);
    ImGui::Unindent(24.0f);
    ImGui::PopID();
  }

  if (!o.other.empty()) {
    heading("Øvrige skemaer (" + std::to_string(o.other.size()) + ")");
    forms_with_bilag1(o.other);
  }

  // [SECTION] the administration's recommendations to Familieretshuset on a move (issue 14 item 12)
  if (may_move || !model.recommendations.empty()) {
    heading("Indstillinger til Familieretshuset (" + std::to_string(model.recommendations.size()) + ")");
    for (const auto& r : model.recommendations) {
      ImGui::PushID(r.id.c_str());
      const bool sent = r.status == core::model::k_recommendation_sent;
      std::string line = core::workflow::recommendation_basis_text(r) + (sent ? " · indstillet " : " · afslag ") +
                         da_date(r.decided_on);
      if (sent)
        line += r.familieretshuset_decided_on
                    ? " · Familieretshuset: " + std::string(r.familieretshuset_outcome == "granted" ? "godkendt" : "afvist")
                    : " · afventer Familieretshuset";
      else if (r.cohabitant != core::model::k_no_cohabitant && !r.cohabitant_advised_on)
        line += " · " + r.cohabitant + " ikke vejledt om klageadgang";
      if (big_button(line.c_str()) && may_move) out.push_back(WorkflowCommand{OpenRecommendation{r.id}});
      MAGTREG_HOOK_ITEM("recommendation." + r.id);
      ImGui::PopID();
    }
    if (may_move) {
      if (big_button("Ny indstilling til Familieretshuset")) out.push_back(WorkflowCommand{NewRecommendation{c.id}});
      MAGTREG_HOOK_ITEM("recommendation.new");
    }
  }

  heading("Frister (" + std::to_string(o.deadlines.size()) + ")");
  if (o.deadlines.empty()) ImGui::TextColored(k_muted, "Ingen frister.");
  for (const auto& d : o.deadlines) {
    ImGui::PushStyleColor(ImGuiCol_Text, d.overdue ? k_red : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::Bullet();
    ImGui::TextWrapped("%s", d.text.c_str());
    ImGui::PopStyleColor();
  }

  heading("Åbne sager (" + std::to_string(model.open_cases.size()) + ")");
  for (const auto& k : model.open_cases) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s – oprettet %s", k.title.c_str(), da_date(k.opened_at.substr(0, 10)).c_str());
  }

  std::size_t sent = o.acute.size() + o.other.size();
  for (const auto& g : o.approvals) sent += g.forms.size();
  MAGTREG_HOOK_FACT("drafts", std::to_string(o.drafts.size()));
  MAGTREG_HOOK_FACT("sent_forms", std::to_string(sent));
  MAGTREG_HOOK_FACT("approvals", std::to_string(o.approvals.size()));
  MAGTREG_HOOK_FACT("acute", std::to_string(o.acute.size()));
  MAGTREG_HOOK_FACT("deadlines", std::to_string(o.deadlines.size()));
  ImGui::End();
}

}  // namespace magtreg::shell
