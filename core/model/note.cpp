// JSON of notes (tags kept sorted and unique, so equal notes hash equally).
#include "core/model/note.hpp"

#include <algorithm>

#include "core/util/json_util.hpp"

namespace magtreg::core::model {
namespace {
std::vector<std::string> normalized_tags(std::vector<std::string> tags) {
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  return tags;
}
}  // namespace

nlohmann::json to_json(const Note& n) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = n.id;
  j["citizen_id"] = n.citizen_id;
  j["case_id"] = optional_json(n.case_id);
  j["text"] = n.text;
  j["tags"] = normalized_tags(n.tags);
  j["kind"] = n.kind;
  j["author"] = n.author;
  j["at"] = n.at;
  j["deleted"] = n.sync.deleted;
  return j;
}

Result<Note> note_from_json(const nlohmann::json& j) {
  Note n;
  JsonReader r(j);
  r.text("id", n.id, TextFormat::Uuid)
      .text("citizen_id", n.citizen_id, TextFormat::Uuid)
      .optional_text("case_id", n.case_id, TextFormat::Uuid)
      .text("text", n.text, TextFormat::NonEmpty)
      .text_list("tags", n.tags, TextFormat::NonEmpty)
      .text("kind", n.kind, TextFormat::NonEmpty)
      .text("author", n.author, TextFormat::Uuid)
      .text("at", n.at, TextFormat::UtcInstant)
      .boolean("deleted", n.sync.deleted);
  if (Status st = r.finish(); !st) return st.error();
  n.tags = normalized_tags(std::move(n.tags));
  return n;
}

}  // namespace magtreg::core::model
