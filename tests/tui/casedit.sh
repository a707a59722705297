# The case form: its messages whole at 80 columns; Backspace never leaves its
# field (the form library's default joins it to the one before, so the next
# text landed in the wrong field); typing at a field's start keeps the field; a
# cleared or blank reading inspector is named as typed and refused, never
# quietly saved as the current user; the file holds exactly what was accepted.
. "$TESTS_SRCDIR/tui/tuilib.sh"

# expect_line TEXT: a whole line of the screen is TEXT.
expect_line() {
	screen | grep -qxF -- "$1" || fail "no line '$1':
$(screen)"
}

row() {
	sql "$F" "SELECT c.ref || '|' || c.manager || '|' || i.name || '|' || c.macd FROM cases c JOIN inspector i ON i.id = c.inspector ORDER BY c.id"
}

new_file
start -- "$F"
wait_for "Children's cases (0)"
keys n
wait_for "New child's case"
# Nothing typed yet: the form asks for the reference, without complaining.
wait_for "Type the case's reference (never the child's or victim's name)."
expect_not_screen "The reference is empty"
# Saving an empty reference is refused with the message, to its last word.
keys Enter
wait_for "The reference is empty: every case needs one (never the child's or"
expect_line "  name)."
expect_eq "$(sql "$F" "SELECT count(*) FROM cases")" 0 "cases after an empty save"
type_text "B-1"
keys Tab Tab
type_text "KM"
wait_for "KM"
# Backspace past the start of the initials stays there.
keys BSpace BSpace BSpace BSpace BSpace
type_text "LP"
wait_for "LP"
expect_line "  Reference                   B-1"
keys Enter
wait_for "Case B-1 "
expect_eq "$(row)" "B-1|LP|Ann Smith|0" "the case as typed"

# Editing: the reading inspector cleared is named, and Enter refuses it.
keys d
wait_for "Edit child's case"
keys Tab Tab Tab
i=0
while [ $i -lt 12 ]; do keys BSpace; i=$((i + 1)); done
wait_for "The reading inspector is empty"
expect_screen "(you are Ann"
keys Enter
wait_for "not saved: The reading inspector is empty"
expect_screen "Edit child's case"
# Spaces are no name either.
type_text "   "
keys Enter
wait_for "not saved: The reading inspector is empty"
expect_eq "$(row)" "B-1|LP|Ann Smith|0" "the case after refusals"
keys BSpace BSpace BSpace
type_text "Cy Dee"
wait_for "Ready to save"
# Home, then typing at the start keeps the rest of the field.
keys Home
type_text "Dr "
wait_for "Dr Cy Dee"
keys Enter
wait_for "saved case B-1"
expect_eq "$(row)" "B-1|LP|Dr Cy Dee|0" "the new reading inspector"

# The reference: Backspace at its start does nothing, and the text stays put.
keys d
wait_for "Edit child's case"
keys Home BSpace BSpace
type_text "X"
wait_for "XB-1"
expect_line "  Case manager's initials     LP"
keys Enter
wait_for "saved case XB-1"
expect_eq "$(row)" "XB-1|LP|Dr Cy Dee|0" "after Backspace at the reference's start"

# A full field: Backspace takes the last character typed, not the one before it.
keys d
wait_for "Edit child's case"
keys Tab Tab C-u
type_text "ABCDEFGH"
wait_for "ABCDEFGH"
keys BSpace
wait_for "  Case manager's initials     ABCDEFG"
expect_not_screen "ABCDEFH"
keys BSpace
type_text "Z"
wait_for "  Case manager's initials     ABCDEFZ"
keys Enter
wait_for "saved case XB-1"
expect_eq "$(row)" "XB-1|ABCDEFZ|Dr Cy Dee|0" "after Backspace in a full field"
keys q
wait_for "Children's cases (1)"
expect_screen "Dr Cy Dee"
quit_ok
finish
