# Faults from the command line: a file locked by another program (a clear
# "locked" within seconds, nothing written), damaged files (truncated, bytes
# flipped at fixed-seed offsets) that caseread check refuses or reports without
# touching them, a file size limit during init, owner-only files with umask 000,
# and input that looks like SQL stored as it was typed.
. "$TESTS_SRCDIR/testlib.sh"

f="$T/a.caseread"
"$CASEREAD" init "$f" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null

now_ms() { date +%s%3N; }

# --- another program holds the file ------------------------------------------
mkfifo "$T/fifo"
"${SQLITE3:-sqlite3}" "$f" <"$T/fifo" >"$T/holder.out" 2>&1 &
holder=$!
exec 3>"$T/fifo"
# The holder waits out our probes below: without a busy timeout, a probe that
# reads at the moment it begins makes its BEGIN fail, and it never holds the lock.
echo "PRAGMA busy_timeout = 10000; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO setting VALUES ('held', 'x');" >&3
i=0
while sql "$f" 'PRAGMA busy_timeout = 0; SELECT count(*) FROM setting' >/dev/null 2>&1; do
	i=$((i + 1))
	[ "$i" -lt 400 ] || { fail "the other program never took the lock: $(cat "$T/holder.out")"; break; }
	sleep 0.05
done
t0=$(now_ms)
expect_exit 1 "$CASEREAD" check "$f"
took=$(( $(now_ms) - t0 ))
expect_in "$T/err" "database is locked"
expect_in "$T/err" "$f"
[ "$took" -lt 8000 ] || fail "check took ${took} ms to say locked"
expect_exit 1 "$CASEREAD" backup "$f"
expect_in "$T/err" "locked"
[ ! -e "$f.backups" ] || [ -z "$(ls "$f.backups")" ] || fail "backup made of a locked file"
echo "ROLLBACK;" >&3
exec 3>&-
wait "$holder"
expect_eq "$(sql "$f" "SELECT count(*) FROM setting WHERE name = 'held'")" 0 "held row gone"
expect_exit 0 "$CASEREAD" check "$f"
echo "locked: check answered in ${took} ms"

# A writer in the middle of a transaction does not stop reading (WAL).
"${SQLITE3:-sqlite3}" "$f" <"$T/fifo" >/dev/null 2>&1 &
holder=$!
exec 3>"$T/fifo"
echo "BEGIN IMMEDIATE; INSERT INTO setting VALUES ('w', 'x');" >&3
sleep 0.2
expect_exit 0 "$CASEREAD" check "$f"
expect_in "$T/out" "integrity: ok"
echo "ROLLBACK;" >&3
exec 3>&-
wait "$holder"

# --- damaged files -------------------------------------------------------------
# Refused or reported, never changed, nothing left beside them, never a crash.
sum_of() { md5sum <"$1" | cut -d' ' -f1; }
check_damaged() {	# check_damaged FILE WHAT
	before=$(sum_of "$1")
	"$CASEREAD" check "$1" >"$T/out" 2>"$T/err"
	rc=$?
	case $rc in
	0) refused_or_not=clean ;;
	1) refused_or_not=caught ;;
	*) fail "$2: caseread check exited $rc: $(cat "$T/err")"; return ;;
	esac
	[ "$(sum_of "$1")" = "$before" ] || fail "$2: caseread check changed the file"
	[ ! -e "$1-wal" ] && [ ! -e "$1-shm" ] || fail "$2: -wal or -shm left beside it"
	if [ "$rc" -eq 1 ] && [ ! -s "$T/err" ] && ! grep -q '^integrity:' "$T/out"; then
		fail "$2: exit 1 with nothing said"
	fi
	[ "$(wc -l <"$T/err")" -le 1 ] || fail "$2: more than one line on stderr: $(cat "$T/err")"
}

for i in 1 2 3 4 5 6 7 8 9 10; do
	sql "$f" "INSERT INTO setting VALUES ('pad$i', hex(randomblob(900)))"
done
size=$(wc -c <"$f")
caught=0
for cut in 0 1 99 100 101 4095 4096 4097 $((size / 2)) $((size - 4096)) $((size - 1)); do
	head -c "$cut" "$f" >"$T/cut.caseread"
	check_damaged "$T/cut.caseread" "cut at $cut"
	[ "$refused_or_not" = caught ] || fail "cut at $cut of $size bytes not noticed"
	rm -f "$T/cut.caseread"
done

# Bytes flipped at offsets from a fixed seed, 1-4 per file.
iterations=${FAULT_CLI_ITERATIONS:-60}
awk -v n="$iterations" -v size="$size" 'BEGIN { srand(20250601);
	for (i = 0; i < n; i++) {
		k = 1 + int(rand() * 4); line = ""
		for (j = 0; j < k; j++) {
			off = rand() < 0.5 ? int(rand() * 8192) : int(rand() * size)
			line = line " " off ":" (1 + int(rand() * 255))
		}
		print line
	} }' >"$T/flips"
tried=0
while read -r flips; do
	cp "$f" "$T/flip.caseread"
	for fv in $flips; do
		off=${fv%%:*}
		val=${fv#*:}
		# shellcheck disable=SC2059
		printf "\\$(printf %03o "$val")" |
		    dd of="$T/flip.caseread" bs=1 seek="$off" conv=notrunc 2>/dev/null
	done
	tried=$((tried + 1))
	check_damaged "$T/flip.caseread" "flips$flips"
	[ "$refused_or_not" = caught ] && caught=$((caught + 1))
	rm -f "$T/flip.caseread"
	[ "$FAILS" -eq 0 ] || break
done <"$T/flips"
echo "damaged: $tried files with flipped bytes, $caught refused or reported, the rest clean (damage in row data)"

# --- a file size limit while creating: nothing half-made left ------------------
(trap '' XFSZ; ulimit -f 40; exec "$CASEREAD" init "$T/small.caseread" --service S --type iyjs) \
    >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 1 ] || fail "init under a size limit exited $rc: $(cat "$T/err")"
expect_in "$T/err" "small.caseread"
[ ! -e "$T/small.caseread" ] || fail "init left a half-made file"

# --- owner-only files, whatever the umask --------------------------------------
(umask 000 && "$CASEREAD" init "$T/u.caseread" --service S --type iyjs >/dev/null &&
    "$CASEREAD" backup "$T/u.caseread" >/dev/null)
expect_eq "$(stat -c %a "$T/u.caseread")" 600 "inspection mode under umask 000"
expect_eq "$(stat -c %a "$T/u.caseread.backups")" 700 "backup folder mode"
expect_eq "$(stat -c %a "$T/u.caseread.backups/"*)" 600 "backup mode"

# --- input that looks like SQL is stored as typed --------------------------------
evil="'; DROP TABLE cases; --"
expect_exit 0 "$CASEREAD" init "$T/e.caseread" --service "$evil" --type iyjs \
    --inspector "Robert'); DROP TABLE answer;--"
expect_exit 0 "$CASEREAD" check "$T/e.caseread"
expect_in "$T/out" "inspection: $evil (iyjs), owner Robert'); DROP TABLE answer;--"
expect_eq "$(sql "$T/e.caseread" "SELECT count(*) FROM sqlite_master WHERE name IN ('cases', 'answer')")" 2 "tables intact"
finish
