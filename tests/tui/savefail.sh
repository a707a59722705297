# A save that fails (another program holds the file's write lock) shows the db
# layer's message, does not show the answer as saved, and leaves the screen
# usable: the same key saves once the lock has gone.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "L-1"
n=$(applicable)
# Hold the write lock far longer than caseread's three-second busy timeout;
# the holder waits its turn if caseread happens to be writing (its position)
# at that moment, rather than giving up at once.
"${SQLITE3:-sqlite3}" "$F" "PRAGMA busy_timeout = 20000; BEGIN IMMEDIATE; WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c; COMMIT;" >/dev/null 2>&1 &
holder=$!
_n=0
until [ "$("${SQLITE3:-sqlite3}" "$F" "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;" 2>&1 | grep -c locked)" -gt 0 ] || [ $_n -gt 400 ]; do
	sleep 0.05
	_n=$((_n + 1))
done
[ $_n -le 400 ] || fail "the lock holder never took the lock"
keys y
wait_for "error:" 15
expect_screen "locked"
expect_screen " 0/$n answered"
expect_screen "Answer: not answered"
expect_screen "question 1 of $n"
kill "$holder"
wait "$holder" 2>/dev/null
keys y
wait_for "saved 2.1.1.1: yes"
expect_screen " 1/$n answered"
expect_eq "$(sql "$F" "SELECT value FROM answer WHERE question = '2.1.1.1'")" yes "answer after the lock"
keys q
wait_for "Children's cases (1)"
quit_ok
finish
