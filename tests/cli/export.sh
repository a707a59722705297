# caseread export, as a user types it: the bundle for the lead (owner-only,
# verified, nothing left behind when it fails), CSV with the import header and
# RFC 4180 quoting that imports back to the same answers, and valid JSON.
. "$TESTS_SRCDIR/testlib.sh"

f="$T/ann.caseread"
"$CASEREAD" init "$f" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
# Notes with commas, quotes, a newline and UTF-8, as an inspector writes them.
printf '%s\n' \
	'case_ref,case_kind,case_type,question,answer,note' \
	'YJ-001,child,court,2.1.1,yes,"Strengths, risks and the ""contract"" weighed"' \
	'YJ-001,child,court,2.1.2,no,"First line' \
	'second line — naïve café"' \
	'YJ-001,child,court,2.1.1.1,na,' \
	'YJ-002,child,out-of-court,,,' \
	'V-01,victim,,V1.1,yes,Contact within 5 days' > "$T/in.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/in.csv"

# --- the bundle ----------------------------------------------------------------
expect_exit 0 "$CASEREAD" export "$f" -o "$T/ann.bundle"
expect_in "$T/out" "exported 3 cases"
expect_in "$T/out" "by ann to '$T/ann.bundle'"
expect_eq "$(stat -c %a "$T/ann.bundle")" 600 "bundle mode"
expect_eq "$(sql "$T/ann.bundle" 'SELECT inspector || "|" || cases || "|" || answers FROM bundle')" \
	"ann|3|4" "bundle manifest"
expect_eq "$(sql "$T/ann.bundle" 'PRAGMA integrity_check')" ok "bundle integrity"
expect_eq "$(sql "$T/ann.bundle" 'PRAGMA journal_mode')" delete "bundle journal"
expect_eq "$(sql "$T/ann.bundle" 'SELECT note FROM answer WHERE question = "2.1.2"')" \
	"$(printf 'First line\nsecond line — naïve café')" "note in the bundle"
expect_exit 0 "$CASEREAD" check "$T/ann.bundle"
expect_in "$T/out" "integrity: ok"
ls -A "$T" | grep -q '^\.' && fail "a temporary was left: $(ls -A "$T")"

# Usage errors: exit 2, nothing written.
expect_exit 2 "$CASEREAD" export "$f"
expect_in "$T/err" "-o BUNDLE is required"
expect_exit 2 "$CASEREAD" export "$f" -o -
expect_exit 2 "$CASEREAD" export "$f" --format xml -o "$T/x"
expect_exit 2 "$CASEREAD" export "$f" --excel --format json -o "$T/x"
expect_exit 2 "$CASEREAD" export -o "$T/x"
[ -e "$T/x" ] && fail "a usage error wrote a file"

# Failures: exit 1, nothing under the final name, no temporary anywhere.
expect_exit 1 "$CASEREAD" export "$f" -o "$T/nodir/ann.bundle"
expect_in "$T/err" "cannot write '$T/nodir/ann.bundle'"
[ -e "$T/nodir" ] && fail "export created a directory"
expect_exit 1 "$CASEREAD" export "$f" -o "$f"
expect_in "$T/err" "is the inspection being exported"
"$CASEREAD" init "$T/other.caseread" --service "Leeds YJS" --type iyjwcv --inspector bo >/dev/null
sum=$(md5sum < "$T/other.caseread")
expect_exit 1 "$CASEREAD" export "$f" -o "$T/other.caseread"
expect_in "$T/err" "is a caseread inspection file"
expect_eq "$(md5sum < "$T/other.caseread")" "$sum" "other inspection untouched"
if [ "$(id -u)" -ne 0 ]; then
	# root writes anywhere, so only an ordinary user can test this.
	mkdir "$T/ro" && chmod 500 "$T/ro"
	expect_exit 1 "$CASEREAD" export "$f" -o "$T/ro/ann.bundle"
	expect_in "$T/err" "Permission denied"
	[ -z "$(ls -A "$T/ro")" ] || fail "a failed export left $(ls -A "$T/ro")"
	chmod 700 "$T/ro"
fi
ls -A "$T" | grep -q '^\.' && fail "a temporary was left: $(ls -A "$T")"

# --- temporaries left by a killed export ---------------------------------------
# What kill -9 leaves (tests/cli/crash-export.sh makes real ones): a hidden
# temporary full of case data, with its journal, and a journal whose temporary
# had already gone. The next export to the same target removes them.
mkdir "$T/st"
cp "$f" "$T/st/.ann.bundle.Stale1"
printf 'journal' > "$T/st/.ann.bundle.Stale1-journal"
printf 'journal' > "$T/st/.ann.bundle.Gone01-journal"
printf 'YJ-001,child,court,2.1.1,yes,secret\n' > "$T/st/.ann.csv.Stale2"
chmod 600 "$T"/st/.ann.*
# Not ours to remove: another target's, a user's own file of a similar name,
# one not mode 0600 (every temporary caseread makes is), and a live one.
cp "$f" "$T/st/.other.bundle.Stale3"
printf 'mine' > "$T/st/.ann.bundle.notes"
printf 'mine' > "$T/st/.ann.bundle.Mine01" && chmod 644 "$T/st/.ann.bundle.Mine01"
cp "$f" "$T/st/.ann.bundle.Live01" && chmod 600 "$T/st/.ann.bundle.Live01"
# A concurrent export holds its temporary locked while it writes, as flock(1) does here.
mkfifo "$T/st-hold"
flock -x "$T/st/.ann.bundle.Live01" sh -c 'echo locked; read -r x' <"$T/st-hold" >"$T/st-held" &
holder=$!
exec 3>"$T/st-hold"
i=0
while ! grep -q locked "$T/st-held" 2>/dev/null && [ $i -lt 500 ]; do
	sleep 0.01
	i=$((i + 1))
done
grep -q locked "$T/st-held" || fail "flock(1) did not take the lock"
expect_exit 0 "$CASEREAD" export "$f" -o "$T/st/ann.bundle"
expect_eq "$(LC_ALL=C ls -A "$T/st" | tr '\n' ' ')" \
	".ann.bundle.Live01 .ann.bundle.Mine01 .ann.bundle.notes .ann.csv.Stale2 .other.bundle.Stale3 ann.bundle " \
	"after a bundle export, stale temporaries of the bundle gone, the rest kept"
expect_exit 0 "$CASEREAD" export "$f" --format csv -o "$T/st/ann.csv"
[ -e "$T/st/.ann.csv.Stale2" ] && fail "a CSV export kept its target's stale temporary"
# Once the concurrent export has ended (its lock with it), the next export sweeps it.
exec 3>&-
wait "$holder"
expect_exit 0 "$CASEREAD" export "$f" -o "$T/st/ann.bundle"
expect_eq "$(LC_ALL=C ls -A "$T/st" | tr '\n' ' ')" \
	".ann.bundle.Mine01 .ann.bundle.notes .other.bundle.Stale3 ann.bundle ann.csv " \
	"after the concurrent export ended"
expect_eq "$(sql "$T/st/ann.bundle" 'SELECT cases FROM bundle')" 3 "bundle beside the sweep"

# --- CSV -----------------------------------------------------------------------
expect_exit 0 "$CASEREAD" export "$f" --format csv -o "$T/ann.csv"
expect_in "$T/out" "as csv to '$T/ann.csv'"
expect_eq "$(stat -c %a "$T/ann.csv")" 600 "csv mode"
# The seven columns scripts read by position, then the case's own columns.
expect_eq "$(head -n 1 "$T/ann.csv")" "$(printf 'case_ref,case_kind,case_type,question,answer,note,inspector,macd,withdrawn,manager_interviewed,period_start,period_end,victim_worker,interview,manager,contact,status\r')" "csv header"
expect_in "$T/ann.csv" '"Strengths, risks and the ""contract"" weighed"'
expect_in "$T/ann.csv" '"First line'
expect_in "$T/ann.csv" 'second line — naïve café"'
expect_in "$T/ann.csv" "$(printf 'YJ-002,child,out-of-court,,,,ann,no,,,,,,,,,draft\r')"
expect_in "$T/ann.csv" "$(printf 'V-01,victim,,V1.1,yes,Contact within 5 days,ann,no,,,,,,,,file,draft\r')"
[ "$(head -c 3 "$T/ann.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] && fail "BOM without --excel"

expect_exit 0 "$CASEREAD" export "$f" --format csv --excel -o "$T/excel.csv"
expect_eq "$(head -c 3 "$T/excel.csv" | od -An -tx1 | tr -d ' ')" efbbbf "byte-order mark"
expect_eq "$(tail -c +4 "$T/excel.csv" | md5sum)" "$(md5sum < "$T/ann.csv")" "excel CSV is the CSV after the mark"

# -o - writes to standard output and says nothing else there.
"$CASEREAD" export "$f" --format csv -o - > "$T/stdout.csv" || fail "csv to stdout"
cmp -s "$T/stdout.csv" "$T/ann.csv" || fail "csv on stdout differs from the file"

# Export, import into a fresh file, export again: the same answers and notes.
"$CASEREAD" init "$T/copy.caseread" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
expect_exit 0 "$CASEREAD" import "$T/copy.caseread" "$T/excel.csv"
q='SELECT c.kind, c.ref, coalesce(c.case_type, ""), coalesce(a.question, ""), coalesce(a.value, ""), coalesce(a.note, "") FROM cases c LEFT JOIN answer a ON a.case_id = c.id ORDER BY 1, 2, 4'
expect_eq "$(sql "$T/copy.caseread" "$q")" "$(sql "$f" "$q")" "answers after export and import"
"$CASEREAD" export "$T/copy.caseread" --format csv -o "$T/again.csv" >/dev/null
cmp -s "$T/again.csv" "$T/ann.csv" || fail "second CSV export differs: $(diff "$T/ann.csv" "$T/again.csv")"

# --- CSV: each case's own columns, on every row of the case -------------------
# What a lead needs to tell a withdrawn case from one in the sample, and the
# case's details: empty where not recorded, as the JSON's null.
g="$T/own.caseread"
"$CASEREAD" init "$g" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
printf '%s\n' 'case_ref,case_kind,case_type,question,answer,note,macd' \
	'C-1,child,court,2.1.1,yes,,yes' 'C-1,child,court,2.1.2,no,,' \
	'C-2,child,court,2.1.1,yes,,' 'V-1,victim,,V1.1,yes,,' 'V-2,victim,,,,,' > "$T/own-in.csv"
expect_exit 0 "$CASEREAD" import "$g" "$T/own-in.csv"
expect_exit 0 "$CASEREAD" withdraw "$g" C-1 --reason 'a duplicate, "C-9" is the case'
expect_exit 0 "$CASEREAD" details "$g" C-2 --manager-interviewed no --period 2025-01-06 2025-03-28
expect_exit 0 "$CASEREAD" details "$g" V-1 --manager-interviewed yes --victim-worker '=Sam Jones' --interview VW-1
expect_exit 0 "$CASEREAD" export "$g" --format csv -o "$T/own.csv"
expect_eq "$(tail -n +2 "$T/own.csv" | tr -d '\r')" 'C-1,child,court,2.1.1,yes,,ann,yes,"a duplicate, ""C-9"" is the case",,,,,,,,draft
C-1,child,court,2.1.2,no,,ann,yes,"a duplicate, ""C-9"" is the case",,,,,,,,draft
C-2,child,court,2.1.1,yes,,ann,no,,no,2025-01-06,2025-03-28,,,,,draft
V-1,victim,,V1.1,yes,,ann,no,,yes,,,=Sam Jones,VW-1,,file,draft
V-2,victim,,,,,ann,no,,,,,,,,file,draft' "own columns in the CSV"
# --excel neutralises the new text columns too; plain keeps the text exactly.
expect_exit 0 "$CASEREAD" export "$g" --format csv --excel -o "$T/own-excel.csv"
expect_in "$T/own-excel.csv" "V-1,victim,,V1.1,yes,,ann,no,,yes,,,'=Sam Jones,VW-1,,file,draft"
expect_not_in "$T/own-excel.csv" ",=Sam"
# Export, import into a fresh file, export again: the same file, own columns
# and all, from the plain CSV and from the --excel one.
for src in own own-excel; do
	"$CASEREAD" init "$T/$src-copy.caseread" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
	expect_exit 0 "$CASEREAD" import "$T/$src-copy.caseread" "$T/$src.csv"
	expect_in "$T/out" "4 cases added"
	"$CASEREAD" export "$T/$src-copy.caseread" --format csv -o "$T/$src-again.csv" >/dev/null
	cmp -s "$T/own.csv" "$T/$src-again.csv" ||
		fail "$src: export, import, export differs: $(diff "$T/own.csv" "$T/$src-again.csv")"
done
# In the file, the withdrawal and the details are the commands' own, with their history.
expect_eq "$(sql "$T/own-copy.caseread" "SELECT ref || '|' || withdrawn FROM cases WHERE withdrawn IS NOT NULL")" \
	'C-1|a duplicate, "C-9" is the case' "withdrawn after import"
expect_eq "$(sql "$T/own-copy.caseread" "SELECT group_concat(c.ref || ':' || e.event, ' ') FROM (SELECT * FROM case_event ORDER BY id) e JOIN cases c ON c.id = e.case_id WHERE e.event IN ('withdraw', 'details') AND e.reason NOT LIKE 'MACD%'")" \
	"C-1:withdraw C-2:details V-1:details" "history of the imported case columns"
expect_exit 0 "$CASEREAD" tally "$T/own-copy.caseread" --format json
expect_in "$T/out" '"children": 1,'
expect_in "$T/out" '"withdrawn": 1,'

# --- CSV: the manager's initials, the victim's contact, the status -------------
# As the JSON names them, so a lead can tell drafts from complete cases and an
# interview from a file read. (No command sets initials, contact or status: the
# screens do; here SQL does, as another program could.)
h="$T/mcs.caseread"
"$CASEREAD" init "$h" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
printf '%s\n' 'case_ref,case_kind,case_type,question,answer,note' \
	'C-1,child,court,2.1.1,yes,' 'C-2,child,court,,,' 'V-1,victim,,V1.1,yes,' 'V-2,victim,,,,' > "$T/mcs-in.csv"
expect_exit 0 "$CASEREAD" import "$h" "$T/mcs-in.csv"
sql "$h" "UPDATE cases SET manager = CASE ref WHEN 'C-1' THEN '=2+3' WHEN 'V-1' THEN 'KM' ELSE '' END;
	UPDATE cases SET contact = 'interview' WHERE ref = 'V-1';
	UPDATE cases SET status = 'complete' WHERE ref IN ('C-2', 'V-1')"
expect_exit 0 "$CASEREAD" export "$h" --format csv -o "$T/mcs.csv"
expect_eq "$(tail -n +2 "$T/mcs.csv" | tr -d '\r')" 'C-1,child,court,2.1.1,yes,,ann,no,,,,,,,=2+3,,draft
C-2,child,court,,,,ann,no,,,,,,,,,complete
V-1,victim,,V1.1,yes,,ann,no,,,,,,,KM,interview,complete
V-2,victim,,,,,ann,no,,,,,,,,file,draft' "manager, contact and status in the CSV"
# The same words as the JSON's.
expect_exit 0 "$CASEREAD" export "$h" --format json -o "$T/mcs.json"
expect_eq "$(python3 -c 'import json, sys
for c in json.load(open(sys.argv[1], encoding="utf-8"))["cases"]:
	print(c["ref"], c["manager"], c["contact"], c["status"])' "$T/mcs.json" | tr '\n' ' ')" \
	"C-1 =2+3 None draft C-2  None complete V-1 KM interview complete V-2  file draft " "the JSON's"
# --excel neutralises initials a spreadsheet would run.
expect_exit 0 "$CASEREAD" export "$h" --format csv --excel -o "$T/mcs-excel.csv"
expect_in "$T/mcs-excel.csv" "C-1,child,court,2.1.1,yes,,ann,no,,,,,,,'=2+3,,draft"
expect_not_in "$T/mcs-excel.csv" ",=2+3"
# Export, import into a fresh file, export again: the same CSV but for the
# status, which import reads and does not apply (it says so), from the plain
# CSV and from the --excel one.
nostatus() {
	sed 's/,\(draft\|complete\)\r$/,\r/' "$1"
}
for src in mcs mcs-excel; do
	"$CASEREAD" init "$T/$src-copy.caseread" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
	expect_exit 0 "$CASEREAD" import "$T/$src-copy.caseread" "$T/$src.csv"
	expect_in "$T/out" "4 cases added"
	expect_in "$T/err" "2 cases were complete in '$T/$src.csv' and are drafts in '$T/$src-copy.caseread'"
	"$CASEREAD" export "$T/$src-copy.caseread" --format csv -o "$T/$src-again.csv" >/dev/null
	[ "$(nostatus "$T/mcs.csv")" = "$(nostatus "$T/$src-again.csv")" ] ||
		fail "$src: export, import, export differs: $(diff "$T/mcs.csv" "$T/$src-again.csv")"
	expect_eq "$(tail -n +2 "$T/$src-again.csv" | grep -vc ',draft.$')" 0 "$src: drafts after import"
done
expect_eq "$(sql "$T/mcs-excel-copy.caseread" "SELECT group_concat(ref || '|' || manager || '|' || coalesce(contact, '-'), ' ') FROM (SELECT * FROM cases ORDER BY ref)")" \
	"C-1|=2+3|- C-2||- V-1|KM|interview V-2||file" "initials and contact after importing the --excel CSV"

# The same with a demonstration inspection: inspectors, initials, MACDs, both
# contacts, drafts and complete cases.
expect_exit 0 "$CASEREAD" demo "$T/demo.caseread" --children 12 --victims 6 --seed 7
expect_exit 0 "$CASEREAD" export "$T/demo.caseread" --format csv -o "$T/demo.csv"
owner=$(sql "$T/demo.caseread" "SELECT owner FROM inspection")
"$CASEREAD" init "$T/demo-copy.caseread" --service "Leeds YJS" --type iyjwcv --inspector "$owner" >/dev/null
expect_exit 0 "$CASEREAD" import "$T/demo-copy.caseread" "$T/demo.csv"
expect_in "$T/err" "$(sql "$T/demo.caseread" "SELECT count(*) FROM cases WHERE status = 'complete'") cases were complete in"
"$CASEREAD" export "$T/demo-copy.caseread" --format csv -o "$T/demo-again.csv" >/dev/null
[ "$(nostatus "$T/demo.csv")" = "$(nostatus "$T/demo-again.csv")" ] ||
	fail "demo: export, import, export differs: $(diff "$T/demo.csv" "$T/demo-again.csv" | head -20)"
expect_eq "$(sql "$T/demo.caseread" "SELECT count(DISTINCT manager) > 3, count(DISTINCT contact), count(DISTINCT status) FROM cases")" \
	"1|2|2" "the demonstration has initials, both contacts and both statuses"

# --- JSON ----------------------------------------------------------------------
expect_exit 0 "$CASEREAD" export "$f" --format json -o "$T/ann.json"
expect_eq "$(stat -c %a "$T/ann.json")" 600 "json mode"
python3 -m json.tool "$T/ann.json" >/dev/null || fail "export is not valid JSON"
"$CASEREAD" export "$f" --format json | python3 -m json.tool >/dev/null || fail "JSON on stdout is not valid"
got=$(python3 - "$T/ann.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
c = {x["ref"]: x for x in d["cases"]}
a = {x["question"]: x for x in c["YJ-001"]["answers"]}
print(d["inspection"]["service"], d["inspection"]["type"],
      d["inspection"]["question_bank"]["id"], d["exported_by"], len(d["cases"]),
      c["V-01"]["kind"], c["V-01"]["contact"], c["YJ-002"]["case_type"],
      a["2.1.1"]["answer"], a["2.1.1.1"]["answer"], a["2.1.2"]["note"] == "First line\nsecond line — naïve café",
      d["counts"]["answers"])
EOF
)
expect_eq "$got" "Leeds YJS iyjwcv youth-2025 ann 3 victim file out-of-court yes na True 4" "JSON contents"
finish
