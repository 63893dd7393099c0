// Draws any form definition from core's catalogue: every field type, conditional visibility, tables of
// lines, and each field's validation issues inline (Danish, from core). Edits the content JSON in place;
// parts the user may not edit are drawn read-only.
#pragma once

#include "core/forms/date_text.hpp"

#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/forms/form_definition.hpp"
#include "core/forms/validation.hpp"

namespace magtreg::shell {

struct FormRenderInput {
  const core::forms::FormDefinition* definition = nullptr;
  std::vector<core::forms::FormPart> editable_parts;  // from core::forms::editable_parts()
  std::vector<core::forms::Issue> issues;              // shown under their fields
  bool show_required_marks = true;
  // Bilag 1 while Udfyldt: only new lines may be added to this table field; its first `saved_rows` lines
  // (those stored) and every other field are read-only (core::forms::check_field_edit / check_edit).
  std::string append_only_field;
  std::size_t saved_rows = 0;
};

class FormRenderer {
 public:
  // Draws the form; returns true when the content changed this frame.
  bool draw(const FormRenderInput& in, nlohmann::json& content);
  // Forget per-field text buffers (call when another form is opened).
  void reset() {
    m_buffers.clear();
    m_clipped.clear();
    m_scroll_to.clear();
  }
  // The next draw scrolls the screen so that the field (a top-level field id, or the field of an issue's
  // path: "staff_involved[1].name" goes to "staff_involved") or the section `section_id` is near the top
  // (issue 30 item 6: jump to what is missing, a section index). Forgotten when neither is drawn.
  void scroll_to_field(const std::string& path);
  void scroll_to_section(const std::string& section_id) { m_scroll_to = "section:" + section_id; }

 private:
  bool draw_field(const core::forms::FieldDef& f, nlohmann::json& slot, const std::string& path, bool editable,
                  const std::vector<core::forms::Issue>& issues, const core::forms::FormDefinition& def);
  bool draw_text(const core::forms::FieldDef& f, nlohmann::json& slot, const std::string& path, bool editable);
  bool draw_date(const core::forms::FieldDef& f, nlohmann::json& slot, const std::string& path, bool editable);
  bool draw_time(nlohmann::json& slot, const std::string& path, bool editable);
  bool draw_datetime(const core::forms::FieldDef& f, nlohmann::json& slot, const std::string& path, bool editable);
  bool draw_rows(const core::forms::FieldDef& f, nlohmann::json& slot, const std::string& path, bool editable,
                 const std::vector<core::forms::Issue>& issues, const core::forms::FormDefinition& def);
  // Text buffers survive frames: typing into a date field keeps "05.0" until it is a whole date.
  std::string& buffer(const std::string& path, const std::string& initial);
  std::map<std::string, std::string> m_buffers;
  std::set<std::string> m_clipped;  // text fields an edit was cut at their limit, until they shrink below it
  std::string m_append_only;   // this draw's FormRenderInput::append_only_field
  std::size_t m_saved_rows = 0;
  std::string m_scroll_to;  // a field id or "section:<id>"; "" = none
};

// Typed dates and times (core/forms/date_text).
using core::forms::danish_date;
using core::forms::parse_danish_date;
using core::forms::parse_time;

}  // namespace magtreg::shell
