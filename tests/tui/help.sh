# ? lists every key of the current screen, from the table the screen uses.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
keys '?'
wait_for "Help: keys of the Inspection overview screen"
expect_screen "Tab"
expect_screen "switch between children's and victims' cases"
expect_screen "search by reference"
expect_screen "Up, k"
expect_screen "new case in this list"
keys q
wait_for "Children's cases (0)"
new_case "H-1"
keys '?'
wait_for "Help: keys of the Case read screen"
expect_screen "answer not applicable"
expect_screen "edit the evidence note"
expect_screen "PgDn"
expect_screen "history of this answer"
keys Escape
wait_for "Case H-1 "
keys e
wait_for "Evidence note: case H-1"
keys F1
wait_for "Help: keys of the Evidence note editor screen"
expect_screen "save the note and close the editor"
keys q
wait_for "Evidence note: case H-1"
keys Escape
wait_for "Case H-1 "
keys h
wait_for "History of 2.1.1.1"
expect_screen "never been answered"
keys q
keys y
keys k h
wait_for "History of 2.1.1.1: 1 change"
expect_screen "answer: (none) -> yes"
keys q
keys t
wait_for "Tally"
keys q
wait_for "Case H-1 "
keys q
wait_for "Children's cases (1)"
quit_ok
finish
