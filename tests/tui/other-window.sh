# Another window or program on the same file. The overview's cursor follows
# the cases this window reads, not the "ui.case" every window writes to the
# file; and a key pressed at a list another program has changed is not acted
# on: the list is read again first. (A case withdrawn elsewhere made w no
# prompt, and the reason typed after it ran as keys: i, then Enter, renamed
# the inspector "Amira Patelcate case".)
. "$TESTS_SRCDIR/tui/tuilib.sh"

F="$T/d.caseread"
"$CASEREAD" demo "$F" >/dev/null || fail "demo"
start -- "$F"
wait_for "Children's cases (20)"
keys j j f
wait_for "s summary"
# Another window reads a victim's case meanwhile (what its read writes).
v1=$(sql "$F" "SELECT id FROM cases WHERE ref = 'DEMO-V-003'")
sql "$F" "INSERT INTO setting (name, value) VALUES ('ui.case', '$v1') ON CONFLICT (name) DO UPDATE SET value = excluded.value"
keys q
wait_for "Enter open  n new"
expect_screen "[ Children's cases (20) ]"
expect_screen "> DEMO-C-003"

# DEMO-C-004 is withdrawn by another program while the list shows it complete.
keys j
wait_for "> DEMO-C-004"
screen | grep -F "> DEMO-C-004" | grep -qF "complete" || fail "not complete: $(screen)"
"$CASEREAD" withdraw "$F" DEMO-C-004 --reason "wrong service" >/dev/null || fail "withdraw"
owner=$(sql "$F" "SELECT owner FROM inspection")
# w and a reason typed ahead, in one burst: the list is read again, and the
# keys typed ahead are not run either.
type_text "$(printf 'wduplicate case\r')"
wait_for "the list is up to date now"
screen | grep -F "> DEMO-C-004" | grep -qF "withdrawn" || fail "row not read again: $(screen)"
expect_eq "$(sql "$F" "SELECT owner FROM inspection")" "$owner" "the inspector's name"
expect_eq "$(sql "$F" "SELECT withdrawn FROM cases WHERE ref = 'DEMO-C-004'")" "wrong service" "the reason given elsewhere"
expect_not_screen "Why withdraw"
expect_not_screen "your name"
# Pressed again, on the list as it is: w on a withdrawn case asks to reinstate.
keys w
wait_for "w again"
# Another window puts the inspector's name right (what its i writes): this
# one shows and records under the new name, and adds no inspector by the old.
sql "$F" "UPDATE inspector SET name = 'Amira K Patel' WHERE name = 'Amira Patel'; UPDATE inspection SET owner = 'Amira K Patel'"
keys k
wait_for "Inspector: Amira K Patel"
keys i
wait_for "Enter"
keys Escape
wait_for "your name stays Amira K Patel"
keys j
wait_for "> DEMO-C-005"
keys Enter
wait_for "Case DEMO-C-005 "
keys y
wait_for "saved "
expect_eq "$(sql "$F" "SELECT i.name FROM answer_history h JOIN inspector i ON i.id = h.inspector ORDER BY h.id DESC LIMIT 1")" "Amira K Patel" "who answered"
expect_eq "$(sql "$F" "SELECT count(*) FROM inspector WHERE name = 'Amira Patel'")" 0 "no inspector by the old name"
keys q
wait_for "Enter open  n new"
quit_ok
finish
