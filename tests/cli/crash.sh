# kill -9 at random moments (fixed seed) while tests/crashdriver saves answers,
# CRASH_ITERATIONS times (default 200): afterwards the file passes caseread check
# and integrity_check, and every save the driver reported is in it.
# tests/long/crash.sh runs this with many more iterations.
. "$TESTS_SRCDIR/testlib.sh"

driver=${CRASHDRIVER:-$(dirname "$CASEREAD")/tests/crashdriver}
iterations=${CRASH_ITERATIONS:-200}
seed=${CRASH_SEED:-6}
f="$T/crash.caseread"
"$CASEREAD" init "$f" --service "Crash YJS" --type iyjwcv --inspector ann >/dev/null

# Kill delays in seconds, 0 to 0.08, from a fixed seed: the same moments each run.
awk -v n="$iterations" -v s="$seed" 'BEGIN { srand(s);
	for (i = 0; i < n; i++) printf "%.3f\n", rand() * 0.08 }' >"$T/delays"

next=1
kills=0
confirmed=0
midway=0
while read -r delay; do
	"$driver" "$f" "$next" 1000000 >"$T/printed" 2>"$T/driver.err" &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	kills=$((kills + 1))
	[ "$rc" -eq 137 ] || fail "iteration $kills: driver exited $rc, not killed: $(cat "$T/driver.err")"
	[ -s "$T/driver.err" ] && fail "iteration $kills: driver said: $(cat "$T/driver.err")"

	"$CASEREAD" check "$f" >"$T/check.out" 2>"$T/check.err" ||
		fail "iteration $kills: caseread check failed: $(cat "$T/check.err")"
	grep -q '^integrity: ok' "$T/check.out" ||
		fail "iteration $kills: $(cat "$T/check.out")"
	# Saves in the file from this run, then the driver's reports: every
	# report must be there, and at most one save more (made, then killed
	# before it was reported). Prints: reported, unreported, newest.
	sql "$f" "SELECT substr(new_note, 5) FROM answer_history WHERE
	    new_note LIKE 'seq %' AND CAST(substr(new_note, 5) AS INTEGER) >= $next" |
	    awk -v printed="$T/printed" '
		{ saved[$1] = 1; if ($1 + 0 > max) max = $1 + 0 }
		END {
			while ((getline line < printed) > 0) {
				n++
				if (!(line in saved)) { print "missing " line; bad = 1 }
				delete saved[line]
			}
			for (k in saved) extra++
			print "counts", n + 0, extra + 0, max + 0
		}' >"$T/verdict"
	grep '^missing' "$T/verdict" >/dev/null &&
		fail "iteration $kills: saves reported but not in the file: $(grep '^missing' "$T/verdict" | head -5 | tr '\n' ' ')"
	read -r _ n extra newest <<-EOT
	$(grep '^counts' "$T/verdict")
	EOT
	confirmed=$((confirmed + n))
	[ "$extra" -le 1 ] || fail "iteration $kills: $extra saves more than reported"
	[ "$extra" -eq 1 ] && midway=$((midway + 1))
	[ "$newest" -ge "$next" ] && next=$((newest + 1))
	[ "$FAILS" -eq 0 ] || break
done <"$T/delays"

expect_eq "$(sql "$f" 'PRAGMA integrity_check')" ok "final integrity_check"
echo "crash: $kills kills survived; $confirmed saves reported and all present;" \
    "$midway kills came after a save was written but before it was reported" \
    "(it was kept all the same)"
[ "$confirmed" -gt 0 ] || fail "the driver never got to save anything"
finish
