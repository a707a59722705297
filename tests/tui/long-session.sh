# One session as an inspector's morning goes: reading and answering, a note,
# clearing, undo, history, the case form, the finish screen and summary, a new
# case, a withdrawal, the tally, x to export, then reopening a complete case.
# Each screen prepares statements of its own; a cache of 32 filled on the way,
# the reopen failed, and its rollback, prepared through the same cache, never
# ran: every later save was refused and the file stayed locked to every other
# writer until caseread quit. Now the reopen, the answers after it and a write
# from another program all work in the same session.
. "$TESTS_SRCDIR/tui/tuilib.sh"

F="$T/d.caseread"
"$CASEREAD" demo "$F" >/dev/null || fail "demo"
start -- "$F"
wait_for "Children's cases (20)"
keys Tab
wait_for "> DEMO-V-001"
keys j Enter
wait_for "Case DEMO-V-002 "
keys y
wait_for "saved V1.1.1: yes"
keys e
wait_for "F2 save and close"
type_text "Seen the letter."
keys F2
wait_for "saved the evidence note for V1.1.2"
keys k u
wait_for "V1.1.1: answer cleared"
keys z
wait_for "undone: V1.1.1 is yes again"
keys h
wait_for "answer: (none) -> yes"
keys q
wait_for "h history  f finish"
keys q
wait_for "Enter open  n new"
keys e
wait_for "Ready to save: press Enter."
keys Enter
wait_for "saved case DEMO-V-002"
keys f
wait_for "Press q to go back and answer them."
keys s
wait_for "Finish checks:"
keys q
wait_for "Press q to go back and answer them."
keys q
wait_for "Enter open  n new"
new_case V-NEW
keys q
wait_for "> V-NEW"
keys w
wait_for "Why withdraw V-NEW?"
type_text "a duplicate"
keys Enter
wait_for "case V-NEW withdrawn"
keys t
wait_for "b split"
keys q
wait_for "Enter open  n new"
keys x
wait_for "Export"
keys Escape
wait_for "Enter open  n new"
# Leaving a screen opened on a row comes back to that row, not to the case
# last read (which once took the cursor there, even into the other list).
keys Tab
wait_for "[ Children's cases (20) ]"
keys Home j e
wait_for "Edit child's case"
keys Escape
wait_for "Enter open  n new"
expect_screen "[ Children's cases (20) ]"
expect_screen "> DEMO-C-002"
keys j f
wait_for "s summary"
keys q
wait_for "Enter open  n new"
expect_screen "> DEMO-C-003"
keys Tab
wait_for "Victims' cases (10) ]"
# DEMO-V-001 is complete: reopening it is the write that failed.
keys Home f
wait_for "r reopen"
keys r
wait_for "Enter reopen  Esc cancel"
type_text "more evidence came"
keys Enter
wait_for "case DEMO-V-001 reopened"
expect_screen "> DEMO-V-001"
expect_not_screen "statement cache full"
expect_eq "$(sql "$F" "SELECT status FROM cases WHERE ref = 'DEMO-V-001'")" draft "reopened in the file"
# The next answer saves, and the file is not held locked.
keys Enter
wait_for "Case DEMO-V-001 "
keys a
wait_for "saved V1.1.1: not applicable"
expect_eq "$(sql "$F" "SELECT a.value FROM answer a JOIN cases c ON c.id = a.case_id WHERE c.ref = 'DEMO-V-001' AND a.question = 'V1.1.1'")" na "answer in the file"
expect_exit 0 "$CASEREAD" details "$F" DEMO-V-009 --manager-interviewed yes
expect_eq "$(sql "$F" "SELECT manager_interviewed FROM cases WHERE ref = 'DEMO-V-009'")" 1 "another program's write"
keys q
wait_for "Enter open  n new"
quit_ok
finish
