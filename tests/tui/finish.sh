# Finishing: refused with the list of missing key questions, then allowed once
# they are answered; warnings shown and overridden; reopening asks for a reason.
. "$TESTS_SRCDIR/tui/tuilib.sh"

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
keys c
wait_for "case F-1 marked complete"
expect_eq "$(sql "$F" "SELECT status FROM cases")" complete "status"

# A complete case keeps its answers until it is reopened.
keys k
keys y
wait_for "press f to reopen it"
keys f
wait_for "This case is marked COMPLETE"
keys r
wait_for "Why reopen it?"
type_text "new information from the case manager"
keys Enter
wait_for "case F-1 reopened"
expect_eq "$(sql "$F" "SELECT status FROM cases")" draft "status after reopening"
expect_eq "$(sql "$F" "SELECT event || ': ' || reason FROM case_event ORDER BY id DESC LIMIT 1")" \
	"reopen: new information from the case manager" "reopen event"
keys q
wait_for "Children's cases (1)"
quit_ok
finish
