# caseread withdraw and reinstate: a withdrawn case leaves the sample counts
# and the tally (counted as cases.withdrawn), keeps its answers and history,
# is listed by check with its reason, and travels in a bundle to the lead;
# reinstating puts it back exactly as it was.
. "$TESTS_SRCDIR/testlib.sh"

f="$T/a.caseread"
"$CASEREAD" init "$f" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
{
	echo 'case_ref,case_kind,case_type,question,answer,note'
	for q in 2.1.1 2.1.2 2.2.1 2.2.2 2.3.1 2.3.2; do
		echo "C-1,child,court,$q,yes,"
		echo "C-2,child,court,$q,no,seen"
	done
	echo "V-1,victim,,V1.1,yes,"
} > "$T/in.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/in.csv"

json() {
	"$CASEREAD" tally "$f" --format json > "$T/json"
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['cases']['children'], d['cases']['withdrawn'])" "$T/json"
}

expect_eq "$(json | cut -d' ' -f1,2)" "2 0" "before: two children, none withdrawn"

# Usage: a reason is required, and must say something.
expect_exit 2 "$CASEREAD" withdraw "$f" C-2
expect_in "$T/err" "needs --reason"
expect_exit 2 "$CASEREAD" withdraw "$f" C-2 --reason "  "
expect_exit 1 "$CASEREAD" withdraw "$f" NOPE --reason "x"
expect_in "$T/err" "no case 'NOPE'"
expect_exit 1 "$CASEREAD" reinstate "$f" C-2
expect_in "$T/err" "is not withdrawn"

expect_exit 0 "$CASEREAD" withdraw "$f" C-2 --reason "added by mistake: duplicate of C-1"
expect_in "$T/out" "withdrew child's case C-2"
expect_eq "$(sql "$f" "SELECT withdrawn FROM cases WHERE ref = 'C-2'")" \
    "added by mistake: duplicate of C-1" "the reason in the file"
expect_eq "$(sql "$f" "SELECT event || '|' || reason FROM case_event e JOIN cases c ON c.id = e.case_id WHERE c.ref = 'C-2'")" \
    "withdraw|added by mistake: duplicate of C-1" "the event in the case's history"
expect_eq "$(sql "$f" "SELECT count(*) FROM answer a JOIN cases c ON c.id = a.case_id WHERE c.ref = 'C-2'")" \
    "6" "answers kept"
expect_exit 1 "$CASEREAD" withdraw "$f" C-2 --reason "again"
expect_in "$T/err" "already withdrawn"

expect_eq "$(json | cut -d' ' -f1,2)" "1 1" "after: one child in the sample, one withdrawn"
# The tally: C-2's no answers are gone, so 2.1.1 is 1 of 1 yes.
expect_exit 0 "$CASEREAD" tally "$f"
expect_in "$T/out" "1 withdrawn case left out of the sample and the tally."
"$CASEREAD" tally "$f" --format json > "$T/json"
expect_eq "$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); k=d['key_questions']['2.1.1']; print(k['yes'], k['no'])" "$T/json")" \
    "1 0" "2.1.1 counts only the case in the sample"

expect_exit 0 "$CASEREAD" check "$f"
expect_in "$T/out" "withdrawn: 1"
expect_in "$T/out" "  child C-2 (read by ann): added by mistake: duplicate of C-1"
expect_not_in "$T/out" "child C-2 (read by ann): draft"

# JSON export names the reason.
expect_exit 0 "$CASEREAD" export "$f" --format json -o "$T/x.json"
expect_in "$T/x.json" '"withdrawn": "added by mistake: duplicate of C-1"'

# A bundle carries it to the lead, and a later reinstatement too.
"$CASEREAD" init "$T/lead.caseread" --service "Leeds YJS" --type iyjwcv --inspector lead >/dev/null
expect_exit 0 "$CASEREAD" export "$f" -o "$T/a1.bundle"
expect_exit 0 "$CASEREAD" merge "$T/lead.caseread" "$T/a1.bundle"
expect_eq "$(sql "$T/lead.caseread" "SELECT withdrawn FROM cases WHERE ref = 'C-2'")" \
    "added by mistake: duplicate of C-1" "the lead's copy is withdrawn"
expect_eq "$(sql "$T/lead.caseread" "SELECT count(*) FROM case_event WHERE event = 'withdraw'")" \
    "1" "the lead has the event"
"$CASEREAD" tally "$T/lead.caseread" --format json > "$T/json"
expect_eq "$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['cases']['children'], d['cases']['withdrawn'])" "$T/json")" \
    "1 1" "the lead's tally leaves it out"

expect_exit 0 "$CASEREAD" reinstate "$f" C-2
expect_in "$T/out" "reinstated child's case C-2"
expect_eq "$(sql "$f" "SELECT withdrawn IS NULL FROM cases WHERE ref = 'C-2'")" "1" "back in the sample"
expect_eq "$(sql "$f" "SELECT group_concat(event, ',') FROM case_event")" \
    "withdraw,reinstate" "both events kept"
expect_eq "$(json | cut -d' ' -f1,2)" "2 0" "reinstated: counted again"
expect_exit 0 "$CASEREAD" export "$f" -o "$T/a2.bundle"
expect_exit 0 "$CASEREAD" merge "$T/lead.caseread" "$T/a2.bundle"
expect_eq "$(sql "$T/lead.caseread" "SELECT withdrawn IS NULL FROM cases WHERE ref = 'C-2'")" \
    "1" "the lead's copy reinstated by the newer bundle"

# Export names the cases not complete before writing, and in its result line;
# a withdrawn case is not among them, a complete one neither.
expect_exit 0 "$CASEREAD" withdraw "$f" C-2 --reason "gone again"
expect_exit 0 "$CASEREAD" export "$f" -o "$T/a3.bundle"
expect_in "$T/out" "warning: 2 cases not complete, exported as drafts: C-1, V-1"
expect_in "$T/out" "to '$T/a3.bundle'; 2 not complete: C-1, V-1"
expect_eq "$(head -n 1 "$T/out" | cut -c1-8)" "warning:" "the warning comes first"
# The result is one line of its own, said once.
expect_eq "$(wc -l < "$T/out")" 2 "lines: the warning and the result"
expect_eq "$(tail -n 1 "$T/out")" "exported 3 cases (13 answers, 13 history entries) read in '$f' by ann to '$T/a3.bundle'; 2 not complete: C-1, V-1" "the result line"
expect_exit 0 "$CASEREAD" export "$f" --format csv -o - 
expect_not_in "$T/out" "not complete"
expect_exit 0 "$CASEREAD" reinstate "$f" C-2

# A victim's case, found by reference; --kind settles a reference both kinds use.
expect_exit 0 "$CASEREAD" withdraw "$f" V-1 --reason "replaced in the sample"
expect_in "$T/out" "withdrew victim's case V-1"
expect_exit 2 "$CASEREAD" reinstate "$f" V-1 --reason x
expect_exit 0 "$CASEREAD" reinstate "$f" V-1 --kind victim
# --help agrees with the man page on withdraw, reinstate, demo and backup.
expect_exit 0 "$CASEREAD" --help
expect_in "$T/out" "FILE REF --reason TEXT"
expect_in "$T/out" "[--seed N] [--type iyjwcv|iyjs]"
expect_in "$T/out" "[--keep N] [--list] FILE"
finish
