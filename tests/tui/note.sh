# A long evidence note: the case read shows what fits and says there is more
# (never a line cut with no word), e shows all of it; on a complete case e
# shows it read-only, where no key changes it, and it scrolls to its end.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
keys Tab
wait_for "[ Victims' cases (0) ]"
new_case "V-1"
n=$(applicable)
keys e
wait_for "Evidence note: case V-1, question V1.1.1"
i=1
while [ $i -le 30 ]; do
	type_text "line $i of the note"
	[ $i -lt 30 ] && keys Enter
	i=$((i + 1))
done
wait_for "line 30 of the note"
keys F2
wait_for "saved the evidence note for V1.1.1"
expect_screen "line 1 of the note"
expect_screen "... (more: e reads and edits it all)"
expect_not_screen "line 30 of the note"
expect_eq "$(sql "$F" "SELECT length(note) - length(replace(note, char(10), '')) FROM answer")" 29 "newlines in the note"

# Every question answered, the case finished.
i=0
while [ $i -lt "$n" ]; do
	keys y
	i=$((i + 1))
	wait_for " $i/$n answered" || break
done
keys f
wait_for "Every applicable key question is answered"
keys c
wait_for "case V-1 marked complete"
keys Home
wait_for "question 1 of $n"
expect_screen "... (more: e reads it all)"

# Read only: letters are not text, nothing is saved, Down scrolls to the end.
sum=$(sql "$F" "SELECT note || value FROM answer WHERE question = 'V1.1.1'")
keys e
wait_for "Evidence note: case V-1, question V1.1.1 (read only)"
expect_screen "Read only: the case is complete."
expect_screen "(more: Down)"
keys x y
wait_for "this note is read only"
i=0
while [ $i -lt 20 ]; do keys Down; i=$((i + 1)); done
wait_for "line 30 of the note"
expect_screen "of 30. Read only"
expect_not_screen "(more: Down)"
keys q
wait_for "Case V-1 "
expect_screen "COMPLETE"
expect_eq "$(sql "$F" "SELECT note || value FROM answer WHERE question = 'V1.1.1'")" "$sum" "the note after viewing"
expect_eq "$(sql "$F" "SELECT status FROM cases")" complete "status"
keys q
wait_for "Victims' cases (1)"
quit_ok
finish
