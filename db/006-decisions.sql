-- caseread schema: the rating meetings' decisions with their reasons, and a log of
-- every decision and of a change of inspection type. Applied by db.c inside one
-- transaction.
--
-- A judgement keeps the reason the ratification meeting (IYJWCV) or ratings panel
-- (IYJS) gave for it; '' for one recorded before reasons were asked for.
ALTER TABLE judgement ADD COLUMN reason TEXT NOT NULL DEFAULT '';

-- Every decision as it was made: a judgement set or cleared (new_value NULL), or the
-- inspection's type changed ('type': an IYJWCV becoming a reactive IYJS). Never
-- updated; merge copies a bundle's rows it does not already hold.
CREATE TABLE decision_log (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (name = 'V1.2' OR name = 'victims' OR
                name = '1.1' OR name = '1.2' OR name = '1.3' OR name = 'type'),
  old_value   TEXT,
  new_value   TEXT,
  reason      TEXT NOT NULL DEFAULT '',
  inspector   INTEGER NOT NULL REFERENCES inspector(id),
  at          TEXT NOT NULL
);
