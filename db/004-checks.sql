-- caseread schema, version 4: the same CHECK constraints written as comparisons, a
-- digest of an export bundle's rows in its manifest, and the file each merged case was
-- read in and each settled conflict kept. Applied by db.c inside one transaction.
--
-- Why the rewrite: when SQLite (3.40, Debian 12's) checks "x IN ('a', 'b')" inside a
-- CHECK constraint it builds and clears a lookup table for every row, which made each
-- insert into cases or answer, and each quick_check, about three times the work of the
-- row itself. "x = 'a' OR x = 'b'" accepts and refuses exactly the same values (NULL
-- included), so only the schema's text changes, never a row: SQLite's documented way
-- to change a constraint in place (lang_altertable.html, "other kinds of table schema
-- changes"). The ALTER TABLE at the end bumps schema_version, so every other
-- connection rereads the schema.

PRAGMA writable_schema = ON;

UPDATE sqlite_schema SET sql = 'CREATE TABLE inspection (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  uid           TEXT NOT NULL,            -- random id of this file, made by caseread init
  service       TEXT NOT NULL CHECK (length(service) > 0),
  type          TEXT NOT NULL CHECK (type = ''iyjwcv'' OR type = ''iyjs''),
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
)' WHERE type = 'table' AND name = 'inspection';

UPDATE sqlite_schema SET sql = 'CREATE TABLE cases (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind = ''child'' OR kind = ''victim''),
  ref         TEXT NOT NULL CHECK (length(ref) > 0),
  case_type   TEXT CHECK (case_type = ''court'' OR case_type = ''out-of-court'' OR
                          case_type = ''bail-remand'' OR case_type = ''resettlement''),
  manager     TEXT NOT NULL DEFAULT '''',  -- case manager''s initials
  inspector   INTEGER NOT NULL REFERENCES inspector(id),
  macd        INTEGER NOT NULL DEFAULT 0 CHECK (macd = 0 OR macd = 1),
  contact     TEXT CHECK (contact = ''interview'' OR contact = ''file''),
  status      TEXT NOT NULL DEFAULT ''draft'' CHECK (status = ''draft'' OR status = ''complete''),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (kind, ref),
  CHECK ((kind = ''child'' AND case_type IS NOT NULL AND contact IS NULL) OR
         (kind = ''victim'' AND case_type IS NULL AND macd = 0 AND contact IS NOT NULL))
)' WHERE type = 'table' AND name = 'cases';

UPDATE sqlite_schema SET sql = 'CREATE TABLE answer (
  case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  question    TEXT NOT NULL,
  value       TEXT CHECK (value = ''yes'' OR value = ''no'' OR value = ''na''),
  note        TEXT NOT NULL DEFAULT '''',
  inspector   INTEGER NOT NULL REFERENCES inspector(id),
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (case_id, question)
) WITHOUT ROWID' WHERE type = 'table' AND name = 'answer';

UPDATE sqlite_schema SET sql = 'CREATE TABLE case_event (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  event       TEXT NOT NULL CHECK (event = ''complete'' OR event = ''reopen''),
  reason      TEXT NOT NULL DEFAULT '''',
  inspector   INTEGER NOT NULL REFERENCES inspector(id),
  at          TEXT NOT NULL
)' WHERE type = 'table' AND name = 'case_event';

UPDATE sqlite_schema SET sql = 'CREATE TABLE judgement (
  name        TEXT PRIMARY KEY CHECK (name = ''V1.2'' OR name = ''victims'' OR
                name = ''1.1'' OR name = ''1.2'' OR name = ''1.3''),
  value       TEXT NOT NULL CHECK (value = ''yes'' OR value = ''no'' OR
                value = ''Inadequate'' OR value = ''Requires improvement'' OR
                value = ''Good'' OR value = ''Outstanding''),
  inspector   INTEGER NOT NULL REFERENCES inspector(id),
  at          TEXT NOT NULL
)' WHERE type = 'table' AND name = 'judgement';

UPDATE sqlite_schema SET sql = 'CREATE TABLE merge_settled (
  kind         TEXT NOT NULL CHECK (kind = ''child'' OR kind = ''victim''),
  ref          TEXT NOT NULL,
  keep         TEXT NOT NULL,             -- the inspector whose reading stands
  merge_id     INTEGER NOT NULL REFERENCES merge_log(id),
  PRIMARY KEY (kind, ref)
)' WHERE type = 'table' AND name = 'merge_settled';

-- Reload the schema on this connection before anything else uses it.
PRAGMA writable_schema = RESET;

-- The manifest's digest: a 64-bit hash of the bundle's rows in a fixed order (db-export.c),
-- so a bundle whose page structure is whole but whose text was changed is refused.
-- Empty in an inspection file.
ALTER TABLE bundle ADD COLUMN digest TEXT NOT NULL DEFAULT '';

-- A conflict between two files that name the same inspector is settled by file, not by
-- name: the source uid of the file whose reading stands (NULL when settled by name).
ALTER TABLE merge_settled ADD COLUMN keep_uid TEXT;

-- The file each merged case was read in: the bundle's uid for a case read there, or,
-- for a case that bundle had itself merged (a lead's or deputy's file), where it came
-- from before. NULL in rows from before this column: merge_log.source_uid stands in.
ALTER TABLE case_origin ADD COLUMN source_uid TEXT;
