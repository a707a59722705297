# z on the read screen undoes the case's last change from the history: the
# previous value comes back (not merely cleared), the note too, the undo is
# itself in the history, and z again redoes. A complete case refuses.
. "$TESTS_SRCDIR/tui/tuilib.sh"

val() {
	sql "$F" "SELECT coalesce(value, '-') || '|' || note FROM answer WHERE question = '$1'"
}

new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "U-1"
keys z
wait_for "nothing to undo"
keys y
wait_for "saved 2.1.1.1: yes"
keys Up
wait_for "Prompt 2.1.1.1"
keys n
wait_for "saved 2.1.1.1: no"
expect_eq "$(val 2.1.1.1)" "no|" "changed to no"
keys z
wait_for "undone: 2.1.1.1 is yes again (was no); z again redoes"
wait_for "Prompt 2.1.1.1"
expect_eq "$(val 2.1.1.1)" "yes|" "the previous value, not cleared"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer_history WHERE question = '2.1.1.1'")" "3" "the undo is in the history"
keys z
wait_for "undone: 2.1.1.1 is no again (was yes)"
expect_eq "$(val 2.1.1.1)" "no|" "z again redoes"
# A note's change is undone too.
keys e
wait_for "Evidence note: case U-1, question 2.1.1.1"
type_text "seen in the plan"
keys F2
wait_for "saved the evidence note for 2.1.1.1"
keys z
wait_for "undone: the note of 2.1.1.1 restored (its answer still no)"
expect_eq "$(val 2.1.1.1)" "no|" "note undone"
keys q
wait_for "Children's cases (1)"
quit_ok
finish
