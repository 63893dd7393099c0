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
