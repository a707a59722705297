# SIGTERM and SIGHUP end caseread with the terminal restored: it dies of the
# signal (143, 129) with the tty back in canonical mode with echo, the cursor
# shown and the alternate screen left, and every answer shown as saved is in the
# file. kill -9 first, as the control: it cannot restore anything, so the same
# checks must find the terminal still raw, or they would prove nothing.
. "$TESTS_SRCDIR/tui/tuilib.sh"

# expect_restored CODE: caseread has exited CODE and left the terminal normal.
expect_restored() {
	wait_exit "$1" || return
	wait_for "[exited $1]"
	expect_in "$T/stty" " icanon"
	expect_in "$T/stty" " echo "
	expect_not_in "$T/stty" "-icanon"
	expect_not_in "$T/stty" "-echo "
	expect_eq "$(pane_flag alternate_on)" 0 "alternate screen after exit $1"
	expect_eq "$(pane_flag cursor_flag)" 1 "cursor shown after exit $1"
	expect_eq "$(pane_flag keypad_cursor_flag)" 0 "keypad mode after exit $1"
}

new_file
start -- "$F"
wait_for "Children's cases (0)"
# While it runs: the alternate screen, the cursor hidden on a list.
expect_eq "$(pane_flag alternate_on)" 1 "alternate screen while running"
expect_eq "$(pane_flag cursor_flag)" 0 "cursor while running"
new_case "S-1"
keys y
wait_for "saved 2.1.1.1: yes"
kill -9 "$(cat "$T/pid")"
wait_exit 137
expect_in "$T/stty" "-icanon"
expect_in "$T/stty" "-echo "
expect_eq "$(pane_flag alternate_on)" 1 "alternate screen after kill -9"

# SIGTERM in the note editor with text not yet saved: the terminal comes back;
# the answer saved before is there; the unsaved note is not (it was never
# shown as saved), and the file is whole.
start -- "$F"
wait_for "Case S-1 "
keys y
wait_for "saved 2.1.1.2: yes"
keys e
wait_for "Evidence note: case S-1, question 2.1.1.3"
type_text "typed, not saved"
wait_for "Not saved yet"
kill -TERM "$(cat "$T/pid")"
expect_restored 143
expect_eq "$(sql "$F" "SELECT group_concat(question || '=' || value, ' ') FROM (SELECT question, value FROM answer ORDER BY question)")" \
	"2.1.1.1=yes 2.1.1.2=yes" "answers after SIGTERM"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer WHERE note <> ''")" 0 "unsaved note after SIGTERM"
expect_eq "$(sql "$F" "PRAGMA integrity_check")" ok "integrity after SIGTERM"
[ -s "$T/stderr" ] && fail "stderr after SIGTERM: $(cat "$T/stderr")"

# SIGHUP (the terminal window closed) on the case form, with a case half typed.
start -- "$F"
wait_for "Case S-1 "
expect_screen "question 3 of"
keys a
wait_for "saved 2.1.1.3: not applicable"
keys q
wait_for "Children's cases (1)"
keys n
wait_for "New child's case"
type_text "S-2"
wait_for "S-2"
kill -HUP "$(cat "$T/pid")"
expect_restored 129
expect_eq "$(sql "$F" "SELECT value FROM answer WHERE question = '2.1.1.3'")" na "answer before SIGHUP"
expect_eq "$(sql "$F" "SELECT group_concat(ref) FROM cases")" "S-1" "cases after SIGHUP"
expect_eq "$(sql "$F" "PRAGMA integrity_check")" ok "integrity after SIGHUP"

# And reopened, it carries on from the overview where it was.
start -- "$F"
wait_for "> S-1 "
expect_screen "3/"
quit_ok
expect_restored 0
finish
