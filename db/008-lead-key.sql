-- caseread schema: the inspection kit and sealed bundles (issue 12). Applied by db.c
-- inside one transaction; never edit a released migration, add the next.
--
-- uid stays what it was, the identity of one file, which merge uses to tell two
-- inspectors' files apart. inspection_uid is the identity of the inspection the file
-- belongs to: its own uid for a file made by caseread init (NULL reads as uid), the
-- lead's inspection_uid for a file made by caseread kit. lead_key is the public key
-- ("caseread-key1:...") bundles from this file are sealed to; sealed_to the
-- fingerprint of the key the last sealed bundle was written for, so the key is not
-- changed under bundles already sent.
ALTER TABLE inspection ADD COLUMN inspection_uid TEXT;
ALTER TABLE inspection ADD COLUMN lead_key TEXT;
ALTER TABLE inspection ADD COLUMN sealed_to TEXT;
UPDATE inspection SET inspection_uid = uid;
