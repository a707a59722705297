# The overview's header lines are aligned (issue 13): the labels Service, File,
# Sample and Exports end in one column, their values start in the next.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
screen | sed -n '2,5p' > "$T/head"
for label in Service File Sample Exports; do
	grep -q "^ *$label: " "$T/head" || fail "no $label line: $(cat "$T/head")"
done
# The column of each label's colon, one per line: all the same.
cols=$(awk 'match($0, /^ *(Service|File|Sample|Exports):/) { print RLENGTH }' "$T/head" | sort -u)
expect_eq "$cols" 8 "the column the header's labels end in"
expect_screen "   File: $F"
quit_ok
finish
