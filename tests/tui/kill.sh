# kill -9 halfway through a case: every answer the screen showed as saved is in
# the file, and reopening returns to the same case and question.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "K-1"
n=$(applicable)
i=0
while [ $i -lt 9 ]; do
	keys n
	i=$((i + 1))
	wait_for " $i/$n answered" || break
done
# Move back two questions: the place to return to is where the inspector is.
keys k k
wait_for "question 8 of $n"
keys e
wait_for "Evidence note: case K-1"
type_text "written, then killed before saving"
wait_for "Not saved yet"
kill -9 "$(cat "$T/pid")"
wait_exit 137

expect_eq "$(sql "$F" "SELECT count(*) FROM answer WHERE value = 'no'")" 9 "answers after kill -9"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer WHERE note <> ''")" 0 "unsaved note"
expect_eq "$(sql "$F" "PRAGMA integrity_check")" ok "integrity"

start -- "$F"
wait_for "Case K-1 "
expect_screen " 9/$n answered"
expect_screen "question 8 of $n"
expect_screen "Prompt 2.1.1.8"
keys q
wait_for "Children's cases (1)"
expect_screen "> K-1"
quit_ok

# Back on the overview when last there.
start -- "$F"
wait_for "Children's cases (1)"
expect_screen "> K-1"
quit_ok
finish
