# The case form saves every field it shows, so it saves only if the file still
# holds the case as the form opened it: a change made meanwhile by another
# program (caseread details) or another window (a rename) is kept, the form
# says so and stays open with what was typed, and after Esc and e it shows the
# case as it is now and saves.
. "$TESTS_SRCDIR/tui/tuilib.sh"

# The case's row: ref|manager|manager interviewed|period.
row() {
	sql "$F" "SELECT ref || '|' || manager || '|' || coalesce(manager_interviewed, '') || '|' || period_start || ' ' || period_end FROM cases"
}

events() {
	sql "$F" "SELECT count(*) FROM case_event WHERE event = 'details'"
}

new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "S-1"
keys q
wait_for "Children's cases (1)"

# 1. Another program records details while the form is open.
keys e
wait_for "Edit child's case"
"$CASEREAD" details "$F" S-1 --manager-interviewed yes --period 2026-01-01 2026-03-01 >/dev/null ||
	fail "caseread details"
expect_eq "$(row)" "S-1||1|2026-01-01 2026-03-01" "details recorded by the other program"
expect_eq "$(events)" "1" "its change is in the history"
keys Tab Tab
type_text "JB"
wait_for "Ready to save"
keys Enter
wait_for "not saved: case S-1 was changed elsewhere while this form was open;"
wait_for "to see it: manager interviewed not recorded -> yes; period (none)"
wait_for "Changed elsewhere since this form opened: not saved."
expect_screen "Edit child's case"
expect_screen "JB"
expect_eq "$(row)" "S-1||1|2026-01-01 2026-03-01" "the other program's change kept, nothing of the form written"
expect_eq "$(events)" "1" "no reversal in the history"
# Enter again is refused again: the form still holds the old case.
keys Enter
wait_for "not saved: case S-1 was changed elsewhere"
expect_eq "$(row)" "S-1||1|2026-01-01 2026-03-01" "still kept"
keys Escape
wait_for "Children's cases (1)"
keys e
wait_for "Edit child's case"
expect_screen "2026-01-01"
expect_screen "2026-03-01"
expect_not_screen "Changed elsewhere"
keys Tab Tab
type_text "JB"
keys Enter
wait_for "saved case S-1"
expect_eq "$(row)" "S-1|JB|1|2026-01-01 2026-03-01" "saved over the case as it is now"
expect_eq "$(events)" "2" "the manager's change recorded"

# 2. Window B has the form open while window A renames the case.
start_b "$F"
wait_b "Children's cases (1)"
keys_b e
wait_b "Edit child's case"
keys e
wait_for "Edit child's case"
type_text "X"
keys Enter
wait_for "saved case S-1X"
keys_b Tab Tab C-u
type_b "KM"
keys_b Enter
wait_b "not saved: case S-1 was changed elsewhere while this form was open;"
wait_b "reference S-1 -> S-1X"
wait_b "Changed elsewhere since this form opened"
expect_eq "$(row)" "S-1X|JB|1|2026-01-01 2026-03-01" "the rename kept"
keys_b Escape
wait_b "Children's cases (1)"
keys_b e
wait_b "Edit child's case"
wait_b "S-1X"
keys_b Tab Tab C-u
type_b "KM"
keys_b Enter
wait_b "saved case S-1X"
expect_eq "$(row)" "S-1X|KM|1|2026-01-01 2026-03-01" "B saves over the case as it is now"
keys_b q
wait_b "[exited 0]"
if [ -s "$T/stderr.b" ]; then
	fail "window B wrote to stderr: $(head -c 2000 "$T/stderr.b")"
fi
# B saved since A's list was read: A's next key reads it again first.
keys j
wait_for "the list is up to date now"
quit_ok
finish
