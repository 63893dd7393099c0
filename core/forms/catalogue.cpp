// Loads the form catalogue (sets and form metadata) from the embedded JSON definitions.
#include "core/forms/catalogue.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/forms/embedded.hpp"
#include "core/forms/form_definition.hpp"
#include "core/util/json_text.hpp"

namespace magtreg::core::forms {

using nlohmann::json;

bool FormSet::in_force_on(std::string_view day) const {
  if (!valid_from.empty() && day < std::string_view(valid_from)) return false;
  if (!valid_to.empty() && day > std::string_view(valid_to)) return false;
  return true;
}

bool FormMeta::covers_basis(std::string_view basis) const {
  return std::find(bases.begin(), bases.end(), basis) != bases.end();
}

std::string FormMeta::display_title() const {
  if (title.empty()) return short_title;
  if (short_title.empty() || title.rfind(short_title, 0) == 0) return title;
  return short_title + " – " + title;
}

bool FormMeta::for_target_group(std::string_view group) const {
  return std::find(target_groups.begin(), target_groups.end(), group) != target_groups.end();
}

std::string_view to_string(FormKind kind) {
  switch (kind) {
    case FormKind::Registration: return "registration";
    case FormKind::PreApproved: return "preapproved";
    case FormKind::DailyLines: return "daily_lines";
    case FormKind::Application: return "application";
    case FormKind::Move: return "move";
    case FormKind::Supplement: return "supplement";
  }
  return "registration";
}

std::string_view to_string(LifecycleKind kind) {
  switch (kind) {
    case LifecycleKind::StaffThenLeader: return "staff_then_leader";
    case LifecycleKind::DirectLock: return "direct_lock";
    case LifecycleKind::Period: return "period";
  }
  return "staff_then_leader";
}

struct CatalogueLoader {
  Catalogue cat;
  std::string error;

  bool fail(const std::string& file, const std::string& what) {
    error = file + ": " + what;
    return false;
  }

  static bool read_string(const json& j, const char* key, std::string& out, bool required) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return !required;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  }

  static bool read_strings(const json& j, const char* key, std::vector<std::string>& out) {
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (!it->is_array()) return false;
    for (const auto& v : *it) {
      if (!v.is_string()) return false;
      out.push_back(v.get<std::string>());
    }
    return true;
  }

  bool load_sets(const std::string& file, const json& j) {
    auto it = j.find("sets");
    if (it == j.end() || !it->is_array()) return fail(file, "\"sets\" must be an array");
    for (const auto& s : *it) {
      if (!s.is_object()) return fail(file, "a set must be an object");
      FormSet set;
      if (!read_string(s, "id", set.id, true) || !read_string(s, "name", set.name, true) ||
          !read_string(s, "valid_from", set.valid_from, false) || !read_string(s, "valid_to", set.valid_to, false) ||
          !read_string(s, "source", set.source, false))
        return fail(file, "set fields id, name (strings), valid_from, valid_to, source (string or null)");
      cat.m_sets.push_back(std::move(set));
    }
    return true;
  }

  bool load_form(const std::string& file, const json& j) {
    static const char* const k_keys[] = {"id",    "version", "set",      "kind",        "lifecycle",
                                         "target_groups", "bases", "short_title", "title", "verified",
                                         "source_note",   "sections", "period"};
    for (auto it = j.begin(); it != j.end(); ++it)
      if (std::find_if(std::begin(k_keys), std::end(k_keys), [&](const char* k) { return it.key() == k; }) ==
          std::end(k_keys))
        return fail(file, "unknown key '" + it.key() + "'");
    FormMeta m;
    std::string kind, lifecycle;
    if (!read_string(j, "id", m.id, true) || !read_string(j, "set", m.set, true) ||
        !read_string(j, "title", m.title, true) || !read_string(j, "short_title", m.short_title, true) ||
        !read_string(j, "kind", kind, true) || !read_string(j, "lifecycle", lifecycle, true) ||
        !read_string(j, "source_note", m.source_note, false))
      return fail(file, "id, set, title, short_title, kind, lifecycle must be strings");
    auto v = j.find("version");
    if (v == j.end() || !v->is_number_integer() || v->get<int>() < 1)
      return fail(file, "version must be a positive integer");
    m.version = v->get<int>();
    auto ver = j.find("verified");
    if (ver != j.end() && !ver->is_boolean()) return fail(file, "verified must be true or false");
    m.verified = ver != j.end() && ver->get<bool>();
    if (!read_strings(j, "target_groups", m.target_groups) || !read_strings(j, "bases", m.bases))
      return fail(file, "target_groups and bases must be arrays of strings");

    static const std::pair<const char*, FormKind> kinds[] = {
        {"registration", FormKind::Registration}, {"preapproved", FormKind::PreApproved},
        {"daily_lines", FormKind::DailyLines},    {"application", FormKind::Application},
        {"move", FormKind::Move},                 {"supplement", FormKind::Supplement}};
    bool found = false;
    for (const auto& [name, k] : kinds)
      if (kind == name) m.kind = k, found = true;
    if (!found) return fail(file, "unknown kind '" + kind + "'");
    if (lifecycle == "staff_then_leader") m.lifecycle = LifecycleKind::StaffThenLeader;
    else if (lifecycle == "direct_lock") m.lifecycle = LifecycleKind::DirectLock;
    else if (lifecycle == "period") m.lifecycle = LifecycleKind::Period;
    else return fail(file, "unknown lifecycle '" + lifecycle + "'");
    auto def = std::make_shared<FormDefinition>();
    def->meta = m;
    if (Status body = parse_definition_body(j, *def); !body) return fail(file, body.error().message);
    cat.m_forms.push_back(std::move(m));
    cat.m_definitions.push_back(std::move(def));
    return true;
  }

  bool load(const std::string& file, const std::string& text) {
    json j = parse_json_or_discarded(text);
    if (j.is_discarded() || !j.is_object()) return fail(file, "not a JSON object");
    if (j.contains("sets")) return load_sets(file, j);
    return load_form(file, j);
  }

  bool finish() {
    for (const auto& f : cat.m_forms) {
      if (!cat.find_set(f.set)) return fail(f.id, "unknown set '" + f.set + "'");
      for (const auto& g : cat.m_forms)
        if (&g != &f && g.id == f.id && g.version == f.version) return fail(f.id, "duplicate id and version");
    }
    return true;
  }
};

Result<Catalogue> Catalogue::load(const std::vector<std::pair<std::string, std::string>>& files) {
  CatalogueLoader loader;
  for (const auto& [name, text] : files)
    if (!loader.load(name, text)) return Error::make(ErrorCode::Internal, loader.error, name);
  if (!loader.finish()) return Error::make(ErrorCode::Internal, loader.error);
  return std::move(loader.cat);
}

const Catalogue& Catalogue::builtin() {
  static const Catalogue instance = [] {
    std::vector<std::pair<std::string, std::string>> files;
    for (std::size_t i = 0; i < k_embedded_form_file_count; ++i)
      files.emplace_back(k_embedded_form_files[i].name, k_embedded_form_files[i].content);
    auto loaded = load(files);
    if (loaded) return std::move(loaded).value();
    Catalogue empty;
    empty.m_load_error = loaded.error().message;
    return empty;
  }();
  return instance;
}

const FormSet* Catalogue::find_set(std::string_view id) const {
  for (const auto& s : m_sets)
    if (s.id == id) return &s;
  return nullptr;
}

const FormMeta* Catalogue::find_form(std::string_view id) const {
  const FormMeta* best = nullptr;
  for (const auto& f : m_forms)
    if (f.id == id && (!best || f.version > best->version)) best = &f;
  return best;
}

const FormMeta* Catalogue::find_form(std::string_view id, int version) const {
  for (const auto& f : m_forms)
    if (f.id == id && f.version == version) return &f;
  return nullptr;
}

const FormDefinition* Catalogue::definition(std::string_view id, int version) const {
  for (std::size_t i = 0; i < m_forms.size(); ++i)
    if (m_forms[i].id == id && m_forms[i].version == version) return m_definitions[i].get();
  return nullptr;
}

const FormDefinition* Catalogue::definition(std::string_view id) const {
  const FormMeta* newest = find_form(id);
  return newest ? definition(id, newest->version) : nullptr;
}

Result<const FormDefinition*> Catalogue::require_definition(std::string_view id, int version) const {
  if (const FormDefinition* def = definition(id, version)) return def;
  return Error::make(ErrorCode::UnknownForm,
                     "Skemaet »" + std::string(id) + "« version " + std::to_string(version) +
                         " findes ikke i skemakataloget.",
                     "form_id");
}

std::vector<const FormSet*> Catalogue::sets_in_force(std::string_view day) const {
  std::vector<const FormSet*> out;
  for (const auto& s : m_sets)
    if (s.in_force_on(day)) out.push_back(&s);
  return out;
}

}  // namespace magtreg::core::forms
