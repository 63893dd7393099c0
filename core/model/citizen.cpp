// JSON of citizens and CPR text normalisation.
#include "core/model/citizen.hpp"

#include "core/util/json_util.hpp"

namespace magtreg::core::model {

bool is_guardian(const Relative& r) {
  std::string_view rest = r.relation;
  while (!rest.empty()) {
    const auto end = rest.find_first_of(" ,/;()-");
    const std::string_view word = rest.substr(0, end);
    if (word == "værge" || word == "Værge" || word == "VÆRGE") return true;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return false;
}

const Relative* guardian_of(const Citizen& c) {
  for (const auto& r : c.relatives)
    if (is_guardian(r) && !r.name.empty()) return &r;
  return nullptr;
}

std::optional<std::string> normalize_cpr(std::string_view text) {
  std::string digits;
  if (text.size() == 10) {
    digits = std::string(text);
  } else if (text.size() == 11 && text[6] == '-') {
    digits = std::string(text.substr(0, 6)) + std::string(text.substr(7));
  } else {
    return std::nullopt;
  }
  for (char c : digits)
    if (c < '0' || c > '9') return std::nullopt;
  const int day = (digits[0] - '0') * 10 + (digits[1] - '0');
  const int month = (digits[2] - '0') * 10 + (digits[3] - '0');
  if (day < 1 || day > 31 || month < 1 || month > 12) return std::nullopt;
  return digits.substr(0, 6) + "-" + digits.substr(6);
}

nlohmann::json to_json(const Relative& r) {
  nlohmann::json j = nlohmann::json::object();
  j["name"] = r.name;
  j["relation"] = r.relation;
  j["contact"] = r.contact;
  return j;
}

nlohmann::json to_json(const Citizen& c) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = c.id;
  j["cpr"] = c.cpr;
  j["name"] = c.name;
  j["target_group"] = c.target_group;
  j["acting_municipality"] = c.acting_municipality;
  j["institution_id"] = c.institution_id;
  nlohmann::json relatives = nlohmann::json::array();
  for (const auto& r : c.relatives) relatives.push_back(to_json(r));
  j["relatives"] = std::move(relatives);
  j["can_complain_unaided"] = c.can_complain_unaided;
  j["deleted"] = c.sync.deleted;
  return j;
}

namespace {
Status read_relative(const nlohmann::json& e, const std::string& path, std::vector<Relative>& out) {
  Relative rel;
  JsonReader r(e, path);
  r.text("name", rel.name, TextFormat::NonEmpty).text("relation", rel.relation, TextFormat::NonEmpty)
      .text("contact", rel.contact);
  if (Status st = r.finish(); !st) return st;
  out.push_back(std::move(rel));
  return {};
}
}  // namespace

Result<std::vector<Relative>> relatives_from_json(const nlohmann::json& j, const std::string& path) {
  if (!j.is_array()) return invalid_input("Feltet skal være en liste.", path);
  std::vector<Relative> out;
  for (std::size_t i = 0; i < j.size(); ++i)
    if (Status st = read_relative(j[i], path + "[" + std::to_string(i) + "]", out); !st) return st.error();
  return out;
}

Result<Citizen> citizen_from_json(const nlohmann::json& j) {
  Citizen c;
  JsonReader r(j);
  r.text("id", c.id, TextFormat::Uuid).text("cpr", c.cpr).text("name", c.name, TextFormat::NonEmpty);
  if (r.ok() && normalize_cpr(c.cpr) != c.cpr) r.fail(ErrorCode::InvalidInput, "CPR-nummeret skal skrives DDMMÅÅ-XXXX.", "cpr");
  r.one_of("target_group", c.target_group, {"handicap", "demens", "boern"})
      .text("acting_municipality", c.acting_municipality, TextFormat::NonEmpty)
      .text("institution_id", c.institution_id, TextFormat::Uuid)
      .object_list("relatives",
                   [&c](const nlohmann::json& e, const std::string& path) {
                     return read_relative(e, path, c.relatives);
                   })
      .boolean("can_complain_unaided", c.can_complain_unaided)
      .boolean("deleted", c.sync.deleted);
  if (Status st = r.finish(); !st) return st.error();
  return c;
}

}  // namespace magtreg::core::model
