# Issue 11: the lead has case X open in one window while another window merges
# a bundle with --keep, which replaces X with the bundle's reading of it and
# adds a new case Y. The first window's next save, an answer or an evidence
# note, is refused with "this case was replaced by a merge", and nothing it
# meant for X lands in Y (once, Y took X's deleted id and the note about one
# child went into another child's case).
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
"$CASEREAD" init "$T/bo.caseread" --service "Wakefield YJS" --type iyjwcv \
	--inspector bo >/dev/null || fail "init bo"
printf 'case_ref,case_kind,case_type,question,answer,note\nY-1,child,court,2.1.1,no,bo saw Y\nX-1,child,court,2.1.1,no,bo saw X\n' >"$T/bo.csv"
"$CASEREAD" import "$T/bo.caseread" "$T/bo.csv" >/dev/null || fail "import bo"
"$CASEREAD" export "$T/bo.caseread" -o "$T/bo.bundle" >/dev/null || fail "export bo"

# merge_keep: the other window merges bo's bundle into $F with --keep bo.
merge_keep() {
	rm -f "$T/merge.rc"
	tm new-window -d -t cr: -n b "sh -c '$CASEREAD merge $F $T/bo.bundle --keep bo >$T/merge.out 2>&1; echo \$? >$T/merge.rc'; sleep 600"
	_mk=0
	while [ ! -s "$T/merge.rc" ] && [ $_mk -lt 400 ]; do
		sleep 0.05
		_mk=$((_mk + 1))
	done
	expect_eq "$(cat "$T/merge.rc" 2>/dev/null)" 0 "merge --keep exit: $(cat "$T/merge.out" 2>/dev/null)"
	yid=$(sql "$F" "SELECT id FROM cases WHERE ref = 'Y-1'")
	[ -n "$yid" ] || fail "Y-1 was not merged"
	[ "$yid" != "$xid" ] || fail "Y-1 took X-1's old id $xid"
}

# Y-1 holds bo's answer only.
y_untouched() {
	expect_eq "$(sql "$F" "SELECT group_concat(a.question || '=' || coalesce(a.value, '') || ':' || a.note, ' ') FROM answer a JOIN cases c ON c.id = a.case_id WHERE c.ref = 'Y-1'")" \
		"2.1.1=no:bo saw Y" "Y-1's answers ($1)"
	expect_eq "$(sql "$F" "SELECT count(*) FROM answer_history h JOIN cases c ON c.id = h.case_id WHERE c.ref = 'Y-1'")" 1 "Y-1's history ($1)"
}

# 1. An answer: X-1 open at its first prompt, the merge, then y.
start -- "$F"
wait_for "Children's cases (0)"
new_case "X-1"
wait_for "Prompt 2.1.1.1"
xid=$(sql "$F" "SELECT id FROM cases WHERE ref = 'X-1'")
merge_keep
keys y
wait_for "this case was replaced by a merge"
y_untouched answer
expect_eq "$(sql "$F" "SELECT count(*) FROM answer WHERE question = '2.1.1.1'")" 0 "the refused answer"

# 2. An evidence note being typed when the merge comes.
tm kill-server
rm -f "$F"
new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "X-1"
wait_for "Prompt 2.1.1.1"
xid=$(sql "$F" "SELECT id FROM cases WHERE ref = 'X-1'")
keys e
wait_for "Evidence note: case X-1, question 2.1.1.1"
type_text "about child X only"
merge_keep
keys F2
wait_for "this case was replaced by a merge"
# Refused, the typed text still there to copy elsewhere.
expect_screen "about child X only"
y_untouched note
expect_eq "$(sql "$F" "SELECT count(*) FROM answer WHERE note LIKE '%child X%'")" 0 "the refused note"
finish
