# Resizing: below 80x24 a plain message asks for a larger terminal; keys wait,
# and the screen comes back whole when the terminal grows.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "R-1"
keys y
wait_for "saved 2.1.1.1: yes"
expect_eq "$(sql "$F" "SELECT question || '=' || value FROM answer")" "2.1.1.1=yes" "answer before resizing"
tm resize-window -t cr -x 40 -y 10
wait_for "needs a terminal of at least"
expect_screen "40x10"
expect_not_screen "Case R-1"
tm resize-window -t cr -x 80 -y 24
wait_for "Case R-1 "
expect_screen "question 2 of"
expect_screen "Answer: not answered"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer")" 1 "answers after resizing"
expect_eq "$(sql "$F" "SELECT value FROM setting WHERE name = 'ui.question'")" "2.1.1.2" "position kept"
# The note editor: what is typed survives a shrink and regrowth, and saves.
keys e
wait_for "Evidence note: case R-1, question 2.1.1.2"
type_text "before the resize"
wait_for "Not saved yet"
tm resize-window -t cr -x 50 -y 12
wait_for "50x12."
tm resize-window -t cr -x 80 -y 24
wait_for "before the resize"
type_text ", after"
keys F2
wait_for "saved the evidence note for 2.1.1.2"
expect_eq "$(sql "$F" "SELECT note FROM answer WHERE question = '2.1.1.2'")" "before the resize, after" "note across a resize"
# A form survives a resize too.
keys d
wait_for "Edit child's case"
tm resize-window -t cr -x 60 -y 20
wait_for "60x20."
tm resize-window -t cr -x 100 -y 30
wait_for "Edit child's case"
expect_screen "R-1"
type_text "x"
wait_for "R-1x"
keys Escape
wait_for "Case R-1 "
expect_eq "$(sql "$F" "SELECT group_concat(ref) FROM cases")" "R-1" "reference after a cancelled edit"
keys q
wait_for "Children's cases (1)"
quit_ok
finish
