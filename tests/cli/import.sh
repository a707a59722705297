# caseread import: a good file creates cases and answers; bad rows are reported
# with their line numbers and nothing at all is written.
. "$TESTS_SRCDIR/testlib.sh"

f="$T/a.caseread"
"$CASEREAD" init "$f" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null

printf '\357\273\277case_ref,case_kind,case_type,question,answer,note,inspector\r\n' > "$T/good.csv"
printf 'C-1,child,court,2.1.1,Yes,"strengths, ""lived experience""\r\nand trauma",bob\r\n' >> "$T/good.csv"
printf 'C-1,child,court,2.1.2,NO,,\r\nC-2,child,out-of-court,,,,\r\nV-1,victim,,V1.1,na,,\r\n' >> "$T/good.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/good.csv"
expect_in "$T/out" "imported 4 rows"
expect_in "$T/out" "3 cases added"
expect_eq "$(sql "$f" "SELECT count(*) FROM cases")" 3 "cases"
expect_eq "$(sql "$f" "SELECT value FROM answer a JOIN cases c ON c.id = a.case_id WHERE c.ref = 'C-1' AND question = '2.1.1'")" yes "C-1 2.1.1"
expect_eq "$(sql "$f" "SELECT i.name FROM cases c JOIN inspector i ON i.id = c.inspector WHERE c.ref = 'C-1'")" bob "C-1 read by"
expect_eq "$(sql "$f" "SELECT i.name FROM cases c JOIN inspector i ON i.id = c.inspector WHERE c.ref = 'C-2'")" ann "C-2 read by"
expect_eq "$(sql "$f" "SELECT value FROM answer WHERE question = 'V1.1'")" na "V1.1"

# A change to a case itself is entered in its history by the file's inspector,
# who runs the import, not by the inspector whose answer the row before gave.
printf 'case_ref,case_kind,case_type,question,answer,note,inspector,macd\nC-1,child,court,2.1.1.1,yes,,bob,\nC-2,child,out-of-court,,,,cat,yes\n' > "$T/who.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/who.csv"
expect_in "$T/out" "0 cases added, 1 updated, 1 answer"
expect_eq "$(sql "$f" "SELECT group_concat(c.ref || '|' || i.name || '|' || e.reason, ' ; ') FROM (SELECT * FROM case_event ORDER BY id) e JOIN cases c ON c.id = e.case_id JOIN inspector i ON i.id = e.inspector")" \
	"C-2|ann|inspector ann -> cat ; C-2|ann|MACD no -> yes" "history of the import's case changes"
expect_eq "$(sql "$f" "SELECT i.name FROM answer_history h JOIN inspector i ON i.id = h.inspector WHERE question = '2.1.1.1'")" bob "answer's inspector"

cat > "$T/bad.csv" <<'CSV'
case_ref,case_kind,case_type,question,answer,note
C-5,child,court,2.1.1,yes,this row is good
C-5,child,court,9.9.9,yes,
C-5,child,court,V1.1,yes,
V-5,victim,,2.1.1,no,
C-5,child,court,2.2.1.8,yes,
C-5,child,court,2.1.2,perhaps,
V-5,victim,court,V1.1,yes,
C-6,adult,court,2.1.1,yes,
C-7,child,prison,2.1.1,yes,
CSV
sum=$(sql "$f" "SELECT count(*) || '/' || (SELECT count(*) FROM answer) || '/' || (SELECT count(*) FROM answer_history) FROM cases")
expect_exit 1 "$CASEREAD" import "$f" "$T/bad.csv"
expect_in "$T/err" "bad.csv:3: unknown question '9.9.9'"
expect_in "$T/err" "bad.csv:4: V1.1 is a victims' question"
expect_in "$T/err" "bad.csv:5: 2.1.1 is a children's question"
expect_in "$T/err" "bad.csv:6: 2.2.1.8 applies only to resettlement cases"
expect_in "$T/err" "bad.csv:7: answer must be yes, no or na"
expect_in "$T/err" "bad.csv:8: 'V-5' is a victim's case, which has no case_type"
expect_in "$T/err" "bad.csv:9: case_kind must be child or victim"
expect_in "$T/err" "bad.csv:10: case_type must be court"
expect_in "$T/err" "8 bad rows: nothing imported"
expect_not_in "$T/err" "bad.csv:2:"
expect_eq "$(sql "$f" "SELECT count(*) || '/' || (SELECT count(*) FROM answer) || '/' || (SELECT count(*) FROM answer_history) FROM cases")" "$sum" "nothing written"
expect_eq "$(sql "$f" "SELECT count(*) FROM cases WHERE ref = 'C-5'")" 0 "good row of a bad file"

printf 'case_ref,case_kind,question,answer\nC-8,child,2.1.1,yes\n' > "$T/header.csv"
expect_exit 1 "$CASEREAD" import "$f" "$T/header.csv"
expect_in "$T/err" "header.csv:1: the header lacks columns 'case_type', 'note'"

printf 'case_ref,case_kind,case_type,question,answer,note\nC-8,child,court,2.1.1,yes,"never closed\n' > "$T/quote.csv"
expect_exit 1 "$CASEREAD" import "$f" "$T/quote.csv"
expect_in "$T/err" "quote.csv:2: quoted field is not terminated"
expect_eq "$(sql "$f" "SELECT count(*) FROM cases WHERE ref = 'C-8'")" 0 "C-8 not written"

# Rows that contradict each other are bad rows, each naming the earlier line;
# so is changing a complete case, which must be reopened first.
sql "$f" "UPDATE cases SET status = 'complete' WHERE ref = 'C-1'"
cat > "$T/clash.csv" <<'CSV'
case_ref,case_kind,case_type,question,answer,note,inspector
C-9,child,court,2.1.1,yes,,bob
C-9,child,court,2.1.2,yes,,cat
C-9,child,court,2.1.1,no,,bob
C-1,child,court,2.1.1,yes,,bob
C-1,child,court,2.1.2,yes,,bob
CSV
sum=$(sql "$f" "SELECT count(*) || '/' || (SELECT count(*) FROM answer) || '/' || (SELECT count(*) FROM answer_history) FROM cases")
expect_exit 1 "$CASEREAD" import "$f" "$T/clash.csv"
expect_in "$T/err" "clash.csv:3: case 'C-9' is read by 'cat' here but by 'bob' on line 2"
expect_in "$T/err" "clash.csv:4: 2.1.1 of case 'C-9' is answered no here but yes on line 2"
expect_in "$T/err" "clash.csv:6: case 'C-1' is marked complete: reopen it in caseread before changing its answers (2.1.2 is no there, yes here)"
expect_not_in "$T/err" "clash.csv:5:"
expect_in "$T/err" "3 bad rows: nothing imported"
expect_eq "$(sql "$f" "SELECT count(*) || '/' || (SELECT count(*) FROM answer) || '/' || (SELECT count(*) FROM answer_history) FROM cases")" "$sum" "nothing written"

# --- a case's own columns: withdrawn and the details -----------------------------
# Read when present (a CSV export writes them), through caseread withdraw's and
# caseread details' rules; empty leaves the case as it is.
o="$T/own.caseread"
"$CASEREAD" init "$o" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
own_header=case_ref,case_kind,case_type,question,answer,note,inspector,macd,withdrawn,manager_interviewed,period_start,period_end,victim_worker,interview
{
	echo "$own_header"
	echo 'C-1,child,court,2.1.1,yes,,bob,yes,,YES,2025-01-06,2025-03-28,,'
	echo 'C-1,child,court,2.1.2,no,,bob,yes,,yes,2025-01-06,2025-03-28,,'
	echo 'C-2,child,court,,,,,,"sampled twice, see C-1",,,,,'
	for v in V-1 V-2 V-3; do
		echo "$v,victim,,V1.1,yes,,,no,,no,,,Sam Jones,VW-1"
	done
	# Withdrawn (before its details are set), it takes no room on VW-1.
	echo 'V-4,victim,,,,,,,replaced,,,,Sam Jones,VW-1'
} > "$T/own.csv"
expect_exit 0 "$CASEREAD" import "$o" "$T/own.csv"
expect_in "$T/out" "6 cases added"
expect_eq "$(sql "$o" "SELECT group_concat(ref || '|' || coalesce(withdrawn, '-') || '|' || coalesce(manager_interviewed, '-') || '|' || period_start || '|' || period_end || '|' || victim_worker || '|' || interview, ' ') FROM (SELECT * FROM cases ORDER BY ref)")" \
	"C-1|-|1|2025-01-06|2025-03-28|| C-2|sampled twice, see C-1|-|||| V-1|-|0|||Sam Jones|VW-1 V-2|-|0|||Sam Jones|VW-1 V-3|-|0|||Sam Jones|VW-1 V-4|replaced|-|||Sam Jones|VW-1" \
	"cases after importing their own columns"
expect_eq "$(sql "$o" "SELECT count(*) FROM case_event WHERE event = 'withdraw'") $(sql "$o" "SELECT count(*) FROM case_event WHERE event = 'details' AND reason NOT LIKE 'MACD%'")" \
	"2 5" "one history entry per withdrawal and per case's details"
# Again, with empty columns: nothing changes, nothing is recorded.
printf '%s\nC-1,child,court,,,,,,,,,,,\nC-2,child,court,,,,,,,,,,,\n' "$own_header" > "$T/own-empty.csv"
expect_exit 0 "$CASEREAD" import "$o" "$T/own-empty.csv"
expect_in "$T/out" "0 updated"
expect_eq "$(sql "$o" "SELECT count(*) FROM case_event")" 8 "no history from empty columns"

# Bad values are bad rows naming the line and the column, and the file is left
# byte for byte (the good row before each is not written either).
sql "$o" "UPDATE cases SET status = 'complete' WHERE ref = 'C-1'"
n=0
while IFS="|" read -r row says; do
	n=$((n + 1))
	printf '%s\nC-9,child,court,2.1.1,yes,,,,,,,,,\n%s\n' "$own_header" "$row" > "$T/own-bad$n.csv"
	sum=$(sha256sum < "$o")
	expect_exit 1 "$CASEREAD" import "$o" "$T/own-bad$n.csv"
	expect_in "$T/err" "own-bad$n.csv:3: $says"
	expect_in "$T/err" "1 bad row: nothing imported"
	expect_eq "$(sha256sum < "$o")" "$sum" "file unchanged after own-bad$n.csv"
done <<'ROWS'
C-2,child,court,,,,,,,,2025-02-30,2025-03-01,,|period_start must be a date (YYYY-MM-DD), not '2025-02-30'
C-2,child,court,,,,,,,,2025-03-01,01/04/2025,,|period_end must be a date (YYYY-MM-DD), not '01/04/2025'
C-2,child,court,,,,,,,,2025-03-01,,,|period_start, period_end: the period inspected needs both its start and its end date
C-2,child,court,,,,,,,,2025-03-02,2025-03-01,,|period_start, period_end: the period inspected starts (2025-03-02) after it ends (2025-03-01)
C-2,child,court,,,,,,,perhaps,,,,|manager_interviewed must be yes, no or empty, not 'perhaps'
V-5,victim,,V1.1,yes,,,,,,,,Ann Lee,vw-1|interview 'vw-1' already covers 3 victims' cases (V-1, V-2, V-3): one interview covers up to 3, so case V-5 needs another
V-5,victim,,,,,,,,,,,,VW-2 é|interview: the interview label holds U+00E9
V-5,victim,,,,,,,,,,,Ann Lee ,|victim_worker: the victim worker 'Ann Lee ' starts or ends with a space
C-2,child,court,,,,,,,,,,Sam Jones,|'C-2' is a child's case: victim_worker is for victims' cases only
V-4,victim,,,,,,,duplicate,,,,,|case 'V-4' is withdrawn already, for 'replaced': reinstate it (caseread reinstate) before withdrawing it for 'duplicate'
V-3,victim,,,,,,,   ,,,,,|withdrawn holds only spaces: withdrawing a case needs a reason
C-1,child,court,,,,,,,no,,,,|case 'C-1' is marked complete: reopen it in caseread before changing its details (manager_interviewed is 'yes' there, 'no' here)
ROWS
expect_eq "$n" 12 "refusals tried"
# Rows of one case give one value: the last does not silently win.
printf '%s\nC-9,child,court,2.1.1,yes,,,,,yes,,,,\nC-9,child,court,2.1.2,no,,,,,no,,,,\n' "$own_header" > "$T/own-clash.csv"
sum=$(sha256sum < "$o")
expect_exit 1 "$CASEREAD" import "$o" "$T/own-clash.csv"
expect_in "$T/err" "own-clash.csv:3: case 'C-9' has manager_interviewed 'no' here but 'yes' on line 2"
expect_eq "$(sha256sum < "$o")" "$sum" "file unchanged after own-clash.csv"

# --- the manager's initials, the victim's contact, the status ------------------
# Initials and contact are set as the case form saves them (empty leaves the
# case as it is); the status is only read: import completes no case, and says
# how many the CSV had complete.
m="$T/mcs.caseread"
"$CASEREAD" init "$m" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
mcs_header=case_ref,case_kind,case_type,question,answer,note,manager,contact,status
{
	echo "$mcs_header"
	echo 'C-1,child,court,2.1.1,yes,,JB,,complete'
	echo 'C-1,child,court,2.1.2,no,,,,'
	echo 'V-1,victim,,V1.1,yes,,KM,interview,complete'
	echo 'V-2,victim,,,,,,file,draft'
	echo 'V-3,victim,,,,,,,'
} > "$T/mcs.csv"
expect_exit 0 "$CASEREAD" import "$m" "$T/mcs.csv"
expect_in "$T/out" "4 cases added"
expect_eq "$(cat "$T/err")" "caseread: warning: 2 cases were complete in '$T/mcs.csv' and are drafts in '$m': import does not complete cases; complete them in caseread" "warning of cases left draft"
expect_eq "$(sql "$m" "SELECT group_concat(ref || '|' || manager || '|' || coalesce(contact, '-') || '|' || status, ' ') FROM (SELECT * FROM cases ORDER BY ref)")" \
	"C-1|JB|-|draft V-1|KM|interview|draft V-2||file|draft V-3||file|draft" "cases after importing initials, contact and status"
expect_eq "$(sql "$m" "SELECT group_concat(c.ref || '|' || i.name || '|' || e.reason, ' ; ') FROM (SELECT * FROM case_event ORDER BY id) e JOIN cases c ON c.id = e.case_id JOIN inspector i ON i.id = e.inspector")" \
	"C-1|ann|manager (none) -> JB ; V-1|ann|manager (none) -> KM; contact file read -> interview" "their history, as the case form writes it"
printf '%s\nV-2,victim,,,,,,,complete\n' "$mcs_header" > "$T/mcs-one.csv"
expect_exit 0 "$CASEREAD" import "$m" "$T/mcs-one.csv"
expect_in "$T/out" "0 updated"
expect_eq "$(cat "$T/err")" "caseread: warning: 1 case was complete in '$T/mcs-one.csv' and is a draft in '$m': import does not complete cases; complete it in caseread" "one case left draft"
# Complete in the file: nothing to say, and a draft in the CSV does not reopen it.
sql "$m" "UPDATE cases SET status = 'complete' WHERE ref = 'V-1'"
printf '%s\nV-1,victim,,,,,KM,interview,complete\nV-2,victim,,,,,,,draft\n' "$mcs_header" > "$T/mcs-same.csv"
expect_exit 0 "$CASEREAD" import "$m" "$T/mcs-same.csv"
[ -s "$T/err" ] && fail "import of no case left draft warned: $(cat "$T/err")"
printf '%s\nV-1,victim,,,,,,,draft\n' "$mcs_header" > "$T/mcs-draft.csv"
expect_exit 0 "$CASEREAD" import "$m" "$T/mcs-draft.csv"
expect_eq "$(sql "$m" "SELECT status FROM cases WHERE ref = 'V-1'")" complete "import does not reopen"

# Bad values are bad rows naming the line and the column; the file is left
# byte for byte.
n=0
while IFS="|" read -r row says; do
	n=$((n + 1))
	printf '%s\nC-9,child,court,2.1.1,yes,,,,draft\n%s\n' "$mcs_header" "$row" > "$T/mcs-bad$n.csv"
	sum=$(sha256sum < "$m")
	expect_exit 1 "$CASEREAD" import "$m" "$T/mcs-bad$n.csv"
	expect_in "$T/err" "mcs-bad$n.csv:3: $says"
	expect_in "$T/err" "1 bad row: nothing imported"
	expect_eq "$(sha256sum < "$m")" "$sum" "file unchanged after mcs-bad$n.csv"
done <<'ROWS'
C-2,child,court,,,,ABCDEFGHI,,|manager: the case manager's initials is 9 bytes long: at most 8 are allowed
V-4,victim,,,,,,phone,|contact must be interview, file or empty, not 'phone'
C-2,child,court,,,,,interview,|'C-2' is a child's case: contact is for victims' cases only
C-2,child,court,,,,,,finished|status must be draft, complete or empty, not 'finished'
C-9,child,court,,,,,,complete|case 'C-9' has status complete here but draft on line 2
V-1,victim,,,,,AB,,|case 'V-1' is marked complete: reopen it in caseread before changing its details (manager is 'KM' there, 'AB' here)
V-1,victim,,,,,,file,|case 'V-1' is marked complete: reopen it in caseread before changing its details (contact is 'interview' there, 'file' here)
ROWS
expect_eq "$n" 7 "refusals tried"

# A complete case's type, reader and MACD are its finished record as its
# details are: changing one is a bad row naming the line, nothing written.
d="$T/done.caseread"
"$CASEREAD" init "$d" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
printf 'case_ref,case_kind,case_type,question,answer,note,inspector,macd\nC-1,child,court,2.1.1,yes,,bob,no\n' > "$T/done.csv"
expect_exit 0 "$CASEREAD" import "$d" "$T/done.csv"
sql "$d" "UPDATE cases SET status = 'complete' WHERE ref = 'C-1'"
n=0
while IFS="|" read -r row says; do
	n=$((n + 1))
	printf 'case_ref,case_kind,case_type,question,answer,note,inspector,macd\n%s\n' "$row" > "$T/done-bad$n.csv"
	sum=$(sha256sum < "$d")
	expect_exit 1 "$CASEREAD" import "$d" "$T/done-bad$n.csv"
	expect_in "$T/err" "done-bad$n.csv:2: case 'C-1' is complete: reopen it before changing it ($says)"
	expect_in "$T/err" "1 bad row: nothing imported"
	expect_eq "$(sha256sum < "$d")" "$sum" "file unchanged after done-bad$n.csv"
done <<'ROWS'
C-1,child,out-of-court,,,,bob,|type court -> out-of-court
C-1,child,court,,,,bob,yes|MACD no -> yes
C-1,child,court,,,,cat,|inspector bob -> cat
ROWS
expect_eq "$n" 3 "changes to a complete case tried"
# After a bad row nothing is written, but the rest are still checked: a
# change to the complete case further down is reported too, with its line.
printf 'case_ref,case_kind,case_type,question,answer,note,inspector,macd\nC-2,child,court,2.1.1,maybe,,bob,\nC-1,child,out-of-court,,,,bob,\n' > "$T/done-after.csv"
sum=$(sha256sum < "$d")
expect_exit 1 "$CASEREAD" import "$d" "$T/done-after.csv"
expect_in "$T/err" "done-after.csv:2:"
expect_in "$T/err" "done-after.csv:3: case 'C-1' is complete: reopen it before changing it (type court -> out-of-court)"
expect_in "$T/err" "2 bad rows: nothing imported"
expect_eq "$(sha256sum < "$d")" "$sum" "file unchanged after done-after.csv"
printf 'case_ref,case_kind,case_type,question,answer,note,inspector,macd\nC-2,child,court,2.1.1,maybe,,bob,\nC-1,child,court,,,,bob,yes\n' > "$T/done-after.csv"
expect_exit 1 "$CASEREAD" import "$d" "$T/done-after.csv"
expect_in "$T/err" "done-after.csv:3: case 'C-1' is complete: reopen it before changing it (MACD no -> yes)"
expect_in "$T/err" "2 bad rows: nothing imported"
expect_eq "$(sha256sum < "$d")" "$sum" "file unchanged after done-after.csv"
# The same rows, the case as it is: nothing to refuse.
printf 'case_ref,case_kind,case_type,question,answer,note,inspector,macd\nC-1,child,court,,,,bob,no\n' > "$T/done-same.csv"
expect_exit 0 "$CASEREAD" import "$d" "$T/done-same.csv"

# What spreadsheets and hands write: a row of empty fields below the data is
# a blank line; a header with spaces after its commas names its columns; one
# interview spelt in other capitals on two rows of a case is one interview.
s="$T/sheet.caseread"
"$CASEREAD" init "$s" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
printf 'case_ref, case_kind, case_type, question, answer, note ,interview\r\nS-1,child,court,2.1.1,yes,,\r\nV-7,victim,,V1.1,yes,,VW-1\r\nV-7,victim,,V1.1.1,no,,vw-1\r\n,,,,,,\r\n,,,,,,\r\n' > "$T/sheet.csv"
expect_exit 0 "$CASEREAD" import "$s" "$T/sheet.csv"
expect_in "$T/out" "imported 3 rows"
expect_eq "$(sql "$s" "SELECT group_concat(ref || ':' || interview, ' ') FROM (SELECT * FROM cases ORDER BY ref)")" "S-1: V-7:VW-1" "cases and the interview"

expect_exit 1 "$CASEREAD" import "$f" "$T/missing.csv"
expect_in "$T/err" "missing.csv"
expect_exit 2 "$CASEREAD" import "$f"
finish
