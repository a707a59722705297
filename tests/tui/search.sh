# / searches by reference, across both lists; Enter opens the case found.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
for r in C-101 C-202 C-303; do
	new_case "$r"
	keys q
	wait_for "Children's cases"
done
keys Tab
wait_for "[ Victims' cases (0) ]"
new_case "V-909"
keys q
wait_for "[ Victims' cases (1) ]"
keys Tab
wait_for "[ Children's cases (3) ]"

keys /
wait_for "Search reference:"
type_text "202"
wait_for "[ Children's cases (1) ]"
expect_screen "C-202"
expect_not_screen "C-101"
keys Enter
wait_for 'Showing references containing "202"'
keys Enter
wait_for "Case C-202 "
# The case found is the one opened: the file says so.
expect_eq "$(sql "$F" "SELECT c.ref FROM cases c JOIN setting s ON s.name = 'ui.case' AND s.value = c.id")" \
	"C-202" "the case opened from the search"
keys q
wait_for "C-202"
keys Escape
wait_for "[ Children's cases (3) ]"

# A victim's reference: the search moves to the list that has it.
keys /
type_text "v-9"
keys Enter
wait_for "[ Victims' cases (1) ]"
expect_screen "> V-909"
# "Victims' cases (1)" holds before and after Escape: wait for what only the
# cleared search shows (the children's list counted whole again, the search line
# gone), or the check runs before Escape is handled (ESCDELAY).
keys Escape
wait_for "  Children's cases (3)  "
expect_screen "[ Victims' cases (1) ]"
expect_not_screen "Showing references containing"
quit_ok
# Searching only reads: the four cases as added, nothing answered.
expect_eq "$(sql "$F" "SELECT group_concat(kind || ':' || ref, ' ') FROM (SELECT kind, ref FROM cases ORDER BY ref)")" \
	"child:C-101 child:C-202 child:C-303 victim:V-909" "cases"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer")" 0 "answers"
finish
