# A file of a few thousand cases (issue 7): the overview fetches only the rows it
# shows, yet counts, paging to the end, search, grouping by inspector and coming
# back to the same case behave as with a small file. Built with SQL, not the UI.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
TS="2025-03-01T09:00:00.000Z"
# 3,000 cases L-00001.. (every tenth a victim's), every seventh read by a second
# inspector, every third child's with one answer.
sql "$F" "
BEGIN;
INSERT INTO inspector (name) VALUES ('Zoe Grey');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO cases (id, kind, ref, case_type, manager, inspector, macd, contact,
    status, created_at, updated_at)
SELECT i, CASE WHEN i % 10 = 0 THEN 'victim' ELSE 'child' END,
    printf('L-%05d', i),
    CASE WHEN i % 10 = 0 THEN NULL ELSE 'court' END, 'AB',
    (SELECT id FROM inspector WHERE name = CASE WHEN i % 7 = 0 THEN
        'Zoe Grey' ELSE 'Ann Smith' END),
    0, CASE WHEN i % 10 = 0 THEN 'file' END, 'draft', '$TS', '$TS' FROM n;
INSERT INTO answer (case_id, question, value, note, inspector, updated_at)
SELECT id, '2.1.1', 'yes', '', inspector, '$TS' FROM cases
WHERE kind = 'child' AND id % 3 = 0;
COMMIT;" || fail "cannot fill the file"

start -- "$F"
wait_for "[ Children's cases (2700) ]"
expect_screen "Victims' cases (300)"
expect_screen "> L-00001 "
# Progress of the rows shown: answered ones in progress, the others not started.
screen | grep -q "L-00003 .* 1/[0-9]* *in progress" ||
    fail "L-00003 lacks its progress: $(screen)"
screen | grep -q "L-00002 .* 0/[0-9]* *not started" ||
    fail "L-00002 lacks its progress: $(screen)"

keys NPage
wait_for "> L-00016 "
keys End
wait_for "> L-02999 "
expect_screen "L-02998 "
keys NPage
wait_for "> L-02999 "
keys PPage
wait_for "> L-02984 "
keys Up
wait_for "> L-02983 "
keys Home
wait_for "> L-00001 "

# A search finds a case deep in the list; Enter opens it.
keys /
wait_for "Search reference:"
type_text "2457"
wait_for "[ Children's cases (1) ]"
expect_screen "L-02457 "
keys Enter
wait_for 'Showing references containing "2457"'
keys Enter
wait_for "Case L-02457 "
keys q
wait_for "> L-02457 "
# Clearing the search keeps the selection on that case among all 2,700.
keys Escape
wait_for "[ Children's cases (2700) ]"
expect_screen "> L-02457 "
keys Down
wait_for "> L-02458 "
keys Up
wait_for "> L-02457 "

# Grouped by inspector: Ann Smith's cases, then Zoe Grey's (L-02457 is hers).
keys s
wait_for "grouped by inspector"
expect_screen "> L-02457 "
expect_screen "Zoe Grey"
keys End
wait_for "> L-02996 "
keys Home
wait_for "> L-00001 "
expect_screen "Ann Smith"
keys s
wait_for "cases sorted by reference"
expect_screen "> L-00001 "

# A victim's reference: the search moves to the list that has it.
keys /
type_text "02460"
keys Enter
wait_for "[ Victims' cases (1) ]"
expect_screen "> L-02460 "
keys Escape
wait_for "[ Victims' cases (300) ]"
expect_screen "> L-02460 "
quit_ok

# Reopened, caseread comes back to the case last read, in its list.
start -- "$F"
wait_for "[ Children's cases (2700) ]"
expect_screen "> L-02457 "
quit_ok
finish
