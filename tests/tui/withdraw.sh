# w in the overview withdraws a case (asking why): it stays listed, marked,
# with its answers and history, leaves the sample line and the tally, and w
# again reinstates it. The file holds the reason and both events.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
{
	echo 'case_ref,case_kind,case_type,question,answer,note'
	for q in 2.1.1 2.1.2 2.2.1 2.2.2 2.3.1 2.3.2; do
		echo "A-1,child,court,$q,yes,"
		echo "B-2,child,court,$q,no,seen"
	done
} > "$T/in.csv"
"$CASEREAD" import "$F" "$T/in.csv" >/dev/null || fail "import"
start -- "$F"
wait_for "Children's cases (2)"
wait_for "Sample: children 0/14 complete, victims 0/9 complete; 2 drafts, 0 withdrawn"
keys Down
# Esc keeps the case; an empty reason is refused.
keys w
wait_for "Why withdraw B-2?"
keys Escape
wait_for "case B-2 stays in the sample"
keys w
wait_for "Why withdraw B-2?"
keys Enter
wait_for "say why the case leaves the sample"
expect_eq "$(sql "$F" "SELECT count(*) FROM cases WHERE withdrawn IS NOT NULL")" "0" "nothing withdrawn yet"
type_text "replaced in the sample by C-3"
keys Enter
wait_for "case B-2 withdrawn: out of the sample and the tally"
wait_for "Sample: children 0/14 complete, victims 0/9 complete; 1 draft, 1 withdrawn"
# Still listed, marked, with its progress.
screen | grep -F "B-2" | grep -qF "withdrawn" || fail "B-2 not marked: $(screen)"
screen | grep -F "B-2" | grep -qF "6/" || fail "B-2 lost its answers: $(screen)"
expect_eq "$(sql "$F" "SELECT withdrawn FROM cases WHERE ref = 'B-2'")" "replaced in the sample by C-3" "reason in the file"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer a JOIN cases c ON c.id = a.case_id WHERE c.ref = 'B-2'")" "6" "answers kept"
# The live tally leaves it out: 2.1.1 is 1 yes of 1.
keys t
wait_for "Tally"
expect_screen "1/1"
expect_screen "Tally: Wakefield YJS (iyjwcv); 1 withdrawn left out"
keys q
wait_for "Sample: children"
expect_not_screen "Why withdraw"
# The finish screen's record shows the withdrawal with its reason.
keys f
wait_for "withdrawn from the sample by Ann Smith: replaced in"
keys q
wait_for "Sample: children"
# x names the cases not complete before exporting (B-2, withdrawn, is not one
# of them), and the result line says so again.
keys x
wait_for "Not complete (exported as drafts): A-1"
expect_not_screen "B-2, "
keys Enter
wait_for "1 not complete (A-1); exported 2 cases to"
# Opened, it says it is withdrawn.
keys Enter
wait_for "in progress, WITHDRAWN from the sample"
keys q
wait_for "Sample: children"
keys Down
wait_for "> B-2"
# w on a withdrawn case asks first (one stray key must not undo it); another
# key lets it be; w twice reinstates.
keys w
wait_for "w again puts case B-2 back in the sample"
keys k j
keys w
wait_for "w again puts case B-2 back in the sample"
expect_eq "$(sql "$F" "SELECT withdrawn IS NOT NULL FROM cases WHERE ref = 'B-2'")" "1" "still withdrawn after one w"
keys w
wait_for "case B-2 reinstated in the sample"
wait_for "2 drafts, 0 withdrawn"
expect_eq "$(sql "$F" "SELECT group_concat(event, ',') FROM case_event")" "withdraw,reinstate" "events in the file"
expect_eq "$(sql "$F" "SELECT withdrawn IS NULL FROM cases WHERE ref = 'B-2'")" "1" "back in the sample"
quit_ok
finish
