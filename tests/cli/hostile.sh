# Hostile bundles (issue 11): each made here with sqlite3 from a good export,
# one attack each. Every one is refused with a message, exit 1, in bounded
# time, the lead's file byte for byte as it was, and no -wal or -shm left
# beside the bundle or the lead. Also: case ids never pass to another case,
# a file with caseread's id but no tables is refused unwritten, and files that
# cannot be written are read without side files.
. "$TESTS_SRCDIR/testlib.sh"

S=${SQLITE3:-sqlite3}
svc="Wakefield YJS"
"$CASEREAD" init "$T/ann.caseread" --service "$svc" --type iyjwcv --inspector ann >/dev/null
cat >"$T/ann.csv" <<'EOF'
case_ref,case_kind,case_type,question,answer,note
A-1,child,court,2.1.1,yes,seen
A-1,child,court,2.1.2,no,
A-2,child,court,2.1.1,no,a note
A-V,victim,,V1.1,yes,contacted
EOF
expect_exit 0 "$CASEREAD" import "$T/ann.caseread" "$T/ann.csv"
expect_exit 0 "$CASEREAD" export "$T/ann.caseread" -o "$T/good.bundle"
"$CASEREAD" init "$T/lead.caseread" --service "$svc" --type iyjwcv --inspector lee >/dev/null
lead="$T/lead.caseread"
version=$(sql "$lead" 'PRAGMA user_version')

# mutate NAME SQL: a copy of the good bundle changed by SQL, as $T/NAME.bundle.
mutate() {
	cp "$T/good.bundle" "$T/$1.bundle"
	"$S" -batch "$T/$1.bundle" "$2" >"$T/sqlite.out" 2>&1 ||
	    fail "$1: sqlite3 could not make it: $(cat "$T/sqlite.out")"
}

# refused NAME WHAT: merging $T/NAME.bundle is refused saying WHAT, within
# 20 s, leaving the lead byte for byte and no side files.
refused() {
	b="$T/$1.bundle"
	before=$(sha256sum <"$lead")
	bsum=$(sha256sum <"$b")
	start=$(date +%s)
	expect_exit 1 timeout 20 "$CASEREAD" merge "$lead" "$b"
	[ $(( $(date +%s) - start )) -lt 20 ] || fail "$1: took 20 s or more"
	expect_in "$T/err" "$2"
	cp "$T/err" "$T/why"
	[ "$(sha256sum <"$lead")" = "$before" ] || fail "$1: the lead's file changed"
	[ "$(sha256sum <"$b")" = "$bsum" ] || fail "$1: the bundle changed"
	for f in "$b-wal" "$b-shm" "$b-journal" "$lead-wal" "$lead-shm"; do
		[ ! -e "$f" ] || fail "$1: $f left behind"
	done
	# The lead still opens and is not locked.
	expect_exit 0 "$CASEREAD" check "$lead"
}

# The good bundle merges: the mutations below are what is refused.
cp "$lead" "$T/lead0.caseread"
cp "$T/good.bundle" "$T/good2.bundle"
expect_exit 0 "$CASEREAD" merge "$T/lead0.caseread" "$T/good2.bundle"

# 1. A NULL question in an answer table rebuilt without NOT NULL (crashed).
mutate null-question "
CREATE TABLE answer_new (case_id INTEGER, question TEXT, value TEXT, note TEXT,
  inspector INTEGER, updated_at TEXT);
INSERT INTO answer_new SELECT * FROM answer;
INSERT INTO answer_new VALUES (1, NULL, 'yes', '', 1, '2025-01-01T00:00:00Z');
DROP TABLE answer;
ALTER TABLE answer_new RENAME TO answer;
UPDATE bundle SET answers = answers + 1;"
refused null-question "a changed column or constraint in table 'answer'"

# 2. cases replaced by a view whose kind is NULL (crashed in strcmp).
mutate view-null-kind "
ALTER TABLE cases RENAME TO cases_t;
CREATE VIEW cases AS SELECT id, NULL AS kind, ref, case_type, manager,
  inspector, macd, contact, status, created_at, updated_at FROM cases_t;"
refused view-null-kind "is not a caseread file as schema $version makes it"
expect_in "$T/why" "'sqlite_autoindex_cases_1'"

# 3. case_event replaced by an endless recursive view (hung holding the lock).
mutate recursive-view "
DROP TABLE case_event;
CREATE VIEW case_event AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL
  SELECT n + 1 FROM r) SELECT n AS id, 1 AS case_id, 'complete' AS event,
  '' AS reason, 1 AS inspector, '' AS at FROM r;"
refused recursive-view "it lacks the index 'case_event_case'"

# 4. A bank of 100,000 guidance lines, with the lead's bank id, version and hash.
mutate big-bank "UPDATE inspection SET bank_text = bank_text ||
  (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 100000)
   SELECT group_concat('  guidance more words', char(10)) FROM r);"
refused big-bank "with other words of question bank"

# 5. Foreign objects: a view, a trigger, a table, an index.
mutate extra-view "CREATE VIEW v AS SELECT * FROM cases;"
refused extra-view "it has a view 'v'"
mutate extra-trigger "CREATE TRIGGER t AFTER INSERT ON setting BEGIN SELECT 1; END;"
refused extra-trigger "it has a trigger 't'"
mutate extra-table "CREATE TABLE extra (x);"
refused extra-table "it has a table 'extra'"
mutate extra-index "CREATE INDEX cases_ref ON cases (ref);"
refused extra-index "it has an index 'cases_ref'"

# 6. A changed column type, in place (the rows still fit).
mutate changed-type "PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'note        TEXT NOT NULL', 'note        BLOB NOT NULL')
  WHERE name = 'answer';"
refused changed-type "a changed column or constraint in table 'answer'"

# 7. Changed words of the bank, same id, version and stored hash.
mutate changed-words "UPDATE inspection SET bank_text =
  replace(bank_text, 'strengths and protective factors', 'strengths and protecting factors');"
expect_eq "$(sql "$T/changed-words.bundle" "SELECT instr(bank_text, 'protecting factors') > 0 FROM inspection")" 1 "changed words present"
refused changed-words "with other words of question bank"
line=$(grep -n 'strengths and protective factors' "$TESTS_SRCDIR/../forms/youth-2025.form" | head -1 | cut -d: -f1)
expect_in "$T/why" "line $line is"
expect_in "$T/why" "protecting factors"

# 8. A manifest or row value of the wrong type where the schema lets it in.
mutate wrong-type "UPDATE answer SET note = CAST(x'41' AS BLOB) WHERE question = '2.1.1' AND case_id = (SELECT min(case_id) FROM answer);"
refused wrong-type "binary data where text was expected"

# 8c. A decision whose reason drives the terminal (an OSC 52 clipboard write),
# and one whose reason is binary: decisions pass the same gate as rows.
mutate decision-escape "INSERT INTO judgement (name, value, reason, inspector, at)
  VALUES ('V1.2', 'yes', 'fine' || char(27) || ']52;c;aGk=' || char(7), 1, '2030-01-01T00:00:00Z');"
refused decision-escape "its decisions, reason: the reason holds a control character"
mutate decision-blob "INSERT INTO judgement (name, value, reason, inspector, at)
  VALUES ('V1.2', 'yes', CAST(x'41' AS BLOB), 1, '2030-01-01T00:00:00Z');"
refused decision-blob "its decisions, reason: not text"

# 8a. An empty bank text (found by the fuzzer: it was parsed from a NULL pointer).
mutate empty-bank "UPDATE inspection SET bank_text = '';"
refused empty-bank "the question bank stored in '$T/empty-bank.bundle' is missing"

# 8b. Every statement on a bundle is bounded in time: with a tiny bound even
# the good bundle is refused as taking too long, the lead untouched.
cp "$T/good.bundle" "$T/slow.bundle"
export CASEREAD_BUNDLE_SECONDS=0.000001
refused slow "took too long to read"
unset CASEREAD_BUNDLE_SECONDS

# 9. A bundle in WAL mode with a -wal beside it (a live inspection file).
mutate wal-beside "PRAGMA journal_mode = WAL; CREATE TABLE keep_wal (x); DROP TABLE keep_wal;"
cp "$T/wal-beside.bundle" "$T/wal-copy"
"$S" -batch "$T/wal-beside.bundle" "PRAGMA wal_autocheckpoint = 0; BEGIN; UPDATE setting SET value = value; COMMIT;" >/dev/null 2>&1
: >"$T/wal-beside.bundle-wal"
before=$(sha256sum <"$lead")
expect_exit 1 timeout 20 "$CASEREAD" merge "$lead" "$T/wal-beside.bundle"
expect_in "$T/err" "is an inspection file, not an export bundle"
[ ! -e "$T/wal-beside.bundle-shm" ] || fail "wal-beside: -shm made"
[ "$(sha256sum <"$lead")" = "$before" ] || fail "wal-beside: the lead changed"
rm -f "$T/wal-beside.bundle-wal"

# 10. A WAL-mode bundle alone merges (into a copy) and leaves no -shm beside it.
mutate wal-mode "PRAGMA journal_mode = WAL;"
cp "$lead" "$T/lead1.caseread"
expect_exit 0 "$CASEREAD" merge "$T/lead1.caseread" "$T/wal-mode.bundle"
for f in "$T/wal-mode.bundle-wal" "$T/wal-mode.bundle-shm"; do
	[ ! -e "$f" ] || fail "wal-mode: $f left behind"
done

# 11. caseread's application id and schema version, but no tables: refused
# unwritten (it was migrated and switched to WAL before "no such table").
"$S" -batch "$T/empty.caseread" "PRAGMA application_id = 1130460005; PRAGMA user_version = $version;"
esum=$(sha256sum <"$T/empty.caseread")
for cmd in check tally; do
	expect_exit 1 timeout 20 "$CASEREAD" $cmd "$T/empty.caseread"
	expect_in "$T/err" "is not a caseread file as schema $version makes it"
done
cp "$T/empty.caseread" "$T/empty.bundle"
refused empty "is not a caseread file as schema $version makes it"
[ "$(sha256sum <"$T/empty.caseread")" = "$esum" ] || fail "empty: written"
expect_eq "$(sql "$T/empty.caseread" 'PRAGMA journal_mode')" delete "empty: journal mode"
[ ! -e "$T/empty.caseread-wal" ] || fail "empty: -wal made"
# An older schema number with no tables: not migrated either.
"$S" -batch "$T/empty1.caseread" "PRAGMA application_id = 1130460005; PRAGMA user_version = 1;"
esum=$(sha256sum <"$T/empty1.caseread")
expect_exit 1 "$CASEREAD" check "$T/empty1.caseread"
expect_in "$T/err" "is not a caseread file as schema 1 makes it"
[ "$(sha256sum <"$T/empty1.caseread")" = "$esum" ] || fail "empty1: written"

# 12. A lead-like inspection file with a trigger is not opened for writing.
cp "$T/ann.caseread" "$T/trig.caseread"
"$S" -batch "$T/trig.caseread" "CREATE TRIGGER tr AFTER UPDATE ON answer BEGIN DELETE FROM cases; END;"
expect_exit 1 "$CASEREAD" check "$T/trig.caseread"
expect_in "$T/err" "it has a trigger 'tr'"

# 13. Case ids are never reused: the lead's highest case X is replaced by a
# merge --keep, and the new case Y does not get X's id.
"$CASEREAD" init "$T/l2.caseread" --service "$svc" --type iyjwcv --inspector lee >/dev/null
printf 'case_ref,case_kind,case_type,question,answer,note\nX-1,child,court,2.1.1,yes,lead saw X\n' >"$T/x.csv"
expect_exit 0 "$CASEREAD" import "$T/l2.caseread" "$T/x.csv"
xid=$(sql "$T/l2.caseread" "SELECT id FROM cases WHERE ref = 'X-1'")
"$CASEREAD" init "$T/bo.caseread" --service "$svc" --type iyjwcv --inspector bo >/dev/null
printf 'case_ref,case_kind,case_type,question,answer,note\nB-Y,child,court,2.1.1,no,bo saw Y\nX-1,child,court,2.1.1,no,bo saw X\n' >"$T/y.csv"
expect_exit 0 "$CASEREAD" import "$T/bo.caseread" "$T/y.csv"
expect_exit 0 "$CASEREAD" export "$T/bo.caseread" -o "$T/bo.bundle"
expect_exit 0 "$CASEREAD" merge "$T/l2.caseread" "$T/bo.bundle" --keep bo
yid=$(sql "$T/l2.caseread" "SELECT id FROM cases WHERE ref = 'B-Y'")
x2=$(sql "$T/l2.caseread" "SELECT id FROM cases WHERE ref = 'X-1'")
[ "$yid" != "$xid" ] || fail "id reuse: case B-Y took X-1's old id $xid"
[ "$x2" != "$xid" ] || fail "id reuse: the kept X-1 has the deleted one's id $xid"
[ "$(sql "$T/l2.caseread" "SELECT count(*) FROM cases WHERE id = $xid")" = 0 ] ||
    fail "id reuse: id $xid names a case again"

# 14. A file that cannot be written (append-only, where chattr can) is read
# without -wal or -shm left beside it.
cp "$T/ann.caseread" "$T/ao.caseread"
if chattr +a "$T/ao.caseread" 2>/dev/null; then
	expect_exit 0 "$CASEREAD" check "$T/ao.caseread"
	expect_exit 0 "$CASEREAD" tally "$T/ao.caseread"
	chattr -a "$T/ao.caseread"
	for f in "$T/ao.caseread-wal" "$T/ao.caseread-shm"; do
		[ ! -e "$f" ] || fail "append-only: $f left behind"
	done
else
	echo "hostile.sh: chattr +a unavailable here; append-only case skipped" >&2
fi
# And in a folder that cannot be written.
mkdir "$T/ro" && cp "$T/ann.caseread" "$T/ro/" && chmod 555 "$T/ro"
expect_exit 0 "$CASEREAD" check "$T/ro/ann.caseread"
for f in "$T/ro/ann.caseread-wal" "$T/ro/ann.caseread-shm"; do
	[ ! -e "$f" ] || fail "read-only folder: $f left behind"
done
chmod 755 "$T/ro"

finish
