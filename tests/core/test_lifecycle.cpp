// The form lifecycle as tables: every state x target state x role x lifecycle kind, the buttons
// each role sees, who may edit which part when, Bilag 1's period, and addenda to locked forms.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/forms/addendum.hpp"
#include "core/forms/catalogue.hpp"
#include "core/forms/lifecycle.hpp"
#include "test_forms_support.hpp"

using namespace magtreg::core;
using namespace magtreg::core::forms;
using nlohmann::json;

namespace {

const FormDefinition& def_of(const char* id) {
  const FormDefinition* def = Catalogue::builtin().definition(id);
  REQUIRE(def != nullptr);
  return *def;
}

std::string code_of(const Status& s) { return s.ok() ? "OK" : std::string(to_string(s.error().code)); }

// The lifecycle of DOMAIN.md and docs/forms.md, written out independently of lifecycle.cpp.
struct Allowed {
  const char* form;
  FormState from;
  FormState to;
  std::vector<Role> roles;
};

const Allowed k_allowed[] = {
    {"2020-1a", FormState::Draft, FormState::Filled, {Role::Staff, Role::Leader}},
    {"2020-1a", FormState::Filled, FormState::Locked, {Role::Leader}},
    {"2020-1a", FormState::Filled, FormState::Draft, {Role::Leader}},
    {"2020-3", FormState::Draft, FormState::Locked, {Role::Leader}},
    {"2024-3", FormState::Draft, FormState::Locked, {Role::Leader}},
    {"2020-2", FormState::Draft, FormState::Locked, {Role::Authority}},
    {"2024-4", FormState::Draft, FormState::Locked, {Role::Authority}},
    {"2020-bilag1", FormState::Draft, FormState::Filled, {Role::Staff, Role::Leader}},
    {"2020-bilag1", FormState::Filled, FormState::Locked, {Role::Staff, Role::Leader}},
};

const char* const k_forms[] = {"2020-1a", "2020-3", "2024-3", "2020-2", "2024-4", "2020-bilag1"};

std::string expected_code(const char* form, FormState from, FormState to, Role role) {
  if (from == FormState::Locked) return "FORM_LOCKED";
  for (const auto& a : k_allowed)
    if (std::string(a.form) == form && a.from == from && a.to == to)
      return std::find(a.roles.begin(), a.roles.end(), role) != a.roles.end() ? "OK" : "ROLE_NOT_ALLOWED";
  return "TRANSITION_NOT_ALLOWED";
}

// Fully answered content; for Bilag 1 a period that began long ago, so staff may close it.
json full_content(const FormDefinition& def) {
  json c = magtreg::test::sample_content(def, "", true);
  return c;
}

const char* const k_after_period = "2024-06-01";  // sample period starts 2024-03-01

}  // namespace

TEST_CASE("form states have wire names and Danish labels") {
  CHECK(to_string(FormState::Draft) == "kladde");
  CHECK(to_string(FormState::Filled) == "udfyldt");
  CHECK(to_string(FormState::Locked) == "laast");
  CHECK(state_label(FormState::Locked) == "Låst");
  CHECK(state_label(FormState::Filled) == "Udfyldt");
  for (FormState s : k_all_form_states) CHECK(form_state_from_string(to_string(s)) == s);
  CHECK_FALSE(form_state_from_string("Låst").has_value());
}

TEST_CASE("every transition for every role and lifecycle kind") {
  int checked = 0;
  for (const char* form : k_forms) {
    const FormDefinition& def = def_of(form);
    const json content = full_content(def);
    for (FormState from : k_all_form_states)
      for (FormState to : k_all_form_states)
        for (Role role : k_all_roles) {
          CAPTURE(std::string(form));
          CAPTURE(to_string(from));
          CAPTURE(to_string(to));
          CAPTURE(to_string(role));
          Status s = check_transition(def, from, to, role, content, "Beskrivelsen skal uddybes.", k_after_period);
          CHECK(code_of(s) == expected_code(form, from, to, role));
          if (!s.ok()) CHECK_FALSE(s.error().message.empty());
          ++checked;
        }
  }
  CHECK(checked == 6 * 3 * 3 * 7);
}

TEST_CASE("the buttons a role sees are exactly the transitions it may make") {
  for (const char* form : k_forms) {
    const FormDefinition& def = def_of(form);
    const json content = full_content(def);
    for (FormState from : k_all_form_states)
      for (Role role : k_all_roles) {
        CAPTURE(std::string(form));
        CAPTURE(to_string(from));
        CAPTURE(to_string(role));
        auto options = available_transitions(def, from, role, content, k_after_period);
        std::vector<FormState> shown;
        for (const auto& o : options) {
          shown.push_back(o.to);
          CHECK_FALSE(o.label.empty());
        }
        std::vector<FormState> allowed;
        for (FormState to : k_all_form_states)
          if (expected_code(form, from, to, role) == "OK") allowed.push_back(to);
        std::sort(shown.begin(), shown.end());
        CHECK(shown == allowed);
      }
  }
  // The labels the leader sees on a filled Skema 1 a.
  const FormDefinition& s1a = def_of("2020-1a");
  auto options = available_transitions(s1a, FormState::Filled, Role::Leader, json::object());
  REQUIRE(options.size() == 2);
  CHECK(options[0].label == "Gem som låst");
  CHECK(options[1].label == "Send tilbage til medarbejderen");
  CHECK(options[1].comment_required);
  CHECK(options[0].validates == Scope::All);
  CHECK(available_transitions(s1a, FormState::Draft, Role::Staff, json::object())[0].validates == Scope::Staff);
}

TEST_CASE("saving requires the part's content to be valid") {
  const FormDefinition& def = def_of("2020-1a");
  json content = full_content(def);
  // Staff saves as Udfyldt: only the staff part counts.
  json staff_only = content;
  for (const auto& s : def.sections)
    if (s.part == FormPart::Leader)
      for (const auto& f : s.fields) staff_only.erase(f.id);
  CHECK(check_transition(def, FormState::Draft, FormState::Filled, Role::Staff, staff_only).ok());

  json missing_place = staff_only;
  missing_place.erase("place");
  Status s = check_transition(def, FormState::Draft, FormState::Filled, Role::Staff, missing_place);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == ErrorCode::FormInvalid);
  CHECK(s.error().field == "place");
  CHECK(s.error().message.find("»Udfyldt«") != std::string::npos);
  CHECK(s.error().message.find("»Sted, hvor indgrebet fandt sted« skal udfyldes.") != std::string::npos);

  // The leader locks: every part must be valid.
  s = check_transition(def, FormState::Filled, FormState::Locked, Role::Leader, staff_only);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == ErrorCode::FormInvalid);
  CHECK(s.error().field == "leader_name");
  CHECK(check_transition(def, FormState::Filled, FormState::Locked, Role::Leader, content).ok());

  // An unknown field blocks saving too (it would otherwise be silently kept).
  json extra = content;
  extra["note"] = "x";
  s = check_transition(def, FormState::Filled, FormState::Locked, Role::Leader, extra);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().field == "note");

  // Direct lock validates the whole form.
  const FormDefinition& app = def_of("2024-3");
  json app_content = full_content(app);
  app_content.erase("pedagogical_help_tried");
  s = check_transition(app, FormState::Draft, FormState::Locked, Role::Leader, app_content);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == ErrorCode::FormInvalid);
  CHECK(s.error().field == "pedagogical_help_tried");
}

TEST_CASE("returning a form to staff needs a comment") {
  const FormDefinition& def = def_of("2020-1a");
  for (const char* comment : {"", "   ", "\n\t"}) {
    Status s = check_transition(def, FormState::Filled, FormState::Draft, Role::Leader, json::object(), comment);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == ErrorCode::InvalidInput);
    CHECK(s.error().field == "comment");
  }
  // No validation on the way back: the content may be incomplete.
  CHECK(check_transition(def, FormState::Filled, FormState::Draft, Role::Leader, json::object(), "Uddyb forløbet").ok());
}

TEST_CASE("specific messages for refused transitions") {
  const FormDefinition& def = def_of("2020-1a");
  Status s = check_transition(def, FormState::Draft, FormState::Locked, Role::Leader, json::object());
  CHECK(s.error().message == "Medarbejderdelen skal gemmes som udfyldt, før lederen kan låse skemaet.");
  s = check_transition(def, FormState::Filled, FormState::Locked, Role::Staff, json::object());
  CHECK(s.error().code == ErrorCode::RoleNotAllowed);
  CHECK(s.error().message == "Kun leder kan gemme skemaet som låst (du er logget ind som medarbejder).");
  s = check_transition(def, FormState::Locked, FormState::Filled, Role::Leader, json::object());
  CHECK(s.error().code == ErrorCode::FormLocked);
  CHECK(s.error().message.find("tilføjelse") != std::string::npos);
  s = check_transition(def_of("2020-2"), FormState::Draft, FormState::Filled, Role::Authority, json::object());
  CHECK(s.error().message == "Skema 2 bruger ikke status »Udfyldt«.");
  s = check_transition(def_of("2020-2"), FormState::Draft, FormState::Locked, Role::Leader, json::object());
  CHECK(s.error().message.find("myndighed") != std::string::npos);
  s = check_transition(def, FormState::Filled, FormState::Filled, Role::Leader, json::object());
  CHECK(s.error().message == "Skemaet har allerede status »Udfyldt«.");
}

TEST_CASE("Bilag 1: staff may close the period from its last day, the leader at any time") {
  const FormDefinition& def = def_of("2020-bilag1");
  json content = full_content(def);
  content["period_start"] = "2024-03-01";  // last day 2024-03-31
  struct Row {
    Role role;
    const char* today;
    const char* code;
  };
  const Row rows[] = {
      {Role::Staff, "2024-03-30", "ROLE_NOT_ALLOWED"}, {Role::Staff, "2024-03-31", "OK"},
      {Role::Staff, "2024-04-02", "OK"},               {Role::Staff, "", "ROLE_NOT_ALLOWED"},
      {Role::Leader, "2024-03-02", "OK"},              {Role::Leader, "", "OK"},
      {Role::Committee, "2024-04-02", "ROLE_NOT_ALLOWED"},
  };
  for (const auto& r : rows) {
    CAPTURE(to_string(r.role));
    CAPTURE(std::string(r.today));
    Status s = check_transition(def, FormState::Filled, FormState::Locked, r.role, content, {}, r.today);
    CHECK(code_of(s) == r.code);
    const bool shown = !available_transitions(def, FormState::Filled, r.role, content, r.today).empty();
    CHECK(shown == (std::string(r.code) == "OK"));
  }
  Status early = check_transition(def, FormState::Filled, FormState::Locked, Role::Staff, content, {}, "2024-03-10");
  CHECK(early.error().message.find("2024-03-31") != std::string::npos);
  // Without a valid start date no staff member can close it.
  content["period_start"] = "marts";
  CHECK(code_of(check_transition(def, FormState::Filled, FormState::Locked, Role::Staff, content, {}, "2025-01-01")) ==
        "ROLE_NOT_ALLOWED");
}

TEST_CASE("who may edit which part in which state") {
  struct Row {
    const char* form;
    FormPart part;
    FormState state;
    Role role;
    const char* code;
  };
  const Row rows[] = {
      // Skema 1 a: staff part in Kladde, leader part while Udfyldt.
      {"2020-1a", FormPart::Staff, FormState::Draft, Role::Staff, "OK"},
      {"2020-1a", FormPart::Staff, FormState::Draft, Role::Leader, "OK"},
      {"2020-1a", FormPart::Staff, FormState::Draft, Role::Committee, "ROLE_NOT_ALLOWED"},
      {"2020-1a", FormPart::Staff, FormState::Filled, Role::Staff, "FORM_LOCKED"},
      {"2020-1a", FormPart::Staff, FormState::Filled, Role::Leader, "FORM_LOCKED"},
      {"2020-1a", FormPart::Staff, FormState::Locked, Role::Leader, "FORM_LOCKED"},
      {"2020-1a", FormPart::Leader, FormState::Draft, Role::Leader, "FORM_LOCKED"},
      {"2020-1a", FormPart::Leader, FormState::Draft, Role::Staff, "ROLE_NOT_ALLOWED"},
      {"2020-1a", FormPart::Leader, FormState::Filled, Role::Leader, "OK"},
      {"2020-1a", FormPart::Leader, FormState::Filled, Role::Staff, "ROLE_NOT_ALLOWED"},
      {"2020-1a", FormPart::Leader, FormState::Locked, Role::Leader, "FORM_LOCKED"},
      {"2020-1a", FormPart::Authority, FormState::Draft, Role::Authority, "INVALID_INPUT"},
      // Applications: the leader in Kladde.
      {"2020-3", FormPart::Leader, FormState::Draft, Role::Leader, "OK"},
      {"2020-3", FormPart::Leader, FormState::Draft, Role::Staff, "ROLE_NOT_ALLOWED"},
      {"2020-3", FormPart::Leader, FormState::Filled, Role::Leader, "INVALID_INPUT"},
      {"2020-3", FormPart::Leader, FormState::Locked, Role::Leader, "FORM_LOCKED"},
      // Moves: the municipal administration in Kladde.
      {"2024-4", FormPart::Authority, FormState::Draft, Role::Authority, "OK"},
      {"2024-4", FormPart::Authority, FormState::Draft, Role::Leader, "ROLE_NOT_ALLOWED"},
      {"2024-4", FormPart::Staff, FormState::Draft, Role::Staff, "INVALID_INPUT"},
      // Bilag 1: staff and leader, in Kladde and (lines only) while Udfyldt.
      {"2020-bilag1", FormPart::Staff, FormState::Draft, Role::Staff, "OK"},
      {"2020-bilag1", FormPart::Staff, FormState::Filled, Role::Staff, "OK"},
      {"2020-bilag1", FormPart::Staff, FormState::Filled, Role::Leader, "OK"},
      {"2020-bilag1", FormPart::Staff, FormState::Filled, Role::Caseworker, "ROLE_NOT_ALLOWED"},
      {"2020-bilag1", FormPart::Staff, FormState::Locked, Role::Staff, "FORM_LOCKED"},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.form));
    CAPTURE(to_string(r.part));
    CAPTURE(to_string(r.state));
    CAPTURE(to_string(r.role));
    CHECK(code_of(check_part_edit(def_of(r.form), r.state, r.role, r.part)) == r.code);
  }
  CHECK(editable_parts(def_of("2020-1a"), FormState::Filled, Role::Leader) == std::vector<FormPart>{FormPart::Leader});
  CHECK(editable_parts(def_of("2020-1a"), FormState::Draft, Role::Leader) == std::vector<FormPart>{FormPart::Staff});
  CHECK(editable_parts(def_of("2020-1a"), FormState::Locked, Role::Leader).empty());
}

TEST_CASE("edits are checked field by field") {
  const FormDefinition& def = def_of("2020-1a");
  const json before = full_content(def);
  auto with = [&](const char* field, json value) {
    json after = before;
    after[field] = std::move(value);
    return after;
  };
  struct Row {
    FormState state;
    Role role;
    const char* field;
    const char* code;
  };
  const Row rows[] = {
      {FormState::Draft, Role::Staff, "place", "OK"},
      {FormState::Draft, Role::Staff, "assessment", "ROLE_NOT_ALLOWED"},
      {FormState::Draft, Role::Leader, "assessment", "FORM_LOCKED"},
      {FormState::Filled, Role::Leader, "assessment", "OK"},
      {FormState::Filled, Role::Leader, "place", "FORM_LOCKED"},
      {FormState::Filled, Role::Staff, "place", "FORM_LOCKED"},
      {FormState::Locked, Role::Leader, "assessment", "FORM_LOCKED"},
      {FormState::Draft, Role::Staff, "no_such_field", "UNKNOWN_FIELD"},
  };
  for (const auto& r : rows) {
    CAPTURE(to_string(r.state));
    CAPTURE(to_string(r.role));
    CAPTURE(std::string(r.field));
    Status s = check_edit(def, r.state, r.role, before, with(r.field, "ændret"));
    CHECK(code_of(s) == r.code);
    if (!s.ok() && r.state != FormState::Locked) CHECK(s.error().field == r.field);
  }
  // Removing a value is an edit too; an unchanged form is no edit, even when locked.
  json removed = before;
  removed.erase("place");
  CHECK(code_of(check_edit(def, FormState::Filled, Role::Leader, before, removed)) == "FORM_LOCKED");
  CHECK(check_edit(def, FormState::Locked, Role::Leader, before, before).ok());
  CHECK(code_of(check_edit(def, FormState::Draft, Role::Staff, before, json::array())) == "INVALID_INPUT");
}

TEST_CASE("a filled Bilag 1 only grows: saved lines can be neither changed nor removed") {
  const FormDefinition& def = def_of("2020-bilag1");
  json before = full_content(def);
  const json line = before["lines"][0];
  json appended = before;
  appended["lines"].push_back(line);
  CHECK(check_edit(def, FormState::Filled, Role::Staff, before, appended).ok());
  CHECK(check_edit(def, FormState::Filled, Role::Leader, before, appended).ok());
  CHECK(code_of(check_edit(def, FormState::Filled, Role::Caseworker, before, appended)) == "ROLE_NOT_ALLOWED");

  json changed = appended;
  changed["lines"][0]["duration_minutes"] = 99;
  Status s = check_edit(def, FormState::Filled, Role::Staff, before, changed);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == ErrorCode::FormLocked);
  CHECK(s.error().field == "lines[0]");

  json removed = before;
  removed["lines"] = json::array();
  CHECK(code_of(check_edit(def, FormState::Filled, Role::Staff, before, removed)) == "FORM_LOCKED");

  json moved = before;
  moved["period_start"] = "2024-03-02";
  s = check_edit(def, FormState::Filled, Role::Staff, before, moved);
  CHECK(code_of(s) == "FORM_LOCKED");
  CHECK(s.error().field == "period_start");
  CHECK(code_of(check_field_edit(def, FormState::Filled, Role::Staff, "lines")) == "OK");
  CHECK(code_of(check_field_edit(def, FormState::Filled, Role::Staff, "basis")) == "FORM_LOCKED");
  // In Kladde everything may still change.
  CHECK(check_edit(def, FormState::Draft, Role::Staff, before, changed).ok());
  CHECK(check_edit(def, FormState::Draft, Role::Staff, before, moved).ok());
}

TEST_CASE("corrections to a locked form are addenda") {
  const FormDefinition& s1a = def_of("2020-1a");
  const Addendum good{"form-17", "Klokkeslættet for indgrebets afslutning var 14:20, ikke 14:02.", "Leder Lise",
                      Role::Leader, "2024-04-02T09:30"};
  CHECK(check_addendum(s1a, FormState::Locked, good, "2024-04-01T16:00").ok());
  CHECK(check_addendum(s1a, FormState::Locked, good).ok());

  struct Row {
    const char* what;
    const FormDefinition* def;
    FormState state;
    Addendum a;
    const char* code;
    const char* field;
  };
  auto changed = [&](auto fn) {
    Addendum a = good;
    fn(a);
    return a;
  };
  const FormDefinition* app = &def_of("2020-3");
  const FormDefinition* move = &def_of("2024-4");
  const Row rows[] = {
      {"form not locked yet", &s1a, FormState::Filled, good, "TRANSITION_NOT_ALLOWED", ""},
      {"draft", &s1a, FormState::Draft, good, "TRANSITION_NOT_ALLOWED", ""},
      {"staff may add to Skema 1 a", &s1a, FormState::Locked, changed([](Addendum& a) { a.author_role = Role::Staff; }), "OK", ""},
      {"committee may not", &s1a, FormState::Locked, changed([](Addendum& a) { a.author_role = Role::Committee; }),
       "ROLE_NOT_ALLOWED", "author_role"},
      {"staff may not add to an application", app, FormState::Locked,
       changed([](Addendum& a) { a.author_role = Role::Staff; }), "ROLE_NOT_ALLOWED", "author_role"},
      {"the authority adds to a move", move, FormState::Locked,
       changed([](Addendum& a) { a.author_role = Role::Authority; }), "OK", ""},
      {"a leader may not add to a move", move, FormState::Locked, good, "ROLE_NOT_ALLOWED", "author_role"},
      {"no link", &s1a, FormState::Locked, changed([](Addendum& a) { a.form_record_id = ""; }), "INVALID_INPUT",
       "form_record_id"},
      {"blank text", &s1a, FormState::Locked, changed([](Addendum& a) { a.text = " \n "; }), "INVALID_INPUT", "text"},
      {"text too long", &s1a, FormState::Locked, changed([](Addendum& a) { a.text = std::string(20001, 'x'); }),
       "INVALID_INPUT", "text"},
      {"no author", &s1a, FormState::Locked, changed([](Addendum& a) { a.author = ""; }), "INVALID_INPUT", "author"},
      {"bad time", &s1a, FormState::Locked, changed([](Addendum& a) { a.created_at = "i går"; }), "INVALID_INPUT",
       "created_at"},
      {"older than the lock", &s1a, FormState::Locked,
       changed([](Addendum& a) { a.created_at = "2024-04-01T15:59"; }), "INVALID_INPUT", "created_at"},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.what));
    Status s = check_addendum(*r.def, r.state, r.a, "2024-04-01T16:00");
    CHECK(code_of(s) == r.code);
    if (!s.ok()) {
      CHECK(s.error().field == r.field);
      CHECK_FALSE(s.error().message.empty());
    }
  }
  // The locked content itself never changes; the addendum is the only way.
  const json content = full_content(s1a);
  json corrected = content;
  corrected["ended_at"] = "2024-03-01T14:20";
  Status s = check_edit(s1a, FormState::Locked, Role::Leader, content, corrected);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == ErrorCode::FormLocked);
  CHECK(s.error().message.find("tilføjelse") != std::string::npos);
}

// Issue 27 item 6: a transition is made in one place, and what it carries depends only on where it goes.
TEST_CASE("a transition sets the state, and Låst who locked it and when, Kladde the comment to staff") {
  model::FormInstance f;
  f.state = FormState::Draft;
  f.content = {{"basis", "124d"}};

  const auto filled = transitioned(f, FormState::Filled, "staff-1", "2026-03-02T10:00:00Z");
  CHECK(filled.state == FormState::Filled);
  CHECK_FALSE(filled.locked_at.has_value());
  CHECK_FALSE(filled.return_comment.has_value());
  CHECK(filled.content == f.content);

  const auto back = transitioned(filled, FormState::Draft, "leader-1", "2026-03-03T09:00:00Z", "Beskriv forløbet før.");
  CHECK(back.state == FormState::Draft);
  CHECK(back.return_comment == "Beskriv forløbet før.");
  CHECK_FALSE(back.locked_by.has_value());

  const auto locked = transitioned(filled, FormState::Locked, "leader-1", "2026-03-04T12:00:00Z");
  CHECK(locked.state == FormState::Locked);
  CHECK(locked.locked_by == "leader-1");
  CHECK(locked.locked_at == "2026-03-04T12:00:00Z");
  CHECK_FALSE(locked.return_comment.has_value());
}
