# Finishing: refused with the list of missing key questions, then allowed once
# they are answered; warnings shown and overridden; reopening asks for a reason.
. "$TESTS_SRCDIR/tui/tuilib.sh"

# expect_line TEXT: a screen line is exactly TEXT.
expect_line() {
	screen | grep -qxF -- "$1" || fail "no line '$1':
$(screen)"
}

new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "F-1"
n=$(applicable)
keys y y y
wait_for " 3/$n answered"
keys f
wait_for "cannot be marked complete yet"
expect_screen "6 applicable key questions are not"
expect_screen "missing: 2.1.1 not answered"
expect_screen "missing: 2.3.2 not answered"
# The footer offers only keys that can act: neither complete nor reopen here.
expect_line "s summary  t tally  ? help  q back"
keys c
wait_for "not marked complete"
expect_eq "$(sql "$F" "SELECT status FROM cases")" draft "status after refusal"
keys q
wait_for "Case F-1 "

# Prompts no, keys yes: the key answers go against their prompts.
i=3
while [ $i -lt "$n" ]; do
	if screen | grep -q "KEY QUESTION"; then keys y; else keys n; fi
	i=$((i + 1))
	wait_for " $i/$n answered" || break
done
keys f
wait_for "Every applicable key question is answered"
expect_screen "warning: 2.1.2 answered yes but"
expect_screen "warning: 2.1.1 has no evidence note"
expect_line "c complete  s summary  t tally  ? help  q back"
keys c
wait_for "case F-1 marked complete"
expect_eq "$(sql "$F" "SELECT status FROM cases")" complete "status"

# A complete case keeps its answers until it is reopened.
keys k
keys y
wait_for "press f to reopen it"
keys f
wait_for "This case is marked COMPLETE"
expect_screen "Record of this case:"
expect_screen "marked complete by Ann Smith"
expect_line "r reopen  s summary  t tally  ? help  q back"
keys r
wait_for "Why reopen it?"
# Spaces alone are no reason: refused, the case stays complete.
type_text "   "
keys Enter
wait_for "reopening a complete case needs a reason"
expect_screen "Why reopen it?"
expect_eq "$(sql "$F" "SELECT status FROM cases")" complete "status after a blank reason"
expect_eq "$(sql "$F" "SELECT count(*) FROM case_event WHERE event = 'reopen'")" 0 "reopen events after a blank reason"
keys C-u
type_text "new information from the case manager"
keys Enter
wait_for "case F-1 reopened"
expect_eq "$(sql "$F" "SELECT status FROM cases")" draft "status after reopening"
expect_eq "$(sql "$F" "SELECT event || ': ' || reason FROM case_event ORDER BY id DESC LIMIT 1")" \
	"reopen: new information from the case manager" "reopen event"
# The reason is shown with the case's record on the finish screen.
keys f
wait_for "Every applicable key question is answered"
expect_screen "Record of this case:"
expect_screen "marked complete by Ann Smith"
expect_screen "reopened by Ann Smith: new information from the"
# Times are shown in UK local time with the zone: a summer UTC time as BST
# and a winter one as GMT, whatever the system's TZ.
sql "$F" "UPDATE case_event SET at = '2026-05-14T09:15:00.000Z' WHERE event = 'reopen'"
sql "$F" "UPDATE case_event SET at = '2026-01-14T09:15:00.000Z' WHERE event = 'complete'"
keys Escape
wait_for "Answer: "
keys f
wait_for "Every applicable key question is answered"
expect_screen "14 May 2026 10:15 BST  reopened by Ann Smith"
expect_screen "14 Jan 2026 09:15 GMT  marked complete by Ann Smith"
# Completed again: the record keeps all three, oldest first.
keys c
wait_for "case F-1 marked complete"
keys f
wait_for "This case is marked COMPLETE"
expect_screen "reopened by Ann Smith: new information from the"
expect_eq "$(sql "$F" "SELECT group_concat(event, ' ') FROM (SELECT event FROM case_event ORDER BY id)")" \
	"complete reopen complete" "events"
[ "$(screen | grep -c "marked complete by Ann Smith")" -eq 2 ] || fail "the record lacks a completion:
$(screen)"
keys q
keys q
wait_for "Children's cases (1)"
quit_ok
finish
