// Compares two form definitions key by key: metadata, sections by id, fields by id (columns under their
// table), options by id.
#include "core/forms/definition_diff.hpp"

#include <algorithm>

namespace magtreg::core::forms {

namespace {

using Kind = DefinitionChange::Kind;

std::string quoted(const std::string& s) { return "»" + s + "«"; }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out.empty() ? "(ingen)" : out;
}

std::string condition_text(const std::optional<Condition>& c) {
  if (!c) return "altid vist";
  std::string values;
  for (const auto& v : c->values) values += (values.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
  return "vist når " + c->field + " er " + values;
}

class Differ {
 public:
  std::vector<DefinitionChange> out;

  void changed(const std::string& path, const std::string& what, const std::string& a, const std::string& b) {
    if (a != b) out.push_back({Kind::Changed, path, what + ": " + quoted(a) + " → " + quoted(b)});
  }

  void meta(const FormMeta& a, const FormMeta& b) {
    changed("title", "Titel", a.title, b.title);
    changed("short_title", "Kort titel", a.short_title, b.short_title);
    changed("status", "Status", std::string(status_label(a.status)), std::string(status_label(b.status)));
    const auto from_day = [](const FormMeta& m) { return m.in_force_from.empty() ? "skemasættets første dag" : m.in_force_from; };
    changed("in_force_from", "Gælder fra", from_day(a), from_day(b));
    changed("bases", "Hjemler", joined(a.bases), joined(b.bases));
    changed("target_groups", "Målgrupper", joined(a.target_groups), joined(b.target_groups));
    changed("source_title", "Kilde", a.source_title, b.source_title);
    changed("source_date", "Kildens dato", a.source_date, b.source_date);
  }

  void sections(const FormDefinition& a, const FormDefinition& b) {
    for (const auto& s : b.sections) {
      const std::string path = "sections." + s.id;
      auto old = std::find_if(a.sections.begin(), a.sections.end(), [&](const Section& x) { return x.id == s.id; });
      if (old == a.sections.end()) {
        out.push_back({Kind::Added, path, "Nyt afsnit " + quoted(s.title) + " (" + s.id + ")"});
        continue;
      }
      const std::string name = "Afsnit " + quoted(s.title) + " (" + s.id + ")";
      changed(path, name + ": titel", old->title, s.title);
      changed(path, name + ": hjælpetekst", old->help, s.help);
      changed(path, name + ": del", std::string(part_label(old->part)), std::string(part_label(s.part)));
    }
    for (const auto& s : a.sections)
      if (std::none_of(b.sections.begin(), b.sections.end(), [&](const Section& x) { return x.id == s.id; }))
        out.push_back({Kind::Removed, "sections." + s.id, "Afsnit " + quoted(s.title) + " (" + s.id + ") er fjernet"});
  }

  static std::vector<std::pair<const FieldDef*, const Section*>> all_fields(const FormDefinition& d) {
    std::vector<std::pair<const FieldDef*, const Section*>> fields;
    for (const auto& s : d.sections)
      for (const auto& f : s.fields) fields.emplace_back(&f, &s);
    return fields;
  }

  void field(const std::string& path, const FieldDef& a, const FieldDef& b, const Section* sa, const Section* sb) {
    const std::string name = "Felt " + quoted(b.label) + " (" + b.id + ")";
    changed(path, name + ": ledetekst", a.label, b.label);
    changed(path, name + ": hjælpetekst", a.help, b.help);
    changed(path, name + ": type", std::string(to_string(a.type)), std::string(to_string(b.type)));
    changed(path, name + ": skal udfyldes", a.required ? "ja" : "nej", b.required ? "ja" : "nej");
    changed(path, name + ": visning", condition_text(a.visible_if), condition_text(b.visible_if));
    changed(path, name + ": højst tegn", std::to_string(text_limit(a)), std::to_string(text_limit(b)));
    changed(path, name + ": rækker", std::to_string(a.min_rows) + "–" + std::to_string(a.max_rows),
            std::to_string(b.min_rows) + "–" + std::to_string(b.max_rows));
    if (sa && sb) changed(path, name + ": afsnit", sa->id, sb->id);
    for (const auto& o : b.options) {
      auto old = std::find_if(a.options.begin(), a.options.end(), [&](const Option& x) { return x.id == o.id; });
      if (old == a.options.end())
        out.push_back({Kind::Added, path + ".options." + o.id, name + ": nyt valg " + quoted(o.label)});
      else
        changed(path + ".options." + o.id, name + ": valg " + o.id, old->label, o.label);
    }
    for (const auto& o : a.options)
      if (std::none_of(b.options.begin(), b.options.end(), [&](const Option& x) { return x.id == o.id; }))
        out.push_back({Kind::Removed, path + ".options." + o.id, name + ": valget " + quoted(o.label) + " er fjernet"});
    fields(path + ".columns", a.columns, b.columns);
  }

  void fields(const std::string& base, const std::vector<FieldDef>& a, const std::vector<FieldDef>& b) {
    for (const auto& f : b) {
      auto old = std::find_if(a.begin(), a.end(), [&](const FieldDef& x) { return x.id == f.id; });
      if (old == a.end())
        out.push_back({Kind::Added, base + "." + f.id, "Ny kolonne " + quoted(f.label) + " (" + f.id + ")"});
      else
        field(base + "." + f.id, *old, f, nullptr, nullptr);
    }
    for (const auto& f : a)
      if (std::none_of(b.begin(), b.end(), [&](const FieldDef& x) { return x.id == f.id; }))
        out.push_back({Kind::Removed, base + "." + f.id, "Kolonnen " + quoted(f.label) + " (" + f.id + ") er fjernet"});
  }

  void top_fields(const FormDefinition& a, const FormDefinition& b) {
    const auto old_fields = all_fields(a);
    const auto new_fields = all_fields(b);
    for (const auto& entry : new_fields) {
      const FieldDef* f = entry.first;
      const Section* s = entry.second;
      const std::string path = "fields." + f->id;
      auto old = std::find_if(old_fields.begin(), old_fields.end(), [&](const auto& x) { return x.first->id == f->id; });
      if (old == old_fields.end())
        out.push_back({Kind::Added, path, "Nyt felt " + quoted(f->label) + " (" + f->id + ") i afsnit " + s->id});
      else
        field(path, *old->first, *f, old->second, s);
    }
    for (const auto& entry : old_fields) {
      const FieldDef* f = entry.first;
      if (std::none_of(new_fields.begin(), new_fields.end(), [&](const auto& x) { return x.first->id == f->id; }))
        out.push_back({Kind::Removed, "fields." + f->id, "Feltet " + quoted(f->label) + " (" + f->id + ") er fjernet"});
    }
  }
};

}  // namespace

std::vector<DefinitionChange> diff_definitions(const FormDefinition& from, const FormDefinition& to) {
  Differ d;
  d.meta(from.meta, to.meta);
  d.sections(from, to);
  d.top_fields(from, to);
  return std::move(d.out);
}

}  // namespace magtreg::core::forms
