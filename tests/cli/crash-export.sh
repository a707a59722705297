# kill -9 during caseread export leaves a hidden temporary full of case data
# beside the target (the bundle's with its -journal): the next export to the
# same target removes it, and only it. CRASH_EXPORT_ITERATIONS (default 5)
# kills, each while a temporary is there to be left behind.
. "$TESTS_SRCDIR/testlib.sh"

iterations=${CRASH_EXPORT_ITERATIONS:-5}

# Big enough that an export takes a good fraction of a second.
f="$T/big.caseread"
"$CASEREAD" demo "$f" --children 1500 --victims 100 --inspectors 1 \
    --seed 3 >/dev/null || fail "demo"

# temporaries DIR NAME: the temporaries of target NAME in DIR, one a line.
temporaries() {
	LC_ALL=C ls -A "$1" | grep -E "^\\.$2\\.[A-Za-z0-9]{6}(-journal)?\$"
}

# kill_during FORMAT DIR NAME: start an export, kill -9 it once its temporary
# appears. 0 when it was killed so, 1 when it finished first.
kill_during() {
	"$CASEREAD" export "$f" --format "$1" -o "$2/$3" >/dev/null 2>&1 &
	pid=$!
	n=0
	while [ -z "$(temporaries "$2" "$3")" ] && [ $n -lt 20000 ]; do
		n=$((n + 1))
	done
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ $? -eq 137 ]
}

for format in bundle csv json; do
	d="$T/$format"
	mkdir "$d"
	kills=0
	tries=0
	while [ $kills -lt "$iterations" ] && [ $tries -lt $((iterations * 10)) ]; do
		tries=$((tries + 1))
		# Each kill in a directory of its own, so the next export's sweep
		# does not hide what this one left.
		mkdir "$d/$tries"
		kill_during "$format" "$d/$tries" "out.$format" || continue
		left=$(temporaries "$d/$tries" "out.$format")
		[ -n "$left" ] || continue
		kills=$((kills + 1))
		[ -e "$d/$tries/out.$format" ] && fail "$format: a killed export left its target"
		expect_exit 0 "$CASEREAD" export "$f" --format "$format" -o "$d/$tries/out.$format"
		left=$(temporaries "$d/$tries" "out.$format")
		[ -z "$left" ] || fail "$format: the next export left $left"
		expect_eq "$(LC_ALL=C ls -A "$d/$tries")" "out.$format" "$format: what is left after the sweep"
		if [ "$format" = bundle ]; then
			expect_eq "$(sql "$d/$tries/out.bundle" 'PRAGMA integrity_check')" \
			    ok "bundle exported over a killed one's temporary"
		fi
	done
	[ $kills -eq "$iterations" ] ||
		fail "$format: only $kills of $iterations kills caught a temporary in $tries tries"
done
finish
