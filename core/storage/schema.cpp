// The product's schema as numbered migrations (one schema for the server and the tablet).
// Never edit a released migration: add the next number.
#include "core/storage/migrations.hpp"

#include <string>

namespace magtreg::core::storage {
namespace {

// Citizen-data tables carry the sync columns and deliberately NO foreign keys to each other or to the
// directory tables: the download feed orders records by their latest change (server_seq), so a child
// can arrive on a tablet before its since-updated parent, and a tablet need not hold the directory.
// The server checks references before it accepts an upload. Directory and server tables do use
// foreign keys. Nested lists (relatives, notifications, recipients, tags, form ids) are JSON text.
constexpr std::string_view k_v1 = R"SQL(
CREATE TABLE counters(
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
INSERT INTO counters(name, value) VALUES ('server_seq', 0);

-- [SECTION] directory (server-managed master data)
CREATE TABLE municipalities(
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  report_day_of_month INTEGER NOT NULL DEFAULT 10 CHECK (report_day_of_month BETWEEN 1 AND 28),
  suppression_threshold INTEGER NOT NULL DEFAULT 5 CHECK (suppression_threshold >= 0)
) STRICT;

CREATE TABLE institutions(
  id TEXT PRIMARY KEY,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  operator TEXT NOT NULL CHECK (operator IN ('municipal', 'regional', 'private')),
  operating_department TEXT NOT NULL,
  target_area TEXT NOT NULL CHECK (target_area IN ('handicap', 'demens', 'boern'))
) STRICT;
CREATE INDEX institutions_by_municipality ON institutions(municipality_id);

CREATE TABLE users(
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('medarbejder', 'leder', 'udvalg', 'myndighed', 'sagsbehandler',
                                     'driftsafdeling', 'admin')),
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
) STRICT;

CREATE TABLE user_institutions(
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  institution_id TEXT NOT NULL REFERENCES institutions(id),
  PRIMARY KEY (user_id, institution_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX user_institutions_by_institution ON user_institutions(institution_id);

-- [SECTION] citizen data (synced; every table ends with the sync columns)
CREATE TABLE citizens(
  id TEXT PRIMARY KEY,
  cpr TEXT NOT NULL,
  name TEXT NOT NULL,
  target_group TEXT NOT NULL CHECK (target_group IN ('handicap', 'demens', 'boern')),
  acting_municipality TEXT NOT NULL,
  institution_id TEXT NOT NULL,
  relatives TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(relatives)),
  can_complain_unaided INTEGER NOT NULL CHECK (can_complain_unaided IN (0, 1)),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  content_hash TEXT NOT NULL,
  server_seq INTEGER UNIQUE,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX citizens_by_institution ON citizens(institution_id, name);
CREATE INDEX citizens_by_cpr ON citizens(cpr);

CREATE TABLE base_courses(
  id TEXT PRIMARY KEY,
  citizen_id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  content_hash TEXT NOT NULL,
  server_seq INTEGER UNIQUE,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE cases(
  id TEXT PRIMARY KEY,
  citizen_id TEXT NOT NULL,
  base_course_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('single', 'approval')),
  title TEXT NOT NULL,
  decision_id TEXT,
  opened_at TEXT NOT NULL,
  closed_at TEXT,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  content_hash TEXT NOT NULL,
  server_seq INTEGER UNIQUE,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX cases_by_citizen ON cases(citizen_id, opened_at);

CREATE TABLE form_instances(
  id TEXT PRIMARY KEY,
  form_id TEXT NOT NULL,
  form_version INTEGER NOT NULL CHECK (form_version >= 1),
  citizen_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  institution_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('kladde', 'udfyldt', 'laast')),
  content TEXT NOT NULL CHECK (json_valid(content)),
  legal_basis TEXT,
  started_at TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  locked_at TEXT,
  locked_by TEXT,
  parent_id TEXT,
  return_comment TEXT,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  content_hash TEXT NOT NULL,
  server_seq INTEGER UNIQUE,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  CHECK ((state = 'laast') = (locked_at IS NOT NULL AND locked_by IS NOT NULL))
) STRICT;
CREATE INDEX forms_by_citizen ON form_instances(citizen_id, created_at);
CREATE INDEX forms_by_case ON form_instances(case_id, created_at);
CREATE INDEX forms_by_institution_state ON form_instances(institution_id, state, started_at);
CREATE INDEX forms_by_parent ON form_instances(parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE form_events(
  id TEXT PRIMARY KEY,
  form_instance_id TEXT NOT NULL,
  from_state TEXT CHECK (from_state IN ('kladde', 'udfyldt', 'laast')),
  to_state TEXT NOT NULL CHECK (to_state IN ('kladde', 'udfyldt', 'laast')),
  by_user TEXT NOT NULL,
  at TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  revision INTEGER NOT NULL CHECK (revision >= 1),
  content_hash TEXT NOT NULL,
  server_seq INTEGER UNIQUE,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX form_events_by_form ON form_events(form_instance_id, at);

CREATE TABLE decisions(
  id TEXT PRIMARY KEY,
  citizen_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  application_form_id TEXT,
  basis TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'granted', 'refused')),
  valid_from TEXT,
  valid_to TEXT,
  conditions TEXT NOT NULL DEFAULT '',
  complaint_guidance TEXT NOT NULL DEFAULT '',
  decided_by TEXT,
  decided_at TEXT,
  notifications TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(notifications)),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  content_hash TEXT NOT NULL,
  server_seq INTEGER UNIQUE,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to),
  CHECK (status <> 'granted' OR (valid_from IS NOT NULL AND valid_to IS NOT NULL))
) STRICT;
CREATE INDEX decisions_by_citizen ON decisions(citizen_id, valid_from);
CREATE INDEX decisions_by_case ON decisions(case_id);

CREATE TABLE complaints(
  id TEXT PRIMARY KEY,
  citizen_id TEXT NOT NULL,
  decision_id TEXT,
  form_instance_id TEXT,
  received_at TEXT NOT NULL,
  notified_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('received', 'in_review', 'forwarded', 'closed')),
  committee_assessment TEXT NOT NULL DEFAULT '',
  forwarded_at TEXT,
  outcome TEXT NOT NULL DEFAULT '',
  court_or_lawyer INTEGER NOT NULL DEFAULT 0 CHECK (court_or_lawyer IN (0, 1)),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  content_hash TEXT NOT NULL,
  server_seq INTEGER UNIQUE,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  CHECK ((decision_id IS NULL) <> (form_instance_id IS NULL))
) STRICT;
CREATE INDEX complaints_open ON complaints(received_at) WHERE status <> 'closed';
CREATE INDEX complaints_by_citizen ON complaints(citizen_id, received_at);

CREATE TABLE notes(
  id TEXT PRIMARY KEY,
  citizen_id TEXT NOT NULL,
  case_id TEXT,
  text TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
  kind TEXT NOT NULL,
  author TEXT NOT NULL,
  at TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  content_hash TEXT NOT NULL,
  server_seq INTEGER UNIQUE,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX notes_by_case ON notes(case_id, at);
CREATE INDEX notes_by_citizen ON notes(citizen_id, at);

CREATE TABLE action_plans(
  id TEXT PRIMARY KEY,
  citizen_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  effort TEXT NOT NULL,
  expected_duration TEXT NOT NULL,
  other_matters TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  author TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  content_hash TEXT NOT NULL,
  server_seq INTEGER UNIQUE,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX action_plans_by_citizen ON action_plans(citizen_id, updated_at);

CREATE TABLE report_batches(
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL,
  month TEXT NOT NULL,
  recipients TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(recipients)),
  form_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(form_ids)),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  content_hash TEXT NOT NULL,
  server_seq INTEGER UNIQUE,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX report_batches_by_institution ON report_batches(institution_id, month);

-- [SECTION] server
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) STRICT;
CREATE INDEX sessions_by_user ON sessions(user_id);

-- The answer given to each accepted upload, so a retried upload (same kind, id, revision and hash)
-- gets the original answer byte for byte (docs/sync-protocol.md).
CREATE TABLE upload_receipts(
  record_kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  user_id TEXT NOT NULL,
  response TEXT NOT NULL,
  PRIMARY KEY (record_kind, record_id, revision)
) STRICT, WITHOUT ROWID;

-- Append-only: a trigger refuses changes; the hash chain exposes edits made around it.
CREATE TABLE audit_log(
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id TEXT,
  action TEXT NOT NULL,
  object_kind TEXT NOT NULL,
  object_id TEXT,
  citizen_id TEXT,
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_citizen ON audit_log(citizen_id, seq) WHERE citizen_id IS NOT NULL;
CREATE INDEX audit_by_user ON audit_log(user_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- [SECTION] tablet
CREATE TABLE outbox(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  record_kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acked', 'rejected')),
  created_at TEXT NOT NULL,
  UNIQUE (record_kind, record_id, revision)
) STRICT;
CREATE INDEX outbox_pending ON outbox(state, seq);
CREATE INDEX outbox_by_record ON outbox(record_kind, record_id);

CREATE TABLE sync_state(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
)SQL";

// Statistics read registrations of a period by started_at; this partial covering index holds exactly
// the counted rows (not deleted, not drafts) and every column the breakdowns need, so a yearly report
// is a range scan of the index, never of the table with its JSON content. form_filled keeps, per form,
// when its staff part was first completed (the first event to Udfyldt), with the intervention time
// beside it; its partial index holds only the forms completed 3.9 days or more after the intervention's
// day (UTC), the only ones that can be late, so counting late registrations reads just those.
constexpr std::string_view k_v2 = R"SQL(
CREATE INDEX forms_for_statistics ON form_instances(started_at, form_id, institution_id, citizen_id, legal_basis, id)
  WHERE deleted = 0 AND state <> 'kladde';

CREATE TABLE form_filled(
  form_instance_id TEXT PRIMARY KEY,
  started_at TEXT,
  filled_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX form_filled_late_candidates ON form_filled(started_at)
  WHERE julianday(filled_at) >= julianday(substr(started_at, 1, 10)) + 3.9;
CREATE TRIGGER form_filled_on_event AFTER INSERT ON form_events WHEN NEW.to_state = 'udfyldt'
BEGIN
  INSERT OR IGNORE INTO form_filled(form_instance_id, started_at, filled_at)
    VALUES (NEW.form_instance_id, (SELECT started_at FROM form_instances WHERE id = NEW.form_instance_id), NEW.at);
END;
INSERT OR IGNORE INTO form_filled(form_instance_id, started_at, filled_at)
  SELECT e.form_instance_id, f.started_at, min(e.at) FROM form_events e
  LEFT JOIN form_instances f ON f.id = e.form_instance_id
  WHERE e.to_state = 'udfyldt' GROUP BY e.form_instance_id;
)SQL";

// Statistics read pre-aggregated counts kept exact by triggers, so a yearly report reads a few thousand
// rows whatever the number of registrations (docs/statistics.md). A form counts while it is not deleted,
// not a draft and has an intervention time; its contribution is removed and re-added whenever a column
// the figures depend on changes (the sync upsert is an UPDATE, so the UPDATE triggers see every change).
//  - stats_monthly: per month of the intervention, institution, form, legal basis and late class. The
//    late class is decided from the first completion (form_filled) in whole seconds after the
//    intervention's day (midnight UTC of the date): the deadline, the end of day 3 in Copenhagen time, is
//    22:00 or 23:00 UTC on day 3, so from 23:00 it is surely late (1), before 22:00 surely not (0), and
//    in the hour between (2) the server decides each form exactly with the summer-time rule.
//  - stats_citizen_quarterly: per quarter, institution, citizen and form, for concentration and target
//    groups (the citizen's target group is read when the report is made).
// form_filled.started_at follows the form's started_at (it was copied once in migration 2), so its
// partial index of the undecided hour stays right. Commentary and positive examples per operating
// department and year are written by leaders and operating departments for the yearly report.
constexpr std::string_view k_v3 = R"SQL(
DROP INDEX forms_for_statistics;
DROP INDEX form_filled_late_candidates;
CREATE INDEX form_filled_undecided ON form_filled(started_at)
  WHERE unixepoch(filled_at) - unixepoch(substr(started_at, 1, 10)) @UNDECIDED@;
CREATE INDEX complaints_by_received ON complaints(received_at);

CREATE TABLE stats_monthly(
  month TEXT NOT NULL,
  institution_id TEXT NOT NULL,
  form_id TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  late INTEGER NOT NULL CHECK (late IN (0, 1, 2)),
  n INTEGER NOT NULL CHECK (n > 0),
  PRIMARY KEY (month, institution_id, form_id, legal_basis, late)
) STRICT, WITHOUT ROWID;

CREATE TABLE stats_citizen_quarterly(
  quarter TEXT NOT NULL,
  institution_id TEXT NOT NULL,
  citizen_id TEXT NOT NULL,
  form_id TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n > 0),
  PRIMARY KEY (quarter, institution_id, citizen_id, form_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_commentary(
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  department TEXT NOT NULL,
  commentary TEXT NOT NULL DEFAULT '',
  positive_examples TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (municipality_id, year, department)
) STRICT, WITHOUT ROWID;
)SQL";

// The contribution of one form row to the aggregates, as trigger statements: `r` names the row (NEW,
// OLD, or `f` read by `from`), `sign` adds or removes it. Removal finds the aggregate row by the same
// key (a row value); a count that would reach 0 is deleted (n > 0 is a CHECK).
// The late class of form row `r` in migration 3: from its first completion's seconds after the
// intervention's day (see above).
std::string late_class_v3(const std::string& r) {
  const auto& b = k_late_after_intervention_day;
  return "coalesce((SELECT CASE WHEN d >= " + std::to_string(b.late_from) + " THEN 1 WHEN d >= " +
         std::to_string(b.in_time_below) + " THEN 2 ELSE 0 END FROM (SELECT"
         " unixepoch(ff.filled_at) - unixepoch(substr(" + r + ".started_at, 1, 10)) AS d FROM form_filled ff"
         " WHERE ff.form_instance_id = " + r + ".id) WHERE d IS NOT NULL), 0)";
}

// From migration 7 (issue #27 item 2): a form registered within 24 hours (a child's) is due 24 hours
// after the intervention ended (began, when the end is not known or before the start): form_filled.due_from,
// Copenhagen wall clock. d = the first completion's seconds after due_from read as UTC, classed by `b`: surely
// late from b.late_from (1), surely not below b.in_time_below (0), and between (2) decided form by form by
// the rule engine. The others as in migration 3.
std::string late_class_children(const std::string& r, const LateClassBounds& b) {
  return "CASE WHEN " + r + ".form_id IN (" + forms_registered_within_24_hours_sql() + ") THEN coalesce((SELECT CASE WHEN d >= " +
         std::to_string(b.late_from) + " THEN 1 WHEN d >= " + std::to_string(b.in_time_below) +
         " THEN 2 ELSE 0 END FROM (SELECT unixepoch(ff.filled_at) - unixepoch(ff.due_from) AS d"
         " FROM form_filled ff WHERE ff.form_instance_id = " + r + ".id) WHERE d IS NOT NULL), 0) ELSE " +
         late_class_v3(r) + " END";
}
// Migration 7's bounds: the deadline's minute counts, so the form is late from 86,460 s of real time, which
// is d + 3,600 in winter time and d + 7,200 in summer time.
constexpr LateClassBounds k_child_bounds_v7{79260, 82860};
std::string late_class_v7(const std::string& r) { return late_class_children(r, k_child_bounds_v7); }
// Migration 15: the bounds derived from the rule engine (k_late_after_child_due_from).
std::string late_class_v15(const std::string& r) { return late_class_children(r, k_late_after_child_due_from); }

std::string stats_contribution(const std::string& r, const std::string& from, int sign,
                               std::string (*late_class)(const std::string&) = late_class_v3) {
  const std::string cond = r + ".deleted = 0 AND " + r + ".state <> 'kladde' AND " + r + ".started_at IS NOT NULL";
  const std::string late = late_class(r);
  const std::string monthly = "substr(" + r + ".started_at, 1, 7), " + r + ".institution_id, " + r + ".form_id, coalesce(" +
                              r + ".legal_basis, ''), " + late;
  const std::string quarterly = "substr(" + r + ".started_at, 1, 5) || ((CAST(substr(" + r +
                                ".started_at, 6, 2) AS INTEGER) + 2) / 3), " + r + ".institution_id, " + r +
                                ".citizen_id, " + r + ".form_id";
  const std::string where = from + " WHERE " + cond;
  if (sign > 0)
    return "INSERT INTO stats_monthly(month, institution_id, form_id, legal_basis, late, n) SELECT " + monthly + ", 1" +
           where + " ON CONFLICT DO UPDATE SET n = n + 1;\n" +
           "INSERT INTO stats_citizen_quarterly(quarter, institution_id, citizen_id, form_id, n) SELECT " + quarterly +
           ", 1" + where + " ON CONFLICT DO UPDATE SET n = n + 1;\n";
  const std::string mkey = "(month, institution_id, form_id, legal_basis, late) = (SELECT " + monthly + where + ")";
  const std::string qkey = "(quarter, institution_id, citizen_id, form_id) = (SELECT " + quarterly + where + ")";
  return "DELETE FROM stats_monthly WHERE n = 1 AND " + mkey + ";\n" +
         "UPDATE stats_monthly SET n = n - 1 WHERE " + mkey + ";\n" +
         "DELETE FROM stats_citizen_quarterly WHERE n = 1 AND " + qkey + ";\n" +
         "UPDATE stats_citizen_quarterly SET n = n - 1 WHERE " + qkey + ";\n";
}

// The triggers that keep the aggregates, and their filling from the rows stored, with `late_class`.
std::string stats_triggers_and_fill(std::string (*late_class)(const std::string&)) {
  std::string s;
  const std::string columns = "deleted, state, started_at, institution_id, citizen_id, form_id, legal_basis";
  s += "CREATE TRIGGER stats_form_insert AFTER INSERT ON form_instances BEGIN\n" +
       stats_contribution("NEW", "", +1, late_class) + "END;\n";
  s += "CREATE TRIGGER stats_form_delete AFTER DELETE ON form_instances BEGIN\n" +
       stats_contribution("OLD", "", -1, late_class) + "END;\n";
  s += "CREATE TRIGGER stats_form_update AFTER UPDATE OF " + columns + " ON form_instances BEGIN\n" +
       stats_contribution("OLD", "", -1, late_class) + stats_contribution("NEW", "", +1, late_class) +
       "UPDATE form_filled SET started_at = NEW.started_at WHERE form_instance_id = NEW.id"
       " AND started_at IS NOT NEW.started_at;\nEND;\n";
  // A first completion (form_filled rows are only inserted, the first one kept) changes the form's late
  // class: its contribution is removed before the row exists (class 0) and added again after.
  const std::string form = " FROM form_instances f WHERE f.id = NEW.form_instance_id AND";
  auto with_form = [&](int sign) {
    std::string t = stats_contribution("f", " FROM form_instances f", sign, late_class);
    // Narrow each statement's source to the completed form.
    std::string out;
    std::size_t pos = 0;
    const std::string needle = " FROM form_instances f WHERE";
    while (true) {
      auto at = t.find(needle, pos);
      if (at == std::string::npos) break;
      out += t.substr(pos, at - pos) + form;
      pos = at + needle.size();
    }
    return out + t.substr(pos);
  };
  s += "CREATE TRIGGER stats_form_filled_before BEFORE INSERT ON form_filled WHEN NOT EXISTS (SELECT 1 FROM"
       " form_filled WHERE form_instance_id = NEW.form_instance_id) BEGIN\n" + with_form(-1) + "END;\n";
  s += "CREATE TRIGGER stats_form_filled_after AFTER INSERT ON form_filled BEGIN\n" + with_form(+1) +
       "UPDATE form_filled SET started_at = (SELECT started_at FROM form_instances WHERE id = NEW.form_instance_id)"
       " WHERE form_instance_id = NEW.form_instance_id AND EXISTS (SELECT 1 FROM form_instances"
       " WHERE id = NEW.form_instance_id);\nEND;\n";
  // The rows already stored.
  s += "UPDATE form_filled SET started_at = (SELECT started_at FROM form_instances f WHERE f.id = form_instance_id)"
       " WHERE EXISTS (SELECT 1 FROM form_instances f WHERE f.id = form_instance_id);\n";
  s += "INSERT INTO stats_monthly(month, institution_id, form_id, legal_basis, late, n) SELECT month, institution_id,"
       " form_id, legal_basis, late, count(*) FROM (SELECT " +
       std::string("substr(f.started_at, 1, 7) AS month, f.institution_id, f.form_id, coalesce(f.legal_basis, '') AS"
                   " legal_basis, ") + late_class("f") + " AS late" +
       " FROM form_instances f WHERE f.deleted = 0 AND f.state <> 'kladde' AND f.started_at IS NOT NULL)"
       " GROUP BY 1, 2, 3, 4, 5;\n";
  s += "INSERT INTO stats_citizen_quarterly(quarter, institution_id, citizen_id, form_id, n) SELECT substr(started_at,"
       " 1, 5) || ((CAST(substr(started_at, 6, 2) AS INTEGER) + 2) / 3), institution_id, citizen_id, form_id, count(*)"
       " FROM form_instances WHERE deleted = 0 AND state <> 'kladde' AND started_at IS NOT NULL GROUP BY 1, 2, 3, 4;\n";
  return s;
}

// Migration 3: tables, the triggers that keep the aggregates, and their first filling from the rows
// already stored.
const std::string& v3_sql() {
  static const std::string sql = [] {
    std::string s(k_v3);
    const std::string_view mark = "@UNDECIDED@";
    s.replace(s.find(mark), mark.size(), undecided_between(k_late_after_intervention_day));
    return s + stats_triggers_and_fill(late_class_v3);
  }();
  return sql;
}

// The aggregates made again with a children's late class (migrations 7 and 15): the triggers dropped and
// the aggregates emptied, the children's undecided band's partial index made with `bounds`, and the
// triggers made and the aggregates filled with `late_class`.
std::string child_late_classes_again(const LateClassBounds& bounds, std::string (*late_class)(const std::string&)) {
  return R"SQL(
DROP TRIGGER stats_form_insert;
DROP TRIGGER stats_form_delete;
DROP TRIGGER stats_form_update;
DROP TRIGGER stats_form_filled_before;
DROP TRIGGER stats_form_filled_after;
DELETE FROM stats_monthly;
DELETE FROM stats_citizen_quarterly;
)SQL" "CREATE INDEX form_filled_undecided_24_hours ON form_filled(started_at) WHERE form_id IN (" +
         forms_registered_within_24_hours_sql() + ") AND unixepoch(filled_at) - unixepoch(due_from) " +
         undecided_between(bounds) + ";\n" + stats_triggers_and_fill(late_class);
}

// Migration 7 (issue #27 item 2): the statistics judge a child's registration by the rule engine's 24
// hours. form_filled keeps each form's id and the wall time its 24 hours run from (the intervention's end,
// else its start; the staff part, and so both times, cannot change once completed), the children's
// undecided hour has a partial index of its own, and the aggregate triggers are made again with
// late_class_v7 and the aggregates filled again.
const std::string& v7_sql() {
  static const std::string sql = [] {
    std::string s = R"SQL(
ALTER TABLE form_filled ADD COLUMN form_id TEXT;
ALTER TABLE form_filled ADD COLUMN due_from TEXT;
UPDATE form_filled SET
  form_id = (SELECT f.form_id FROM form_instances f WHERE f.id = form_instance_id),
  due_from = (SELECT CASE WHEN json_extract(f.content, '$.ended_at') > f.started_at
    THEN json_extract(f.content, '$.ended_at') ELSE f.started_at END FROM form_instances f WHERE f.id = form_instance_id);
DROP TRIGGER form_filled_on_event;
CREATE TRIGGER form_filled_on_event AFTER INSERT ON form_events WHEN NEW.to_state = 'udfyldt'
BEGIN
  INSERT OR IGNORE INTO form_filled(form_instance_id, started_at, filled_at, form_id, due_from)
    SELECT NEW.form_instance_id, f.started_at, coalesce(f.registered_at, NEW.at), f.form_id,
      CASE WHEN json_extract(f.content, '$.ended_at') > f.started_at THEN json_extract(f.content, '$.ended_at')
        ELSE f.started_at END
    FROM (SELECT NULL) LEFT JOIN form_instances f ON f.id = NEW.form_instance_id;
END;
)SQL";
    return s + child_late_classes_again(k_child_bounds_v7, late_class_v7);
  }();
  return sql;
}

// Migration 15 (issue 27 item 2): a child's registration is late only when surely past its 24 real hours
// (rules::registered_late): a deadline in the autumn hour that occurs twice is read in the registrant's
// favour, so the surely-late bound moves from 82,860 to 85,500 s. The undecided index and the aggregates'
// triggers are made again with the bounds test_stats derives from the rule engine, and the aggregates filled
// again.
const std::string& v15_sql() {
  static const std::string sql = [] {
    return "\nDROP INDEX form_filled_undecided_24_hours;" +
           child_late_classes_again(k_late_after_child_due_from, late_class_v15);
  }();
  return sql;
}

// Reporting: who receives the monthly report besides the acting municipality and the guardian.
constexpr std::string_view k_reporting_recipients = R"SQL(
ALTER TABLE municipalities ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE municipalities ADD COLUMN socialtilsyn TEXT NOT NULL DEFAULT '';
)SQL";

// A registration the leader withdrew (issue #12): who, when and why, on the form; the withdrawal is an
// event of its own ("tilbagekaldt"), so form_events is rebuilt with that state allowed (SQLite cannot
// change a CHECK in place) and its trigger into form_filled recreated as it was.
constexpr std::string_view k_withdrawal = R"SQL(
ALTER TABLE form_instances ADD COLUMN withdrawn_at TEXT;
ALTER TABLE form_instances ADD COLUMN withdrawn_by TEXT;
ALTER TABLE form_instances ADD COLUMN withdrawn_reason TEXT;
CREATE INDEX forms_withdrawn ON form_instances(institution_id, withdrawn_at) WHERE withdrawn_at IS NOT NULL;

CREATE TABLE form_events_v5(
  id TEXT PRIMARY KEY,
  form_instance_id TEXT NOT NULL,
  from_state TEXT CHECK (from_state IN ('kladde', 'udfyldt', 'laast')),
  to_state TEXT NOT NULL CHECK (to_state IN ('kladde', 'udfyldt', 'laast', 'tilbagekaldt')),
  by_user TEXT NOT NULL,
  at TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  revision INTEGER NOT NULL CHECK (revision >= 1),
  content_hash TEXT NOT NULL,
  server_seq INTEGER UNIQUE,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
INSERT INTO form_events_v5 SELECT id, form_instance_id, from_state, to_state, by_user, at, comment, revision,
  content_hash, server_seq, deleted FROM form_events;
DROP TABLE form_events;
ALTER TABLE form_events_v5 RENAME TO form_events;
CREATE INDEX form_events_by_form ON form_events(form_instance_id, at);
CREATE TRIGGER form_filled_on_event AFTER INSERT ON form_events WHEN NEW.to_state = 'udfyldt'
BEGIN
  INSERT OR IGNORE INTO form_filled(form_instance_id, started_at, filled_at)
    VALUES (NEW.form_instance_id, (SELECT started_at FROM form_instances WHERE id = NEW.form_instance_id), NEW.at);
END;
)SQL";

// The registration time the device recorded (issue #14 item 1): on the form, and the first completion
// in form_filled (late registrations in the statistics) taken from it rather than from the server's
// receipt, which stays in the form event. The form row is written before its event, so the trigger
// reads the new value. Forms filled before this column existed keep their receipt time.
constexpr std::string_view k_registration_time = R"SQL(
ALTER TABLE form_instances ADD COLUMN registered_at TEXT;
DROP TRIGGER form_filled_on_event;
CREATE TRIGGER form_filled_on_event AFTER INSERT ON form_events WHEN NEW.to_state = 'udfyldt'
BEGIN
  INSERT OR IGNORE INTO form_filled(form_instance_id, started_at, filled_at)
    SELECT NEW.form_instance_id, f.started_at, coalesce(f.registered_at, NEW.at)
    FROM (SELECT NULL) LEFT JOIN form_instances f ON f.id = NEW.form_instance_id;
END;
)SQL";

// The tablets known to the server (issue 16): each login names its device, a random id the tablet keeps
// in its device database, and its name; the session remembers it. An administrator revokes a device; its
// next download is answered DEVICE_REVOKED, after it has uploaded what it held, and the tablet erases its
// stores. Keyed by municipality too: an id is the tablet's own claim, never trusted across municipalities.
constexpr std::string_view k_devices = R"SQL(
CREATE TABLE devices(
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  id TEXT NOT NULL CHECK (length(id) BETWEEN 8 AND 64),
  name TEXT NOT NULL DEFAULT '',
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  last_user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
  revoked_at TEXT,
  revoked_by TEXT,
  PRIMARY KEY (municipality_id, id)
) STRICT;
CREATE TABLE device_users(
  municipality_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  last_login_at TEXT NOT NULL,
  PRIMARY KEY (municipality_id, device_id, user_id),
  FOREIGN KEY (municipality_id, device_id) REFERENCES devices(municipality_id, id) ON DELETE CASCADE
) STRICT;
ALTER TABLE sessions ADD COLUMN device_id TEXT;
)SQL";

}  // namespace

const std::vector<std::string_view>& forms_registered_within_24_hours() {
  // rules::registered_within_24_hours over the catalogue; tests/core/test_stats.cpp holds the two equal.
  static const std::vector<std::string_view> k_forms{"boern-1a", "boern-supplement"};
  return k_forms;
}

std::string undecided_between(const LateClassBounds& bounds) {
  return "BETWEEN " + std::to_string(bounds.in_time_below) + " AND " + std::to_string(bounds.late_from - 1);
}

const std::string& forms_registered_within_24_hours_sql() {
  static const std::string k_list = [] {
    std::string out;
    for (auto id : forms_registered_within_24_hours()) out += (out.empty() ? "'" : ", '") + std::string(id) + "'";
    return out;
  }();
  return k_list;
}

// Migration 10 (issue #20): users who log in through the municipality's identity provider carry its
// issuer and subject; the administrator maps each value of the provider's group claim to a role, a
// municipality and institutions (`magtreg sso map`).
constexpr const char* k_sso = R"SQL(
ALTER TABLE users ADD COLUMN sso_subject TEXT;
CREATE UNIQUE INDEX users_by_sso_subject ON users(sso_subject) WHERE sso_subject IS NOT NULL;
CREATE TABLE sso_role_map(
  claim_value TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('medarbejder', 'leder', 'udvalg', 'myndighed', 'sagsbehandler',
                                     'driftsafdeling', 'admin')),
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  institution_ids TEXT NOT NULL DEFAULT ''
) STRICT;
)SQL";

// The form catalogue as data (issue 17): every definition version in use, with its canonical JSON and
// its hash. A published (form_id, version) is never changed or deleted: a change is a new version.
constexpr const char* k_form_definitions = R"SQL(
CREATE TABLE form_definitions(
  form_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version BETWEEN 1 AND 9999),
  set_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'verified', 'retired')),
  in_force_from TEXT,
  content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
  body TEXT NOT NULL CHECK (json_valid(body)),
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (form_id, version)
) STRICT;
CREATE TRIGGER form_definitions_never_change BEFORE UPDATE OF form_id, version, content_hash, body ON form_definitions
BEGIN SELECT RAISE(ABORT, 'a published form definition never changes; import a new version'); END;
CREATE TRIGGER form_definitions_never_deleted BEFORE DELETE ON form_definitions
BEGIN SELECT RAISE(ABORT, 'a published form definition is never deleted'); END;
)SQL";

// Migration 13 (issue #14 item 13): who complained, and who received the committee's statement when.
constexpr const char* k_complaint_parties = R"SQL(
ALTER TABLE complaints ADD COLUMN complainant TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN statement_sent_to TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(statement_sent_to));
)SQL";

// Migration 14 (issue #14 item 12): the administration's recommendation to Familieretshuset on a move without
// consent, or its refusal to recommend one, with the days the law counts from.
constexpr const char* k_move_recommendations = R"SQL(
CREATE TABLE move_recommendations(
  id TEXT PRIMARY KEY,
  citizen_id TEXT NOT NULL,
  basis TEXT NOT NULL CHECK (basis IN ('129', '129a')),
  subsection TEXT NOT NULL DEFAULT '' CHECK (subsection IN ('', 'stk1', 'stk2')),
  status TEXT NOT NULL CHECK (status IN ('recommended', 'refused')),
  decided_on TEXT NOT NULL,
  lawyer_appointed_on TEXT,
  guardian_requested_on TEXT,
  familieretshuset_decided_on TEXT,
  familieretshuset_outcome TEXT NOT NULL DEFAULT '' CHECK (familieretshuset_outcome IN ('', 'granted', 'refused')),
  cohabitant TEXT NOT NULL DEFAULT '',
  cohabitant_advised_on TEXT,
  author TEXT NOT NULL,
  at TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  content_hash TEXT NOT NULL,
  server_seq INTEGER UNIQUE,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX move_recommendations_by_citizen ON move_recommendations(citizen_id, decided_on);
)SQL";

const std::vector<Migration>& schema_migrations() {
  static const std::vector<Migration> k_migrations{
      {1, "initial schema: directory, citizen data, server and tablet tables", k_v1},
      {2, "statistics: a covering index over counted registrations by intervention time", k_v2},
      {3, "statistics: monthly and quarterly aggregates kept by triggers; yearly report commentary", v3_sql()},
      {4, "reporting: the municipality's region and socialtilsyn (report recipients)", k_reporting_recipients},
      {5, "forms: a leader's withdrawal of a registration (who, when, why) and its event", k_withdrawal},
      {6, "forms: the registration time the device recorded, and late registrations counted from it",
       k_registration_time},
      {7, "statistics: a child's registration judged late by the rule engine's 24 hours", v7_sql()},
      {8, "devices: the tablets known to the server, their users and last contact, revocable", k_devices},
      {9, "sessions: why a session was revoked (a disabled account or a changed password ends offline unlock)",
       "ALTER TABLE sessions ADD COLUMN revoked_reason TEXT;"},
      {10, "single sign-on: a user's identity at the municipality's provider, and the administrator's table from"
           " the provider's group claims to a role and institutions",
       k_sso},
      {11, "retention: the municipality's rule, years after a case's closing before its records are deleted",
       "ALTER TABLE municipalities ADD COLUMN retention_years INTEGER"
       " CHECK (retention_years IS NULL OR retention_years BETWEEN 1 AND 100);"},
      {12, "forms: the catalogue's definitions as data, each version with its canonical text and hash, never changed",
       k_form_definitions},
      {13, "complaints: who complained, and who received the committee's statement", k_complaint_parties},
      {14, "move recommendations: the administration's recommendation to Familieretshuset, or its refusal",
       k_move_recommendations},
      {15, "statistics: a child's registration late only when surely past its 24 hours, as the rule engine judges",
       v15_sql()},
  };
  return k_migrations;
}

int latest_schema_version() { return schema_migrations().empty() ? 0 : schema_migrations().back().version; }

}  // namespace magtreg::core::storage
