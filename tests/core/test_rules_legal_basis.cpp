// The legal-basis table against DOMAIN.md's table: paragraph, name, chapter, target groups, who
// decides, pre-approval, moves; and the § 7 hygiene situations.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/rules/legal_basis.hpp"

using namespace magtreg::core::rules;

namespace {
struct Row {
  const char* id;
  const char* paragraph;
  const char* name;
  const char* chapter;
  const char* groups;  // "h", "d", "b" letters
  DecidedBy decided_by;
  DecisionRequirement decision;
  bool is_move;
};

using D = DecidedBy;
using R = DecisionRequirement;

// Written from DOMAIN.md, independently of core/rules/legal_basis.cpp.
const Row k_expected[] = {
    {"124c", "§ 124 c", "Afværgehjælp", "24", "hd", D::StaffAcute, R::No, false},
    {"124d", "§ 124 d", "Fastholdelse m.v.", "24", "hd", D::StaffAcute, R::No, false},
    {"125", "§ 125", "Særlige døråbnere", "24", "hd", D::Municipality, R::Yes, false},
    {"128", "§ 128", "Stofseler", "24", "hd", D::Municipality, R::Yes, false},
    {"128b", "§ 128 b", "Tryghedsskabende velfærdsteknologi (afgørelse)", "24", "hd", D::Municipality, R::Yes, false},
    {"128c", "§ 128 c", "Låsning og sikring af yderdøre og vinduer", "24", "hd", D::Municipality, R::Yes, false},
    {"128d", "§ 128 d", "", "24", "hd", D::Municipality, R::Yes, false},
    {"128e", "§ 128 e", "", "24", "hd", D::Municipality, R::Yes, false},
    {"128f", "§ 128 f", "", "24", "hd", D::Municipality, R::Yes, false},
    {"128g", "§ 128 g", "", "24", "hd", D::Municipality, R::Yes, false},
    // Issue 14 item 16: confirmed by BEK nr. 1411 of 5 December 2024, decided by the social-professional board.
    {"128h", "§ 128 h", "Adgang til en beboers bolig i et botilbud", "24", "hd", D::SocialBoard, R::Yes, false},
    {"129", "§ 129", "Optagelse i særligt botilbud uden samtykke", "24", "hd", D::Familieretshuset, R::Yes, true},
    {"129a", "§ 129 a", nullptr, "24", "hd", D::Familieretshuset, R::Yes, true},
    {"136a", "§ 136 a", "Kortvarig fastholdelse i personlig hygiejnesituation", "24 a", "h",
     D::StaffOnceThenMunicipality, R::Conditional, false},
    {"136c", "§ 136 c", "Kortvarig fastholdelse i personlig hygiejnesituation", "24 b", "d", D::Staff, R::No, false},
    {"136d", "§ 136 d", nullptr, "24 b", "d", D::Staff, R::No, false},
    {"136e", "§ 136 e", "Tryghedsskabende velfærdsteknologi uden forudgående afgørelse", "24 b", "d", D::Staff, R::No,
     false},
    {"136f", "§ 136 f", nullptr, "24 b", "d", D::Municipality, R::Yes, true},
    {"noedvaerge", "straffeloven § 13", "Nødværge", "", "hdb", D::NotApplicable, R::No, false},
    {"noedret", "straffeloven § 14", "Nødret", "", "hdb", D::NotApplicable, R::No, false},
    {"uden_hjemmel", "", "Indgreb uden hjemmel", "", "hdb", D::NotApplicable, R::No, false},
    {"boern_fastholdelse", "", nullptr, "", "b", D::Staff, R::No, false},
    // voksenansvarsloven's paragraph where one paragraph is the basis (docs/rules.md, issue 14 item 11).
    {"boern_foere_vaek", "voksenansvarsloven § 8", nullptr, "", "b", D::Staff, R::No, false},
    {"boern_tilbageholdelse", "", nullptr, "", "b", D::Staff, R::No, false},
    {"boern_kropsvisitation", "voksenansvarsloven § 16", nullptr, "", "b", D::Staff, R::No, false},
    {"boern_undersoegelse_vaerelse", "voksenansvarsloven § 16", nullptr, "", "b", D::Staff, R::No, false},
};

bool has_letter(const char* s, char c) { return std::string(s).find(c) != std::string::npos; }
}  // namespace

TEST_CASE("every basis of DOMAIN.md is in the table with its properties") {
  CHECK(legal_bases().size() == std::size(k_expected));
  for (const Row& row : k_expected) {
    CAPTURE(row.id);
    const LegalBasis* b = find_legal_basis(row.id);
    REQUIRE(b != nullptr);
    CHECK(b->paragraph == row.paragraph);
    if (row.name) CHECK(b->name == row.name);
    CHECK(b->chapter == row.chapter);
    CHECK(b->decided_by == row.decided_by);
    CHECK(b->decision == row.decision);
    CHECK(b->is_move == row.is_move);
  }
}

TEST_CASE("each basis x target group: may it be used?") {
  for (const Row& row : k_expected) {
    const LegalBasis* b = find_legal_basis(row.id);
    REQUIRE(b != nullptr);
    SUBCASE(row.id) {
      CHECK(b->allows(TargetGroup::Handicap) == has_letter(row.groups, 'h'));
      CHECK(b->allows(TargetGroup::Demens) == has_letter(row.groups, 'd'));
      CHECK(b->allows(TargetGroup::Boern) == has_letter(row.groups, 'b'));
    }
  }
}

TEST_CASE("labels: paragraph and name; paragraph alone for §§ 128 d-h; a child's by the act's paragraph where it is one") {
  CHECK(basis_label(*find_legal_basis("124d")) == "§ 124 d Fastholdelse m.v.");
  CHECK(basis_label(*find_legal_basis("128f")) == "§ 128 f");
  // One name in the law, two chapters: the area tells them apart.
  CHECK(basis_label(*find_legal_basis("136a")) ==
        "§ 136 a Kortvarig fastholdelse i personlig hygiejnesituation (handicapområdet)");
  CHECK(basis_label(*find_legal_basis("136c")) ==
        "§ 136 c Kortvarig fastholdelse i personlig hygiejnesituation (demensområdet)");
  CHECK(basis_label(*find_legal_basis("136d")).find("område") == std::string::npos);
  CHECK(basis_label(*find_legal_basis("noedvaerge")) == "Nødværge (straffeloven § 13)");
  CHECK(basis_label(*find_legal_basis("uden_hjemmel")) == "Indgreb uden hjemmel");
  CHECK(basis_label(*find_legal_basis("boern_fastholdelse")) == "Fastholdelse");  // §§ 8 and 9
  CHECK(basis_label(*find_legal_basis("boern_tilbageholdelse")) == "Tilbageholdelse");  // §§ 11 and 12
  CHECK(basis_label(*find_legal_basis("boern_foere_vaek")) == "Føre væk (voksenansvarsloven § 8)");
  CHECK(basis_label(*find_legal_basis("boern_undersoegelse_vaerelse")) ==
        "Undersøgelse af værelse (voksenansvarsloven § 16)");
  CHECK(basis_short_label(*find_legal_basis("136a")) == "§ 136 a");
  CHECK(basis_short_label(*find_legal_basis("noedret")) == "Nødret");
  for (const LegalBasis& b : legal_bases()) {
    CAPTURE(b.id);
    CHECK_FALSE(basis_label(b).empty());
    // A child's basis never reads as serviceloven's paragraph: the act is named with it.
    if (b.law == Law::Voksenansvarsloven && basis_label(b).find("§") != std::string::npos)
      CHECK(basis_label(b).find("(voksenansvarsloven § ") != std::string::npos);
  }
  CHECK(law_name(find_legal_basis("noedret")->law) == "straffeloven");
  CHECK(decision_requirement_label(DecisionRequirement::Conditional) == "Betinget");
  CHECK(decided_by_label(DecidedBy::Familieretshuset).find("Familieretshuset") != std::string_view::npos);
}

TEST_CASE("basis ids are unique and unknown ids are not found") {
  std::set<std::string> ids;
  for (const LegalBasis& b : legal_bases()) CHECK(ids.insert(std::string(b.id)).second);
  CHECK(find_legal_basis("124x") == nullptr);
  CHECK(find_legal_basis("") == nullptr);
  CHECK(find_legal_basis("124D") == nullptr);
}

TEST_CASE("the § 7 hygiene situations with DOMAIN.md's wording") {
  struct H {
    const char* id;
    const char* label;
  };
  const H expected[] = {
      {"tandboerstning", "Tandbørstning"},
      {"barbering", "Barbering"},
      {"haarvask_bad_haandvask_toejskift", "Hårvask, badning, håndvask og tøjskift"},
      {"klipning_haar_negle", "Klipning af hår og negle"},
      {"skift_bleer_bind", "Skift af bleer og bind"},
      {"fjernelse_madrester_genstande", "Fjernelse af madrester og andre genstande i kindpose, mundhule, øre og næse"},
      {"saarpleje", "Almindelig sårpleje"},
  };
  CHECK(std::size(k_hygiene_situations) == std::size(expected));
  for (const H& h : expected) {
    CAPTURE(h.id);
    const HygieneSituation* s = find_hygiene_situation(h.id);
    REQUIRE(s != nullptr);
    CHECK(s->label == h.label);
  }
  CHECK(find_hygiene_situation("fodbad") == nullptr);
  CHECK(find_hygiene_situation("Tandbørstning") == nullptr);
}

TEST_CASE("target groups have wire names and Danish wording") {
  for (TargetGroup g : k_all_target_groups) {
    auto back = target_group_from_string(to_string(g));
    REQUIRE(back.has_value());
    CHECK(*back == g);
    CHECK_FALSE(target_group_people(g).empty());
  }
  CHECK(to_string(TargetGroup::Boern) == "boern");
  CHECK(target_group_people(TargetGroup::Demens) == "borgere i demensmålgruppen");
  CHECK_FALSE(target_group_from_string("Handicap").has_value());
}
