// A note (notat) on a citizen's case: orientation of relatives, the complaint letter handed out,
// the committee's review of a monthly report. Tags make them findable ("magtanvendelse").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/sync_meta.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::model {

inline constexpr std::string_view k_note_tag_use_of_force = "magtanvendelse";
inline constexpr std::string_view k_note_kind_complaint_letter = "klageadgang_udleveret";
inline constexpr std::string_view k_note_kind_relatives_informed = "paaroerende_orientering";
inline constexpr std::string_view k_note_kind_committee_review = "udvalg_gennemgang";
// A child's registration (voksenansvarsloven), each on the registration's case: the child told of the
// registration and offered to add its own account; the holders of parental responsibility told; a copy
// sent to the placing municipality (DOMAIN.md "Children").
inline constexpr std::string_view k_note_kind_child_informed = "barn_orienteret";
inline constexpr std::string_view k_note_kind_parents_informed = "foraeldremyndighed_orienteret";
inline constexpr std::string_view k_note_kind_placing_copy = "kopi_anbringende_kommune";
// Whether `kind` is one of the three above.
constexpr bool is_child_duty_note(std::string_view kind) {
  return kind == k_note_kind_child_informed || kind == k_note_kind_parents_informed || kind == k_note_kind_placing_copy;
}

// The leader has told staff of a decision on pre-approval (once the leader was told of it), and of
// Ankestyrelsen's ruling on a complaint against it; each on the decision's case (issue #14 item 13).
inline constexpr std::string_view k_note_kind_staff_informed_decision = "personale_orienteret_afgoerelse";
inline constexpr std::string_view k_note_kind_staff_informed_ruling = "personale_orienteret_ankestyrelsen";
constexpr bool is_staff_briefing_note(std::string_view kind) {
  return kind == k_note_kind_staff_informed_decision || kind == k_note_kind_staff_informed_ruling;
}

struct Note {
  std::string id;                     // UUID
  std::string citizen_id;             // UUID
  std::optional<std::string> case_id; // UUID; empty for a note on the citizen only
  std::string text;
  std::vector<std::string> tags;      // sorted, unique
  std::string kind;                   // one of the k_note_kind_* or another short id
  std::string author;                 // user UUID
  std::string at;                     // UTC instant
  SyncMeta sync;

  bool operator==(const Note&) const = default;
};

nlohmann::json to_json(const Note& n);
Result<Note> note_from_json(const nlohmann::json& j);

}  // namespace magtreg::core::model
