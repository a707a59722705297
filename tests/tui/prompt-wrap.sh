# The prompts line wraps by whole "id mark" units (issue 13): a prompt's mark
# is never on the line after its id, on a victim's case at 80 columns nor on a
# child's case at 120 (39 rows: from 120x40 the prompts are in the side panel,
# one to a row, which tests/tui/wide.sh checks).
. "$TESTS_SRCDIR/tui/tuilib.sh"

# no_split: no line of the prompts ends in a prompt's id (its mark is on the
# next line), and no line starts with a mark.
no_split() {
	screen | sed -n '/^ *Prompts for /,/^ *$/p' > "$T/prompts"
	[ -s "$T/prompts" ] || fail "no prompts line on the screen: $(screen)"
	if grep -Eq '[0-9]+\.[0-9]+\.[0-9]+(\.[0-9]+)? *$' "$T/prompts" ||
	    grep -Eq '^ *(-|yes|no|n/a)( |$)' "$T/prompts"; then
		fail "a mark wrapped away from its id ($1): $(cat "$T/prompts")"
	fi
}

new_file
start -- "$F"
wait_for "Children's cases (0)"
keys Tab
wait_for "[ Victims' cases (0) ]"
new_case "V-1"
wait_for "Prompts for V1.1"
no_split "victim, 80 columns"
keys y
wait_for " 1/"
no_split "victim, 80 columns, one answered"
keys q
wait_for "Victims' cases (1)"
keys Tab
wait_for "[ Children's cases (0) ]"
tm resize-window -t cr -x 120 -y 39
new_case "C-1"
wait_for "Prompts for 2.1.1"
no_split "child, 120 columns"
keys y y
wait_for " 2/"
no_split "child, 120 columns, two answered"
keys q
wait_for "Children's cases (1)"
quit_ok
finish
