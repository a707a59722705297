-- caseread schema, version 2: per-file settings, such as where the inspector was
-- in the terminal interface, so reopening returns to the same place.
CREATE TABLE setting (
  name   TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
