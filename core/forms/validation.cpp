// Validates form content against a definition. Every value is type-checked before it is read
// (is_string() before get<std::string>(), ...), so arbitrary JSON can never throw or crash here.
#include "core/forms/validation.hpp"

#include <algorithm>
#include <cstdint>

#include "core/forms/date_text.hpp"
#include "core/forms/hygiene.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/util/json_text.hpp"
#include "core/util/utf8.hpp"

namespace magtreg::core::forms {

using nlohmann::json;

namespace {

struct CodeName {
  IssueCode code;
  std::string_view name;
};

constexpr CodeName k_code_names[] = {
    {IssueCode::Required, "REQUIRED"},
    {IssueCode::WrongType, "WRONG_TYPE"},
    {IssueCode::NotAnOption, "NOT_AN_OPTION"},
    {IssueCode::DuplicateChoice, "DUPLICATE_CHOICE"},
    {IssueCode::InvalidDate, "INVALID_DATE"},
    {IssueCode::InvalidTime, "INVALID_TIME"},
    {IssueCode::InvalidDateTime, "INVALID_DATETIME"},
    {IssueCode::TooLong, "TOO_LONG"},
    {IssueCode::OutOfRange, "OUT_OF_RANGE"},
    {IssueCode::TooManyRows, "TOO_MANY_ROWS"},
    {IssueCode::TooFewRows, "TOO_FEW_ROWS"},
    {IssueCode::UnknownField, "UNKNOWN_FIELD"},
    {IssueCode::EndBeforeStart, "END_BEFORE_START"},
    {IssueCode::OutOfPeriod, "OUT_OF_PERIOD"},
    {IssueCode::InvalidJson, "INVALID_JSON"},
};

// A user's value quoted in a message: cut short, so a pasted essay does not become the message.
std::string quote_value(const std::string& v) {
  std::string out;
  std::size_t points = 0;
  for (char c : v) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++points > 40) return "»" + out + "…«";
    out += c;
  }
  return "»" + out + "«";
}

std::string q(const std::string& label) { return "»" + label + "«"; }

bool is_blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool is_list_type(const FieldDef& f) {
  return f.type == FieldType::MultiChoice || f.type == FieldType::PersonList || f.type == FieldType::Table ||
         (f.type == FieldType::HygieneSituation && f.multiple);
}

// Missing, null and blank text count as "not filled in" for any field (an emptied input), an empty
// list only for list fields (elsewhere it is the wrong type); false and 0 are answers.
bool is_empty_value(const json* v, bool list_field) {
  if (!v || v->is_null()) return true;
  if (v->is_string()) return is_blank(v->get_ref<const std::string&>());
  if (v->is_array()) return list_field && v->empty();
  return false;
}

std::string_view expected(FieldType t, bool multiple) {
  switch (t) {
    case FieldType::Text:
    case FieldType::LongText: return "tekst";
    case FieldType::Date: return "en dato (dd.mm.åååå)";
    case FieldType::Time: return "et klokkeslæt (tt:mm)";
    case FieldType::DateTime: return "en dato og et klokkeslæt (dd.mm.åååå tt:mm)";
    case FieldType::Duration: return "et helt antal minutter";
    case FieldType::SingleChoice:
    case FieldType::LegalBasis: return "et af valgene";
    case FieldType::HygieneSituation: return multiple ? "en liste af hygiejnesituationer" : "en hygiejnesituation";
    case FieldType::MultiChoice: return "en liste af valg";
    case FieldType::PersonList: return "en liste af personer";
    case FieldType::YesNo: return "ja eller nej";
    case FieldType::Number: return "et helt tal";
    case FieldType::Table: return "en liste af linjer";
  }
  return "en anden værdi";
}

// Fields visible in one object (the content, or one table row), looked up among `fields`.
class FieldScope {
 public:
  FieldScope(const std::vector<const FieldDef*>& fields, const json& obj) : m_fields(fields), m_obj(obj) {}

  const FieldDef* find(std::string_view id) const {
    for (const auto* f : m_fields)
      if (f->id == id) return f;
    return nullptr;
  }

  const json* value(std::string_view id) const {
    if (!m_obj.is_object()) return nullptr;
    auto it = m_obj.find(id);
    return it == m_obj.end() ? nullptr : &*it;
  }

  bool visible(const FieldDef& f, int depth = 0) const {
    if (!f.visible_if) return true;
    const FieldDef* ref = find(f.visible_if->field);
    // Conditions refer to earlier fields (checked at load), so the chain ends; the depth guard
    // only protects against a hand-built definition that skipped the loader.
    if (!ref || depth > 64 || !visible(*ref, depth + 1)) return false;
    const json* v = value(ref->id);
    if (!v) return false;
    for (const auto& want : f.visible_if->values) {
      if (*v == want) return true;
      if (v->is_array())
        for (const auto& el : *v)
          if (el == want) return true;
    }
    return false;
  }

 private:
  const std::vector<const FieldDef*>& m_fields;
  const json& m_obj;
};

std::vector<const FieldDef*> top_fields(const FormDefinition& def) {
  std::vector<const FieldDef*> out;
  for (const auto& s : def.sections)
    for (const auto& f : s.fields) out.push_back(&f);
  return out;
}

std::vector<const FieldDef*> column_fields(const FieldDef& table) {
  std::vector<const FieldDef*> out;
  for (const auto& c : table.columns) out.push_back(&c);
  return out;
}

class Validator {
 public:
  Validator(const FormDefinition& def, std::vector<Issue>& out) : m_def(def), m_out(out) {}

  void content(const json& content, Scope scope) {
    if (!content.is_object()) {
      add("", IssueCode::InvalidJson, "Skemaets indhold skal være et JSON-objekt med feltværdier.");
      return;
    }
    const auto fields = top_fields(m_def);
    FieldScope top(fields, content);
    for (auto it = content.begin(); it != content.end(); ++it)
      if (!top.find(it.key()))
        add(it.key(), IssueCode::UnknownField,
            "Feltet " + quote_value(it.key()) + " findes ikke i " + m_def.meta.short_title + " (version " +
                std::to_string(m_def.meta.version) + ").");
    for (const auto& s : m_def.sections) {
      if (scope != Scope::All && scope_of(s.part) != scope) continue;
      for (const auto& f : s.fields) field(f, top, f.id);
    }
    if (!m_def.period) return;
    const auto lines_part = m_def.part_of(m_def.period->lines_field);
    if (scope == Scope::All || (lines_part && scope_of(*lines_part) == scope)) period(content);
  }

 private:
  const FormDefinition& m_def;
  std::vector<Issue>& m_out;

  void add(std::string path, IssueCode code, std::string message) {
    m_out.push_back(Issue{std::move(path), code, std::move(message)});
  }

  void wrong_type(const FieldDef& f, const std::string& path) {
    add(path, IssueCode::WrongType,
        q(f.label) + " er ikke udfyldt rigtigt: der skal stå " + std::string(expected(f.type, f.multiple)) + ".");
  }

  void field(const FieldDef& f, const FieldScope& scope, const std::string& path) {
    const json* v = scope.value(f.id);
    const bool visible = scope.visible(f);
    if (is_empty_value(v, is_list_type(f))) {
      if (visible && f.required) add(path, IssueCode::Required, q(f.label) + " skal udfyldes.");
      return;
    }
    // A hidden field's value is still type-checked (it must not be garbage), but never required.
    value(f, *v, scope, path);
  }

  bool option_ok(const FieldDef& f, const std::string& id) const {
    return std::any_of(f.options.begin(), f.options.end(), [&](const Option& o) { return o.id == id; });
  }

  void not_an_option(const FieldDef& f, const std::string& v, const std::string& path) {
    add(path, IssueCode::NotAnOption, quote_value(v) + " er ikke et gyldigt valg i " + q(f.label) + ".");
  }

  void value(const FieldDef& f, const json& v, const FieldScope& scope, const std::string& path) {
    switch (f.type) {
      case FieldType::Text:
      case FieldType::LongText: {
        if (!v.is_string()) return wrong_type(f, path);
        const int limit = text_limit(f);
        if (code_points(v.get_ref<const std::string&>()) > static_cast<std::size_t>(limit))
          add(path, IssueCode::TooLong, q(f.label) + " må højst være " + std::to_string(limit) + " tegn.");
        return;
      }
      case FieldType::Date:
        if (!v.is_string()) return wrong_type(f, path);
        if (!is_date_text(v.get_ref<const std::string&>()))
          return add(path, IssueCode::InvalidDate, q(f.label) + " er ikke en gyldig dato. Skriv den som dd.mm.åååå, fx 05.03.2024.");
        return order(f, v, scope, path);
      case FieldType::Time:
        if (!v.is_string()) return wrong_type(f, path);
        if (!is_time_text(v.get_ref<const std::string&>()))
          add(path, IssueCode::InvalidTime, q(f.label) + " er ikke et gyldigt klokkeslæt. Skriv det som tt:mm, fx 14:30.");
        return;
      case FieldType::DateTime:
        if (!v.is_string()) return wrong_type(f, path);
        if (!is_datetime_text(v.get_ref<const std::string&>()))
          return add(path, IssueCode::InvalidDateTime,
                     q(f.label) + " er ikke en gyldig dato og et gyldigt klokkeslæt. Skriv dato og klokkeslæt som "
                         "dd.mm.åååå og tt:mm, fx 05.03.2024 og 14:30.");
        return order(f, v, scope, path);
      case FieldType::Duration:
      case FieldType::Number: return integer(f, v, path);
      case FieldType::SingleChoice:
        if (!v.is_string()) return wrong_type(f, path);
        if (!option_ok(f, v.get_ref<const std::string&>())) not_an_option(f, v.get_ref<const std::string&>(), path);
        return;
      case FieldType::LegalBasis:
        if (!v.is_string()) return wrong_type(f, path);
        if (!m_def.meta.covers_basis(v.get_ref<const std::string&>()))
          add(path, IssueCode::NotAnOption,
              quote_value(v.get_ref<const std::string&>()) + " er ikke en hjemmel, som " + m_def.meta.short_title +
                  " dækker.");
        return;
      case FieldType::HygieneSituation:
        if (!f.multiple) {
          if (!v.is_string()) return wrong_type(f, path);
          if (!find_hygiene_situation(v.get_ref<const std::string&>()))
            add(path, IssueCode::NotAnOption,
                quote_value(v.get_ref<const std::string&>()) +
                    " er ikke en af de hygiejnesituationer, magtanvendelsesbekendtgørelsens § 7 tillader.");
          return;
        }
        return choices(f, v, path, [](const std::string& id) { return find_hygiene_situation(id) != nullptr; });
      case FieldType::MultiChoice:
        return choices(f, v, path, [&](const std::string& id) { return option_ok(f, id); });
      case FieldType::YesNo:
        if (!v.is_boolean()) wrong_type(f, path);
        return;
      case FieldType::PersonList: return persons(f, v, path);
      case FieldType::Table: return table(f, v, path);
    }
  }

  template <class Known>
  void choices(const FieldDef& f, const json& v, const std::string& path, Known known) {
    if (!v.is_array()) return wrong_type(f, path);
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& el = v[i];
      const std::string p = path + "[" + std::to_string(i) + "]";
      if (!el.is_string()) {
        wrong_type(f, p);
        continue;
      }
      const std::string& id = el.get_ref<const std::string&>();
      if (!known(id)) {
        not_an_option(f, id, p);
        continue;
      }
      if (std::find(seen.begin(), seen.end(), id) != seen.end())
        add(p, IssueCode::DuplicateChoice, quote_value(id) + " er valgt mere end én gang i " + q(f.label) + ".");
      seen.push_back(id);
    }
  }

  void integer(const FieldDef& f, const json& v, const std::string& path) {
    if (!v.is_number_integer()) return wrong_type(f, path);
    std::optional<std::int64_t> lo = f.min;
    if (f.type == FieldType::Duration && (!lo || *lo < 0)) lo = 0;
    const bool huge = v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX);
    const std::int64_t n = huge ? INT64_MAX : v.get<std::int64_t>();
    if ((lo && n < *lo) || (f.max && (huge || n > *f.max))) {
      std::string range = lo && f.max   ? "mellem " + std::to_string(*lo) + " og " + std::to_string(*f.max)
                          : lo          ? "mindst " + std::to_string(*lo)
                                        : "højst " + std::to_string(*f.max);
      add(path, IssueCode::OutOfRange, q(f.label) + " skal være " + range + ".");
    }
  }

  // `not_before`: days in text order; wall times by core/time's one order test.
  void order(const FieldDef& f, const json& v, const FieldScope& scope, const std::string& path) {
    if (f.not_before.empty()) return;
    const FieldDef* other = scope.find(f.not_before);
    const json* ov = scope.value(f.not_before);
    if (!other || !ov || !ov->is_string()) return;
    const std::string& start = ov->get_ref<const std::string&>();
    const std::string& end = v.get_ref<const std::string&>();
    bool before = false;
    if (f.type == FieldType::Date) {
      before = is_date_text(start) && end < start;
    } else if (is_datetime_text(start) && is_datetime_text(end)) {
      // One order test for wall times (core/time): 02:50 summer time -> the second 02:10 winter time on
      // the last Sunday of October is in order, as the rule engine judges it.
      auto a = time::parse_local_date_time(start);
      auto b = time::parse_local_date_time(end);
      before = a && b && time::surely_before(*b, *a);
    }
    if (before)
      add(path, IssueCode::EndBeforeStart, q(f.label) + " må ikke ligge før " + q(other->label) + ".");
  }

  bool rows(const FieldDef& f, const json& v, const std::string& path) {
    if (!v.is_array()) {
      wrong_type(f, path);
      return false;
    }
    if (f.max_rows > 0 && v.size() > static_cast<std::size_t>(f.max_rows))
      add(path, IssueCode::TooManyRows, q(f.label) + " må højst have " + std::to_string(f.max_rows) + " linjer.");
    if (v.size() < static_cast<std::size_t>(f.min_rows))
      add(path, IssueCode::TooFewRows,
          q(f.label) + " skal have mindst " + std::to_string(f.min_rows) + (f.min_rows == 1 ? " linje." : " linjer."));
    return true;
  }

  void persons(const FieldDef& f, const json& v, const std::string& path) {
    if (!rows(f, v, path)) return;
    const std::string role_label = f.role_label.empty() ? "Rolle/relation" : f.role_label;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& row = v[i];
      const std::string p = path + "[" + std::to_string(i) + "]";
      if (!row.is_object()) {
        add(p, IssueCode::WrongType, "Hver person i " + q(f.label) + " skal have navn og " + role_label + ".");
        continue;
      }
      for (auto it = row.begin(); it != row.end(); ++it)
        if (it.key() != "name" && it.key() != "role")
          add(p + "." + it.key(), IssueCode::UnknownField,
              "Feltet " + quote_value(it.key()) + " findes ikke for en person i " + q(f.label) + ".");
      auto name = row.find("name");
      if (name == row.end() || is_empty_value(&*name, false))
        add(p + ".name", IssueCode::Required, "Navn skal udfyldes for hver person i " + q(f.label) + ".");
      else if (!name->is_string())
        add(p + ".name", IssueCode::WrongType, "Navn i " + q(f.label) + " skal være tekst.");
      else if (code_points(name->get_ref<const std::string&>()) > static_cast<std::size_t>(k_text_max_length))
        add(p + ".name", IssueCode::TooLong, "Navn i " + q(f.label) + " er for langt.");
      auto role = row.find("role");
      if (role != row.end() && !role->is_null() && !role->is_string())
        add(p + ".role", IssueCode::WrongType, role_label + " i " + q(f.label) + " skal være tekst.");
      else if (role != row.end() && role->is_string() &&
               code_points(role->get_ref<const std::string&>()) > static_cast<std::size_t>(k_text_max_length))
        add(p + ".role", IssueCode::TooLong, role_label + " i " + q(f.label) + " er for lang.");
    }
  }

  void table(const FieldDef& f, const json& v, const std::string& path) {
    if (!rows(f, v, path)) return;
    const auto cols = column_fields(f);
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& row = v[i];
      const std::string p = path + "[" + std::to_string(i) + "]";
      if (!row.is_object()) {
        add(p, IssueCode::WrongType, "Hver linje i " + q(f.label) + " skal være et objekt med kolonneværdier.");
        continue;
      }
      FieldScope rs(cols, row);
      for (auto it = row.begin(); it != row.end(); ++it)
        if (!rs.find(it.key()))
          add(p + "." + it.key(), IssueCode::UnknownField,
              "Kolonnen " + quote_value(it.key()) + " findes ikke i " + q(f.label) + ".");
      for (const auto* c : cols) field(*c, rs, p + "." + c->id);
    }
  }

  void period(const json& content) {
    const std::string last = period_last_day(m_def, content);
    if (last.empty()) return;
    const std::string& first = content.find(m_def.period->start_field)->get_ref<const std::string&>();
    auto lines = content.find(m_def.period->lines_field);
    if (lines == content.end() || !lines->is_array()) return;
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const json& row = (*lines)[i];
      if (!row.is_object()) continue;
      auto d = row.find(m_def.period->date_column);
      if (d == row.end() || !d->is_string() || !is_date_text(d->get_ref<const std::string&>())) continue;
      const std::string& day = d->get_ref<const std::string&>();
      if (day < first || day > last)
        add(m_def.period->lines_field + "[" + std::to_string(i) + "]." + m_def.period->date_column,
            IssueCode::OutOfPeriod,
            "Datoen " + day + " ligger uden for perioden " + first + " – " + last + " (højst " +
                std::to_string(m_def.period->days) + " dage). Registrér i et nyt skema og bilag.");
    }
  }
};

}  // namespace

std::string_view to_string(IssueCode code) {
  for (const auto& c : k_code_names)
    if (c.code == code) return c.name;
  return "WRONG_TYPE";
}

std::optional<IssueCode> issue_code_from_string(std::string_view name) {
  for (const auto& c : k_code_names)
    if (c.name == name) return c.code;
  return std::nullopt;
}

Scope scope_of(FormPart part) {
  switch (part) {
    case FormPart::Staff: return Scope::Staff;
    case FormPart::Leader: return Scope::Leader;
    case FormPart::Authority: return Scope::Authority;
  }
  return Scope::All;
}

std::vector<Issue> validate(const FormDefinition& def, const json& content, Scope scope) {
  std::vector<Issue> issues;
  Validator(def, issues).content(content, scope);
  return issues;
}

std::vector<Issue> validate_text(const FormDefinition& def, std::string_view text, Scope scope) {
  json content = parse_json_or_discarded(text);
  if (content.is_discarded())
    return {Issue{"", IssueCode::InvalidJson, "Skemaets indhold kunne ikke læses (ugyldig JSON)."}};
  return validate(def, content, scope);
}

bool is_visible(const FormDefinition& def, const FieldDef& field, const json& content) {
  const auto fields = top_fields(def);
  return FieldScope(fields, content).visible(field);
}

json strip_hidden(const FormDefinition& def, const json& content) {
  if (!content.is_object()) return content;
  json out = content;
  const auto fields = top_fields(def);
  FieldScope top(fields, content);
  for (const auto* f : fields) {
    auto it = out.find(f->id);
    if (it == out.end()) continue;
    if (!top.visible(*f)) {
      out.erase(it);
      continue;
    }
    if (f->type != FieldType::Table || !it->is_array()) continue;
    const auto cols = column_fields(*f);
    for (auto& row : *it) {
      if (!row.is_object()) continue;
      const json original = row;
      FieldScope rs(cols, original);
      for (const auto* c : cols)
        if (row.contains(c->id) && !rs.visible(*c)) row.erase(c->id);
    }
  }
  return out;
}

std::string period_last_day(const FormDefinition& def, const json& content) {
  if (!def.period || !content.is_object()) return {};
  auto start = content.find(def.period->start_field);
  if (start == content.end() || !start->is_string()) return {};
  return add_days(start->get_ref<const std::string&>(), def.period->days - 1);
}

Status check_text_lengths(const FormDefinition& def, const json& content) {
  for (auto& issue : validate(def, content, Scope::All))
    if (issue.code == IssueCode::TooLong)
      return Error::make(ErrorCode::FieldTooLong, std::move(issue.message), "content." + issue.path);
  return {};
}

}  // namespace magtreg::core::forms
