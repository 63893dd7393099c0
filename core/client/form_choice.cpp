// Choosing the registration form for an intervention day and a target group.
#include "core/client/form_choice.hpp"

#include "core/forms/date_text.hpp"

namespace magtreg::core::client {
namespace {
std::string danish(std::string_view iso) {
  if (iso.size() != 10) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "." + std::string(iso.substr(5, 2)) + "." + std::string(iso.substr(0, 4));
}
}  // namespace

std::string_view target_group_label(std::string_view g) {
  if (g == "handicap") return "handicap (kap. 24 og 24 a)";
  if (g == "demens") return "demens (kap. 24 og 24 b)";
  if (g == "boern") return "børn og unge";
  return g;
}

namespace {
std::string_view kind_noun(forms::FormKind kind) {
  switch (kind) {
    case forms::FormKind::Registration: return "registreringsskema";
    case forms::FormKind::PreApproved: return "skema for forhåndsgodkendte indgreb";
    case forms::FormKind::Application: return "ansøgningsskema";
    case forms::FormKind::Move: return "skema for flytning uden samtykke";
    case forms::FormKind::DailyLines: return "bilag med daglige registreringer";
    case forms::FormKind::Supplement: return "tillægsskema";
    case forms::FormKind::Attachment: return "bilag til en registrering";
  }
  return "skema";
}
}  // namespace

FormChoice choose_forms(const forms::Catalogue& catalogue, std::string_view target_group, std::string_view day,
                        std::string_view today, forms::FormKind kind) {
  FormChoice out;
  if (!forms::is_date_text(day)) {
    out.refusal = "Skriv dagen for indgrebet som dd.mm.åååå.";
    return out;
  }
  if (!today.empty() && day > today) {
    out.refusal = "Dagen for indgrebet (" + danish(day) + ") ligger efter i dag. Et indgreb registreres, når det er sket.";
    return out;
  }
  auto sets = catalogue.sets_in_force(day);
  if (sets.empty()) {
    out.refusal = "Ingen skemaer var i kraft den " + danish(day) + ".";
    return out;
  }
  std::vector<std::string> names;
  for (const auto* set : sets) {
    for (const auto& meta : catalogue.forms()) {
      if (meta.set != set->id || meta.kind != kind) continue;
      if (!meta.for_target_group(target_group)) continue;
      if (catalogue.form_for_day(meta.id, day) != &meta) continue;  // the version in force that day
      out.forms.push_back(&meta);
      if (out.set_name.empty()) out.set_name = set->name;
    }
    names.push_back(set->name);
  }
  if (out.forms.empty()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : "; ") + n;
    out.refusal = "Skemaerne i kraft den " + danish(day) + " (" + list + ") har intet " + std::string(kind_noun(kind)) +
                  " for målgruppen " + std::string(target_group_label(target_group)) + ".";
  }
  return out;
}

FormChoice choose_registration_forms(const forms::Catalogue& catalogue, std::string_view target_group,
                                     std::string_view day, std::string_view today) {
  return choose_forms(catalogue, target_group, day, today, forms::FormKind::Registration);
}

FormChoice choose_forms_under_decision(const forms::Catalogue& catalogue, std::string_view target_group,
                                       std::string_view day, std::string_view today) {
  FormChoice combined = choose_forms(catalogue, target_group, day, today, forms::FormKind::PreApproved);
  if (!combined.forms.empty()) return combined;
  return choose_forms(catalogue, target_group, day, today, forms::FormKind::Registration);
}

}  // namespace magtreg::core::client
