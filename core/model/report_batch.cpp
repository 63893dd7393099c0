// JSON of report batches.
#include "core/model/report_batch.hpp"

#include "core/util/json_util.hpp"

namespace magtreg::core::model {
namespace {
Status read_recipient(const nlohmann::json& e, const std::string& path, std::vector<ReportRecipient>& out) {
  ReportRecipient rec;
  JsonReader r(e, path);
  r.one_of("kind", rec.kind, {"handlekommune", "socialtilsyn", "driftsherre", "vaerge", "region"})
      .text("name", rec.name, TextFormat::NonEmpty)
      .optional_text("sent_at", rec.sent_at, TextFormat::UtcInstant);
  if (Status st = r.finish(); !st) return st;
  out.push_back(std::move(rec));
  return {};
}
}  // namespace

nlohmann::json to_json(const ReportRecipient& r) {
  nlohmann::json j = nlohmann::json::object();
  j["kind"] = r.kind;
  j["name"] = r.name;
  j["sent_at"] = optional_json(r.sent_at);
  return j;
}

nlohmann::json to_json(const ReportBatch& b) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = b.id;
  j["institution_id"] = b.institution_id;
  j["month"] = b.month;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : b.recipients) list.push_back(to_json(r));
  j["recipients"] = std::move(list);
  j["form_ids"] = b.form_ids;
  j["created_by"] = b.created_by;
  j["created_at"] = b.created_at;
  j["deleted"] = b.sync.deleted;
  return j;
}

Result<std::vector<ReportRecipient>> recipients_from_json(const nlohmann::json& j, const std::string& path) {
  if (!j.is_array()) return invalid_input("Feltet skal være en liste.", path);
  std::vector<ReportRecipient> out;
  for (std::size_t i = 0; i < j.size(); ++i)
    if (Status st = read_recipient(j[i], path + "[" + std::to_string(i) + "]", out); !st) return st.error();
  return out;
}

Result<ReportBatch> report_batch_from_json(const nlohmann::json& j) {
  ReportBatch b;
  JsonReader r(j);
  r.text("id", b.id, TextFormat::Uuid)
      .text("institution_id", b.institution_id, TextFormat::Uuid)
      .text("month", b.month, TextFormat::Month)
      .object_list("recipients",
                   [&b](const nlohmann::json& e, const std::string& path) {
                     return read_recipient(e, path, b.recipients);
                   })
      .text_list("form_ids", b.form_ids, TextFormat::Uuid)
      .text("created_by", b.created_by, TextFormat::Uuid)
      .text("created_at", b.created_at, TextFormat::UtcInstant)
      .boolean("deleted", b.sync.deleted);
  if (Status st = r.finish(); !st) return st.error();
  return b;
}

}  // namespace magtreg::core::model
