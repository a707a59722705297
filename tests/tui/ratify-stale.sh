# The ratification screen records only over what it showed: a V1.2 recorded
# by another program while the screen is open is not reversed (it was, with the
# victims' rating beside it, from a range the stale V1.2 gave). The save is
# refused with what changed, nothing written; q then d shows it and saves.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
{
	echo "case_ref,case_kind,case_type,question,answer,note"
	# V1.1: 7 of 10, Good: V1.2 yes gives Good to Outstanding, no gives
	# Requires improvement to Good.
	for i in 1 2 3 4 5 6 7; do echo "V-$i,victim,,V1.1,yes,"; done
	for i in 8 9 10; do echo "V-$i,victim,,V1.1,no,"; done
} > "$T/answers.csv"
"$CASEREAD" import "$F" "$T/answers.csv" >/dev/null || fail "import failed"
"$CASEREAD" ratify "$F" --v12 yes --reason "board active" >/dev/null ||
    fail "ratify --v12 yes failed"

start -- "$F"
wait_for "Victims' cases (10)"
keys t
wait_for "Tally: Wakefield YJS (iyjwcv)"
keys d
wait_for "Ratify: Wakefield YJS (iyjwcv), the ratification meeting"
expect_screen "V1.2: yes"
expect_screen "Range: Good to Outstanding"
# Another program records V1.2 no while the screen still shows yes.
"$CASEREAD" ratify "$F" --v12 no --reason "board not active" >/dev/null ||
    fail "ratify --v12 no failed"
keys Right
wait_for "Decision of the ratification meeting: Good"
keys Enter
wait_for "Reason:"
type_text "Strong casework"
keys Enter
wait_for "not saved: V1.2 was recorded as no elsewhere since it was shown"
expect_screen "(by Ann Smith at"
expect_screen "q, then d to see it"
expect_screen "Ratify: Wakefield YJS"
expect_eq "$(sql "$F" "SELECT group_concat(name || '=' || value || ':' || reason, '|') FROM judgement")" \
    "V1.2=no:board not active" "the other program's V1.2 kept, no rating"
expect_eq "$(sql "$F" "SELECT group_concat(name || ':' || ifnull(old_value, '-') || '>' || new_value, '|') FROM (SELECT * FROM decision_log ORDER BY id)")" \
    "V1.2:->yes|V1.2:yes>no" "nothing logged"
# Back out and in: the screen shows no, its range, and saves.
keys q
wait_for "Tally: Wakefield YJS"
keys d
wait_for "V1.2: no"
expect_screen "Range: Requires improvement to Good"
keys Right
wait_for "Decision of the ratification meeting: Requires improvement"
keys Enter
type_text "Board not active"
keys Enter
wait_for "V1.2 and the victims' rating recorded"
expect_eq "$(sql "$F" "SELECT group_concat(name || '=' || value || ':' || reason, '|') FROM (SELECT * FROM judgement ORDER BY name)")" \
    "V1.2=no:Board not active|victims=Requires improvement:Board not active" "recorded over what it showed"
expect_eq "$(sql "$F" "SELECT count(*) FROM decision_log")" "4" "both logged"
keys q
wait_for "Victims' cases (10)"
quit_ok
finish
