-- caseread schema, version 3: export bundles for the lead inspector, and the lead's
-- record of merging them. Applied by db.c inside one transaction.

-- An export bundle's manifest: exactly one row in a bundle written by
-- 'caseread export', none in an inspection file. The counts are checked again
-- when the bundle is merged, so a bundle that lost rows is refused.
CREATE TABLE bundle (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  inspector    TEXT NOT NULL,             -- who exported it (the file's user)
  exported_at  TEXT NOT NULL,             -- ISO 8601 UTC with milliseconds
  source_uid   TEXT NOT NULL,             -- inspection.uid of the file exported
  program      TEXT NOT NULL,             -- "caseread 0.1.0"
  cases        INTEGER NOT NULL CHECK (cases >= 0),
  answers      INTEGER NOT NULL CHECK (answers >= 0),
  history      INTEGER NOT NULL CHECK (history >= 0),
  events       INTEGER NOT NULL CHECK (events >= 0)
);

-- In the lead's file: every bundle merged, with what the merge did to it.
CREATE TABLE merge_log (
  id           INTEGER PRIMARY KEY,
  bundle       TEXT NOT NULL,             -- the bundle's file name as given
  inspector    TEXT NOT NULL,             -- who exported it
  source_uid   TEXT NOT NULL,
  exported_at  TEXT NOT NULL,
  merged_at    TEXT NOT NULL,
  merged_by    TEXT NOT NULL,             -- the lead's file's user
  added        INTEGER NOT NULL DEFAULT 0,
  updated      INTEGER NOT NULL DEFAULT 0,  -- including copies taken with --keep
  unchanged    INTEGER NOT NULL DEFAULT 0,
  skipped      INTEGER NOT NULL DEFAULT 0,  -- older copies, and copies --keep set aside
  keep         TEXT NOT NULL DEFAULT ''   -- the --keep inspectors, comma-separated
);

-- Where each merged case came from: the merge that last added or updated it.
CREATE TABLE case_origin (
  case_id      INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  merge_id     INTEGER NOT NULL REFERENCES merge_log(id)
);

-- Conflicts settled with --keep: this case is the kept inspector's reading, and
-- other inspectors' copies of it are set aside by later merges without asking again.
CREATE TABLE merge_settled (
  kind         TEXT NOT NULL CHECK (kind IN ('child', 'victim')),
  ref          TEXT NOT NULL,
  keep         TEXT NOT NULL,             -- the inspector whose reading stands
  merge_id     INTEGER NOT NULL REFERENCES merge_log(id),
  PRIMARY KEY (kind, ref)
);
