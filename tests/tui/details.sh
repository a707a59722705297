# Case details: every change of a case's details is in its history (the
# finish screen's record shows it), and a complete case's details are read
# only until it is reopened: saving the form is refused, nothing written.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
{
	echo 'case_ref,case_kind,case_type,question,answer,note'
	for q in 2.1.1 2.1.2 2.2.1 2.2.2 2.3.1 2.3.2; do
		echo "D-1,child,court,$q,yes,seen"
	done
} > "$T/in.csv"
"$CASEREAD" import "$F" "$T/in.csv" >/dev/null || fail "import"
start -- "$F"
wait_for "Children's cases (1)"
keys e
wait_for "Edit child's case"
keys Tab
keys Space
wait_for "out-of-court"
keys Enter
wait_for "saved case D-1"
expect_eq "$(sql "$F" "SELECT case_type FROM cases")" "out-of-court" "type changed"
expect_eq "$(sql "$F" "SELECT event || '|' || reason FROM case_event")" \
    "details|type court -> out-of-court" "the change is in the history"
keys f
wait_for "details changed by Ann Smith: type court ->"
keys c
wait_for "marked complete"
wait_for "Children's cases (1)"
# Complete: the form refuses, the type stays, and nothing is recorded.
keys e
wait_for "Edit child's case"
keys Tab
keys Space
wait_for "read only: this case is complete; f on it in the overview reopens it"
expect_screen "out-of-court"
# Typing changes nothing either: the reference stays as it is.
keys BTab
type_text "X"
expect_not_screen "D-1X"
keys Enter
wait_for "not saved: case D-1 is complete, its details read only"
expect_eq "$(sql "$F" "SELECT case_type FROM cases")" "out-of-court" "a complete case's type unchanged"
expect_eq "$(sql "$F" "SELECT count(*) FROM case_event WHERE event = 'details'")" "1" "no new details event"
keys Escape
wait_for "Children's cases (1)"
quit_ok
finish
