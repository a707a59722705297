# t shows the live tally from anywhere; it follows answers as they change,
# another program's included, with no key pressed.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
keys t
wait_for "Tally: Wakefield YJS (iyjwcv)"
expect_screen "Sample: 0 children's cases"
keys q
wait_for "Children's cases (0)"
new_case "T-1"
n=$(applicable)
i=0
while [ $i -lt "$n" ]; do
	keys y
	i=$((i + 1))
	wait_for " $i/$n answered" || break
done
keys t
wait_for "Sample: 1 child's case"
expect_screen "2.3.2  safety            1/1   100%"
expect_screen "Outstanding"
expect_screen "Provisional: 1 draft case"
keys q
wait_for "Case T-1 "
# The last question is key question 2.3.2: change it to no.
keys End
wait_for "KEY QUESTION 2.3.2"
keys n
wait_for "saved 2.3.2: no"
keys t
wait_for "2.3.2  safety            0/1     0%"
expect_screen "Inadequate"
expect_screen "2.3  Delivery           Inadequate"
# Another program saves while the tally sits idle: it follows with no key.
sql "$F" "UPDATE answer SET value = 'yes' WHERE question = '2.3.2'"
wait_for "2.3.2  safety            1/1   100%"
keys Escape
wait_for "Case T-1 "
keys q
wait_for "Children's cases (1)"
quit_ok
finish
