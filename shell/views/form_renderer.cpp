// The generic form renderer.
#include "shell/views/form_renderer.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/forms/date_text.hpp"
#include "core/forms/hygiene.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/util/utf8.hpp"
#include "shell/basis_labels.hpp"
#include "shell/test_hooks.hpp"
#include "shell/theme.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {

using core::forms::FieldDef;
using core::forms::FieldType;
using core::forms::FormDefinition;
using core::forms::FormPart;
using core::forms::Issue;
using nlohmann::json;

namespace {

const ImVec4 k_error_colour(0.70f, 0.10f, 0.10f, 1.0f);
const ImVec4 k_muted_colour(0.35f, 0.35f, 0.38f, 1.0f);

std::string digits_only(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

std::string string_member(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void draw_issues(const std::vector<Issue>& issues, const std::string& path) {
  for (const auto& is : issues)
    if (is.path == path) wrapped_text(k_error_colour, is.message);  // a phone clipped it mid-sentence
}

std::string display_value(const FieldDef& f, const json& v) {
  if (v.is_null()) return "–";
  switch (f.type) {
    case FieldType::Date: return v.is_string() ? danish_date(v.get<std::string>()) : "–";
    case FieldType::DateTime:
      if (v.is_string() && v.get<std::string>().size() == 16) {
        auto s = v.get<std::string>();
        return danish_date(s.substr(0, 10)) + " kl. " + s.substr(11);
      }
      return "–";
    case FieldType::YesNo: return v.is_boolean() ? (v.get<bool>() ? "Ja" : "Nej") : "–";
    case FieldType::LegalBasis: return v.is_string() ? basis_label(v.get<std::string>()) : "–";
    case FieldType::HygieneSituation:
      if (v.is_string()) {
        const auto* h = core::forms::find_hygiene_situation(v.get<std::string>());
        return h ? std::string(h->label) : v.get<std::string>();
      }
      return "–";
    case FieldType::SingleChoice:
      for (const auto& o : f.options)
        if (v.is_string() && o.id == v.get<std::string>()) return o.label;
      return "–";
    case FieldType::MultiChoice: {
      std::string out;
      if (v.is_array())
        for (const auto& item : v)
          for (const auto& o : f.options)
            if (item.is_string() && o.id == item.get<std::string>()) out += (out.empty() ? "" : ", ") + o.label;
      return out.empty() ? "–" : out;
    }
    case FieldType::Duration:
    case FieldType::Number:
      return v.is_number_integer() ? std::to_string(v.get<long long>()) + (f.type == FieldType::Duration ? " min." : "")
                                   : "–";
    default: return v.is_string() ? (v.get<std::string>().empty() ? "–" : v.get<std::string>()) : "–";
  }
}

// A row of choice buttons (touch-sized radio buttons), wrapping to the available width.
bool choice_buttons(const std::string& path, const std::vector<std::pair<std::string, std::string>>& options,
                    json& slot) {
  bool changed = false;
  std::string current = slot.is_string() ? slot.get<std::string>() : "";
  for (std::size_t i = 0; i < options.size(); ++i) {
    const auto& [id, label] = options[i];
    ImGui::PushID(static_cast<int>(i));
    if (radio(label.c_str(), current == id)) {
      slot = id;
      changed = true;
    }
    MAGTREG_HOOK_ITEM(path + "=" + id);
    ImGui::PopID();
  }
  return changed;
}

}  // namespace

std::string& FormRenderer::buffer(const std::string& path, const std::string& initial) {
  auto it = m_buffers.find(path);
  if (it == m_buffers.end()) it = m_buffers.emplace(path, initial).first;
  return it->second;
}

bool FormRenderer::draw_text(const FieldDef& f, json& slot, const std::string& path, bool editable) {
  std::string& buf = buffer(path, slot.is_string() ? slot.get<std::string>() : "");
  if (!editable) {
    ImGui::TextWrapped("%s", buf.empty() ? "–" : buf.c_str());
    return false;
  }
  float w = ImGui::GetContentRegionAvail().x;
  TextAreaInfo wrap;
  TextLimit limit{core::forms::text_limit(f)};
  bool changed = f.type == FieldType::LongText ? text_area(("##" + path).c_str(), &buf, w, 130.0f, &wrap, &limit)
                                                : text_field(("##" + path).c_str(), &buf, std::min(w, 640.0f), false, &limit);
  MAGTREG_HOOK_ITEM(path);
  // Near the limit the count shows; at it, why the rest did not come along (the same limit the server
  // refuses past: core::forms::text_limit).
  const auto chars = static_cast<int>(core::code_points(buf));
  if (limit.clipped) m_clipped.insert(path);
  if (chars < limit.max_chars) m_clipped.erase(path);
  if (m_clipped.count(path))
    ImGui::TextColored(k_error_colour, "»%s« kan højst rumme %s tegn. Resten kom ikke med.", f.label.c_str(),
                       da_number(limit.max_chars).c_str());
  else if (chars * 10 >= limit.max_chars * 9)
    ImGui::TextColored(chars >= limit.max_chars ? k_error_colour : k_muted_colour, "%s af højst %s tegn",
                       da_number(chars).c_str(), da_number(limit.max_chars).c_str());
  MAGTREG_HOOK_FACT("text_limit." + path, std::to_string(chars) + "/" + std::to_string(limit.max_chars) +
                                             (m_clipped.count(path) ? " clipped" : ""));
  if (f.type == FieldType::LongText)
    MAGTREG_HOOK_FACT("text_area." + path,
                     json{{"lines", wrap.lines}, {"shown_lines", wrap.shown_lines}, {"fits", wrap.fits},
                          {"active", wrap.active}, {"wrap_width", wrap.wrap_width}, {"widest_line", wrap.widest_line},
                          {"line_height", wrap.line_height}}
                         .dump());
  if (changed) slot = buf;
  return changed;
}

bool FormRenderer::draw_date(const FieldDef&, json& slot, const std::string& path, bool editable) {
  std::string stored = slot.is_string() ? slot.get<std::string>() : "";
  std::string& buf = buffer(path, danish_date(stored));
  if (!editable) {
    ImGui::TextUnformatted(stored.empty() ? "–" : danish_date(stored).c_str());
    return false;
  }
  bool changed = false;
  if (number_field(("##" + path).c_str(), &buf, 170.0f)) {
    std::string iso = parse_danish_date(buf);
    // Keep what was typed; store the date only once it is a whole, real date ("" while typing).
    slot = iso.empty() ? json(buf) : json(iso);
    changed = true;
  }
  MAGTREG_HOOK_ITEM(path);
  ImGui::SameLine();
  ImGui::TextColored(k_muted_colour, "dd.mm.åååå");
  return changed;
}

bool FormRenderer::draw_time(json& slot, const std::string& path, bool editable) {
  std::string stored = slot.is_string() ? slot.get<std::string>() : "";
  std::string& buf = buffer(path, stored);
  if (!editable) {
    ImGui::TextUnformatted(stored.empty() ? "–" : stored.c_str());
    return false;
  }
  bool changed = false;
  if (number_field(("##" + path).c_str(), &buf, 110.0f)) {
    std::string t = parse_time(buf);
    slot = t.empty() ? json(buf) : json(t);
    changed = true;
  }
  MAGTREG_HOOK_ITEM(path);
  ImGui::SameLine();
  ImGui::TextColored(k_muted_colour, "tt:mm");
  return changed;
}

bool FormRenderer::draw_datetime(const FieldDef& f, json& slot, const std::string& path, bool editable) {
  std::string stored = slot.is_string() ? slot.get<std::string>() : "";
  if (!editable) {
    ImGui::TextUnformatted(display_value(f, slot).c_str());
    return false;
  }
  // Two buffers (date, time) combined into "YYYY-MM-DDTHH:MM" once both are whole.
  // What the fields held: a whole "YYYY-MM-DDTHH:MM"; a day alone ("YYYY-MM-DD", the day chosen before the
  // form was opened); or the two texts as typed, kept as "date time" until both are whole.
  std::string date_part = stored, time_part;
  if (core::forms::is_datetime_text(stored)) {
    date_part = stored.substr(0, 10);
    time_part = stored.substr(11);
  } else if (const auto space = stored.find(' '); space != std::string::npos) {
    date_part = stored.substr(0, space);
    time_part = stored.substr(space + 1);
  }
  std::string& dbuf = buffer(path + "#date", danish_date(date_part));
  std::string& tbuf = buffer(path + "#time", time_part);
  bool changed = false;
  changed |= number_field(("##" + path + "#date").c_str(), &dbuf, 170.0f);
  MAGTREG_HOOK_ITEM(path + "#date");
  ImGui::SameLine();
  ImGui::TextColored(k_muted_colour, "kl.");
  ImGui::SameLine();
  changed |= number_field(("##" + path + "#time").c_str(), &tbuf, 110.0f);
  MAGTREG_HOOK_ITEM(path + "#time");
  if (changed) {
    std::string d = parse_danish_date(dbuf), t = parse_time(tbuf);
    slot = (!d.empty() && !t.empty()) ? json(d + "T" + t) : json(dbuf + " " + tbuf);
  }
  // "Nu" (issue 30 item 6): the tablet's Copenhagen time to the minute, in one tap instead of two fields
  // typed. On a narrow screen it and the format hint go to the next line rather than past the edge.
  const float now_width = button_width("Nu") + 24.0f;
  if (fits_on_line(now_width)) ImGui::SameLine();
  if (big_button("Nu", now_width)) {
    const auto now = core::time::now_local();
    const std::string iso = core::time::format_iso(now);  // "YYYY-MM-DDTHH:MM"
    dbuf = danish_date(iso.substr(0, 10));
    tbuf = iso.substr(11, 5);
    slot = iso.substr(0, 16);
    changed = true;
  }
  MAGTREG_HOOK_ITEM(path + "#now");
  const char* hint = "dd.mm.åååå tt:mm";
  if (fits_on_line(ImGui::CalcTextSize(hint).x)) ImGui::SameLine();
  ImGui::TextColored(k_muted_colour, "%s", hint);
  return changed;
}

bool FormRenderer::draw_rows(const FieldDef& f, json& slot, const std::string& path, bool editable,
                             const std::vector<Issue>& issues, const FormDefinition& def) {
  if (!slot.is_array()) slot = json::array();
  bool changed = false;
  const bool persons = f.type == FieldType::PersonList;
  int remove = -1;
  for (std::size_t i = 0; i < slot.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    std::string row_path = path + "[" + std::to_string(i) + "]";
    json& row = slot[i];
    if (!row.is_object()) row = json::object();
    // Appending to a Bilag 1 that is Udfyldt: the stored lines stay as they are.
    const bool row_editable = editable && (path != m_append_only || i >= m_saved_rows);
    ImGui::BeginGroup();
    if (persons) {
      std::string& name = buffer(row_path + ".name", string_member(row, "name"));
      std::string& role = buffer(row_path + ".role", string_member(row, "role"));
      if (row_editable) {
        // Name, role and "Fjern" on one line where they fit; on a phone one under the other, each the
        // line's width (issue 30 item 5: the role field and "Fjern" lay past the right edge).
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        const float avail = ImGui::GetContentRegionAvail().x;
        const bool one_line = 260.0f + 220.0f + button_width("Fjern") + 2 * spacing <= avail;
        ImGui::TextColored(k_muted_colour, one_line ? "Navn og funktion" : "Navn");
        if (text_field("##name", &name, one_line ? 260.0f : avail)) row["name"] = name, changed = true;
        MAGTREG_HOOK_ITEM(row_path + ".name");
        if (one_line) ImGui::SameLine();
        if (!one_line) ImGui::TextColored(k_muted_colour, "Funktion");
        if (text_field("##role", &role, one_line ? 220.0f : avail)) row["role"] = role, changed = true;
        MAGTREG_HOOK_ITEM(row_path + ".role");
      } else {
        ImGui::Text("%s – %s", name.c_str(), role.c_str());
      }
      draw_issues(issues, row_path + ".name");
      draw_issues(issues, row_path + ".role");
    } else {
      ImGui::TextColored(k_muted_colour, "Linje %zu", i + 1);
      for (const auto& col : f.columns) {
        json& cell = row[col.id];
        changed |= draw_field(col, cell, row_path + "." + col.id, row_editable, issues, def);
        if (cell.is_null()) row.erase(col.id);
      }
    }
    ImGui::EndGroup();
    if (row_editable) {
      if (fits_on_line(button_width("Fjern"))) ImGui::SameLine();
      if (ImGui::Button("Fjern")) remove = static_cast<int>(i);
      MAGTREG_HOOK_ITEM(row_path + "#remove");
    }
    ImGui::Separator();
    ImGui::PopID();
  }
  if (remove >= 0) {
    slot.erase(static_cast<std::size_t>(remove));
    // Row buffers shift: drop them so they reload from the content.
    for (auto it = m_buffers.begin(); it != m_buffers.end();)
      it = it->first.rfind(path + "[", 0) == 0 ? m_buffers.erase(it) : std::next(it);
    changed = true;
  }
  bool full = f.max_rows > 0 && static_cast<int>(slot.size()) >= f.max_rows;
  if (editable && !full) {
    if (ImGui::Button(persons ? "Tilføj person" : "Tilføj linje")) {
      slot.push_back(json::object());
      changed = true;
    }
    MAGTREG_HOOK_ITEM(path + "#add");
  }
  return changed;
}

bool FormRenderer::draw_field(const FieldDef& f, json& slot, const std::string& path, bool editable,
                              const std::vector<Issue>& issues, const FormDefinition& def) {
  ImGui::PushID(path.c_str());
  ImGui::PushFont(fonts().bold);
  ImGui::TextWrapped("%s%s", f.label.c_str(), f.required ? " *" : "");
  ImGui::PopFont();
  if (!f.help.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, k_muted_colour);
    ImGui::TextWrapped("%s", f.help.c_str());
    ImGui::PopStyleColor();
  }
  bool changed = false;
  switch (f.type) {
    case FieldType::Text:
    case FieldType::LongText: changed = draw_text(f, slot, path, editable); break;
    case FieldType::Date: changed = draw_date(f, slot, path, editable); break;
    case FieldType::Time: changed = draw_time(slot, path, editable); break;
    case FieldType::DateTime: changed = draw_datetime(f, slot, path, editable); break;
    case FieldType::Duration:
    case FieldType::Number: {
      if (!editable) {
        ImGui::TextUnformatted(display_value(f, slot).c_str());
        break;
      }
      std::string& buf = buffer(path, slot.is_number_integer() ? std::to_string(slot.get<long long>()) : "");
      if (number_field(("##" + path).c_str(), &buf, 140.0f)) {
        std::string d = digits_only(buf);
        slot = (!d.empty() && d == buf && d.size() < 10) ? json(std::stoll(d)) : (buf.empty() ? json() : json(buf));
        changed = true;
      }
      MAGTREG_HOOK_ITEM(path);
      if (f.type == FieldType::Duration) {
        ImGui::SameLine();
        ImGui::TextColored(k_muted_colour, "minutter");
      }
      break;
    }
    case FieldType::YesNo:
      if (!editable) {
        ImGui::TextUnformatted(display_value(f, slot).c_str());
        break;
      }
      if (ImGui::RadioButton("Ja", slot.is_boolean() && slot.get<bool>())) slot = true, changed = true;
      MAGTREG_HOOK_ITEM(path + "=ja");
      ImGui::SameLine(0, 24);
      if (ImGui::RadioButton("Nej", slot.is_boolean() && !slot.get<bool>())) slot = false, changed = true;
      MAGTREG_HOOK_ITEM(path + "=nej");
      break;
    case FieldType::SingleChoice:
    case FieldType::LegalBasis:
    case FieldType::HygieneSituation: {
      if (!editable) {
        ImGui::TextWrapped("%s", display_value(f, slot).c_str());
        break;
      }
      std::vector<std::pair<std::string, std::string>> options;
      if (f.type == FieldType::SingleChoice)
        for (const auto& o : f.options) options.emplace_back(o.id, o.label);
      else if (f.type == FieldType::LegalBasis)
        for (const auto& b : def.meta.bases) options.emplace_back(b, basis_label(b));
      else
        for (const auto& h : core::forms::k_hygiene_situations) options.emplace_back(h.id, h.label);
      changed = choice_buttons(path, options, slot);
      break;
    }
    case FieldType::MultiChoice: {
      if (!editable) {
        ImGui::TextWrapped("%s", display_value(f, slot).c_str());
        break;
      }
      if (!slot.is_array()) slot = json::array();
      for (const auto& o : f.options) {
        bool on = std::find(slot.begin(), slot.end(), json(o.id)) != slot.end();
        if (checkbox(o.label.c_str(), &on)) {
          if (on) slot.push_back(o.id);
          else slot.erase(std::remove(slot.begin(), slot.end(), json(o.id)), slot.end());
          changed = true;
        }
        MAGTREG_HOOK_ITEM(path + "=" + o.id);
      }
      break;
    }
    case FieldType::PersonList:
    case FieldType::Table: changed = draw_rows(f, slot, path, editable, issues, def); break;
  }
  draw_issues(issues, path);
  ImGui::Spacing();
  ImGui::PopID();
  return changed;
}

void FormRenderer::scroll_to_field(const std::string& path) {
  m_scroll_to = path.substr(0, path.find_first_of("[."));
}

bool FormRenderer::draw(const FormRenderInput& in, json& content) {
  if (!in.definition) return false;
  if (!content.is_object()) content = json::object();
  const FormDefinition& def = *in.definition;
  bool changed = false;
  m_append_only = in.append_only_field;
  m_saved_rows = in.saved_rows;
  draw_issues(in.issues, "");
  for (const auto& section : def.sections) {
    bool editable = std::find(in.editable_parts.begin(), in.editable_parts.end(), section.part) !=
                    in.editable_parts.end();
    if (!in.append_only_field.empty())
      editable = editable && std::any_of(section.fields.begin(), section.fields.end(),
                                         [&](const auto& f) { return f.id == in.append_only_field; });
    ImGui::PushID(section.id.c_str());
    if (!m_scroll_to.empty() && m_scroll_to == "section:" + section.id) {
      ImGui::SetScrollHereY(0.0f);
      m_scroll_to.clear();
    }
    ImGui::PushFont(fonts().title);
    ImGui::TextWrapped("%s", section.title.c_str());
    ImGui::PopFont();
    MAGTREG_HOOK_ITEM("section." + section.id);
    ImGui::TextColored(k_muted_colour, "%s%s", std::string(core::forms::part_label(section.part)).c_str(),
                       editable ? "" : " (kan ikke redigeres nu)");
    if (!section.help.empty()) ImGui::TextWrapped("%s", section.help.c_str());
    ImGui::Separator();
    for (const auto& f : section.fields) {
      if (!core::forms::is_visible(def, f, content)) continue;
      json& slot = content[f.id];
      const bool field_editable = editable && (in.append_only_field.empty() || f.id == in.append_only_field);
      if (!m_scroll_to.empty() && m_scroll_to == f.id) {
        ImGui::SetScrollHereY(0.1f);
        m_scroll_to.clear();
      }
      changed |= draw_field(f, slot, f.id, field_editable, in.issues, def);
      if (slot.is_null()) content.erase(f.id);  // never store empty answers as null keys
    }
    ImGui::PopID();
    ImGui::Spacing();
  }
  m_scroll_to.clear();  // not drawn (hidden meanwhile): not kept for a later draw
  return changed;
}

}  // namespace magtreg::shell
