// Readers of the published statistics (see published.hpp).
#include "core/stats/published.hpp"

#include "core/util/object_reader.hpp"

#include "core/util/json_read.hpp"

namespace magtreg::core::stats {

using nlohmann::json;
using json_read::text;

namespace {

const json* member(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::optional<long long> integer(const json& j, const char* key) { return json_read::optional_integer(j, key); }

PublishedFigure figure(const json* j) {
  if (!j) return {};
  return {integer(*j, "count"), integer(*j, "previous"), text(*j, "shown"), text(*j, "previous_shown")};
}

std::vector<PublishedRow> rows(const json* a) {
  std::vector<PublishedRow> out;
  if (!a || !a->is_array()) return out;
  for (const auto& r : *a) out.push_back({text(r, "key"), text(r, "label"), figure(&r)});
  return out;
}

std::vector<std::string> texts(const json* a) { return a ? json_read::texts(*a) : std::vector<std::string>(); }

}  // namespace

const PublishedTable* PublishedStatistics::table(const std::string& id) const {
  for (const auto& t : tables)
    if (t.id == id) return &t;
  return nullptr;
}

Result<PublishedStatistics> published_statistics_from_json(const json& j) {
  const json* period = member(j, "period");
  const json* tables = member(j, "tables");
  if (!period || !tables || !tables->is_array())
    return Error::make(ErrorCode::InvalidInput, "Serverens svar kunne ikke læses.", "period");
  PublishedStatistics out;
  out.municipality = text(j, "municipality");
  out.period_label = text(*period, "label");
  out.previous_label = text(*period, "previous_label");
  if (const json* unit = member(j, "unit")) out.unit_label = text(*unit, "label");
  const json* p = member(j, "pseudonymised");
  out.pseudonymised = !p || !p->is_boolean() || p->get<bool>();
  out.threshold = static_cast<int>(integer(j, "suppression_threshold").value_or(0));
  out.registrations = figure(member(j, "registrations"));
  out.preapprovable_as_acute = figure(member(j, "preapprovable_as_acute"));
  out.late_registrations = figure(member(j, "late_registrations"));
  out.moves = figure(member(j, "moves"));
  out.complaints = figure(member(j, "complaints"));
  if (const json* c = member(j, "concentration")) {
    out.citizens = integer(*c, "citizens");
    out.top_citizens = integer(*c, "top_citizens");
    const json* s = member(*c, "top_share");
    if (s && s->is_number()) out.top_share = s->get<double>();
  }
  for (const auto& t : *tables) out.tables.push_back({text(t, "id"), text(t, "title"), rows(member(t, "rows"))});
  out.complaints_by_status = rows(member(j, "complaints_by_status"));
  if (const json* us = member(j, "units"); us && us->is_array())
    for (const auto& u : *us) out.units.push_back({text(u, "id"), text(u, "name"), text(u, "department")});
  return out;
}

json to_json(const Commentary& c) {
  return {{"department", c.department},
          {"commentary", c.commentary},
          {"positive_examples", c.positive_examples},
          {"updated_by", c.updated_by_name},
          {"updated_at", c.updated_at}};
}

PublishedCommentary published_commentary_from_json(const json& j) {
  return {text(j, "department"), text(j, "commentary"), text(j, "positive_examples"), text(j, "updated_by"),
          text(j, "updated_at")};
}

json saved_commentary_json(const Commentary& c) { return {{"commentary", to_json(c)}}; }

Result<PublishedCommentary> saved_commentary_from_json(const json& j) {
  const json& c = json_read::member(j, "commentary");
  if (!c.is_object()) return Error::make(ErrorCode::InvalidInput, "Serverens svar mangler kommentaren.", "commentary");
  return published_commentary_from_json(c);
}

json commentary_list_json(int year, const std::vector<std::string>& departments,
                          const std::vector<Commentary>& commentary, const std::vector<std::string>& writable) {
  json items = json::array();
  for (const auto& c : commentary) items.push_back(to_json(c));
  return {{"year", year}, {"departments", departments}, {"commentary", std::move(items)}, {"writable", writable}};
}

Result<CommentaryList> commentary_list_from_json(const json& j) {
  if (!j.is_object()) return Error::make(ErrorCode::InvalidInput, "Kommentarerne kunne ikke læses.", "");
  CommentaryList out;
  out.year = static_cast<int>(integer(j, "year").value_or(0));
  out.departments = texts(member(j, "departments"));
  out.writable = texts(member(j, "writable"));
  if (const json* c = member(j, "commentary"); c && c->is_array())
    for (const auto& x : *c) {
      auto entry = published_commentary_from_json(x);
      out.by_department[entry.department] = std::move(entry);
    }
  return out;
}

json to_json(const CommentaryUpdate& u) {
  return {{"year", u.year},
          {"department", u.department},
          {"commentary", u.commentary},
          {"positive_examples", u.positive_examples}};
}

Result<CommentaryUpdate> commentary_update_from_json(const json& j) {
  ObjectReader r(j);
  if (auto ok = r.only({"year", "department", "commentary", "positive_examples"}); !ok) return ok.error();
  auto year = r.integer("year");
  if (!year) return year.error();
  auto department = r.string("department");
  if (!department) return department.error();
  auto commentary = r.optional_string("commentary");
  if (!commentary) return commentary.error();
  auto examples = r.optional_string("positive_examples");
  if (!examples) return examples.error();
  return CommentaryUpdate{static_cast<int>(*year), *department, *commentary, *examples};
}

json to_json(const ReportLinkRequest& r) {
  json body = {{"year", r.year}};
  if (!r.institution.empty()) body["institution"] = r.institution;
  else if (!r.department.empty()) body["department"] = r.department;
  return body;
}

Result<ReportLinkRequest> report_link_request_from_json(const json& j) {
  ObjectReader r(j);
  if (auto ok = r.only({"year", "department", "institution"}); !ok) return ok.error();
  auto year = r.integer("year");
  if (!year) return year.error();
  auto department = r.optional_string("department");
  if (!department) return department.error();
  auto institution = r.optional_string("institution");
  if (!institution) return institution.error();
  return ReportLinkRequest{static_cast<int>(*year), *department, *institution};
}

json to_json(const ReportLink& l) {
  return {{"url", l.url}, {"csv_url", l.csv_url}, {"expires_in_seconds", l.expires_in_seconds}};
}

Result<ReportLink> report_link_from_json(const json& j) {
  ReportLink l{text(j, "url"), text(j, "csv_url"), 0};
  if (auto it = j.find("expires_in_seconds"); it != j.end() && it->is_number_integer()) l.expires_in_seconds = it->get<long long>();
  if (l.url.empty()) return Error::make(ErrorCode::InvalidInput, "Serverens svar mangler rapportens adresse.", "url");
  return l;
}

}  // namespace magtreg::core::stats
