// The product's schema as numbered migrations (one schema for the server and the tablet).
// Never edit a released migration: add the next number.
#include "core/storage/migrations.hpp"

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

}  // namespace

const std::vector<Migration>& schema_migrations() {
  static const std::vector<Migration> k_migrations{
      {1, "initial schema: directory, citizen data, server and tablet tables", k_v1},
      {2, "statistics: a covering index over counted registrations by intervention time", k_v2},
  };
  return k_migrations;
}

int latest_schema_version() { return schema_migrations().empty() ? 0 : schema_migrations().back().version; }

}  // namespace magtreg::core::storage
