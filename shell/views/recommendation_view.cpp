// The recommendation screen.
#include "shell/views/recommendation_view.hpp"

#include <imgui.h>

#include "core/forms/date_text.hpp"
#include "core/model/citizen.hpp"
#include "core/time/deadlines.hpp"
#include "core/time/format.hpp"
#include "shell/app.hpp"
#include "shell/test_hooks.hpp"
#include "shell/views/workflow_common.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {
namespace {
const ImVec4 k_muted(0.35f, 0.35f, 0.38f, 1.0f);
const ImVec4 k_red(0.75f, 0.08f, 0.08f, 1.0f);

// Radio buttons on one line where they fit; `value` becomes the chosen id.
void choice(const char* id, const std::vector<std::pair<std::string, std::string>>& options, std::string& value,
            bool editable) {
  ImGui::PushID(id);
  for (std::size_t i = 0; i < options.size(); ++i) {
    const auto& [key, label] = options[i];
    if (i > 0) same_line_if_fits(button_width(label.c_str()) + 40.0f);
    ImGui::BeginDisabled(!editable);
    if (radio(label.c_str(), value == key)) value = key;
    ImGui::EndDisabled();
    MAGTREG_HOOK_ITEM(std::string("recommendation.") + id + "=" + (key.empty() ? "none" : key));
  }
  ImGui::PopID();
}
}  // namespace

void RecommendationView::draw(float top, const PlatformState& platform, const AppModel& model, std::vector<Command>& out) {
  begin_screen("##recommendation", top);
  MAGTREG_HOOK_FACT("screen", "recommendation");
  const auto& v = model.recommendation;
  const core::model::Citizen* citizen = nullptr;
  if (v.recommendation)
    for (const auto& c : model.citizens)
      if (c.id == v.recommendation->citizen_id) citizen = &c;
  // Back to the citizen it is about; to "Opgaver" before it is loaded.
  if (big_button(citizen ? ("‹ " + citizen->name).c_str() : "‹ Opgaver"))
    out.push_back(citizen ? Command{Navigate{Screen::Citizen, citizen->id}} : Command{WorkflowCommand{OpenWork{}}});
  MAGTREG_HOOK_ITEM("recommendation.back");
  screen_title("Indstilling til Familieretshuset om flytning");
  status_lines(v.status);
  if (!m_local_error.empty()) wrapped_text(k_red, m_local_error);
  if (!v.recommendation) {
    ImGui::End();
    return;
  }
  const auto& r = *v.recommendation;
  const bool stored = r.sync.revision > 0;
  const std::string key = r.id + "/" + std::to_string(r.sync.revision);
  if (key != m_loaded) {
    m_loaded = key;
    m_basis = r.basis;
    m_subsection = r.subsection;
    m_status = r.status;
    m_decided_on = da_date(r.decided_on);
    m_lawyer = r.lawyer_appointed_on ? da_date(*r.lawyer_appointed_on) : std::string();
    m_guardian = r.guardian_requested_on ? da_date(*r.guardian_requested_on) : std::string();
    m_familieretshuset = r.familieretshuset_decided_on ? da_date(*r.familieretshuset_decided_on) : std::string();
    m_outcome = r.familieretshuset_outcome;
    m_no_cohabitant = r.cohabitant == core::model::k_no_cohabitant;
    m_cohabitant = m_no_cohabitant ? std::string() : r.cohabitant;
    m_advised = r.cohabitant_advised_on ? da_date(*r.cohabitant_advised_on) : std::string();
    m_local_error.clear();
  }
  MAGTREG_HOOK_FACT("recommendation_id", r.id);
  MAGTREG_HOOK_FACT("recommendation_status", stored ? r.status : "new");
  if (citizen) ImGui::TextWrapped("Borger: %s", citizen->name.c_str());
  const auto* guardian = citizen ? core::model::guardian_of(*citizen) : nullptr;
  ImGui::Separator();

  const bool sent = m_status == core::model::k_recommendation_sent;
  // [SECTION] what was decided, and when: fixed once registered
  section_title("Kommunens beslutning");
  choice("basis", {{"129", "§ 129"}, {"129a", "§ 129 a"}}, m_basis, !stored);
  if (m_basis == "129") {
    choice("subsection", {{"stk1", "stk. 1 (advokat beskikkes)"}, {"stk2", "stk. 2 (intern flytning)"}}, m_subsection,
           !stored);
  }
  field_error(v.status, "subsection");
  choice("status", {{std::string(core::model::k_recommendation_sent), "Indstillet til Familieretshuset"},
                    {std::string(core::model::k_recommendation_refused), "Afslag på at indstille"}},
         m_status, !stored);
  field_error(v.status, "status");
  ImGui::BeginDisabled(stored);
  field_label(sent ? "Sendt til Familieretshuset den" : "Afslået den", 340, 170);
  text_field("##decided", &m_decided_on, 170);
  MAGTREG_HOOK_ITEM("recommendation.decided_on");
  ImGui::EndDisabled();
  field_error(v.status, "decided_on");

  if (sent) {
    // [SECTION] the sending: lawyer and guardian by that day, then Familieretshuset's decision
    if (m_basis == "129" && m_subsection == "stk1") {
      ImGui::BeginDisabled(stored && r.lawyer_appointed_on.has_value());
      field_label("Advokat beskikket den", 340, 170);
      text_field("##lawyer", &m_lawyer, 170);
      MAGTREG_HOOK_ITEM("recommendation.lawyer");
      ImGui::EndDisabled();
      field_error(v.status, "lawyer_appointed_on");
    }
    if (guardian) {
      wrapped_text(k_muted, "Borgeren har værge: " + guardian->name + ".");
    } else {
      ImGui::BeginDisabled(stored && r.guardian_requested_on.has_value());
      field_label("Familieretshuset anmodet om værge den", 340, 170);
      text_field("##guardian", &m_guardian, 170);
      MAGTREG_HOOK_ITEM("recommendation.guardian");
      ImGui::EndDisabled();
      hint_after(k_muted, "senest når indstillingen sendes");
      field_error(v.status, "guardian_requested_on");
    }
    if (stored) {
      section_title("Familieretshusets afgørelse");
      if (!r.familieretshuset_decided_on)
        if (const auto d = core::time::parse_date(r.decided_on))
          wrapped_text(k_muted, "Familieretshuset træffer afgørelse inden for 2 uger: senest " +
                                    core::time::format_danish(core::time::familieretshuset_decision_due(*d)) + ".");
      const bool decided = r.familieretshuset_decided_on.has_value();
      ImGui::BeginDisabled(decided);
      field_label("Afgørelse truffet den", 340, 170);
      text_field("##familieretshuset", &m_familieretshuset, 170);
      MAGTREG_HOOK_ITEM("recommendation.familieretshuset");
      ImGui::EndDisabled();
      choice("outcome", {{"granted", "Flytning godkendt"}, {"refused", "Flytning afvist"}}, m_outcome, !decided);
      field_error(v.status, "familieretshuset_decided_on");
      field_error(v.status, "familieretshuset_outcome");
    }
  } else {
    // [SECTION] a refusal: the spouse or close person sharing the home may complain to Familieretshuset
    section_title("Ægtefællens klageadgang");
    wrapped_text(k_muted, "En ægtefælle eller anden nærtstående, der deler bolig med borgeren, kan klage til "
                          "Familieretshuset over afslaget og skal vejledes om det.");
    const bool named = stored && !r.cohabitant.empty();
    ImGui::BeginDisabled(named);
    checkbox("Ingen deler bolig med borgeren", &m_no_cohabitant);
    MAGTREG_HOOK_ITEM("recommendation.no_cohabitant");
    if (!m_no_cohabitant) {
      field_label("Deler bolig med borgeren (navn og relation)", 340, 300);
      text_field("##cohabitant", &m_cohabitant, 300);
      MAGTREG_HOOK_ITEM("recommendation.cohabitant");
    }
    ImGui::EndDisabled();
    field_error(v.status, "cohabitant");
    if (stored && !m_no_cohabitant) {
      ImGui::BeginDisabled(r.cohabitant_advised_on.has_value());
      field_label("Vejledt om klageadgang den", 340, 170);
      text_field("##advised", &m_advised, 170);
      MAGTREG_HOOK_ITEM("recommendation.advised");
      ImGui::EndDisabled();
      field_error(v.status, "cohabitant_advised_on");
    }
  }
  field_error(v.status, "citizen_id");
  field_error(v.status, "author");

  // [SECTION] saving: every typed day must be a day
  auto submit = [&]() {
    core::model::MoveRecommendation next = r;
    m_local_error.clear();
    const auto read = [&](const std::string& typed, const char* what, std::optional<std::string>& to) {
      if (typed.empty()) return true;
      const std::string iso = core::forms::parse_danish_date(typed);
      if (iso.empty()) {
        m_local_error = std::string("Skriv ") + what + " som dd.mm.åååå.";
        return false;
      }
      to = iso;
      return true;
    };
    next.basis = m_basis;
    next.subsection = m_basis == "129" ? m_subsection : std::string();
    next.status = m_status;
    std::optional<std::string> decided;
    if (!read(m_decided_on, "dagen", decided)) return;
    next.decided_on = decided.value_or("");
    const bool is_sent = next.status == core::model::k_recommendation_sent;
    next.lawyer_appointed_on.reset();
    next.guardian_requested_on.reset();
    next.familieretshuset_decided_on.reset();
    next.cohabitant_advised_on.reset();
    next.familieretshuset_outcome.clear();
    next.cohabitant.clear();
    if (is_sent) {
      if (next.basis == "129" && next.subsection == "stk1" && !read(m_lawyer, "dagen for advokatens beskikkelse", next.lawyer_appointed_on))
        return;
      if (!guardian && !read(m_guardian, "dagen for anmodningen om værge", next.guardian_requested_on)) return;
      if (!read(m_familieretshuset, "dagen for Familieretshusets afgørelse", next.familieretshuset_decided_on)) return;
      next.familieretshuset_outcome = m_outcome;
    } else {
      next.cohabitant = m_no_cohabitant ? std::string(core::model::k_no_cohabitant) : m_cohabitant;
      if (!m_no_cohabitant && !read(m_advised, "dagen for vejledningen", next.cohabitant_advised_on)) return;
    }
    out.push_back(WorkflowCommand{SaveRecommendation{next}});
  };
  ImGui::Spacing();
  ImGui::BeginDisabled(v.status.busy);
  if (big_button(stored ? "Gem" : "Registrér")) submit();
  MAGTREG_HOOK_ITEM("recommendation.save");
  ImGui::EndDisabled();
  (void)platform;
  ImGui::End();
}

}  // namespace magtreg::shell
