// The citizen overview's grouping and deadlines.
#include "core/client/overview.hpp"

#include <algorithm>
#include <set>

#include "core/forms/catalogue.hpp"
#include "core/forms/date_text.hpp"
#include "core/records/rule_input.hpp"
#include "core/rules/form_check.hpp"
#include "core/rules/legal_basis.hpp"
#include "core/time/deadlines.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"

namespace magtreg::core::client {
namespace {

std::optional<time::Date> day_of(const std::optional<std::string>& text) {
  if (!text || text->size() < 10) return std::nullopt;
  auto d = time::parse_date(text->substr(0, 10));
  if (!d) return std::nullopt;
  return *d;
}

std::optional<std::string> started(const model::FormInstance& f) {
  if (f.started_at) return f.started_at;
  auto it = f.content.find("started_at");
  if (it != f.content.end() && it->is_string() && forms::is_datetime_text(it->get<std::string>()))
    return it->get<std::string>();
  return std::nullopt;
}

std::string content_text(const model::FormInstance& f, const char* key) {
  auto it = f.content.find(key);
  return it != f.content.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const forms::FormMeta* meta_of(const model::FormInstance& f) {
  return forms::Catalogue::current().find_form(f.form_id, f.form_version);
}

}  // namespace

std::optional<AnnexOf> annex_of(const model::FormInstance& form, const std::vector<model::FormInstance>& citizen_forms) {
  if (form.sync.deleted) return std::nullopt;
  AnnexOf out;
  out.annex = rules::required_attachment_of(forms::Catalogue::current(), form);
  if (out.annex == nullptr) return std::nullopt;
  for (const auto& f : citizen_forms)
    if (!f.sync.deleted && f.parent_id == form.id && f.form_id == out.annex->id) out.existing = &f;
  return out;
}

std::string decision_summary(const model::Decision& d) {
  const auto* basis = rules::find_legal_basis(d.basis);
  std::string out = basis ? rules::basis_label(*basis) : d.basis;
  auto from = day_of(d.valid_from), to = day_of(d.valid_to);
  if (from && to) out += " · " + time::format_danish(*from) + " – " + time::format_danish(*to);
  out += " · " + std::string(model::decision_status_label(d.status));
  return out;
}

CitizenOverview citizen_overview(const std::vector<model::FormInstance>& forms,
                                 const std::vector<model::Decision>& decisions, const model::Citizen& citizen,
                                 const time::LocalDateTime& now) {
  CitizenOverview out;
  const std::size_t none = decisions.size();
  std::vector<std::size_t> under(forms.size(), none);  // the decision a form is under, or none

  // Direct ties first: the decision's case, or the decision named in the content.
  for (std::size_t i = 0; i < forms.size(); ++i) {
    const auto& f = forms[i];
    const std::string named = content_text(f, "approval_id");
    for (std::size_t d = 0; d < decisions.size(); ++d)
      if (decisions[d].case_id == f.case_id || (!named.empty() && named == decisions[d].id)) under[i] = d;
  }
  // A registration on a decision's basis, on a day of its granted period.
  for (std::size_t i = 0; i < forms.size(); ++i) {
    if (under[i] != none || !forms[i].legal_basis) continue;
    const auto* meta = meta_of(forms[i]);
    if (!meta || (meta->kind != forms::FormKind::Registration && meta->kind != forms::FormKind::PreApproved &&
                  meta->kind != forms::FormKind::DailyLines))
      continue;
    auto day = day_of(started(forms[i]));
    if (meta->kind == forms::FormKind::DailyLines) day = day_of(content_text(forms[i], "period_start"));
    if (!day) continue;
    for (std::size_t d = 0; d < decisions.size(); ++d)
      if (rules::approval_problem(rules::approval_input(decisions[d], citizen), *forms[i].legal_basis, *day) ==
          rules::ApprovalProblem::None)
        under[i] = d;
  }
  // Attached forms follow their parent (a Bilag 1 under its Skema 1 a), however deep.
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < forms.size(); ++i) {
      if (under[i] != none || !forms[i].parent_id) continue;
      for (std::size_t p = 0; p < forms.size(); ++p)
        if (forms[p].id == *forms[i].parent_id && under[p] != none) {
          under[i] = under[p];
          changed = true;
        }
    }
  }

  // Groups, forms oldest first within each.
  std::vector<std::size_t> order(forms.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return forms[a].created_at < forms[b].created_at; });
  std::vector<ApprovalGroup> groups(decisions.size());
  for (std::size_t d = 0; d < decisions.size(); ++d) {
    groups[d].decision = d;
    groups[d].in_force = decision_in_force_on(decisions[d], citizen, now.date);
  }
  std::set<std::string> has_bilag1;
  for (const auto& f : forms)
    if (f.parent_id && f.form_id == "2020-bilag1") has_bilag1.insert(*f.parent_id);
  const auto* bilag1 = forms::Catalogue::current().find_form("2020-bilag1");
  for (std::size_t i : order) {
    const auto& f = forms[i];
    const auto* meta = meta_of(f);
    if (under[i] != none) groups[under[i]].forms.push_back(i);
    else if (f.state == model::FormState::Draft) out.drafts.push_back(i);
    else if (meta && (meta->kind == forms::FormKind::Registration || meta->kind == forms::FormKind::Attachment))
      out.acute.push_back(i);
    else out.other.push_back(i);
    // The period's first registration in the 2020 set on a pre-approvable basis gets its Bilag 1.
    if ((f.form_id == "2020-1a" || f.form_id == "2020-1b") && f.legal_basis && bilag1 &&
        bilag1->covers_basis(*f.legal_basis) && !has_bilag1.count(f.id) && !f.sync.deleted)
      out.bilag1_parents.push_back(i);
    if (auto annex = annex_of(f, forms); annex && annex->existing == nullptr) out.annexes_missing.emplace_back(i, annex->annex);
  }
  for (auto& g : groups) out.approvals.push_back(std::move(g));
  std::stable_sort(out.approvals.begin(), out.approvals.end(), [&](const ApprovalGroup& a, const ApprovalGroup& b) {
    if (a.in_force != b.in_force) return a.in_force;
    return decisions[a.decision].valid_from.value_or("") > decisions[b.decision].valid_from.value_or("");
  });

  // [SECTION] deadlines
  for (const auto& f : forms) {
    const auto* meta = meta_of(f);
    const std::string title = meta ? meta->short_title : f.form_id;
    if (meta && meta->kind == forms::FormKind::DailyLines && f.state != model::FormState::Locked) {
      if (auto start = day_of(content_text(f, "period_start"))) {
        auto last = time::bilag1_period_last_day(*start);
        time::LocalDateTime due{last, 23, 59};
        out.deadlines.push_back({due, title + ": perioden slutter " + time::format_danish(last) + " – afslut og lås",
                                 f.id, due < now});
      }
    } else if (f.state == model::FormState::Draft && meta &&
               (meta->kind == forms::FormKind::Registration || meta->kind == forms::FormKind::PreApproved)) {
      if (auto due_at = rules::registration_due(f, decisions, forms::Catalogue::current())) {
        const auto due = *due_at;
        auto dl = time::evaluate_deadline(due, now);
        out.deadlines.push_back({due, title + " (kladde): registreres senest " + time::format_danish(due) + " – " +
                                          time::countdown_text(dl),
                                 f.id, dl.status == time::DeadlineStatus::Overdue});
      }
    }
  }
  for (const auto& d : decisions) {
    auto to = day_of(d.valid_to);
    if (!to || !decision_in_force_on(d, citizen, now.date)) continue;
    time::LocalDateTime due{*to, 23, 59};
    out.deadlines.push_back({due, "Forhåndsgodkendelsen (" + decision_summary(d) + ") udløber " + time::format_danish(*to),
                             "", false});
  }
  std::stable_sort(out.deadlines.begin(), out.deadlines.end(),
                   [](const OverviewDeadline& a, const OverviewDeadline& b) { return a.due < b.due; });
  return out;
}

std::string registration_times_text(const std::optional<std::string>& registered_at,
                                    const std::optional<std::string>& received_at) {
  // Below this, the two are the same moment (a form filled online, or a tablet clock a little off).
  constexpr time::UtcSeconds k_same_moment = 5 * 60;
  const auto at = registered_at ? time::parse_utc(*registered_at) : std::nullopt;
  if (!at) return {};
  std::string out = "Registreret " + time::format_danish(time::to_local(*at));
  const auto received = received_at ? time::parse_utc(*received_at) : std::nullopt;
  if (received && *received - *at > k_same_moment)
    out += " på tabletten · modtaget af serveren " + time::format_danish(time::to_local(*received));
  return out;
}

bool decision_in_force_on(const model::Decision& d, const model::Citizen& citizen, const time::Date& day) {
  return rules::approval_problem(rules::approval_input(d, citizen), std::nullopt, day) == rules::ApprovalProblem::None;
}

std::string decision_notice_gap(const model::Decision& d, const model::Citizen& citizen) {
  if (d.status == model::DecisionStatus::Pending) return {};
  const std::string who = rules::decision_recipients_missing_text(d, citizen);
  return who.empty() ? who : "ikke meddelt " + who;
}

}  // namespace magtreg::core::client
