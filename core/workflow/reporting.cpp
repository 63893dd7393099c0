// Monthly report rules (DOMAIN.md "Reporting").
#include "core/workflow/reporting.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "core/forms/catalogue.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "core/util/json_util.hpp"

namespace magtreg::core::workflow {
namespace {

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const forms::FormMeta* meta_of(const model::FormInstance& f, const forms::Catalogue& catalogue) {
  return catalogue.find_form(f.form_id, f.form_version);
}

const model::Citizen* find_citizen(const std::vector<model::Citizen>& citizens, const std::string& id) {
  for (const auto& c : citizens)
    if (c.id == id) return &c;
  return nullptr;
}

Error final_error(std::string message, std::string field) {
  return Error::make(ErrorCode::RecordFinal, std::move(message), std::move(field));
}

std::string recipient_key(const model::ReportRecipient& r) { return r.kind + "\x1f" + r.name; }

}  // namespace

Result<Month> parse_month(std::string_view text, std::string_view field) {
  const std::string f(field);
  if (text.size() != 7 || text[4] != '-' || !is_digits(text.substr(0, 4)) || !is_digits(text.substr(5, 2)))
    return invalid_input("Måneden skal skrives ÅÅÅÅ-MM, fx 2025-03.", f);
  Month m{std::stoi(std::string(text.substr(0, 4))), std::stoi(std::string(text.substr(5, 2)))};
  if (m.month < 1 || m.month > 12) return invalid_input("Måneden skal ligge mellem 01 og 12.", f);
  if (m.year < 2000 || m.year > 2999) return invalid_input("Året skal ligge mellem 2000 og 2999.", f);
  return m;
}

std::string month_label(std::string_view text) {
  auto m = parse_month(text);
  if (!m) return std::string(text);
  return time::format_danish_month(m->year, m->month);
}

std::string format_month(const Month& m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", m.year, m.month);
  return buf;
}

Month previous_month(const Month& m) { return m.month == 1 ? Month{m.year - 1, 12} : Month{m.year, m.month - 1}; }

bool reported_monthly(const model::FormInstance& form, const forms::Catalogue& catalogue) {
  const forms::FormMeta* meta = meta_of(form, catalogue);
  if (meta == nullptr) return true;
  return meta->kind == forms::FormKind::Registration || meta->kind == forms::FormKind::PreApproved ||
         meta->kind == forms::FormKind::DailyLines || meta->kind == forms::FormKind::Attachment;
}

bool reported_quarterly(const model::FormInstance& form, const forms::Catalogue& catalogue) {
  const forms::FormMeta* meta = meta_of(form, catalogue);
  return meta != nullptr && meta->kind == forms::FormKind::Move;
}

std::optional<Month> locked_month(const model::FormInstance& form) {
  if (form.state != model::FormState::Locked || !form.locked_at) return std::nullopt;
  auto utc = time::parse_utc(*form.locked_at);
  if (!utc) return std::nullopt;
  const time::LocalDateTime local = time::to_local(*utc);
  return Month{local.date.year, local.date.month};
}

void sort_official(std::vector<model::FormInstance>& forms, const forms::Catalogue& catalogue) {
  auto rank = [&](const model::FormInstance& f) {
    const auto& all = catalogue.forms();
    for (std::size_t i = 0; i < all.size(); ++i)
      if (all[i].id == f.form_id) return i;
    return all.size();
  };
  std::stable_sort(forms.begin(), forms.end(), [&](const model::FormInstance& a, const model::FormInstance& b) {
    const auto ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb;
    const std::string sa = a.started_at.value_or(a.created_at), sb = b.started_at.value_or(b.created_at);
    if (sa != sb) return sa < sb;
    return a.id < b.id;
  });
}

namespace {
// The locked forms of `institution_id` that `kind_fits` takes, locked in `up_to` or earlier and in no batch
// (batches with id `except_batch_id` do not count), in official order: what a monthly or a quarterly
// report must hold.
template <class KindFits>
std::vector<model::FormInstance> unreported_locked(const std::string& institution_id, const Month& up_to,
                                                   const std::vector<model::FormInstance>& forms,
                                                   const std::vector<model::ReportBatch>& batches,
                                                   const forms::Catalogue& catalogue, std::string_view except_batch_id,
                                                   KindFits kind_fits) {
  std::set<std::string> reported;
  for (const auto& b : batches) {
    if (b.sync.deleted || b.id == except_batch_id) continue;
    reported.insert(b.form_ids.begin(), b.form_ids.end());
  }
  std::vector<model::FormInstance> out;
  for (const auto& f : forms) {
    if (f.sync.deleted || f.institution_id != institution_id || !kind_fits(f)) continue;
    const auto locked = locked_month(f);
    if (!locked || *locked > up_to || reported.count(f.id) != 0) continue;
    out.push_back(f);
  }
  sort_official(out, catalogue);
  return out;
}
}  // namespace

std::vector<model::FormInstance> forms_for_monthly_report(const std::string& institution_id, const Month& month,
                                                          const std::vector<model::FormInstance>& forms,
                                                          const std::vector<model::ReportBatch>& batches,
                                                          const forms::Catalogue& catalogue,
                                                          std::string_view except_batch_id) {
  return unreported_locked(institution_id, month, forms, batches, catalogue, except_batch_id,
                           [&](const model::FormInstance& f) { return reported_monthly(f, catalogue); });
}

bool is_quarter_end(const Month& m) { return m.month >= 1 && m.month <= 12 && m.month % 3 == 0; }

Month quarter_end_of(const Month& m) { return {m.year, ((m.month - 1) / 3 + 1) * 3}; }

Month last_complete_quarter(const Month& current) {
  return current.month <= 3 ? Month{current.year - 1, 12} : quarter_end_of({current.year, current.month - 3});
}

std::string format_quarter(const Month& m) {
  return std::to_string((m.month - 1) / 3 + 1) + ". kvartal " + std::to_string(m.year);
}

bool is_move_report(const model::ReportBatch& batch, const std::vector<model::FormInstance>& forms,
                    const forms::Catalogue& catalogue) {
  if (batch.form_ids.empty()) return false;
  auto it = std::find_if(forms.begin(), forms.end(),
                         [&](const model::FormInstance& f) { return f.id == batch.form_ids.front(); });
  return it != forms.end() && reported_quarterly(*it, catalogue);
}

std::vector<model::FormInstance> forms_for_move_report(const std::string& institution_id, const Month& quarter_end,
                                                       const std::vector<model::FormInstance>& forms,
                                                       const std::vector<model::ReportBatch>& batches,
                                                       const forms::Catalogue& catalogue,
                                                       std::string_view except_batch_id) {
  return unreported_locked(institution_id, quarter_end, forms, batches, catalogue, except_batch_id,
                           [&](const model::FormInstance& f) { return reported_quarterly(f, catalogue); });
}

std::vector<RecipientShare> move_report_recipients(const ReportingUnit& unit,
                                                   const std::vector<model::FormInstance>& forms) {
  if (forms.empty()) return {};
  RecipientShare tilsyn{{"socialtilsyn", unit.municipality.socialtilsyn.empty() ? std::string("Socialtilsynet")
                                                                               : unit.municipality.socialtilsyn,
                         std::nullopt},
                        {}};
  for (const auto& f : forms) tilsyn.form_ids.push_back(f.id);
  return {tilsyn};
}

std::vector<RecipientShare> report_recipients(const ReportingUnit& unit, const std::vector<model::FormInstance>& forms,
                                              const std::vector<model::Citizen>& citizens) {
  const auto& inst = unit.institution;
  const auto& mun = unit.municipality;
  std::vector<RecipientShare> acting, guardians;
  auto share_for = [](std::vector<RecipientShare>& list, const char* kind, const std::string& name) -> RecipientShare& {
    for (auto& s : list)
      if (s.recipient.name == name) return s;
    list.push_back({{kind, name, std::nullopt}, {}});
    return list.back();
  };
  RecipientShare tilsyn{{"socialtilsyn", mun.socialtilsyn.empty() ? "Socialtilsynet" : mun.socialtilsyn, std::nullopt},
                        {}};
  std::optional<RecipientShare> operator_share;
  if (inst.operator_kind == "municipal") {
    std::string name = mun.name;
    if (!inst.operating_department.empty()) name += ", " + inst.operating_department;
    operator_share = RecipientShare{{"driftsherre", name, std::nullopt}, {}};
  } else if (inst.operator_kind == "regional") {
    operator_share = RecipientShare{{"driftsherre", mun.region.empty() ? "Regionen" : mun.region, std::nullopt}, {}};
  }
  RecipientShare region{{"region", mun.region.empty() ? "Regionen" : mun.region, std::nullopt}, {}};

  for (const auto& f : forms) {
    const model::Citizen* c = find_citizen(citizens, f.citizen_id);
    const std::string acting_name = c != nullptr && !c->acting_municipality.empty() ? c->acting_municipality : mun.name;
    share_for(acting, "handlekommune", acting_name).form_ids.push_back(f.id);
    tilsyn.form_ids.push_back(f.id);
    if (operator_share) operator_share->form_ids.push_back(f.id);
    if (c != nullptr) {
      if (const model::Relative* g = model::guardian_of(*c)) share_for(guardians, "vaerge", g->name).form_ids.push_back(f.id);
      if (c->target_group == "boern") region.form_ids.push_back(f.id);
    }
  }
  std::vector<RecipientShare> out = std::move(acting);
  if (!forms.empty()) out.push_back(std::move(tilsyn));
  if (operator_share && !operator_share->form_ids.empty()) out.push_back(std::move(*operator_share));
  for (auto& g : guardians) out.push_back(std::move(g));
  if (!region.form_ids.empty()) out.push_back(std::move(region));
  return out;
}

Status check_report_batch(const model::ReportBatch& batch, const std::optional<model::ReportBatch>& stored,
                          const ReportingUnit& unit, const std::vector<model::FormInstance>& forms,
                          const std::vector<model::ReportBatch>& batches, const std::vector<model::Citizen>& citizens,
                          const Month& today_month, const forms::Catalogue& catalogue) {
  auto month = parse_month(batch.month, "month");
  if (!month) return month.error();
  if (batch.institution_id != unit.institution.id)
    return invalid_input("Indberetningen hører til et andet tilbud.", "institution_id");

  if (stored) {
    if (stored->institution_id != batch.institution_id || stored->month != batch.month)
      return final_error("En indberetnings tilbud og måned kan ikke ændres.", "month");
    if (stored->form_ids != batch.form_ids)
      return final_error("Skemaerne i en gemt indberetning kan ikke ændres. Lav en ny indberetning for nye skemaer.",
                         "form_ids");
    for (std::size_t i = 0; i < stored->recipients.size(); ++i) {
      const auto& before = stored->recipients[i];
      auto it = std::find_if(batch.recipients.begin(), batch.recipients.end(),
                             [&](const model::ReportRecipient& r) { return recipient_key(r) == recipient_key(before); });
      if (it == batch.recipients.end())
        return final_error("Modtageren »" + before.name + "« kan ikke fjernes fra indberetningen.", "recipients");
      if (before.sent_at && it->sent_at != before.sent_at)
        return final_error("Tidspunktet for afsendelse til »" + before.name + "« er registreret og kan ikke ændres.",
                           "recipients");
    }
    if (batch.recipients.size() != stored->recipients.size())
      return final_error("Modtagerne af en gemt indberetning kan ikke ændres.", "recipients");
    for (const auto& r : batch.recipients)
      if (r.sent_at && !is_utc_instant_text(*r.sent_at))
        return invalid_input("Afsendelsestidspunktet skal være et UTC-tidspunkt.", "recipients");
    return {};
  }

  const bool moves = is_move_report(batch, forms, catalogue);
  if (moves && !is_quarter_end(*month))
    return invalid_input("En kvartalsindberetning af flytninger gælder kvartalets sidste måned (marts, juni, "
                         "september eller december).",
                         "month");
  if (!(*month < today_month))
    return invalid_input("Indberetningen for " + batch.month + (moves ? " kan først laves, når kvartalet er slut."
                                                                      : " kan først laves, når måneden er slut."),
                         "month");
  if (batch.form_ids.empty()) return invalid_input("Indberetningen har ingen skemaer.", "form_ids");
  const auto due = moves ? forms_for_move_report(batch.institution_id, *month, forms, batches, catalogue, batch.id)
                         : forms_for_monthly_report(batch.institution_id, *month, forms, batches, catalogue, batch.id);
  std::set<std::string> due_ids;
  for (const auto& f : due) due_ids.insert(f.id);
  for (const auto& id : batch.form_ids) {
    if (due_ids.count(id) != 0) continue;
    auto it = std::find_if(forms.begin(), forms.end(), [&](const model::FormInstance& f) { return f.id == id; });
    if (it == forms.end() || it->institution_id != batch.institution_id)
      return invalid_input("Skemaet " + id + " hører ikke til tilbuddet.", "form_ids");
    if (it->state != model::FormState::Locked) return invalid_input("Kun låste skemaer kan indberettes.", "form_ids");
    if (moves && !reported_quarterly(*it, catalogue))
      return invalid_input("En kvartalsindberetning af flytninger rummer kun skemaer om flytning uden samtykke.",
                           "form_ids");
    if (!moves && !reported_monthly(*it, catalogue))
      return invalid_input("Ansøgninger, flytninger og interne supplementer indberettes ikke månedligt.", "form_ids");
    const auto locked = locked_month(*it);
    if (locked && *month < *locked)
      return invalid_input("Skemaet er låst efter " + batch.month + " og hører til en senere indberetning.", "form_ids");
    return invalid_input("Skemaet er allerede med i en anden indberetning.", "form_ids");
  }
  std::vector<std::string> expected;
  for (const auto& f : due) expected.push_back(f.id);
  if (expected != batch.form_ids)
    return invalid_input(std::string(moves ? "Indberetningen skal rumme alle kvartalets låste flytninger ("
                                           : "Indberetningen skal rumme alle månedens låste skemaer (") +
                             std::to_string(expected.size()) + ") i den officielle rækkefølge.",
                         "form_ids");

  const auto required = moves ? move_report_recipients(unit, due) : report_recipients(unit, due, citizens);
  std::set<std::string> wanted, given;
  for (const auto& s : required) wanted.insert(recipient_key(s.recipient));
  for (const auto& r : batch.recipients) {
    if (!given.insert(recipient_key(r)).second)
      return invalid_input("Modtageren »" + r.name + "« står der to gange.", "recipients");
    if (wanted.count(recipient_key(r)) == 0)
      return invalid_input("»" + r.name + "« skal ikke modtage denne indberetning.", "recipients");
    if (r.sent_at && !is_utc_instant_text(*r.sent_at))
      return invalid_input("Afsendelsestidspunktet skal være et UTC-tidspunkt.", "recipients");
  }
  for (const auto& s : required)
    if (given.count(recipient_key(s.recipient)) == 0)
      return invalid_input("Modtageren »" + s.recipient.name + "« mangler.", "recipients");
  return {};
}

}  // namespace magtreg::core::workflow
