# Caps Lock on: an upper-case letter works as its lower-case key on every
# screen where it is not a key of its own (E on the reading screen is), and
# stays text wherever letters are text (the case form, a note, the search).
# Help says so once, on the screens whose keys are letters.
. "$TESTS_SRCDIR/tui/tuilib.sh"

val() {
	sql "$F" "SELECT coalesce(value, '-') || '|' || note FROM answer WHERE question = '$1'"
}

new_file
start -- "$F"
wait_for "Children's cases (0)"
# The overview: N is n. The form's text keeps its capitals; a choice takes
# its first letter in either case (O: out-of-court).
keys N
wait_for "New child's case"
type_text "CAPS-1"
keys Tab O Tab
type_text "JQ"
wait_for "Ready to save"
keys Enter
wait_for "Case CAPS-1 "
expect_eq "$(sql "$F" "SELECT ref || '|' || case_type || '|' || manager FROM cases")" \
	"CAPS-1|out-of-court|JQ" "the case as typed"

# The reading screen: Y answers, K and J move, Z undoes, U clears.
wait_for "Prompt 2.1.1.1"
keys Y
wait_for "saved 2.1.1.1: yes"
wait_for "Prompt 2.1.1.2"
keys K
wait_for "Prompt 2.1.1.1"
keys J
wait_for "Prompt 2.1.1.2"
keys Z
wait_for "undone: 2.1.1.1 is "
wait_for "Prompt 2.1.1.1"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer WHERE question = '2.1.1.1' AND value IS NOT NULL")" \
	"0" "Z took the answer back out of the file"
keys Z
wait_for "undone: 2.1.1.1 is yes again"
expect_eq "$(val 2.1.1.1)" "yes|" "Z again redid it"
keys U
wait_for "2.1.1.1: answer cleared"
expect_eq "$(val 2.1.1.1)" "-|" "U cleared the answer"
keys N
wait_for "saved 2.1.1.1: no"
# E keeps its own meaning: the note of the answer just given (e would be the
# note of the question now shown). Capitals typed there are text, Q and S too.
wait_for "Prompt 2.1.1.2"
keys E
wait_for "Evidence note: case CAPS-1, question 2.1.1.1"
type_text "SEEN QS"
wait_for "7 characters"
# Esc asks; S saves, as s.
keys Escape
wait_for "Save? s: save, d: discard, k: keep editing"
keys S
wait_for "saved the evidence note for 2.1.1.1"
expect_eq "$(val 2.1.1.1)" "no|SEEN QS" "the note's capitals, saved by S"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer WHERE question = '2.1.1.2'")" "0" "E wrote nothing on 2.1.1.2"

# Help says it once, naming E; J turns its page and Q closes it.
keys '?'
wait_for "Help: keys of the Case read screen (page 1 of 2)"
keys J
wait_for "(page 2 of 2)"
expect_screen "Caps Lock        the letter keys work with Caps Lock on: Y does what y does,"
expect_screen "but E is a key of its own"
keys Q
wait_for "Prompt 2.1.1.2"

# The other screens from here: history, summary, finish and tally close with Q.
keys K H
wait_for "History of 2.1.1.1"
keys Q
wait_for "Prompt 2.1.1.1"
keys S
wait_for "Summary of case CAPS-1"
keys Q
wait_for "Prompt 2.1.1.1"
keys F
wait_for "Finish case CAPS-1"
keys Q
wait_for "Prompt 2.1.1.1"
keys T
wait_for "Tally: Wakefield YJS"
keys T
wait_for "Prompt 2.1.1.1"
# A capital that is no key in either case still says so.
keys V
wait_for "'V' does nothing here: ? lists the keys"
keys Q
wait_for "Children's cases (1)"

# The overview's search is text: capitals stay capitals.
keys /
type_text "CAPS"
wait_for "Search reference: CAPS"
keys Escape
wait_for "? help  q quit"
expect_not_screen "Search reference"
keys '?'
wait_for "Help: keys of the Inspection overview screen"
keys J
wait_for "the letter keys work with Caps Lock on: K does what k does"
keys Q
wait_for "Children's cases (1)"
keys Q
wait_for "[exited 0]"
expect_eq "$(sql "$F" "SELECT count(*) FROM cases")" "1" "one case"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer WHERE value IS NOT NULL")" "1" "one answer"

# The first run: in the type field, I changes the type as i does.
d="$T/data"
start XDG_DATA_HOME="$d" -- ""
wait_for "There is no inspection file yet"
type_text "Leeds YJS"
keys Tab I Tab C-u
type_text "Ann Smith"
keys Enter
wait_for "Inspector: Ann Smith"
expect_eq "$(sql "$d/caseread/inspection.caseread" "SELECT type FROM inspection")" 	"iyjs" "I changed the type"
quit_ok
finish
