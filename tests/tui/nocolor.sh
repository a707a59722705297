# NO_COLOR and a plain vt100: still usable, nothing said by colour alone (the
# current list is bracketed, the selected row marked with >, errors say so).
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
UI_TERM=vt100
start NO_COLOR=1 -- "$F"
wait_for "[ Children's cases (0) ]"
new_case "N-1"
keys y
wait_for "saved 2.1.1.1: yes"
keys q
wait_for "> N-1"
keys n
wait_for "New child's case"
type_text "N-1"
wait_for "already exists"
keys Enter
wait_for "not saved: A child's case with reference 'N-1' already exists"
keys C-u
keys BSpace BSpace BSpace
wait_for "The reference is empty"
keys Escape
wait_for "> N-1"
quit_ok
expect_eq "$(sql "$F" "SELECT count(*) FROM cases")" 1 "cases"
finish
