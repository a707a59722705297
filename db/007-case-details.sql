-- caseread schema: cases withdrawn from the sample, the details of a case the
-- framework asks about, and the events that record both in the case's history.
-- Applied by db.c inside one transaction.

-- A case added by mistake or replaced in the sample is withdrawn, never deleted:
-- NULL while in the sample, the reason (not empty) once withdrawn. It leaves the
-- sample counts and the tally; its answers and history stay.
ALTER TABLE cases ADD COLUMN withdrawn TEXT CHECK (withdrawn IS NULL OR
  length(withdrawn) > 0);

-- Case details: whether the case manager was interviewed (NULL: not recorded),
-- the period inspected (YYYY-MM-DD, '' when not recorded), and for victims' cases
-- the victim worker and the interview that covered the case (a label; one
-- interview covers up to three cases, which caseread enforces).
ALTER TABLE cases ADD COLUMN manager_interviewed INTEGER CHECK
  (manager_interviewed IS NULL OR manager_interviewed = 0 OR
  manager_interviewed = 1);
ALTER TABLE cases ADD COLUMN period_start TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN period_end TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN victim_worker TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN interview TEXT NOT NULL DEFAULT '';

-- The case's history gains withdrawing, reinstating and changing its details
-- (the reason column says why, or what changed). The CHECK is widened in place,
-- by replacing its text, so columns another migration may add are kept; it
-- accepts every value it accepted before.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (event = ''complete'' OR event = ''reopen'')',
  'CHECK (event = ''complete'' OR event = ''reopen'' OR event = ''withdraw'' OR event = ''reinstate'' OR event = ''details'')')
  WHERE type = 'table' AND name = 'case_event';
PRAGMA writable_schema = RESET;
-- (The CREATE TABLE below bumps schema_version, so other connections reread it.)

-- Changes to the inspection's own details, such as the inspector's name corrected
-- after the first run: what, from, to, when.
CREATE TABLE inspection_change (
  id          INTEGER PRIMARY KEY,
  what        TEXT NOT NULL,             -- 'owner', 'start_date', 'end_date'
  old_value   TEXT NOT NULL,
  new_value   TEXT NOT NULL,
  by_user     TEXT NOT NULL,             -- who changed it
  at          TEXT NOT NULL
);
