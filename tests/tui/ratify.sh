# The ratification screen (d from the tally): V1.1's band, V1.2 asked with its
# four areas, the range, the decision and the reason, recorded with both
# judgements and in the decision log. And the tally's bar at 85%: the band marks
# sit between cells, so 17 cells of 20 show filled (issue 15).
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
{
	echo "case_ref,case_kind,case_type,question,answer,note"
	# V1.1: 7 of 10, Good. 2.1.1: 17 of 20, 85%.
	for i in 1 2 3 4 5 6 7; do echo "V-$i,victim,,V1.1,yes,"; done
	for i in 8 9 10; do echo "V-$i,victim,,V1.1,no,"; done
	i=1
	while [ $i -le 20 ]; do
		a=no; [ $i -le 17 ] && a=yes
		echo "C-$i,child,court,2.1.1,$a,"
		for k in 2.1.2 2.2.1 2.2.2 2.3.1 2.3.2; do echo "C-$i,child,court,$k,yes,"; done
		i=$((i + 1))
	done
} > "$T/answers.csv"
"$CASEREAD" import "$F" "$T/answers.csv" >/dev/null || fail "import failed"

start -- "$F"
wait_for "Children's cases (20)"
keys t
wait_for "Tally: Wakefield YJS (iyjwcv)"
expect_screen "2.1.1  positive-change  17/20   85% [##########|###|###|#...] Outstanding"
expect_screen "7/10   70% [##########|###|#..|....] Good"
expect_screen "Provisional: 30 draft cases"
expect_screen "no range yet: V1.1 Good, V1.2 not recorded"
expect_screen "until the ratification meeting"
keys d
wait_for "Ratify: Wakefield YJS (iyjwcv), the ratification meeting"
expect_screen "V1.1 band: Good (7 of 10 victims' cases sufficient, 70%), provisional"
expect_screen "Is the management board active, and does it drive the work with victims?"
expect_screen "Is information about victims shared well"
expect_screen "Are staff skilled and supported"
expect_screen "monitored, evaluated and reviewed"
expect_screen "V1.2: not recorded"
expect_screen "Range: none until V1.1 has a band and V1.2 is answered"
# Enter with V1.2 unanswered asks for it first.
keys Enter
wait_for "Reason:"
type_text "The board has not met since May"
keys Enter
wait_for "answer V1.2 first"
keys n
wait_for "V1.2: no"
expect_screen "Range: Requires improvement to Good"
keys Right
wait_for "Decision of the ratification meeting: Requires improvement"
keys Right
wait_for "Decision of the ratification meeting: Good"
keys Enter
keys End
type_text "; casework strong."
keys Enter
wait_for "V1.2 and the victims' rating recorded"
wait_for "Good (decided by the ratification meeting)"
expect_eq "$(sql "$F" "SELECT group_concat(name || '=' || value || ':' || reason, '|') FROM (SELECT * FROM judgement ORDER BY name)")" \
    "V1.2=no:The board has not met since May; casework strong.|victims=Good:The board has not met since May; casework strong." "recorded with the reason"
expect_eq "$(sql "$F" "SELECT count(*) FROM decision_log")" "2" "both logged"
# Back in: the screen shows what was decided, and its reason.
keys d
wait_for "Recorded: Good, decided by the ratification meeting: The board"
keys q
wait_for "Tally: Wakefield YJS"
keys q
wait_for "Children's cases (20)"
quit_ok
finish
