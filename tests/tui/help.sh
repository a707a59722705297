# ? (F1 where ? is text) lists every key of the current screen, from the table
# the screen uses, on every screen: the overview and its search, the case form,
# the case read, the note editor, history, finish and its reason, and the tally.
# Help saves nothing and leaves each screen as it was.
. "$TESTS_SRCDIR/tui/tuilib.sh"

# help_on KEY TITLE: KEY opens help for the screen named TITLE.
help_on() {
	keys "$1"
	wait_for "Help: keys of the $2 screen"
}

new_file
start -- "$F"
wait_for "Children's cases (0)"
help_on '?' "Inspection overview"
expect_screen "Tab"
expect_screen "switch between children's and victims' cases"
expect_screen "search by reference"
expect_screen "Up, k"
expect_screen "PgDn, ]"
expect_screen "new case in this list"
# The overview has more keys than one 24-line page: Down or j scrolls to the rest.
expect_screen "(more: Down or j)"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do keys j; done
wait_for "t, F5, Ctrl-T"
keys q
wait_for "Children's cases (0)"

# At 80x24 the overview's help is two pages, each key's line whole on one of
# them: Space, PgDn or j turn to the next, PgUp, k or b back, Home and End.
help_on '?' "Inspection overview"
wait_for "Help: keys of the Inspection overview screen (page 1 of 2)"
expect_screen "Page 1 of 2 (more: Down or j); PgDn or Space too. q closes help."
screen | tr -s ' ' > "$T/help"
keys Space
wait_for "(page 2 of 2)"
expect_screen "Page 2 of 2, the last"
screen | tr -s ' ' >> "$T/help"
# Every key line of the overview, wrapped lines with the rest of them.
while IFS= read -r line; do
	grep -qxF -- " $line" "$T/help" || fail "help at 80x24 lacks ' $line': $(cat "$T/help")"
done <<'LINES'
Up, k move up
Down, j move down
PgUp, [ up a page
PgDn, ] down a page
Home first case
End last case
Enter open the case: read it from its first unanswered question
n new case in this list
e edit the case's details
f finish: mark the case complete, or reopen it
Tab switch between children's and victims' cases
/ search by reference
s sort by reference or group by reading inspector
Esc clear the search
x export a bundle for the lead inspector (asks where)
r write the report for the rating meeting next to the file
(FILE.report.html)
i inspection details: put your name right (the change is kept)
w withdraw the case from the sample (asks why), or reinstate a
withdrawn one (w twice)
t, F5, Ctrl-T the live tally of the whole inspection
? help: the keys of this screen
q quit (everything is already saved)
LINES
# The last page stays the last; back with PgUp, and Home and End.
keys j PgDn
expect_screen "(page 2 of 2)"
keys PgUp
wait_for "(page 1 of 2)"
keys End
wait_for "(page 2 of 2)"
keys Home
wait_for "(page 1 of 2)"
keys j
wait_for "(page 2 of 2)"
keys k
wait_for "(page 1 of 2)"
# A terminal tall enough for all of it has one page and no page number.
tm resize-window -t cr -x 80 -y 40
wait_for "q                quit (everything is already saved)"
expect_screen "Help: keys of the Inspection overview screen"
expect_not_screen "page 1 of"
expect_not_screen "Page 1 of"
tm resize-window -t cr -x 80 -y 24
wait_for "(page 1 of 2)"
keys Escape
wait_for "Children's cases (0)"

# The search: ? is text there, so F1.
keys /
type_text "?"
wait_for "Search reference: ?"
help_on F1 "Inspection overview"
expect_screen "cancel the search"
expect_screen "F5, Ctrl-T"
keys q
wait_for "Search reference: ?"
keys Escape
wait_for "No cases yet"

# The case form, with what was typed kept.
keys n
wait_for "New child's case"
type_text "H-1"
help_on F1 "New or edit case"
expect_screen "next field"
expect_screen "cancel: leave without saving"
expect_screen "(never past the"
expect_screen "F5, Ctrl-T"
keys q
wait_for "New child's case"
expect_screen "H-1"
expect_eq "$(sql "$F" "SELECT count(*) FROM cases")" 0 "cases while on help"
keys Enter
wait_for "Case H-1 "

help_on '?' "Case read"
expect_screen "answer n/a (not applicable): save, then the next unanswered"
expect_screen "edit the evidence note"
expect_screen "PgUp, ["
expect_screen "PgDn, ]"
expect_screen "history of this answer"
# y's line whole: its last word wraps, it is not cut.
screen | grep -A1 "answer yes (sufficient): save, then the next" | grep -qx " *question" ||
    fail "y's help line cut: $(screen)"
keys j
wait_for "(page 2 of 2)"
expect_screen "t, F5, Ctrl-T"
keys Escape
wait_for "Case H-1 "

keys e
wait_for "Evidence note: case H-1"
type_text "kept ?"
help_on F1 "Evidence note editor"
expect_screen "save the note and close the editor"
expect_screen "F5, Ctrl-T"
keys q
wait_for "Evidence note: case H-1"
expect_screen "kept ?"
keys F2
wait_for "saved the evidence note for 2.1.1.1"

keys h
wait_for "History of 2.1.1.1"
expect_screen "note: \"kept ?\""
help_on '?' "Answer history"
expect_screen "scroll down"
expect_screen "back to the case"
keys q
wait_for "History of 2.1.1.1: 1 change"
keys q
keys y
wait_for "saved 2.1.1.1: yes"
keys k h
wait_for "History of 2.1.1.1: 2 changes"
expect_screen "answer: (none) -> yes"
keys q
wait_for "Case H-1 "

keys f
wait_for "Finish case H-1"
help_on '?' "Finish a case"
expect_screen "mark the case complete"
expect_screen "reopen a complete case"
keys q
wait_for "cannot be marked complete yet"
keys q
wait_for "Case H-1 "

keys t
wait_for "Tally: Wakefield YJS"
help_on '?' "Tally"
expect_screen "split the key questions"
expect_screen "back to where you were"
keys q
wait_for "Tally: Wakefield YJS"
keys q
wait_for "Case H-1 "
keys q
wait_for "Children's cases (1)"
quit_ok
# Help wrote nothing: the one answer and the note, one case, still a draft.
expect_eq "$(sql "$F" "SELECT value || ' ' || note FROM answer")" "yes kept ?" "answers"
expect_eq "$(sql "$F" "SELECT ref || ' ' || status FROM cases")" "H-1 draft" "case"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer_history")" 2 "history rows"
finish
