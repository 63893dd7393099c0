#include "core/rules/form_check.hpp"

#include <algorithm>

#include "core/forms/catalogue.hpp"
#include "core/rules/legal_basis.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "core/util/json_read.hpp"
#include "core/util/json_util.hpp"

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

// A line's intervention start: its date, at its time of day when the table has one.
std::optional<time::LocalDateTime> line_start(const nlohmann::json& row, const forms::PeriodSpec& period) {
  auto when = day(json_read::text(row, period.date_column.c_str()));
  if (!when) return std::nullopt;
  if (!period.time_column.empty())
    if (auto t = local_time(time::format_iso(*when) + "T" + json_read::text(row, period.time_column.c_str()))) return t;
  return time::start_of_day(*when);
}

}  // namespace

std::vector<std::string_view> decision_recipients(const model::Citizen& citizen) {
  if (model::guardian_of(citizen) != nullptr) return {"borger", "værge", "leder", "sagsbehandler"};
  return {"borger", "leder", "sagsbehandler"};
}

const std::string* decision_first_told(const model::Decision& d, std::string_view who) {
  const std::string* first = nullptr;
  for (const auto& n : d.notifications)
    if (n.recipient == who && (first == nullptr || n.at < *first)) first = &n.at;
  return first;
}

std::vector<std::string_view> decision_recipients_missing(const model::Decision& d, const model::Citizen& citizen) {
  std::vector<std::string_view> out;
  for (auto who : decision_recipients(citizen))
    if (decision_first_told(d, who) == nullptr) out.push_back(who);
  return out;
}

std::string decision_recipients_missing_text(const model::Decision& d, const model::Citizen& citizen) {
  const auto missing = decision_recipients_missing(d, citizen);
  std::string out;
  for (std::size_t i = 0; i < missing.size(); ++i)
    out += (i == 0 ? "" : i + 1 == missing.size() ? " og " : ", ") + std::string(missing[i]);
  return out;
}

std::optional<time::Date> decision_notified_on(const model::Decision& d, const model::Citizen& citizen) {
  std::optional<time::Date> last;
  for (auto who : decision_recipients(citizen)) {
    const std::string* at = decision_first_told(d, who);
    if (at == nullptr) return std::nullopt;
    auto instant = time::parse_utc(*at);
    if (!instant) return std::nullopt;
    const time::Date local = time::to_local(*instant).date;
    if (!last || *last < local) last = local;
  }
  return last;
}

ApprovalInput approval_input(const model::Decision& d, const model::Citizen& citizen) {
  return ApprovalInput{d.id, d.basis, d.status, day(d.valid_from), day(d.valid_to), decision_notified_on(d, citizen)};
}

std::optional<RegistrationInput> registration_input_for(const model::FormInstance& form,
                                                        std::optional<time::LocalDateTime> registered_at,
                                                        const std::optional<std::string>& case_decision_id) {
  const auto started = local_time(text_of(form.started_at, form.content, "started_at"));
  if (!started) return std::nullopt;
  RegistrationInput r;
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
  return r;
}

const model::Decision* decision_of_form(const model::FormInstance& form, const std::vector<model::Decision>& decisions) {
  const auto named = text_of(std::nullopt, form.content, "approval_id");
  const model::Decision* on_case = nullptr;
  for (const auto& d : decisions) {
    if (d.sync.deleted) continue;
    if (named && d.id == *named) return &d;
    if (!named && on_case == nullptr && !form.case_id.empty() && d.case_id == form.case_id) on_case = &d;
  }
  return on_case;
}

std::optional<time::LocalDateTime> registration_due(const model::FormInstance& form,
                                                    const std::vector<model::Decision>& decisions,
                                                    const forms::Catalogue& catalogue) {
  const forms::FormMeta* meta = catalogue.find_form(form.form_id, form.form_version);
  if (meta == nullptr) return std::nullopt;
  const model::Decision* decision = decision_of_form(form, decisions);
  const auto r = registration_input_for(form, std::nullopt, decision ? std::optional(decision->id) : std::nullopt);
  if (!r) return std::nullopt;
  // Only the period counts for the deadline: the decision as the engine reads it, without its notifications.
  std::optional<ApprovalInput> approval;
  if (decision && r->approval_id == decision->id)
    approval = ApprovalInput{decision->id, decision->basis, decision->status, day(decision->valid_from),
                             day(decision->valid_to), std::nullopt};
  return registration_due(*meta, *r, approval ? &*approval : nullptr);
}

std::optional<CheckInput> check_input_for(const model::FormInstance& form, const model::Citizen& citizen,
                                          const std::vector<model::FormInstance>& other_forms,
                                          const std::vector<model::Decision>& decisions,
                                          std::optional<time::LocalDateTime> registered_at,
                                          const std::optional<std::string>& case_decision_id) {
  auto registration = registration_input_for(form, registered_at, case_decision_id);
  if (!registration) return std::nullopt;
  CheckInput in;
  in.target_group = target_group_from_string(citizen.target_group).value_or(TargetGroup::Handicap);
  in.registration = std::move(*registration);
  auto& r = in.registration;

  for (const auto& other : other_forms) {
    if (other.id == form.id || other.sync.deleted) continue;
    // An annex counts once it is Udfyldt: a Skema 1 on § 136 c leaves Kladde after its Bilag (issue 14 item 15).
    if (other.parent_id == form.id && other.state != model::FormState::Draft) r.attachments.push_back(other.form_id);
    // Registrations only: a draft is not a use until it is registered (issue #14 item 6); an annex (the Bilag
    // til § 136 c) is its registration's intervention, not one of its own (issue 14 item 15).
    if (other.state == model::FormState::Draft) continue;
    const auto* meta = forms::Catalogue::current().find_form(other.form_id, other.form_version);
    if (meta != nullptr && meta->kind == forms::FormKind::Attachment) continue;
    const auto when = local_time(text_of(other.started_at, other.content, "started_at"));
    const auto basis = text_of(other.legal_basis, other.content, "basis");
    if (!when || !basis) continue;
    in.history.push_back(HistoryEntry{*basis, *when, text_of(std::nullopt, other.content, "approval_id")});
  }
  for (const auto& d : decisions) {
    if (d.sync.deleted) continue;
    in.approvals.push_back(approval_input(d, citizen));
  }
  return in;
}

CheckResult check_daily_lines(const CheckInput& form_input, const nlohmann::json& content,
                              const forms::PeriodSpec& period) {
  struct Line {
    std::size_t number;  // 1-based, as the form shows it
    CheckResult result;
  };
  std::vector<Line> lines;
  const nlohmann::json& rows = json_read::member(content, period.lines_field.c_str());
  if (rows.is_array()) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const nlohmann::json& row = rows[i];
      auto begun = line_start(row, period);
      if (!begun) continue;  // an unfinished line: the form validator names what is missing
      const time::LocalDateTime start = *begun;
      CheckInput in = form_input;
      auto& r = in.registration;
      r.started_at = start;
      r.ended_at.reset();
      if (!period.duration_column.empty()) {
        const nlohmann::json& minutes = json_read::member(row, period.duration_column.c_str());
        if (minutes.is_number_integer() && minutes.get<long long>() >= 0)
          r.ended_at = time::from_wall_minutes(time::wall_minutes(start) + minutes.get<long long>());
      }
      // A line appended after the form was registered: when it was registered is not recorded.
      if (r.registered_at && time::surely_before(*r.registered_at, start)) r.registered_at.reset();
      lines.push_back({i + 1, check_registration(in)});
    }
  }
  if (lines.empty()) return check_registration(form_input);

  CheckResult out = lines.front().result;
  out.findings.clear();
  auto on_every_line = [&](const Finding& f) {
    return std::all_of(lines.begin(), lines.end(), [&](const Line& l) {
      return std::find(l.result.findings.begin(), l.result.findings.end(), f) != l.result.findings.end();
    });
  };
  const std::size_t many = lines.size();
  for (const auto& line : lines) {
    if (line.result.registration_due && (!out.registration_due || *line.result.registration_due < *out.registration_due))
      out.registration_due = line.result.registration_due;
    for (const auto& f : line.result.findings) {
      if (many > 1 && on_every_line(f)) {
        if (line.number == lines.front().number) out.findings.push_back(f);
        continue;
      }
      const auto& row = rows[line.number - 1];
      const bool timed = !period.time_column.empty() && !json_read::text(row, period.time_column.c_str()).empty();
      const auto start = *line_start(row, period);
      const std::string when = timed ? format_danish(start) : format_danish(start.date);
      out.findings.push_back(Finding{f.code, "Linje " + std::to_string(line.number) + " (" + when + "): " + f.message});
    }
  }
  // In FindingCode declaration order, as a single registration's findings are; lines in their order.
  std::stable_sort(out.findings.begin(), out.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.code < b.code; });
  return out;
}

std::optional<std::string> first_line_start(const nlohmann::json& content, const forms::PeriodSpec& period) {
  const nlohmann::json& rows = json_read::member(content, period.lines_field.c_str());
  if (!rows.is_array()) return std::nullopt;
  std::optional<time::LocalDateTime> first;
  for (const auto& row : rows)
    if (auto start = line_start(row, period); start && (!first || *start < *first)) first = start;
  if (!first) return std::nullopt;
  return time::format_iso(*first);
}

// [SECTION] an annex and its registration
const forms::FormMeta* required_attachment_of(const forms::Catalogue& catalogue, const model::FormInstance& form) {
  const forms::FormMeta* meta = catalogue.find_form(form.form_id, form.form_version);
  const auto started = local_time(text_of(form.started_at, form.content, "started_at"));
  if (meta == nullptr || !started) return nullptr;
  return required_attachment(catalogue, *meta, text_of(form.legal_basis, form.content, "basis").value_or(""),
                             time::format_iso(started->date));
}

Status check_attachment_parent(const forms::Catalogue& catalogue, const forms::FormMeta& annex,
                               std::string_view annex_form_id, const model::FormInstance* parent,
                               const std::vector<model::FormInstance>& citizen_forms, bool is_new) {
  if (parent == nullptr)
    return invalid_input(annex.short_title + " oprettes fra det registreringsskema, det hører til.", "parent_id");
  if (parent->sync.deleted)
    return invalid_input("Registreringsskemaet, som " + annex.short_title + " hører til, er slettet.", "parent_id");
  const forms::FormMeta* meta = catalogue.find_form(parent->form_id, parent->form_version);
  const forms::FormMeta* wanted = required_attachment_of(catalogue, *parent);
  if (wanted == nullptr || wanted->id != annex.id) {
    const std::string basis = text_of(parent->legal_basis, parent->content, "basis").value_or("");
    const auto paragraph = [](const std::string& id) {
      const LegalBasis* b = find_legal_basis(id);
      return b != nullptr ? basis_short_label(*b) : id;
    };
    std::string covered;
    for (const auto& b : annex.bases) covered += (covered.empty() ? "" : ", ") + paragraph(b);
    return invalid_input(annex.short_title + " hører til et registreringsskema fra " + annex.set +
                             "-skemaerne om " + covered + " med en dato for indgrebet; " +
                             (meta != nullptr ? meta->short_title : parent->form_id) +
                             (basis.empty() ? " har ingen hjemmel endnu." : " er om " + paragraph(basis) + "."),
                         "parent_id");
  }
  if (is_new)
    for (const auto& f : citizen_forms)
      if (!f.sync.deleted && f.id != annex_form_id && f.form_id == annex.id && f.parent_id == parent->id)
        return invalid_input(meta->short_title + " har allerede et " + annex.short_title + ". Åbn det i stedet.",
                             "parent_id");
  return {};
}

}  // namespace magtreg::core::rules
