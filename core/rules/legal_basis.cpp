// The legal-basis table (DOMAIN.md "Target groups and legal bases").
#include "core/rules/legal_basis.hpp"

#include <algorithm>
#include <iterator>

namespace magtreg::core::rules {
namespace {

constexpr unsigned bit(TargetGroup g) { return 1u << static_cast<unsigned>(g); }
constexpr unsigned k_h = bit(TargetGroup::Handicap);
constexpr unsigned k_d = bit(TargetGroup::Demens);
constexpr unsigned k_b = bit(TargetGroup::Boern);
constexpr unsigned k_adults = k_h | k_d;
constexpr unsigned k_all = k_h | k_d | k_b;

using D = DecidedBy;
using R = DecisionRequirement;
constexpr Law k_sel = Law::Serviceloven;

// The children's bases come from voksenansvarsloven; their paragraph numbers are not verified, so
// none is shown.
constexpr LegalBasis k_bases[] = {
    {"124c", "§ 124 c", "Afværgehjælp", k_sel, "24", k_adults, D::StaffAcute, R::No, false},
    {"124d", "§ 124 d", "Fastholdelse m.v.", k_sel, "24", k_adults, D::StaffAcute, R::No, false},
    {"125", "§ 125", "Særlige døråbnere", k_sel, "24", k_adults, D::Municipality, R::Yes, false},
    {"128", "§ 128", "Stofseler", k_sel, "24", k_adults, D::Municipality, R::Yes, false},
    {"128b", "§ 128 b", "Tryghedsskabende velfærdsteknologi (afgørelse)", k_sel, "24", k_adults, D::Municipality,
     R::Yes, false},
    {"128c", "§ 128 c", "Låsning og sikring af yderdøre og vinduer", k_sel, "24", k_adults, D::Municipality, R::Yes,
     false},
    {"128d", "§ 128 d", "", k_sel, "24", k_adults, D::Municipality, R::Yes, false},
    {"128e", "§ 128 e", "", k_sel, "24", k_adults, D::Municipality, R::Yes, false},
    {"128f", "§ 128 f", "", k_sel, "24", k_adults, D::Municipality, R::Yes, false},
    {"128g", "§ 128 g", "", k_sel, "24", k_adults, D::Municipality, R::Yes, false},
    // Confirmed (BEK nr. 1411 of 5 December 2024): decided by Det Socialfaglige Nævn vedrørende
    // Magtanvendelse over for Borgere med Handicap, for at most 12 months. §§ 128 d-g: names not confirmed.
    {"128h", "§ 128 h", "Adgang til en beboers bolig i et botilbud", k_sel, "24", k_adults, D::SocialBoard, R::Yes,
     false},
    {"129", "§ 129", "Optagelse i særligt botilbud uden samtykke", k_sel, "24", k_adults, D::Familieretshuset,
     R::Yes, true},
    {"129a", "§ 129 a",
     "Optagelse i særligt botilbud uden samtykke ved væsentlig fare for andre eller særligt truende eller "
     "chikanerende adfærd", k_sel,
     "24", k_adults, D::Familieretshuset, R::Yes, true},
    {"136a", "§ 136 a", "Kortvarig fastholdelse i personlig hygiejnesituation", k_sel, "24 a", k_h,
     D::StaffOnceThenMunicipality, R::Conditional, false},
    {"136c", "§ 136 c", "Kortvarig fastholdelse i personlig hygiejnesituation", k_sel, "24 b", k_d, D::Staff, R::No,
     false},
    {"136d", "§ 136 d", "Fastholdelse m.v. ved meget grænseoverskridende eller meget konfliktskabende adfærd", k_sel, "24 b",
     k_d, D::Staff, R::No, false},
    {"136e", "§ 136 e", "Tryghedsskabende velfærdsteknologi uden forudgående afgørelse", k_sel, "24 b", k_d,
     D::Staff, R::No, false},
    {"136f", "§ 136 f", "Optagelse i særligt botilbud uden samtykke (borgeren modsætter sig ikke, men kan ikke give samtykke)", k_sel,
     "24 b", k_d, D::Municipality, R::Yes, true},
    {"noedvaerge", "straffeloven § 13", "Nødværge", Law::Straffeloven, "", k_all, D::NotApplicable, R::No, false},
    {"noedret", "straffeloven § 14", "Nødret", Law::Straffeloven, "", k_all, D::NotApplicable, R::No, false},
    {"uden_hjemmel", "", "Indgreb uden hjemmel", Law::None, "", k_all, D::NotApplicable, R::No, false},
    {"boern_fastholdelse", "", "Fastholdelse", Law::Voksenansvarsloven, "", k_b, D::Staff, R::No, false},
    // The paragraphs of voksenansvarsloven where one paragraph is the basis (docs/rules.md, issue 14 item 11):
    // holding spans §§ 8 and 9, detention §§ 11 and 12, so those are shown by name alone.
    {"boern_foere_vaek", "voksenansvarsloven § 8", "Føre væk", Law::Voksenansvarsloven, "", k_b, D::Staff, R::No, false},
    {"boern_tilbageholdelse", "", "Tilbageholdelse", Law::Voksenansvarsloven, "", k_b, D::Staff, R::No, false},
    {"boern_kropsvisitation", "voksenansvarsloven § 16", "Kropsvisitation", Law::Voksenansvarsloven, "", k_b, D::Staff,
     R::No, false},
    {"boern_undersoegelse_vaerelse", "voksenansvarsloven § 16", "Undersøgelse af værelse", Law::Voksenansvarsloven, "",
     k_b, D::Staff, R::No, false},
};

}  // namespace

std::span<const LegalBasis> legal_bases() { return k_bases; }

const LegalBasis* find_legal_basis(std::string_view id) {
  for (const auto& b : k_bases)
    if (b.id == id) return &b;
  return nullptr;
}

std::string basis_label(const LegalBasis& basis) {
  // Another act than serviceloven: the name first, the act's paragraph after it ("Nødværge (straffeloven § 13)").
  if ((basis.law == Law::Straffeloven || basis.law == Law::Voksenansvarsloven) && !basis.paragraph.empty())
    return std::string(basis.name) + " (" + std::string(basis.paragraph) + ")";
  std::string out(basis.paragraph);
  if (!basis.name.empty()) {
    if (!out.empty()) out += ' ';
    out += basis.name;
  }
  // § 136 a and § 136 c have one name in the law, in chapters 24 a (not dementia) and 24 b (dementia): the
  // area tells a carer which is theirs (issue 30 item 10: two options read alike).
  const bool shared_name = !basis.name.empty() && std::any_of(std::begin(k_bases), std::end(k_bases), [&](const auto& b) {
    return b.id != basis.id && b.name == basis.name;
  });
  if (shared_name && basis.chapter == "24 a") out += " (handicapområdet)";
  if (shared_name && basis.chapter == "24 b") out += " (demensområdet)";
  return out;
}

std::string basis_short_label(const LegalBasis& basis) {
  if (basis.law == Law::Serviceloven) return std::string(basis.paragraph);
  return std::string(basis.name);
}

std::string_view law_name(Law law) {
  switch (law) {
    case Law::Serviceloven: return "serviceloven";
    case Law::Straffeloven: return "straffeloven";
    case Law::Voksenansvarsloven: return "voksenansvarsloven";
    case Law::None: return "";
  }
  return "";
}

std::string_view decided_by_label(DecidedBy who) {
  switch (who) {
    case DecidedBy::StaffAcute: return "Personalet i den akutte situation";
    case DecidedBy::Staff: return "Personalet";
    case DecidedBy::StaffOnceThenMunicipality:
      return "Personalet højst én gang inden for seks måneder; derudover kommunen";
    case DecidedBy::Municipality: return "Kommunen (Magtanvendelsesudvalget)";
    case DecidedBy::Familieretshuset: return "Familieretshuset efter kommunens indstilling";
    case DecidedBy::NotApplicable: return "–";
  }
  return "–";
}

std::string_view decision_requirement_label(DecisionRequirement requirement) {
  switch (requirement) {
    case DecisionRequirement::No: return "Nej";
    case DecisionRequirement::Yes: return "Ja";
    case DecisionRequirement::Conditional: return "Betinget";
  }
  return "Nej";
}

}  // namespace magtreg::core::rules
