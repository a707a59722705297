# The tally from every screen: t where t is not text, F5 and Ctrl-T everywhere
# (in the note editor, the case form and the search, t is text). Coming back
# returns to the same screen in the same state, typed text and all, and the
# tally itself saves nothing.
. "$TESTS_SRCDIR/tui/tuilib.sh"

TALLY="Tally: Wakefield YJS (iyjwcv)"

# tally_and_back KEY BACK-KEY WAIT: KEY opens the tally, BACK-KEY closes it, and
# the screen shows WAIT again.
tally_and_back() {
	keys "$1"
	wait_for "$TALLY" || return
	keys "$2"
	wait_for "$3"
}

new_file
start -- "$F"
wait_for "Children's cases (0)"
tally_and_back t q "Children's cases (0)"
tally_and_back F5 F5 "Children's cases (0)"
tally_and_back C-t C-t "Children's cases (0)"

# The case form: what was typed is still there, and still not saved.
keys n
wait_for "New child's case"
type_text "Tt-1"
wait_for "Tt-1"
tally_and_back F5 q "New child's case"
expect_screen "Tt-1"
expect_eq "$(sql "$F" "SELECT count(*) FROM cases")" 0 "cases while the form is open"
tally_and_back C-t Escape "New child's case"
type_text "x"
wait_for "Tt-1x"
keys Enter
wait_for "Case Tt-1x "
expect_eq "$(sql "$F" "SELECT group_concat(ref) FROM cases")" "Tt-1x" "the case as typed"

# The case read: t, F5 and Ctrl-T, back on the same question.
keys y
wait_for "saved 2.1.1.1: yes"
wait_for "question 2 of"
keys t
wait_for "$TALLY"
expect_screen "Sample: 1 child's case"
keys q
wait_for "question 2 of"
tally_and_back F5 t "question 2 of"
tally_and_back C-t q "question 2 of"
expect_screen "Case Tt-1x "

# The note editor: t is text; F5 and Ctrl-T leave the unsaved text as it was.
keys e
wait_for "Evidence note: case Tt-1x, question 2.1.1.2"
type_text "the tally, then"
wait_for "Not saved yet"
tally_and_back F5 q "Evidence note: case Tt-1x"
expect_screen "the tally, then"
expect_screen "Not saved yet"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer WHERE note <> ''")" 0 "note saved by the tally"
tally_and_back C-t q "Evidence note: case Tt-1x"
type_text " more"
wait_for "the tally, then more"
keys F2
wait_for "saved the evidence note for 2.1.1.2"
expect_eq "$(sql "$F" "SELECT note FROM answer WHERE question = '2.1.1.2'")" "the tally, then more" "note as typed"

# History and help: t, and help on top of the tally's own screen.
keys h
wait_for "History of 2.1.1.2"
tally_and_back t q "History of 2.1.1.2"
keys '?'
wait_for "Help: keys of the Answer history screen"
tally_and_back t q "Help: keys of the Answer history screen"
keys q
wait_for "History of 2.1.1.2"
keys q
wait_for "Case Tt-1x "

# Finish, and the reason being typed to reopen.
i=1
n=$(applicable)
while [ $i -lt "$n" ]; do
	keys y
	i=$((i + 1))
	wait_for " $i/$n answered" || break
done
keys f
wait_for "Every applicable key question is answered"
tally_and_back t q "Every applicable key question is answered"
keys c
wait_for "case Tt-1x marked complete"
keys f
wait_for "This case is marked COMPLETE"
keys r
wait_for "Why reopen it?"
type_text "tally checked"
tally_and_back C-t q "Why reopen it?"
expect_screen "tally checked"
tally_and_back F5 q "Why reopen it?"
expect_eq "$(sql "$F" "SELECT status FROM cases")" complete "status while typing a reason"
keys Enter
wait_for "case Tt-1x reopened"
expect_eq "$(sql "$F" "SELECT reason FROM case_event WHERE event = 'reopen'")" "tally checked" "reason as typed"

# The search being typed, and the export path.
keys q
wait_for "Children's cases (1)"
keys /
wait_for "Search reference:"
type_text "tt"
wait_for "[ Children's cases (1) ]"
tally_and_back C-t q "Search reference:"
expect_screen "Search reference: tt"
keys Enter
wait_for 'Showing references containing "tt"'
keys x
wait_for "Export bundle to:"
tally_and_back F5 q "Export bundle to:"
keys Escape
wait_for "export cancelled"
ls "$T"/*.bundle >/dev/null 2>&1 && fail "the tally exported a bundle"
quit_ok
finish
