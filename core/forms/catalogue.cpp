// Loads the form catalogue (sets and form metadata) from the embedded JSON definitions.
#include "core/forms/catalogue.hpp"

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/forms/date_text.hpp"
#include "core/forms/embedded.hpp"
#include "core/forms/form_definition.hpp"
#include "core/util/json_text.hpp"
#include "core/util/sha256.hpp"

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
    case FormKind::Attachment: return "attachment";
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

std::string_view to_string(DefinitionStatus status) {
  switch (status) {
    case DefinitionStatus::Draft: return "draft";
    case DefinitionStatus::Verified: return "verified";
    case DefinitionStatus::Retired: return "retired";
  }
  return "draft";
}

std::optional<DefinitionStatus> definition_status_from_string(std::string_view name) {
  for (auto s : {DefinitionStatus::Draft, DefinitionStatus::Verified, DefinitionStatus::Retired})
    if (to_string(s) == name) return s;
  return std::nullopt;
}

std::string_view status_label(DefinitionStatus status) {
  switch (status) {
    case DefinitionStatus::Draft: return "ikke kontrolleret";
    case DefinitionStatus::Verified: return "kontrolleret";
    case DefinitionStatus::Retired: return "udgået";
  }
  return "ikke kontrolleret";
}

struct CatalogueLoader {
  Catalogue cat;
  std::vector<std::string> form_files;  // parallel to cat.m_forms: the file each came from
  std::string error;
  std::string path;  // the JSON path of the problem, when it has one
  ErrorCode code = ErrorCode::DefinitionInvalid;

  bool fail(const std::string& file, const std::string& what, ErrorCode kind = ErrorCode::DefinitionInvalid,
            std::string at = {}) {
    error = file + ": " + what;
    code = kind;
    path = std::move(at);
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
        return fail(file, "set fields id, name (strings), valid_from, valid_to, source (string or null)", ErrorCode::DefinitionInvalid, "sets");
      cat.m_sets.push_back(std::move(set));
    }
    return true;
  }

  bool load_form(const std::string& file, const json& j) {
    static const char* const k_keys[] = {"id",          "version",      "set",           "kind",        "lifecycle",
                                         "target_groups", "bases",      "short_title",   "title",       "status",
                                         "in_force_from", "source_title", "source_date", "source_note", "sections",
                                         "period"};
    for (auto it = j.begin(); it != j.end(); ++it)
      if (std::find_if(std::begin(k_keys), std::end(k_keys), [&](const char* k) { return it.key() == k; }) ==
          std::end(k_keys))
        return fail(file, "unknown key '" + it.key() + "'", ErrorCode::DefinitionInvalid, it.key());
    FormMeta m;
    std::string kind, lifecycle, status;
    if (!read_string(j, "id", m.id, true) || !read_string(j, "set", m.set, true) ||
        !read_string(j, "title", m.title, true) || !read_string(j, "short_title", m.short_title, true) ||
        !read_string(j, "kind", kind, true) || !read_string(j, "lifecycle", lifecycle, true) ||
        !read_string(j, "source_note", m.source_note, false) || !read_string(j, "status", status, false) ||
        !read_string(j, "in_force_from", m.in_force_from, false) ||
        !read_string(j, "source_title", m.source_title, false) || !read_string(j, "source_date", m.source_date, false))
      return fail(file, "id, set, title, short_title, kind, lifecycle must be strings; status, in_force_from, "
                        "source_title, source_date and source_note strings when given");
    if (m.id.empty() || m.id.size() > 40 ||
        !std::all_of(m.id.begin(), m.id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }))
      return fail(file, "id must be 1-40 characters of a-z, 0-9 and '-'", ErrorCode::DefinitionInvalid, "id");
    auto v = j.find("version");
    if (v == j.end() || !v->is_number_integer() || v->get<std::int64_t>() < 1 || v->get<std::int64_t>() > 9999)
      return fail(file, "version must be an integer from 1 to 9999", ErrorCode::DefinitionInvalid, "version");
    m.version = v->get<int>();
    if (status.empty()) status = "draft";
    auto st = definition_status_from_string(status);
    if (!st) return fail(file, "status must be \"draft\", \"verified\" or \"retired\"", ErrorCode::DefinitionInvalid, "status");
    m.status = *st;
    if (!m.in_force_from.empty() && !is_date_text(m.in_force_from))
      return fail(file, "in_force_from must be a day YYYY-MM-DD", ErrorCode::DefinitionInvalid, "in_force_from");
    if (!m.source_date.empty() && !is_date_text(m.source_date))
      return fail(file, "source_date must be a day YYYY-MM-DD", ErrorCode::DefinitionInvalid, "source_date");
    if (m.status == DefinitionStatus::Verified && (m.source_title.empty() || m.source_date.empty()))
      return fail(file, "a verified definition names the document it was checked against (source_title, source_date)",
                  ErrorCode::DefinitionInvalid, "source_title");
    if (!read_strings(j, "target_groups", m.target_groups) || !read_strings(j, "bases", m.bases))
      return fail(file, "target_groups and bases must be arrays of strings");
    m.content_hash = sha256_hex(j.dump());

    static const std::pair<const char*, FormKind> kinds[] = {
        {"registration", FormKind::Registration}, {"preapproved", FormKind::PreApproved},
        {"daily_lines", FormKind::DailyLines},    {"application", FormKind::Application},
        {"move", FormKind::Move},                 {"supplement", FormKind::Supplement},
        {"attachment", FormKind::Attachment}};
    bool found = false;
    for (const auto& [name, k] : kinds)
      if (kind == name) m.kind = k, found = true;
    if (!found) return fail(file, "unknown kind '" + kind + "'", ErrorCode::DefinitionInvalid, "kind");
    if (lifecycle == "staff_then_leader") m.lifecycle = LifecycleKind::StaffThenLeader;
    else if (lifecycle == "direct_lock") m.lifecycle = LifecycleKind::DirectLock;
    else if (lifecycle == "period") m.lifecycle = LifecycleKind::Period;
    else return fail(file, "unknown lifecycle '" + lifecycle + "'", ErrorCode::DefinitionInvalid, "lifecycle");
    auto def = std::make_shared<FormDefinition>();
    def->meta = m;
    if (Status body = parse_definition_body(j, *def); !body)
      return fail(file, body.error().message, body.error().code, body.error().field);
    cat.m_forms.push_back(std::move(m));
    cat.m_definitions.push_back(std::move(def));
    form_files.push_back(file);
    return true;
  }

  bool load(const std::string& file, const std::string& text) {
    json j = parse_json_or_discarded(text);
    if (j.is_discarded() || !j.is_object()) return fail(file, "not a JSON object (or a key given twice)");
    if (j.contains("sets")) return load_sets(file, j);
    return load_form(file, j);
  }

  bool finish() {
    for (std::size_t i = 0; i < cat.m_forms.size(); ++i) {
      const FormMeta& f = cat.m_forms[i];
      if (!cat.find_set(f.set))
        return fail(form_files[i], "unknown set '" + f.set + "'", ErrorCode::DefinitionUnknownSet, "set");
      for (const auto& g : cat.m_forms)
        if (&g != &f && g.id == f.id && g.version == f.version)
          return fail(form_files[i], "duplicate id and version", ErrorCode::DefinitionDuplicateId, "version");
    }
    return true;
  }
};

Result<Catalogue> Catalogue::load(const std::vector<std::pair<std::string, std::string>>& files) {
  CatalogueLoader loader;
  for (const auto& [name, text] : files)
    if (!loader.load(name, text)) return Error::make(loader.code, loader.error, loader.path);
  if (!loader.finish()) return Error::make(loader.code, loader.error, loader.path);
  return std::move(loader.cat);
}

std::vector<std::pair<std::string, std::string>> Catalogue::embedded_files() {
  std::vector<std::pair<std::string, std::string>> files;
  for (std::size_t i = 0; i < k_embedded_form_file_count; ++i)
    files.emplace_back(k_embedded_form_files[i].name, k_embedded_form_files[i].content);
  return files;
}

const Catalogue& Catalogue::builtin() {
  static const Catalogue instance = [] {
    auto loaded = load(embedded_files());
    if (loaded) return std::move(loaded).value();
    Catalogue empty;
    empty.m_load_error = loaded.error().message;
    return empty;
  }();
  return instance;
}

namespace {
std::atomic<const Catalogue*> g_current{nullptr};
std::mutex g_installed_mutex;
std::deque<Catalogue>& installed() {
  static std::deque<Catalogue> all;  // never shrinks: see current()
  return all;
}
}  // namespace

const Catalogue& Catalogue::current() {
  const Catalogue* c = g_current.load(std::memory_order_acquire);
  return c ? *c : builtin();
}

void Catalogue::install(Catalogue next) {
  std::lock_guard lock(g_installed_mutex);
  installed().push_back(std::move(next));
  g_current.store(&installed().back(), std::memory_order_release);
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

std::string Catalogue::in_force_from(const FormMeta& meta) const {
  if (!meta.in_force_from.empty()) return meta.in_force_from;
  const FormSet* set = find_set(meta.set);
  return set ? set->valid_from : std::string();
}

const FormMeta* Catalogue::form_for_day(std::string_view id, std::string_view day) const {
  const FormMeta* best = nullptr;
  for (const auto& f : m_forms) {
    if (f.id != id || f.status == DefinitionStatus::Retired || (best && f.version < best->version)) continue;
    const FormSet* set = find_set(f.set);
    if (!set || !set->in_force_on(day)) continue;
    if (const std::string from = in_force_from(f); !from.empty() && day < std::string_view(from)) continue;
    best = &f;
  }
  return best;
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
