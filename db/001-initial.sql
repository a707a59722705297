-- caseread schema, version 1: what an inspector records during case reading.
-- Applied by db.c inside one transaction; never edit a released migration, add the next.

-- The inspection this file belongs to: exactly one row.
CREATE TABLE inspection (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  uid           TEXT NOT NULL,            -- random id shared by every file of this inspection
  service       TEXT NOT NULL CHECK (length(service) > 0),
  type          TEXT NOT NULL CHECK (type IN ('iyjwcv', 'iyjs')),
  start_date    TEXT,                     -- YYYY-MM-DD, fieldwork
  end_date      TEXT,
  bank_id       TEXT NOT NULL,            -- question bank identity
  bank_version  TEXT NOT NULL,
  bank_hash     TEXT NOT NULL,            -- FNV-1a 64 of bank_text, hex
  bank_text     TEXT NOT NULL,            -- the bank itself, so the file stands alone
  owner         TEXT NOT NULL,            -- the inspector whose file this is
  min_children  INTEGER NOT NULL DEFAULT 14 CHECK (min_children >= 0),
  min_victims   INTEGER NOT NULL DEFAULT 9 CHECK (min_victims >= 0),
  created_at    TEXT NOT NULL
);

CREATE TABLE inspector (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE CHECK (length(name) > 0)
);

-- Children's and victims' cases. A reference, never a name.
CREATE TABLE cases (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('child', 'victim')),
  ref         TEXT NOT NULL CHECK (length(ref) > 0),
  case_type   TEXT CHECK (case_type IN ('court', 'out-of-court', 'bail-remand', 'resettlement')),
  manager     TEXT NOT NULL DEFAULT '',  -- case manager's initials
  inspector   INTEGER NOT NULL REFERENCES inspector(id),
  macd        INTEGER NOT NULL DEFAULT 0 CHECK (macd IN (0, 1)),
  contact     TEXT CHECK (contact IN ('interview', 'file')),
  status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'complete')),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (kind, ref),
  CHECK ((kind = 'child' AND case_type IS NOT NULL AND contact IS NULL) OR
         (kind = 'victim' AND case_type IS NULL AND macd = 0 AND contact IS NOT NULL))
);

-- The current answer to each question of each case. value NULL: a note without an answer yet.
CREATE TABLE answer (
  case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  question    TEXT NOT NULL,
  value       TEXT CHECK (value IN ('yes', 'no', 'na')),
  note        TEXT NOT NULL DEFAULT '',
  inspector   INTEGER NOT NULL REFERENCES inspector(id),
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (case_id, question)
) WITHOUT ROWID;

-- Every change to an answer: old and new value and note, who, when.
CREATE TABLE answer_history (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  question    TEXT NOT NULL,
  old_value   TEXT,
  old_note    TEXT,
  new_value   TEXT,
  new_note    TEXT NOT NULL,
  inspector   INTEGER NOT NULL REFERENCES inspector(id),
  at          TEXT NOT NULL
);
CREATE INDEX answer_history_case ON answer_history (case_id, question, id);

-- Completing and reopening cases; a reopening carries its reason.
CREATE TABLE case_event (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  event       TEXT NOT NULL CHECK (event IN ('complete', 'reopen')),
  reason      TEXT NOT NULL DEFAULT '',
  inspector   INTEGER NOT NULL REFERENCES inspector(id),
  at          TEXT NOT NULL
);
CREATE INDEX case_event_case ON case_event (case_id, id);

-- Inspection-level judgements: V1.2 (yes/no), the panel's victims' rating ('victims'),
-- and the IYJS domain one ratings ('1.1', '1.2', '1.3').
CREATE TABLE judgement (
  name        TEXT PRIMARY KEY CHECK (name IN ('V1.2', 'victims', '1.1', '1.2', '1.3')),
  value       TEXT NOT NULL CHECK (value IN ('yes', 'no', 'Inadequate',
                'Requires improvement', 'Good', 'Outstanding')),
  inspector   INTEGER NOT NULL REFERENCES inspector(id),
  at          TEXT NOT NULL
);
