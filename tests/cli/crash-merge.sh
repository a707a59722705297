# kill -9 at fixed-seed moments during a caseread merge of five bundles: after
# each kill the lead's file passes PRAGMA integrity_check and holds all of the
# merge or none of it (its counts are those of a merge done without a kill, or
# those from before). CRASH_MERGE_ITERATIONS (default 20) kills.
. "$TESTS_SRCDIR/testlib.sh"

iterations=${CRASH_MERGE_ITERATIONS:-20}

# Five inspectors' files of 300 children's cases, each with its own references
# and inspector (as bench/run makes them), so that nothing conflicts.
bundles=
for i in 1 2 3 4 5; do
	f="$T/insp$i.caseread"
	"$CASEREAD" demo "$f" --children 300 --victims 0 --inspectors 1 \
	    --seed "$i" >/dev/null || fail "demo $i"
	sql "$f" "UPDATE cases SET ref = 'I$i-' || ref;
	    UPDATE inspector SET name = 'Inspector $i';
	    UPDATE inspection SET owner = 'Inspector $i';"
	expect_exit 0 "$CASEREAD" export "$f" -o "$T/insp$i.bundle"
	bundles="$bundles $T/insp$i.bundle"
done

# The lead already holds a few cases of their own.
base="$T/base.caseread"
"$CASEREAD" demo "$base" --children 10 --victims 2 --inspectors 1 \
    --seed 9 >/dev/null || fail "demo lead"
sql "$base" "UPDATE cases SET ref = 'L-' || ref;
    UPDATE inspector SET name = 'Lead'; UPDATE inspection SET owner = 'Lead';"

counts() {	# counts FILE: cases, answers, history, events, merges
	sql "$1" "SELECT (SELECT count(*) FROM cases) || ' ' ||
	    (SELECT count(*) FROM answer) || ' ' ||
	    (SELECT count(*) FROM answer_history) || ' ' ||
	    (SELECT count(*) FROM case_event) || ' ' ||
	    (SELECT count(*) FROM merge_log)"
}
before=$(counts "$base")

cp "$base" "$T/full.caseread"
# shellcheck disable=SC2086
expect_exit 0 "$CASEREAD" merge "$T/full.caseread" $bundles
after=$(counts "$T/full.caseread")
expect_eq "${after%% *}" $(( ${before%% *} + 1500 )) "cases after a whole merge"

# How long a whole merge takes here, to spread the kills across it.
cp "$base" "$T/timed.caseread"
t0=$(date +%s%N)
# shellcheck disable=SC2086
"$CASEREAD" merge "$T/timed.caseread" $bundles >/dev/null
span=$(( ($(date +%s%N) - t0) / 1000000 ))
awk -v n="$iterations" -v span="$span" 'BEGIN { srand(67);
	for (i = 0; i < n; i++) printf "%.3f\n", rand() * span * 1.2 / 1000 }' >"$T/delays"

kills=0
none=0
all=0
while read -r delay; do
	f="$T/k.caseread"
	rm -f "$f" "$f-wal" "$f-shm"
	cp "$base" "$f"
	# shellcheck disable=SC2086
	"$CASEREAD" merge "$f" $bundles >/dev/null 2>"$T/merge.err" &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	kills=$((kills + 1))
	ok=$(sql "$f" 'PRAGMA integrity_check' 2>&1)
	[ "$ok" = ok ] || fail "kill $kills after ${delay}s: integrity_check: $ok"
	got=$(counts "$f")
	if [ "$got" = "$before" ]; then
		none=$((none + 1))
	elif [ "$got" = "$after" ]; then
		all=$((all + 1))
	else
		fail "kill $kills after ${delay}s: counts '$got' (cases, answers," \
		    "history, events, merges): neither '$before' nor '$after'"
	fi
done <"$T/delays"
echo "crash-merge: $kills kills during a ${span} ms merge of 5 bundles of 300" \
    "cases survived: $none left nothing, $all left the whole merge, none left part of it"
expect_eq $((none + all)) "$kills" "kills accounted for"
finish
