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

# How long this build takes from start to its first save: a sanitizer build
# opens files several times slower, and kills that all land before the first
# save would test nothing. The kills spread over 0.08 s past it.
start_ms=$(date +%s%3N)
"$driver" "$f" 1 1 >"$T/first" 2>&1 || fail "the driver cannot save: $(cat "$T/first")"
first=$(( $(date +%s%3N) - start_ms ))
span=$(awk -v ms="$first" 'BEGIN { printf "%.3f", ms / 1000 + 0.08 }')
next=2

# Kill delays in seconds, 0 to that span, from a fixed seed: the same moments
# (in proportion) each run. Every 25th kill comes at once, with no sleep: it
# mostly lands before the driver has opened its output, let alone the file.
awk -v n="$iterations" -v s="$seed" -v span="$span" 'BEGIN { srand(s);
	for (i = 0; i < n; i++)
		if (i % 25 == 24) print "0"; else printf "%.3f\n", rand() * span }' \
	>"$T/delays"

kills=0
confirmed=0
midway=0
early=0
while read -r delay; do
	# The reports are read from files this shell empties before starting
	# the driver. The redirections alone would not do: they are made in the
	# child after fork, so a kill that lands first (a short delay, a busy
	# machine) leaves the last driver's reports there, to be read as this
	# one's and failed as lost saves.
	: >"$T/printed"
	: >"$T/driver.err"
	"$driver" "$f" "$next" 1000000 >>"$T/printed" 2>>"$T/driver.err" &
	pid=$!
	[ "$delay" = 0 ] || sleep "$delay"
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
	# Saves in the file from this run. A query that fails must fail the
	# test as that, not leave every report looking lost.
	sql "$f" "SELECT substr(new_note, 5) FROM answer_history WHERE
	    new_note LIKE 'seq %' AND CAST(substr(new_note, 5) AS INTEGER) >= $next" \
	    >"$T/saved" 2>"$T/sql.err" && ! [ -s "$T/sql.err" ] || {
		fail "iteration $kills: cannot read the saves: $(cat "$T/sql.err")"
		break
	}
	# Then the driver's reports: they must be next, next + 1, ... in order
	# (anything else is not this driver's and the harness is wrong), every
	# one must be in the file, and at most one save more (made, then killed
	# before it was reported). Prints: reported, unreported, newest.
	awk -v printed="$T/printed" -v first="$next" '
		{ saved[$1] = 1; if ($1 + 0 > max) max = $1 + 0 }
		END {
			while ((getline line < printed) > 0) {
				if (line != first + n) {
					print "foreign " line " (expected " first + n ")"
					bad = 1
					break
				}
				n++
				if (!(line in saved)) { print "missing " line; bad = 1 }
				delete saved[line]
			}
			for (k in saved) extra++
			print "counts", n + 0, extra + 0, max + 0
		}' "$T/saved" >"$T/verdict"
	grep '^foreign' "$T/verdict" >/dev/null &&
		fail "iteration $kills: the reports read are not this driver's: $(grep '^foreign' "$T/verdict")"
	grep '^missing' "$T/verdict" >/dev/null &&
		fail "iteration $kills: saves reported but not in the file: $(grep '^missing' "$T/verdict" | head -5 | tr '\n' ' ')"
	read -r _ n extra newest <<-EOT
	$(grep '^counts' "$T/verdict")
	EOT
	confirmed=$((confirmed + n))
	[ "$extra" -le 1 ] || fail "iteration $kills: $extra saves more than reported"
	[ "$extra" -eq 1 ] && midway=$((midway + 1))
	[ "$n" -eq 0 ] && [ "$extra" -eq 0 ] && early=$((early + 1))
	[ "$newest" -ge "$next" ] && next=$((newest + 1))
	[ "$FAILS" -eq 0 ] || break
done <"$T/delays"

expect_eq "$(sql "$f" 'PRAGMA integrity_check')" ok "final integrity_check"
# Each run's saves start just after the newest one in the file, so together
# they are 1 to next - 1 with none missing or twice.
expect_eq "$(sql "$f" "SELECT count(DISTINCT new_note) || ' ' || count(*) FROM
    answer_history WHERE new_note LIKE 'seq %'")" "$((next - 1)) $((next - 1))" \
    "saves in the file"
echo "crash: $kills kills survived; $confirmed saves reported and all present;" \
    "$midway kills came after a save was written but before it was reported" \
    "(it was kept all the same); $early before anything was saved"
[ "$confirmed" -gt 0 ] || fail "the driver never got to save anything"
finish
