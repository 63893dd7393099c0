// Note list queries (tags are a JSON array column, matched with json_each).
#include "core/storage/note_repository.hpp"

namespace magtreg::core::storage {
namespace {
constexpr std::string_view k_tag_filter =
    " AND (?2 = '' OR EXISTS (SELECT 1 FROM json_each(t.tags) WHERE json_each.value = ?2))";
}

Result<std::vector<model::Note>> NoteRepository::of_case(std::string_view case_id, std::string_view tag) {
  return query("t.case_id = ?1 AND t.deleted = 0" + std::string(k_tag_filter) + " ORDER BY t.at, t.id",
               [&](Statement& st) { st.bind(1, case_id).bind(2, tag); });
}

Result<std::vector<model::Note>> NoteRepository::of_citizen(std::string_view citizen_id, std::string_view tag) {
  return query("t.citizen_id = ?1 AND t.deleted = 0" + std::string(k_tag_filter) + " ORDER BY t.at, t.id",
               [&](Statement& st) { st.bind(1, citizen_id).bind(2, tag); });
}

}  // namespace magtreg::core::storage
