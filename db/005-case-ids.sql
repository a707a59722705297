-- caseread schema, version 5: a case's id is never given to another case. Applied by
-- db.c inside one transaction, with foreign keys off (so dropping the old table
-- deletes no answers; every row keeps its case id).
--
-- Why: a merge with --keep deletes the lead's copy of a case and inserts the kept
-- one; without AUTOINCREMENT SQLite gives a new row the highest id plus one, so a
-- case inserted after the highest-numbered case was deleted took that case's id,
-- and a window that had the deleted case open saved into another child's case.
-- AUTOINCREMENT keeps the highest id ever used in sqlite_sequence and never goes
-- below it. SQLite cannot add it in place, so the table is rebuilt: copied aside,
-- dropped, made again with exactly the text below, and filled back with its ids.

CREATE TEMP TABLE cases_005 AS SELECT * FROM main.cases;
DROP TABLE main.cases;
CREATE TABLE cases (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind = 'child' OR kind = 'victim'),
  ref         TEXT NOT NULL CHECK (length(ref) > 0),
  case_type   TEXT CHECK (case_type = 'court' OR case_type = 'out-of-court' OR
                          case_type = 'bail-remand' OR case_type = 'resettlement'),
  manager     TEXT NOT NULL DEFAULT '',  -- case manager's initials
  inspector   INTEGER NOT NULL REFERENCES inspector(id),
  macd        INTEGER NOT NULL DEFAULT 0 CHECK (macd = 0 OR macd = 1),
  contact     TEXT CHECK (contact = 'interview' OR contact = 'file'),
  status      TEXT NOT NULL DEFAULT 'draft' CHECK (status = 'draft' OR status = 'complete'),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (kind, ref),
  CHECK ((kind = 'child' AND case_type IS NOT NULL AND contact IS NULL) OR
         (kind = 'victim' AND case_type IS NULL AND macd = 0 AND contact IS NOT NULL))
);
INSERT INTO main.cases SELECT * FROM temp.cases_005;
DROP TABLE temp.cases_005;
