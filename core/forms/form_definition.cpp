// Parses and checks the body of a form definition (sections, fields, conditions, period). Every
// rule a definition must follow is checked here, so a broken data file fails loading with a
// message naming the JSON path, instead of misbehaving later in validation or the UI.
#include "core/forms/form_definition.hpp"

#include <algorithm>
#include <set>

#include "core/forms/hygiene.hpp"

namespace magtreg::core::forms {

using nlohmann::json;

namespace {

struct TypeName {
  FieldType type;
  std::string_view name;
};

constexpr TypeName k_type_names[] = {
    {FieldType::Text, "text"},
    {FieldType::LongText, "long_text"},
    {FieldType::Date, "date"},
    {FieldType::Time, "time"},
    {FieldType::DateTime, "datetime"},
    {FieldType::Duration, "duration"},
    {FieldType::SingleChoice, "single_choice"},
    {FieldType::MultiChoice, "multi_choice"},
    {FieldType::LegalBasis, "legal_basis"},
    {FieldType::HygieneSituation, "hygiene_situation"},
    {FieldType::PersonList, "person_list"},
    {FieldType::YesNo, "yes_no"},
    {FieldType::Number, "number"},
    {FieldType::Table, "table"},
};

bool is_choice(FieldType t) { return t == FieldType::SingleChoice || t == FieldType::MultiChoice; }
bool is_text(FieldType t) { return t == FieldType::Text || t == FieldType::LongText; }
bool is_rows(FieldType t) { return t == FieldType::Table || t == FieldType::PersonList; }
bool is_integer(FieldType t) { return t == FieldType::Number || t == FieldType::Duration; }

bool is_snake_id(std::string_view s) {
  if (s.empty() || s.size() > 64 || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

bool has_text(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c != ' ' && c != '\t' && c != '\n'; });
}

class BodyParser {
 public:
  explicit BodyParser(FormDefinition& def) : m_def(def) {}

  Status parse(const json& j) {
    if (!parse_sections(j) || !parse_period(j) || !check_parts()) return Error::make(m_code, m_error, m_path);
    return {};
  }

 private:
  FormDefinition& m_def;
  std::string m_error;
  std::string m_path;
  ErrorCode m_code = ErrorCode::DefinitionInvalid;

  // Records the first problem: its JSON path, what is wrong, and the stable code of its kind.
  bool fail(const std::string& path, const std::string& what, ErrorCode code = ErrorCode::DefinitionInvalid) {
    m_error = path + ": " + what;
    m_path = path;
    m_code = code;
    return false;
  }

  static bool read_string(const json& j, const char* key, std::string& out) {
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  }

  bool read_int(const json& j, const char* key, const std::string& path, int lo, int hi, int& out) {
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (!it->is_number_integer()) return fail(path, std::string(key) + " must be an integer");
    if (it->is_number_unsigned() ? it->get<std::uint64_t>() > static_cast<std::uint64_t>(hi)
                                 : (it->get<std::int64_t>() < lo || it->get<std::int64_t>() > hi))
      return fail(path, std::string(key) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    out = static_cast<int>(it->get<std::int64_t>());
    return true;
  }

  bool read_int64(const json& j, const char* key, const std::string& path, std::optional<std::int64_t>& out) {
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<std::uint64_t>() > 1'000'000'000'000ULL))
      return fail(path, std::string(key) + " must be an integer");
    out = it->get<std::int64_t>();
    return true;
  }

  bool check_keys(const json& j, const std::string& path, std::initializer_list<std::string_view> allowed) {
    for (auto it = j.begin(); it != j.end(); ++it)
      if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
        return fail(path, "unknown key '" + it.key() + "'");
    return true;
  }

  bool parse_sections(const json& j) {
    auto it = j.find("sections");
    if (it == j.end()) return true;  // metadata-only definition
    if (!it->is_array()) return fail("sections", "must be an array");
    std::set<std::string> section_ids;
    std::vector<const FieldDef*> seen;  // fields defined so far, in order, for conditions
    std::set<std::string> field_ids;
    std::size_t si = 0;
    for (const auto& s : *it) {
      std::string path = "sections[" + std::to_string(si++) + "]";
      if (!s.is_object()) return fail(path, "a section must be an object");
      if (!check_keys(s, path, {"id", "title", "help", "part", "fields"})) return false;
      Section sec;
      std::string part;
      if (!read_string(s, "id", sec.id) || !read_string(s, "title", sec.title) || !read_string(s, "help", sec.help) ||
          !read_string(s, "part", part))
        return fail(path, "id, title, help and part must be strings");
      if (!is_snake_id(sec.id)) return fail(path, "id '" + sec.id + "' must be snake_case");
      path += " '" + sec.id + "'";
      if (!section_ids.insert(sec.id).second) return fail(path, "duplicate section id", ErrorCode::DefinitionDuplicateId);
      if (!has_text(sec.title)) return fail(path, "title is missing");
      auto p = form_part_from_string(part);
      if (!p) return fail(path, "part must be \"staff\", \"leader\" or \"authority\", not '" + part + "'");
      sec.part = *p;
      auto f = s.find("fields");
      if (f == s.end() || !f->is_array() || f->empty()) return fail(path, "fields must be a non-empty array");
      m_def.sections.push_back(std::move(sec));
    }
    // Fields are parsed after all sections exist so pointers into them stay valid.
    for (std::size_t i = 0; i < m_def.sections.size(); ++i) {
      const json& fields = *(*it)[i].find("fields");
      std::string path = "sections[" + std::to_string(i) + "] '" + m_def.sections[i].id + "'";
      m_def.sections[i].fields.reserve(fields.size());
      std::size_t fi = 0;
      for (const auto& fj : fields) {
        std::string fpath = path + ".fields[" + std::to_string(fi++) + "]";
        FieldDef field;
        if (!parse_field(fj, fpath, seen, field, false)) return false;
        if (!field_ids.insert(field.id).second) return fail(fpath, "duplicate field id '" + field.id + "'", ErrorCode::DefinitionDuplicateId);
        m_def.sections[i].fields.push_back(std::move(field));
        seen.push_back(&m_def.sections[i].fields.back());
      }
    }
    return true;
  }

  static const FieldDef* find_in(const std::vector<const FieldDef*>& fields, std::string_view id) {
    for (const auto* f : fields)
      if (f->id == id) return f;
    return nullptr;
  }

  bool parse_field(const json& j, std::string path, const std::vector<const FieldDef*>& earlier, FieldDef& f,
                   bool is_column) {
    if (!j.is_object()) return fail(path, "a field must be an object");
    if (!check_keys(j, path,
                    {"id", "label", "help", "type", "required", "visible_if", "options", "columns", "min_rows",
                     "max_rows", "max_length", "min", "max", "not_before", "multiple", "role_label"}))
      return false;
    std::string type;
    if (!read_string(j, "id", f.id) || !read_string(j, "label", f.label) || !read_string(j, "help", f.help) ||
        !read_string(j, "type", type) || !read_string(j, "not_before", f.not_before) ||
        !read_string(j, "role_label", f.role_label))
      return fail(path, "id, label, help, type, not_before and role_label must be strings");
    if (!is_snake_id(f.id)) return fail(path, "id '" + f.id + "' must be snake_case");
    path += " '" + f.id + "'";
    if (!has_text(f.label)) return fail(path, "label is missing");
    auto t = field_type_from_string(type);
    if (!t) return fail(path, "unknown type '" + type + "'");
    f.type = *t;
    if (is_column && is_rows(f.type)) return fail(path, "a table column cannot be a table or a person list");
    if (f.type == FieldType::LegalBasis && m_def.meta.bases.empty())
      return fail(path, "a legal_basis field needs the form to list its bases");

    for (const char* key : {"required", "multiple"}) {
      auto b = j.find(key);
      if (b != j.end() && !b->is_boolean()) return fail(path, std::string(key) + " must be true or false");
    }
    f.required = j.contains("required") && j.find("required")->get<bool>();
    f.multiple = j.contains("multiple") && j.find("multiple")->get<bool>();

    // Type-specific attributes: present only where they mean something.
    auto only = [&](const char* key, bool allowed) {
      return allowed || !j.contains(key) ? true : fail(path, std::string(key) + " does not apply to type " + type);
    };
    if (!only("options", is_choice(f.type)) || !only("columns", f.type == FieldType::Table) ||
        !only("min_rows", is_rows(f.type)) || !only("max_rows", is_rows(f.type)) ||
        !only("max_length", is_text(f.type)) || !only("min", is_integer(f.type)) || !only("max", is_integer(f.type)) ||
        !only("not_before", f.type == FieldType::Date || f.type == FieldType::DateTime) ||
        !only("multiple", f.type == FieldType::HygieneSituation) || !only("role_label", f.type == FieldType::PersonList))
      return false;

    if (!read_int(j, "min_rows", path, 0, 10000, f.min_rows) || !read_int(j, "max_rows", path, 0, 10000, f.max_rows) ||
        !read_int(j, "max_length", path, 1, 1000000, f.max_length) || !read_int64(j, "min", path, f.min) ||
        !read_int64(j, "max", path, f.max))
      return false;
    if (f.max_rows > 0 && f.min_rows > f.max_rows) return fail(path, "min_rows is greater than max_rows");
    if (f.min && f.max && *f.min > *f.max) return fail(path, "min is greater than max");

    if (is_choice(f.type) && !parse_options(j, path, f)) return false;
    if (f.type == FieldType::Table && !parse_columns(j, path, f)) return false;

    if (!f.not_before.empty()) {
      const FieldDef* other = find_in(earlier, f.not_before);
      if (!other) return fail(path, "not_before refers to '" + f.not_before + "', which is not an earlier field", ErrorCode::DefinitionUnknownReference);
      if (other->type != f.type) return fail(path, "not_before refers to a field of another type");
    }
    auto cond = j.find("visible_if");
    if (cond != j.end() && !parse_condition(*cond, path, earlier, f)) return false;
    return true;
  }

  bool parse_options(const json& j, const std::string& path, FieldDef& f) {
    auto it = j.find("options");
    if (it == j.end() || !it->is_array() || it->empty()) return fail(path, "options must be a non-empty array", ErrorCode::DefinitionEmptyChoices);
    std::set<std::string> ids;
    for (const auto& o : *it) {
      Option opt;
      if (!o.is_object() || !check_keys(o, path, {"id", "label"}) || !read_string(o, "id", opt.id) ||
          !read_string(o, "label", opt.label))
        return m_error.empty() ? fail(path, "an option must be {\"id\": ..., \"label\": ...}") : false;
      if (!is_snake_id(opt.id)) return fail(path, "option id '" + opt.id + "' must be snake_case");
      if (!has_text(opt.label)) return fail(path, "option '" + opt.id + "' has no label");
      if (!ids.insert(opt.id).second) return fail(path, "duplicate option id '" + opt.id + "'", ErrorCode::DefinitionDuplicateId);
      f.options.push_back(std::move(opt));
    }
    return true;
  }

  bool parse_columns(const json& j, const std::string& path, FieldDef& f) {
    auto it = j.find("columns");
    if (it == j.end() || !it->is_array() || it->empty()) return fail(path, "columns must be a non-empty array", ErrorCode::DefinitionEmptyChoices);
    f.columns.reserve(it->size());
    std::vector<const FieldDef*> earlier;
    std::set<std::string> ids;
    std::size_t ci = 0;
    for (const auto& cj : *it) {
      std::string cpath = path + ".columns[" + std::to_string(ci++) + "]";
      FieldDef col;
      if (!parse_field(cj, cpath, earlier, col, true)) return false;
      if (!ids.insert(col.id).second) return fail(cpath, "duplicate column id '" + col.id + "'", ErrorCode::DefinitionDuplicateId);
      f.columns.push_back(std::move(col));
      earlier.push_back(&f.columns.back());
    }
    return true;
  }

  bool value_fits(const FieldDef& ref, const json& v) const {
    switch (ref.type) {
      case FieldType::YesNo: return v.is_boolean();
      case FieldType::Number:
      case FieldType::Duration: return v.is_number_integer();
      case FieldType::SingleChoice:
      case FieldType::MultiChoice:
        return v.is_string() && std::any_of(ref.options.begin(), ref.options.end(),
                                            [&](const Option& o) { return o.id == v.get<std::string>(); });
      case FieldType::LegalBasis: return v.is_string() && m_def.meta.covers_basis(v.get<std::string>());
      case FieldType::HygieneSituation: return v.is_string() && find_hygiene_situation(v.get<std::string>());
      case FieldType::PersonList:
      case FieldType::Table: return false;
      default: return v.is_string();
    }
  }

  bool parse_condition(const json& c, const std::string& path, const std::vector<const FieldDef*>& earlier,
                       FieldDef& f) {
    if (!c.is_object() || !check_keys(c, path + ".visible_if", {"field", "equals", "in"}))
      return m_error.empty() ? fail(path, "visible_if must be an object") : false;
    Condition cond;
    if (!read_string(c, "field", cond.field) || cond.field.empty())
      return fail(path, "visible_if.field must name a field");
    const FieldDef* ref = find_in(earlier, cond.field);
    if (!ref) return fail(path, "visible_if refers to '" + cond.field + "', which is not an earlier field", ErrorCode::DefinitionUnknownReference);
    auto eq = c.find("equals");
    auto in = c.find("in");
    if ((eq == c.end()) == (in == c.end())) return fail(path, "visible_if needs exactly one of equals or in");
    if (eq != c.end()) cond.values.push_back(*eq);
    else if (!in->is_array() || in->empty()) return fail(path, "visible_if.in must be a non-empty array");
    else
      for (const auto& v : *in) cond.values.push_back(v);
    for (const auto& v : cond.values)
      if (!value_fits(*ref, v))
        return fail(path, "visible_if value is not a possible value of '" + ref->id + "' (" +
                              std::string(to_string(ref->type)) + ")");
    f.visible_if = std::move(cond);
    return true;
  }

  bool parse_period(const json& j) {
    auto it = j.find("period");
    const bool needs = m_def.meta.lifecycle == LifecycleKind::Period && !m_def.sections.empty();
    if (it == j.end()) return needs ? fail("period", "a period form needs a \"period\" object") : true;
    if (m_def.meta.lifecycle != LifecycleKind::Period) return fail("period", "only period forms have a period");
    if (!it->is_object() || !check_keys(*it, "period", {"start_field", "lines_field", "date_column", "time_column", "duration_column", "days"}))
      return m_error.empty() ? fail("period", "must be an object") : false;
    PeriodSpec p;
    if (!read_string(*it, "start_field", p.start_field) || !read_string(*it, "lines_field", p.lines_field) ||
        !read_string(*it, "date_column", p.date_column) || !read_string(*it, "time_column", p.time_column) ||
        !read_string(*it, "duration_column", p.duration_column) || !read_int(*it, "days", "period", 1, 366, p.days))
      return m_error.empty() ? fail("period", "start_field, lines_field and the columns must be strings") : false;
    const FieldDef* start = m_def.find_field(p.start_field);
    if (!start || start->type != FieldType::Date) return fail("period", "start_field must name a date field", ErrorCode::DefinitionUnknownReference);
    const FieldDef* lines = m_def.find_field(p.lines_field);
    if (!lines || lines->type != FieldType::Table) return fail("period", "lines_field must name a table field", ErrorCode::DefinitionUnknownReference);
    auto col = std::find_if(lines->columns.begin(), lines->columns.end(),
                            [&](const FieldDef& c) { return c.id == p.date_column; });
    if (col == lines->columns.end() || col->type != FieldType::Date)
      return fail("period", "date_column must name a date column of the lines table", ErrorCode::DefinitionUnknownReference);
    auto has_column = [&](const std::string& id, FieldType type) {
      return id.empty() || std::any_of(lines->columns.begin(), lines->columns.end(),
                                       [&](const FieldDef& c) { return c.id == id && c.type == type; });
    };
    if (!has_column(p.time_column, FieldType::Time)) return fail("period", "time_column must name a time column of the lines table", ErrorCode::DefinitionUnknownReference);
    if (!has_column(p.duration_column, FieldType::Duration))
      return fail("period", "duration_column must name a duration column of the lines table", ErrorCode::DefinitionUnknownReference);
    m_def.period = std::move(p);
    return true;
  }

  // The parts must match the lifecycle (docs/forms.md), and each part must ask for something.
  bool check_parts() {
    if (m_def.sections.empty()) return true;
    const auto parts = m_def.parts();
    auto has = [&](FormPart p) { return std::find(parts.begin(), parts.end(), p) != parts.end(); };
    switch (m_def.meta.lifecycle) {
      case LifecycleKind::StaffThenLeader:
        if (parts.size() != 2 || !has(FormPart::Staff) || !has(FormPart::Leader))
          return fail("sections", "a staff_then_leader form needs a staff part and a leader part, and no other");
        break;
      case LifecycleKind::DirectLock: {
        const FormPart want = m_def.meta.kind == FormKind::Move ? FormPart::Authority : FormPart::Leader;
        if (parts.size() != 1 || parts[0] != want)
          return fail("sections", "a direct_lock " + std::string(to_string(m_def.meta.kind)) + " form has one part: " +
                                      std::string(to_string(want)));
        break;
      }
      case LifecycleKind::Period:
        if (parts.size() != 1 || parts[0] != FormPart::Staff)
          return fail("sections", "a period form has one part: staff");
        break;
    }
    for (FormPart p : parts) {
      bool any = false;
      for (const auto& s : m_def.sections)
        for (const auto& f : s.fields) any = any || (s.part == p && f.required);
      if (!any) return fail("sections", "the " + std::string(to_string(p)) + " part has no required field");
    }
    return true;
  }
};

}  // namespace

std::string_view to_string(FieldType type) {
  for (const auto& t : k_type_names)
    if (t.type == type) return t.name;
  return "text";
}

std::optional<FieldType> field_type_from_string(std::string_view name) {
  for (const auto& t : k_type_names)
    if (t.name == name) return t.type;
  return std::nullopt;
}

std::string_view to_string(FormPart part) {
  switch (part) {
    case FormPart::Staff: return "staff";
    case FormPart::Leader: return "leader";
    case FormPart::Authority: return "authority";
  }
  return "staff";
}

std::optional<FormPart> form_part_from_string(std::string_view name) {
  for (FormPart p : {FormPart::Staff, FormPart::Leader, FormPart::Authority})
    if (to_string(p) == name) return p;
  return std::nullopt;
}

std::string_view part_label(FormPart part) {
  switch (part) {
    case FormPart::Staff: return "Medarbejderdel";
    case FormPart::Leader: return "Ledelsesdel";
    case FormPart::Authority: return "Myndighedsdel";
  }
  return "";
}

const FieldDef* FormDefinition::find_field(std::string_view id) const {
  for (const auto& s : sections)
    for (const auto& f : s.fields)
      if (f.id == id) return &f;
  return nullptr;
}

std::optional<FormPart> FormDefinition::part_of(std::string_view field_id) const {
  for (const auto& s : sections)
    for (const auto& f : s.fields)
      if (f.id == field_id) return s.part;
  return std::nullopt;
}

std::vector<FormPart> FormDefinition::parts() const {
  std::vector<FormPart> out;
  for (const auto& s : sections)
    if (std::find(out.begin(), out.end(), s.part) == out.end()) out.push_back(s.part);
  return out;
}

int text_limit(const FieldDef& f) {
  if (f.max_length > 0) return f.max_length;
  return f.type == FieldType::Text ? k_text_max_length : k_long_text_max_length;
}

Status parse_definition_body(const json& j, FormDefinition& def) {
  def.sections.clear();
  def.period.reset();
  if (!j.is_object()) return Error::make(ErrorCode::Internal, "a definition must be a JSON object");
  Status s = BodyParser(def).parse(j);
  if (!s) {
    def.sections.clear();
    def.period.reset();
  }
  return s;
}

}  // namespace magtreg::core::forms
