#include "core/rules/form_check.hpp"

#include "core/time/format.hpp"
#include "core/util/json_read.hpp"

namespace magtreg::core::rules {
namespace {

// The record column when set, else the content member when it is a non-empty string.
std::optional<std::string> text_of(const std::optional<std::string>& column, const nlohmann::json& content,
                                   const char* key) {
  if (column && !column->empty()) return column;
  if (content.is_object()) {
    auto it = content.find(key);
    if (it != content.end() && it->is_string() && !it->get_ref<const std::string&>().empty())
      return it->get<std::string>();
  }
  return std::nullopt;
}

std::optional<time::LocalDateTime> local_time(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto t = time::parse_local_date_time(*text);
  if (!t) return std::nullopt;
  return *t;
}

std::optional<time::Date> day(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto d = time::parse_date(text->substr(0, 10));
  if (!d) return std::nullopt;
  return *d;
}

}  // namespace

std::optional<CheckInput> check_input_for(const model::FormInstance& form, const model::Citizen& citizen,
                                          const std::vector<model::FormInstance>& other_forms,
                                          const std::vector<model::Decision>& decisions,
                                          std::optional<time::LocalDateTime> registered_at,
                                          const std::optional<std::string>& case_decision_id) {
  const auto started = local_time(text_of(form.started_at, form.content, "started_at"));
  if (!started) return std::nullopt;
  CheckInput in;
  in.target_group = target_group_from_string(citizen.target_group).value_or(TargetGroup::Handicap);
  auto& r = in.registration;
  r.form = form.form_id;
  r.basis = text_of(form.legal_basis, form.content, "basis").value_or("");
  r.started_at = *started;
  r.ended_at = local_time(text_of(std::nullopt, form.content, "ended_at"));
  r.registered_at = registered_at;
  r.hygiene_situation = text_of(std::nullopt, form.content, "hygiene_situation");
  for (auto& h : json_read::texts(json_read::member(form.content, "hygiene_situations")))
    if (!h.empty()) r.hygiene_situations.push_back(std::move(h));
  r.approval_id = text_of(std::nullopt, form.content, "approval_id");
  if (!r.approval_id && case_decision_id && !case_decision_id->empty()) r.approval_id = case_decision_id;
  r.period_start = day(text_of(std::nullopt, form.content, "period_start"));
  r.period_end = day(text_of(std::nullopt, form.content, "decision_to"));

  for (const auto& other : other_forms) {
    // Registrations only: a draft is not a use until it is registered (issue #14 item 6).
    if (other.id == form.id || other.sync.deleted || other.state == "kladde") continue;
    const auto when = local_time(text_of(other.started_at, other.content, "started_at"));
    const auto basis = text_of(other.legal_basis, other.content, "basis");
    if (!when || !basis) continue;
    in.history.push_back(HistoryEntry{*basis, *when, text_of(std::nullopt, other.content, "approval_id")});
  }
  for (const auto& d : decisions) {
    if (d.sync.deleted) continue;
    in.approvals.push_back(ApprovalInput{d.id, d.basis, d.status, day(d.valid_from), day(d.valid_to)});
  }
  return in;
}

}  // namespace magtreg::core::rules
