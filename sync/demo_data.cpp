// The demo cast.
#include "sync/demo_data.hpp"

namespace magtreg::sync::demo {

const std::vector<DemoInstitution>& institutions() {
  static const std::vector<DemoInstitution> v = {
      {"egebo", "Bostedet Egebo", "botilbud (§ 108)", "municipal", "Handicap og Psykiatri", "handicap"},
      {"solhaven", "Plejecentret Solhaven – skærmet enhed", "plejecenter", "municipal", "Ældre og Sundhed", "demens"},
      {"juulskov", "Juulskov Huset", "døgninstitution", "municipal", "Børn og Familie", "boern"},
      {"kildebakken", "Opholdsstedet Kildebakken", "opholdssted", "private", "Børn og Familie", "boern"},
  };
  return v;
}

const std::vector<DemoUser>& users() {
  static const std::vector<DemoUser> v = {
      {"mette", "Mette Hansen", "medarbejder", {"egebo"}},
      {"ali", "Ali Demir", "medarbejder", {"egebo"}},
      {"jonas", "Jonas Kristensen", "medarbejder", {"solhaven"}},
      {"sara", "Sara Lund", "medarbejder", {"juulskov"}},
      {"lars", "Lars Nielsen", "leder", {"egebo"}},
      {"hanne", "Hanne Østergaard", "leder", {"solhaven"}},
      {"peter", "Peter Møller", "leder", {"juulskov", "kildebakken"}},
      {"udvalg", "Karen Mikkelsen", "udvalg", {}},
      {"myndighed", "Anders Poulsen", "myndighed", {}},
      {"sagsbehandler", "Louise Bæk", "sagsbehandler", {}},
      {"drift", "Henrik Sørensen", "driftsafdeling", {}},
      {"admin", "Birgitte Åberg", "admin", {}},
  };
  return v;
}

const std::vector<DemoCitizen>& citizens() {
  static const std::vector<DemoCitizen> v = {
      {"010185-0001", "Jens Pedersen", "handicap", "egebo", "Nyborg Kommune", false,
       {{"Inger Pedersen", "mor", "tlf. 20 11 22 33"}, {"Advokat Bent Holm", "værge", "tlf. 65 31 00 00"}}},
      {"120392-0002", "Maria Jørgensen", "handicap", "egebo", "Kerteminde Kommune", true,
       {{"Poul Jørgensen", "far", "tlf. 40 55 66 77"}}},
      {"230777-0003", "Søren Ravn", "handicap", "egebo", "Nyborg Kommune", false,
       {{"Kirsten Ravn", "søster og værge", "tlf. 28 90 12 34"}}},
      {"050460-0004", "Aksel Brandt", "handicap", "egebo", "Svendborg Kommune", true, {}},
      {"110938-0005", "Edith Larsen", "demens", "solhaven", "Nyborg Kommune", false,
       {{"Ole Larsen", "søn", "tlf. 23 45 67 89"}}},
      {"290544-0006", "Knud Thomsen", "demens", "solhaven", "Nyborg Kommune", false,
       {{"Grethe Thomsen", "hustru", "tlf. 61 22 33 44"}, {"Lene Holt", "fremtidsfuldmægtig", "tlf. 30 30 30 30"}}},
      {"170241-0007", "Gudrun Skov", "demens", "solhaven", "Nyborg Kommune", false,
       {{"Birthe Skov", "datter", "tlf. 22 10 20 30"}}},
      {"031151-0008", "Ebbe Friis", "demens", "solhaven", "Faaborg-Midtfyn Kommune", false, {}},
      {"140710-0009", "Mikkel Dahl", "boern", "juulskov", "Nyborg Kommune", true,
       {{"Susanne Dahl", "mor (forældremyndighed)", "tlf. 26 26 26 26"}}},
      {"220309-0010", "Freja Winther", "boern", "juulskov", "Odense Kommune", true,
       {{"Jesper Winther", "far (forældremyndighed)", "tlf. 42 42 42 42"}}},
      {"081111-0011", "Oliver Kjær", "boern", "kildebakken", "Nyborg Kommune", true,
       {{"Tina Kjær", "mor (forældremyndighed)", "tlf. 50 50 50 50"}}},
      {"300608-0012", "Alma Nørgaard", "boern", "kildebakken", "Kolding Kommune", true, {}},
  };
  return v;
}

}  // namespace magtreg::sync::demo
