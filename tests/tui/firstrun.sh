# The first run asks who you are: the inspector's name (the login name offered,
# Ctrl-U clears it) and the fieldwork dates, refusing an empty name (spaces
# only) and a bad date; the file records them, the name without spaces at its
# ends. Later, i in the overview puts the name right: the owner and the cases
# read under the old name follow, and the change is kept (caseread check lists
# it); the same name with other spaces at its ends is no change.
. "$TESTS_SRCDIR/tui/tuilib.sh"

d="$T/data"
start XDG_DATA_HOME="$d" -- ""
wait_for "There is no inspection file yet"
expect_screen "Your name"
expect_screen "Fieldwork starts"
type_text "Leeds YJS"
keys Tab Tab
# The name is offered, and Ctrl-U clears it: an empty name is refused.
keys C-u
keys Enter
wait_for "your name is empty"
# Spaces only are an empty name too; spaces at the ends are not kept.
type_text "   "
keys Enter
wait_for "your name is empty"
keys C-u
type_text "  Ann Smith  "
keys Tab
type_text "2026-13-40"
keys Enter
wait_for "dates must be YYYY-MM-DD"
[ -e "$d/caseread/inspection.caseread" ] && fail "a refused form created a file"
keys C-u
type_text "2026-05-15"
keys Tab
type_text "2026-05-11"
keys Enter
wait_for "the fieldwork starts (2026-05-15) after it ends (2026-05-11)"
[ -e "$d/caseread/inspection.caseread" ] && fail "a refused form created a file"
keys BTab C-u
type_text "2026-05-11"
keys Tab C-u
type_text "2026-05-15"
keys Enter
wait_for "Inspector: Ann Smith"
f="$d/caseread/inspection.caseread"
expect_eq "$(sql "$f" "SELECT owner || '|' || start_date || '|' || end_date FROM inspection")" \
    "Ann Smith|2026-05-11|2026-05-15" "who and when, in the file"
expect_eq "$(sql "$f" "SELECT group_concat('[' || name || ']') FROM inspector")" "[Ann Smith]" "the inspector, trimmed"
new_case "C-1"
keys y
wait_for "saved"
keys q
wait_for "Children's cases (1)"
# i: put the name right.
keys i
wait_for "Your name:"
keys Escape
wait_for "your name stays Ann Smith"
expect_not_screen "Your name:"
keys i
wait_for "Your name:"
keys C-u
type_text "   "
keys Enter
wait_for "the inspector's name is empty"
keys C-u
type_text " Ann Smyth  "
keys Enter
wait_for "your name is now Ann Smyth (was Ann Smith; the change is kept)"
wait_for "Inspector: Ann Smyth"
expect_eq "$(sql "$f" "SELECT '[' || owner || ']' FROM inspection")" "[Ann Smyth]" "owner"
expect_eq "$(sql "$f" "SELECT i.name FROM cases c JOIN inspector i ON i.id = c.inspector")" "Ann Smyth" "the case follows"
expect_eq "$(sql "$f" "SELECT what || '|' || old_value || '|' || new_value FROM inspection_change")" \
    "owner|Ann Smith|Ann Smyth" "the change is kept"
# The same name with spaces at its ends is no change: nothing is written.
keys i
wait_for "Your name:"
keys C-u
type_text "Ann Smyth "
keys Enter
wait_for "? help"
expect_not_screen "Your name:"
expect_eq "$(sql "$f" "SELECT count(*) FROM inspection_change")" 1 "no second change"
quit_ok
expect_exit 0 "$CASEREAD" check "$f"
expect_in "$T/out" "inspector's name changed from 'Ann Smith' to 'Ann Smyth'"
finish
