# A whole victim's case from the keyboard: Tab to the victims' list, n, every
# question of V1.1 answered, an evidence note on the key question, finished.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
keys Tab
wait_for "[ Victims' cases (0) ]"
keys n
wait_for "New victim's case"
expect_screen "Victim contact"
expect_not_screen "Case type"
type_text "V-7"
# Down three fields to the contact, and make it a file read.
keys Down Down Down Space
wait_for "file read"
keys Enter
wait_for "Case V-7 (victim, file read)"
n=$(applicable)
expect_eq "$n" 8 "applicable questions on a victim's case"
expect_screen "Standard V1 Work with victims"

i=0
while [ $i -lt 7 ]; do
	keys y
	i=$((i + 1))
	wait_for " $i/8 answered" || break
done
wait_for "KEY QUESTION V1.1"
keys e
wait_for "question V1.1"
type_text "Victim seen twice; naïve contact plan – see record. 日本"
keys F2
wait_for "saved the evidence note for V1.1"
keys n
wait_for " 8/8 answered"
keys f
wait_for "Every applicable key question is answered"
keys Enter
wait_for "case V-7 marked complete"

expect_eq "$(sql "$F" "SELECT kind || ' ' || contact || ' ' || status FROM cases")" \
	"victim file complete" "case row"
expect_eq "$(sql "$F" "SELECT count(*) FROM answer WHERE value = 'yes'")" 7 "prompt answers"
expect_eq "$(sql "$F" "SELECT value || ': ' || note FROM answer WHERE question = 'V1.1'")" \
	"no: Victim seen twice; naïve contact plan – see record. 日本" "key answer and note"
keys q
wait_for "[ Victims' cases (1) ]"
expect_screen "8/8"
quit_ok
finish
