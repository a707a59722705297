# The case form's framework details at 80x24: whether the case manager was
# interviewed, the period inspected (real days, start not after end), and on a
# victims' case the victim worker and the interview. Each save is one history
# entry; a fourth victims' case on one interview is refused, naming the three;
# a complete case's details are read only. The screen and the file agree.
. "$TESTS_SRCDIR/tui/tuilib.sh"

# expect_line TEXT: a whole line of the screen is TEXT.
expect_line() {
	screen | grep -qxF -- "$1" || fail "no line '$1':
$(screen)"
}

details() {
	sql "$F" "SELECT coalesce(manager_interviewed, '-') || '|' || period_start || '|' || period_end || '|' || victim_worker || '|' || interview FROM cases WHERE ref = '$1'"
}

new_file
{
	echo 'case_ref,case_kind,case_type,question,answer,note'
	echo "C-1,child,court,2.1.1,yes,seen"
	for v in V-1 V-2 V-3 V-4; do
		echo "$v,victim,,V1.1,yes,seen"
	done
} > "$T/in.csv"
"$CASEREAD" import "$F" "$T/in.csv" >/dev/null || fail "import"
# Three victims' cases on interview VW-1 already, from the command line.
for v in V-1 V-2 V-3; do
	"$CASEREAD" details "$F" "$v" --interview VW-1 >/dev/null || fail "details $v"
done

start -- "$F"
wait_for "Children's cases (1)"
keys e
wait_for "Edit child's case"
# Every field fits at 80x24, the message line too; no victim's fields here.
expect_line "  Case manager interviewed    not recorded    (Space or Left/Right to change)"
expect_screen "Period inspected"
expect_not_screen "Victim worker"
expect_screen "Ready to save: press Enter."
# Down to the manager interviewed: y picks yes.
keys Down Down Down Down Down
keys y
wait_for "Case manager interviewed    yes"
keys Tab
type_text "2025-02-30"
keys Tab
type_text "2025-03-28"
wait_for "The period's start '2025-02-30' is not a date (YYYY-MM-DD)."
keys Enter
wait_for "not saved: The period's start '2025-02-30' is not a date"
expect_eq "$(details C-1)" "-||||" "nothing saved with a bad date"
keys BTab BSpace BSpace BSpace BSpace BSpace
type_text "03-29"
wait_for "The period inspected starts (2025-03-29) after it ends (2025-03-28)."
keys BSpace
type_text "1"
wait_for "Ready to save: press Enter."
expect_line "  Period inspected            2025-03-21  to 2025-03-28  (YYYY-MM-DD)"
keys Enter
wait_for "saved case C-1"
expect_eq "$(details C-1)" "1|2025-03-21|2025-03-28||" "the child's details saved"
expect_eq "$(sql "$F" "SELECT reason FROM case_event e JOIN cases c ON c.id = e.case_id WHERE c.ref = 'C-1' AND event = 'details'")" \
    "manager interviewed not recorded -> yes; period (none) -> 2025-03-21 to 2025-03-28" \
    "one history entry for the save"
# The form shows them again as saved.
keys e
wait_for "Edit child's case"
expect_line "  Case manager interviewed    yes             (Space or Left/Right to change)"
expect_line "  Period inspected            2025-03-21  to 2025-03-28  (YYYY-MM-DD)"
keys Escape
wait_for "Children's cases (1)"
keys Enter
wait_for "Case C-1 "
keys s
wait_for "Summary of case C-1"
expect_line "  Manager interviewed: yes   Period: 2025-03-21 to 2025-03-28"
expect_not_screen "Victim worker"
expect_screen "Question  Answer"
keys q
wait_for "Case C-1 "
keys q
wait_for "Children's cases (1)"

# A victim's case: worker and interview; VW-1 is full, VW-2 is not.
keys Tab
wait_for "Victims' cases (4)"
keys End
keys e
wait_for "Edit victim's case"
expect_screen "Reference                   V-4"
expect_screen "Victim worker"
expect_screen "Interview (label)"
keys Down Down Down Down Down Down Down
type_text "Jo Bloggs"
keys Tab
type_text "vw-1"
wait_for "Interview 'vw-1' already covers 3 victims' cases (V-1, V-2, V-3): one"
keys Enter
wait_for "not saved: Interview 'vw-1' already covers 3"
expect_eq "$(details V-4)" "-||||" "the fourth case on VW-1 refused"
# At 120x40 the form and its message are the same, whole.
tm resize-window -t cr -x 120 -y 40
wait_for "Interview 'vw-1' already covers 3 victims' cases (V-1, V-2, V-3): one interview covers up to 3, so case"
expect_line "  Interview (label)           vw-1"
expect_line "  Victim worker               Jo Bloggs"
tm resize-window -t cr -x 80 -y 24
wait_for "Interview 'vw-1' already covers 3 victims' cases (V-1, V-2, V-3): one"
keys BSpace
type_text "2"
wait_for "Ready to save: press Enter."
keys Enter
wait_for "saved case V-4"
expect_eq "$(details V-4)" "-|||Jo Bloggs|vw-2" "the victim's details saved"
expect_eq "$(sql "$F" "SELECT reason FROM case_event e JOIN cases c ON c.id = e.case_id WHERE c.ref = 'V-4' AND event = 'details'")" \
    "victim worker (none) -> Jo Bloggs; interview (none) -> vw-2" \
    "the victim's history entry"

# The summary's head shows the details where the inspector reads the case.
keys Enter
wait_for "Case V-4 "
keys s
wait_for "Summary of case V-4"
expect_line "  Manager interviewed: not recorded   Period: not recorded"
expect_line "  Interview: vw-2   Victim worker: Jo Bloggs"
keys q
wait_for "Case V-4 "
keys q
wait_for "Victims' cases (4)"

# Complete: the form says the details are read only, and refuses to save.
sql "$F" "UPDATE cases SET status = 'complete' WHERE ref = 'V-4'"
# Another program changed the file: the first key reads the list again.
keys e
wait_for "the list is up to date now"
expect_not_screen "Edit victim's case"
keys e
wait_for "Edit victim's case"
wait_for "This case is complete: its details are read only until it is"
keys Down Down Down Down Down Down Down
keys C-u
type_text "Someone Else"
keys Enter
wait_for "not saved: case V-4 is complete, its details read only"
expect_eq "$(details V-4)" "-|||Jo Bloggs|vw-2" "a complete case's details unchanged"
expect_eq "$(sql "$F" "SELECT count(*) FROM case_event e JOIN cases c ON c.id = e.case_id WHERE c.ref = 'V-4'")" 1 "no new history"
keys Escape
wait_for "Victims' cases (4)"
quit_ok
finish
