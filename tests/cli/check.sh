# caseread check: reports schema and integrity of good files, refuses foreign,
# newer and damaged ones with what is wrong, and never writes to them.
. "$TESTS_SRCDIR/testlib.sh"

f="$T/a.caseread"
"$CASEREAD" init "$f" --service "Leeds YJS" --type iyjs --inspector ann >/dev/null
expect_exit 0 "$CASEREAD" check "$f"
expect_in "$T/out" "integrity: ok"
expect_in "$T/out" "inspection: Leeds YJS (iyjs)"
expect_in "$T/out" "schema: "

sql "$T/foreign.db" 'CREATE TABLE t(x)' >/dev/null
sum=$(md5sum < "$T/foreign.db")
expect_exit 1 "$CASEREAD" check "$T/foreign.db"
expect_in "$T/err" "is not a caseread file"
expect_eq "$(md5sum < "$T/foreign.db")" "$sum" "foreign file untouched"

cp "$f" "$T/newer.caseread"
sql "$T/newer.caseread" 'PRAGMA user_version = 999'
expect_exit 1 "$CASEREAD" check "$T/newer.caseread"
expect_in "$T/err" "written by a newer caseread"

head -c 3000 "$f" > "$T/truncated.caseread"
expect_exit 1 "$CASEREAD" check "$T/truncated.caseread"
expect_in "$T/err" "truncated.caseread"

expect_exit 1 "$CASEREAD" check "$T/none.caseread"
expect_in "$T/err" "No such file"
expect_exit 2 "$CASEREAD" check
finish
