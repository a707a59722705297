# caseread details FILE REF: prints a case's framework details (case manager
# interviewed, period inspected, victim worker, interview), changes them with
# the same rules as the case form (real days in order; one interview covers up
# to three victims' cases; a complete case is read only), each change one
# entry in the case's history; check warns of an interview a merge over-filled.
. "$TESTS_SRCDIR/testlib.sh"

f="$T/a.caseread"
"$CASEREAD" init "$f" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
{
	echo 'case_ref,case_kind,case_type,question,answer,note'
	echo "C-1,child,court,2.1.1,yes,"
	for v in V-1 V-2 V-3 V-4 V-5; do
		echo "$v,victim,,V1.1,yes,"
	done
} > "$T/in.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/in.csv"

row() {
	sql "$f" "SELECT coalesce(manager_interviewed, '-') || '|' || period_start || '|' || period_end || '|' || victim_worker || '|' || interview FROM cases WHERE ref = '$1'"
}
events() {
	sql "$f" "SELECT count(*) FROM case_event e JOIN cases c ON c.id = e.case_id WHERE c.ref = '$1' AND e.event = 'details'"
}

# With no option: the details as they are, nothing written.
expect_exit 0 "$CASEREAD" details "$f" C-1
expect_eq "$(cat "$T/out")" "case: child C-1 (read by ann), draft
manager interviewed: not recorded
period inspected: not recorded" "a child's details, none recorded"
expect_eq "$(events C-1)" 0 "printing writes no history"

# Set: what is given changes, the rest stays; one history entry per change.
expect_exit 0 "$CASEREAD" details "$f" C-1 --manager-interviewed yes --period 2025-01-06 2025-03-28
expect_in "$T/out" "manager interviewed: yes"
expect_in "$T/out" "period inspected: 2025-01-06 to 2025-03-28"
expect_eq "$(row C-1)" "1|2025-01-06|2025-03-28||" "the child's details"
expect_eq "$(sql "$f" "SELECT e.reason || '|' || i.name FROM case_event e JOIN inspector i ON i.id = e.inspector")" \
    "manager interviewed not recorded -> yes; period (none) -> 2025-01-06 to 2025-03-28|ann" \
    "the history says what changed, and who"
# Options before the file, and a reason kept with the change.
expect_exit 0 "$CASEREAD" details --manager-interviewed no --reason "read the wrong note" "$f" C-1
expect_eq "$(row C-1)" "0|2025-01-06|2025-03-28||" "only the manager interviewed changed"
expect_eq "$(sql "$f" "SELECT reason FROM case_event ORDER BY id DESC LIMIT 1")" \
    "manager interviewed yes -> no (read the wrong note)" "the reason in the history"
# The same again changes nothing and records nothing.
expect_exit 0 "$CASEREAD" details "$f" C-1 --manager-interviewed no
expect_eq "$(events C-1)" 2 "an unchanged save is no history"

# Dates: real days, both ends, the start not after the end.
expect_exit 1 "$CASEREAD" details "$f" C-1 --period 2025-02-29 2025-03-28
expect_eq "$(cat "$T/err")" "caseread: case 'C-1': the period's start '2025-02-29' is not a date (YYYY-MM-DD)" "not a day"
expect_exit 1 "$CASEREAD" details "$f" C-1 --period 2025-01-06 28/03/2025
expect_in "$T/err" "the period's end '28/03/2025' is not a date"
expect_exit 1 "$CASEREAD" details "$f" C-1 --period 2025-03-29 2025-03-28
expect_eq "$(cat "$T/err")" "caseread: case 'C-1': the period inspected starts (2025-03-29) after it ends (2025-03-28)" "start after end"
expect_exit 1 "$CASEREAD" details "$f" C-1 --period 2025-03-01 ""
expect_in "$T/err" "needs both its start and its end date"
expect_exit 0 "$CASEREAD" details "$f" C-1 --period 2024-02-29 2024-02-29
expect_eq "$(row C-1)" "0|2024-02-29|2024-02-29||" "a leap day, one day long"
expect_exit 0 "$CASEREAD" details "$f" C-1 --period "" ""
expect_eq "$(row C-1)" "0||||" "the period cleared"
# A worker and an interview are for victims' cases.
expect_exit 1 "$CASEREAD" details "$f" C-1 --victim-worker "Jo Bloggs"
expect_in "$T/err" "for victims' cases only"
# Usage errors: exit 2, one line.
expect_exit 2 "$CASEREAD" details "$f" C-1 --manager-interviewed maybe
expect_in "$T/err" "yes, no or unknown"
expect_exit 2 "$CASEREAD" details "$f" C-1 --period 2025-01-06
expect_in "$T/err" "--period wants two dates"
expect_exit 2 "$CASEREAD" details "$f"
expect_in "$T/err" "missing argument"
expect_exit 2 "$CASEREAD" details "$f" C-1 --reason "why"
expect_in "$T/err" "--reason goes with a change"
expect_exit 1 "$CASEREAD" details "$f" NOPE
expect_in "$T/err" "no case 'NOPE'"
# --kind names the kind looked for: V-1 is a victim's case, not a child's.
expect_exit 1 "$CASEREAD" details "$f" V-1 --kind child
expect_in "$T/err" "no child's case 'V-1'"
expect_eq "$(sql "$f" "SELECT count(*) FROM case_event")" 4 "refusals write nothing"

# One interview covers up to three victims' cases: the fourth is refused,
# naming the label and the three; the label's case does not matter.
for v in V-1 V-2 V-3; do
	expect_exit 0 "$CASEREAD" details "$f" $v --interview VW-1 --victim-worker "Jo Bloggs"
done
expect_in "$T/out" "interview: VW-1 (also covers V-1, V-2)"
expect_exit 1 "$CASEREAD" details "$f" V-4 --interview vw-1
expect_eq "$(cat "$T/err")" "caseread: interview 'vw-1' already covers 3 victims' cases (V-1, V-2, V-3): one interview covers up to 3, so case V-4 needs another" "the fourth case refused"
expect_eq "$(row V-4)" "-||||" "nothing saved on the fourth"
expect_eq "$(events V-4)" 0 "no history on the fourth"
expect_exit 1 "$CASEREAD" details "$f" V-4 --interview " VW-1"
expect_in "$T/err" "starts or ends with a space"
# A withdrawn case leaves the count: the fourth joins; reinstating it is refused.
expect_exit 0 "$CASEREAD" withdraw "$f" V-3 --reason "replaced in the sample"
expect_exit 0 "$CASEREAD" details "$f" V-4 --interview VW-1
expect_exit 1 "$CASEREAD" reinstate "$f" V-3
expect_in "$T/err" "interview 'VW-1' already covers 3 victims' cases (V-1, V-2, V-4)"
expect_eq "$(sql "$f" "SELECT withdrawn FROM cases WHERE ref = 'V-3'")" "replaced in the sample" "V-3 still withdrawn"
expect_exit 0 "$CASEREAD" check "$f"
expect_not_in "$T/out" "interview: warning"

# A complete case is read only: refused, naming how to reopen it.
sql "$f" "UPDATE cases SET status = 'complete' WHERE ref = 'V-1'"
expect_exit 1 "$CASEREAD" details "$f" V-1 --victim-worker "Someone Else"
expect_eq "$(cat "$T/err")" "caseread: case 'V-1' is complete: its details are read only until it is reopened (in caseread: f on the case, then r with a reason)" "a complete case refused"
expect_eq "$(row V-1)" "-|||Jo Bloggs|VW-1" "a complete case unchanged"
expect_exit 0 "$CASEREAD" details "$f" V-1
expect_in "$T/out" "case: victim V-1 (read by ann), complete"
expect_in "$T/out" "victim worker: Jo Bloggs"

# A file where an interview covers more than three (as a merge of two
# inspectors' bundles can leave it): check warns, naming the cases.
sql "$f" "UPDATE cases SET interview = 'VW-1' WHERE ref = 'V-5'"
expect_exit 0 "$CASEREAD" check "$f"
expect_eq "$(grep '^interview' "$T/out")" \
    "interview: warning: 'VW-1' covers 4 victims' cases (V-1, V-2, V-4, V-5); one interview covers up to 3" \
    "check names the over-full interview's cases in the sample"

# Export carries them in JSON: null where not recorded.
expect_exit 0 "$CASEREAD" export "$f" --format json -o "$T/e.json"
python3 - "$T/e.json" <<'PY' || fail "the details in the JSON export"
import json, sys
d = {c["ref"]: c for c in json.load(open(sys.argv[1]))["cases"]}
keys = ("manager_interviewed", "period_start", "period_end", "victim_worker", "interview")
assert [d["C-1"][k] for k in keys] == [False, None, None, None, None], d["C-1"]
assert [d["V-1"][k] for k in keys] == [None, None, None, "Jo Bloggs", "VW-1"], d["V-1"]
PY

# Labels that only look like another are refused (one interview is one label,
# or the rule of three is dodged): a no-break space, a zero-width space, a
# non-breaking hyphen. A worker's name is called that in a refusal.
for l in "$(printf 'VW-1\302\240')" "$(printf 'VW\342\200\213-1')" "$(printf 'VW\342\200\2211')"; do
	expect_exit 1 "$CASEREAD" details "$f" V-2 --interview "$l"
	expect_in "$T/err" "the interview label holds U+"
done
expect_eq "$(row V-2)" "-|||Jo Bloggs|VW-1" "V-2 still on its interview"
expect_exit 1 "$CASEREAD" details "$f" V-2 --victim-worker "$(printf 'Jo\033[31m')"
expect_in "$T/err" "the victim worker holds a control character"

# Merge takes no details a door would refuse: the bundle is refused, naming
# the case, and the lead's file is left byte for byte.
g="$T/bad.caseread"
"$CASEREAD" init "$g" --service "Leeds YJS" --type iyjwcv --inspector bob >/dev/null
printf 'case_ref,case_kind,case_type,question,answer,note\nB-1,child,court,2.1.1,yes,\n' > "$T/b.csv"
expect_exit 0 "$CASEREAD" import "$g" "$T/b.csv"
sql "$g" "UPDATE cases SET period_start = '2025-02-30', period_end = '2025-03-01'"
expect_exit 0 "$CASEREAD" export "$g" -o "$T/bad.bundle"
lead="$T/lead.caseread"
"$CASEREAD" init "$lead" --service "Leeds YJS" --type iyjwcv --inspector lead >/dev/null
before=$(sha256sum < "$lead")
expect_exit 1 "$CASEREAD" merge "$lead" "$T/bad.bundle"
expect_in "$T/err" "case B-1, its details: the period's start '2025-02-30' is not a date"
expect_eq "$(sha256sum < "$lead")" "$before" "the lead's file after the refusal"

# --help agrees with the man page: the same usage, every option in the page.
expect_exit 0 "$CASEREAD" --help
expect_in "$T/out" "FILE REF [--manager-interviewed yes|no|unknown] [--period START END] [--victim-worker NAME] [--interview LABEL] [--reason TEXT] [--kind child|victim]"
man="$TESTS_SRCDIR/../man/caseread.1"
expect_in "$man" ".B caseread details"
for o in manager-interviewed period victim-worker interview reason kind; do
	expect_in "$man" "$(printf '%s' "--$o" | sed 's/-/\\-/g')"
done
finish
