# A whole child's case from the keyboard: n to create it, every applicable question
# answered with y, n or a, an evidence note in UTF-8, then finished; the screen
# and the database must agree at every step.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
expect_screen "File: $F"
# Reference, then Tab to the type and Space: out-of-court; Tab, initials; Tab,
# the reading inspector, cleared by holding Backspace well past its start (it
# must stay in that field, not eat the initials), then typed; Tab, MACD: yes.
keys n
wait_for "New child's case"
type_text "C-101"
keys Tab Space Tab J B Tab
wait_for "JB"
i=0
while [ $i -lt 14 ]; do keys BSpace; i=$((i + 1)); done
wait_for "The reading inspector is empty: type who reads this case (you are Ann"
keys Enter
wait_for "not saved: The reading inspector is empty"
expect_eq "$(sql "$F" "SELECT count(*) FROM cases")" 0 "cases saved without an inspector"
type_text "Bea Jones"
keys Tab Space
wait_for "Ready to save"
expect_screen "Bea Jones"
expect_screen "yes "
keys Enter
wait_for "Case C-101 "
expect_screen "out-of-court"
expect_eq "$(sql "$F" "SELECT c.manager || '|' || i.name || '|' || c.macd FROM cases c JOIN inspector i ON i.id = c.inspector WHERE c.ref = 'C-101'")" \
	"JB|Bea Jones|1" "initials, reading inspector, MACD"
expect_screen "y yes  n no  a n/a  e note  h history  f finish  t tally  ? help  q back"
n=$(applicable)
[ -n "$n" ] && [ "$n" -gt 40 ] || fail "applicable count '$n'"
expect_screen "question 1 of $n"
expect_screen "Prompt 2.1.1.1"

# An evidence note on the first question, with accents and a dash.
keys e
wait_for "Evidence note: case C-101, question 2.1.1.1"
type_text "café – naïve"
keys Enter
type_text "second line"
wait_for "Not saved yet"
keys F2
wait_for "saved the evidence note for 2.1.1.1"
expect_screen "café – naïve"

i=0
while [ $i -lt "$n" ]; do
	case $((i % 3)) in
	0) k=y ;;
	1) k=n ;;
	2) k=a ;;
	esac
	keys $k
	i=$((i + 1))
	wait_for " $i/$n answered" || break
done
wait_for "Every question is answered"
# The overview at 80 columns: the status column whole, MACD and all.
keys q
wait_for "Children's cases (1)"
expect_screen "Bea Jones"
expect_screen "$n/$n     in progress, MACD"
keys Enter
wait_for "Case C-101 "
expect_eq "$(sql "$F" "SELECT count(*) FROM answer a JOIN cases c ON c.id = a.case_id WHERE c.ref = 'C-101' AND a.value IS NOT NULL")" "$n" "answers saved"
expect_eq "$(sql "$F" "SELECT value FROM answer WHERE question = '2.1.1.1'")" yes "2.1.1.1"
expect_eq "$(sql "$F" "SELECT value FROM answer WHERE question = '2.1.1.2'")" no "2.1.1.2"
expect_eq "$(sql "$F" "SELECT value FROM answer WHERE question = '2.1.1.3'")" na "2.1.1.3"
expect_eq "$(sql "$F" "SELECT note FROM answer WHERE question = '2.1.1.1'")" "café – naïve
second line" "note"
expect_eq "$(sql "$F" "SELECT case_type || ' ' || manager || ' ' || status FROM cases WHERE ref = 'C-101'")" \
	"out-of-court JB draft" "case row before finishing"

# Finish: nothing missing; warnings may be overridden with c.
keys f
wait_for "Every applicable key question is answered"
keys c
wait_for "case C-101 marked complete"
wait_for "COMPLETE"
expect_eq "$(sql "$F" "SELECT status FROM cases WHERE ref = 'C-101'")" complete "status"
expect_eq "$(sql "$F" "SELECT event FROM case_event")" complete "event"
keys q
wait_for "Children's cases (1)"
expect_screen "$n/$n     complete, MACD"
quit_ok
finish
