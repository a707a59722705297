# A resize storm: many quick resizes to random sizes, tiny and large, on every kind
# of screen (overview, case read, note editor, tally, help). caseread must live
# through it, come back whole at 80x24, keep what was typed before it, take keys
# once it has redrawn, and lose nothing it saved.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "S-1"
keys y
wait_for "saved 2.1.1.1: yes"

# storm N: N resizes to sizes from a fixed-seed sequence, no waiting between.
seed=7
storm() {
	_i=0
	while [ $_i -lt "$1" ]; do
		seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
		w=$(( 5 + seed % 200 ))
		h=$(( 2 + (seed / 256) % 70 ))
		tm resize-window -t cr -x "$w" -y "$h"
		_i=$((_i + 1))
	done
	tm resize-window -t cr -x 80 -y 24
}

storm 40
wait_for "Case S-1 "
keys n
wait_for "saved 2.1.1.2: no"

keys e
wait_for "Evidence note: case S-1"
type_text "storm é"
wait_for "storm é"
storm 40
wait_for "Evidence note: case S-1"
type_text " – calm"
wait_for "storm é – calm"
keys F2
wait_for "saved the evidence note"

keys t
wait_for "Tally:"
storm 40
wait_for "Tally:"
keys '?'
wait_for "Help: keys of the"
storm 40
wait_for "Help: keys of the"
keys q
wait_for "Tally:"
keys q
wait_for "Case S-1 "
keys q
wait_for "Children's cases (1)"
storm 40
wait_for "Children's cases (1)"
kill -0 "$(cat "$T/pid")" 2>/dev/null || fail "caseread died in the storm"
quit_ok
expect_eq "$(sql "$F" "SELECT group_concat(q, ' ') FROM (SELECT question || '=' || value AS q FROM answer WHERE value IS NOT NULL ORDER BY question)")" \
	"2.1.1.1=yes 2.1.1.2=no" "answers after the storm"
expect_eq "$(sql "$F" "SELECT note FROM answer WHERE question = '2.1.1.3'")" \
	"storm é – calm" "note typed through the storm"
finish
