# Issue 11: text a file holds (put there with sqlite3, as no caseread would)
# never reaches the terminal raw. A reference holding an OSC title sequence,
# a C1 CSI and a right-to-left override is shown as "\x1b", "\x9b" and
# "\u202e" in the case list, on the case's own screen and in a CSV export
# written to the terminal, and the pane's title is untouched.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
printf '%s\n' 'case_ref,case_kind,case_type,question,answer,note' \
	'A-1,child,court,,,' 'B-1,child,court,,,' 'C-1,child,court,,,' \
	> "$T/in.csv"
"$CASEREAD" import "$F" "$T/in.csv" >/dev/null || fail "import"
sql "$F" "UPDATE cases SET ref = 'A' || char(27) || ']2;PWNED' || char(7)
	WHERE ref = 'A-1';
	UPDATE cases SET ref = 'B' || char(0x9b) || '2J' WHERE ref = 'B-1';
	UPDATE cases SET ref = 'C' || char(0x202e) || 'xyz' WHERE ref = 'C-1'"
start -- "$F"
wait_for "Children's cases (3)"
expect_screen 'A\x1b]2;PWNED\x07'
expect_screen 'B\x9b2J'
expect_screen 'C\u202exyz'
expect_screen "Children's cases (3)"
[ "$(pane_flag pane_title)" = "PWNED" ] && fail "the reference set the pane's title"
expect_not_screen "$(printf 'C\342\200\256')"

# The case's own screen shows it the same way.
keys Enter
wait_for "question 1 of"
expect_screen 'A\x1b]2;PWNED\x07'
[ "$(pane_flag pane_title)" = "PWNED" ] && fail "the case screen set the pane's title"
keys q
wait_for "Children's cases (3)"
quit_ok

# CSV written to a terminal is shown the same way (piped, it stays exact:
# tests/cli/textgate.sh).
start -- export "$F" --format csv -o -
wait_for "[exited 0]"
expect_screen 'A\x1b]2;PWNED\x07,child,court,,,,Ann Smith'
expect_screen 'B\x9b2J,child'
[ "$(pane_flag pane_title)" = "PWNED" ] && fail "the CSV set the pane's title"
expect_not_screen '\x0d'
finish
