# kill -9 at fixed-seed moments during a large caseread import: afterwards the
# file passes caseread check and holds all of the import or none of it.
# CRASH_IMPORT_ITERATIONS (default 25) kills.
. "$TESTS_SRCDIR/testlib.sh"

iterations=${CRASH_IMPORT_ITERATIONS:-25}
base="$T/base.caseread"
"$CASEREAD" init "$base" --service "Crash YJS" --type iyjwcv --inspector ann >/dev/null

# 300 children's cases, 20 answers each: 6000 rows in one transaction.
awk 'BEGIN {
	print "case_ref,case_kind,case_type,question,answer,note"
	split("2.1.1.1 2.1.1.2 2.1.1.3 2.1.1 2.1.2.1 2.1.2.2 2.1.2 2.2.1.1 2.2.1.2 2.2.1 2.2.2.1 2.2.2 2.3.1.1 2.3.1.2 2.3.1 2.3.2.1 2.3.2.2 2.3.2 2.1.1.4 2.2.2.2", q, " ")
	for (c = 1; c <= 300; c++)
		for (i = 1; i <= 20; i++)
			printf "IMP-%03d,child,court,%s,%s,\"evidence for case %d, question %s\"\n", c, q[i], (c + i) % 3 ? "yes" : "no", c, q[i]
}' >"$T/big.csv"
cp "$base" "$T/full.caseread"
expect_exit 0 "$CASEREAD" import "$T/full.caseread" "$T/big.csv"
want_cases=$(sql "$T/full.caseread" 'SELECT count(*) FROM cases')
want_answers=$(sql "$T/full.caseread" 'SELECT count(*) FROM answer')
expect_eq "$want_cases" 300 "cases in a whole import"

# How long a whole import takes here, to spread the kills across it.
t0=$(date +%s%N)
cp "$base" "$T/timed.caseread"
"$CASEREAD" import "$T/timed.caseread" "$T/big.csv" >/dev/null
span=$(( ($(date +%s%N) - t0) / 1000000 ))
awk -v n="$iterations" -v span="$span" 'BEGIN { srand(61);
	for (i = 0; i < n; i++) printf "%.3f\n", rand() * span * 1.2 / 1000 }' >"$T/delays"

kills=0
none=0
all=0
while read -r delay; do
	f="$T/k.caseread"
	rm -f "$f" "$f-wal" "$f-shm"
	cp "$base" "$f"
	"$CASEREAD" import "$f" "$T/big.csv" >/dev/null 2>"$T/import.err" &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	kills=$((kills + 1))
	"$CASEREAD" check "$f" >"$T/check.out" 2>"$T/check.err" ||
		fail "kill $kills: caseread check failed: $(cat "$T/check.err")"
	cases=$(sql "$f" 'SELECT count(*) FROM cases')
	answers=$(sql "$f" 'SELECT count(*) FROM answer')
	if [ "$cases" -eq 0 ] && [ "$answers" -eq 0 ]; then
		none=$((none + 1))
	elif [ "$cases" -eq "$want_cases" ] && [ "$answers" -eq "$want_answers" ]; then
		all=$((all + 1))
	else
		fail "kill $kills after ${delay}s: $cases cases and $answers answers: part of an import"
	fi
done <"$T/delays"
echo "crash-import: $kills kills during a ${span} ms import of 6000 rows survived:" \
    "$none left nothing, $all left the whole import, none left part of it"
finish
