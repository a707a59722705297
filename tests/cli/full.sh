# Standard output that cannot be written (> /dev/full): every command that
# prints results exits 1 with one line on standard error saying so, instead of
# 0 with the results lost; merge says that its merge was committed all the same.
. "$TESTS_SRCDIR/testlib.sh"

[ -w /dev/full ] || { echo "no /dev/full here: skipped" >&2; exit 77; }

# full CODE CMD...: run CMD with standard output on /dev/full.
full() {
	want=$1
	shift
	"$@" >/dev/full 2>"$T/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "'$* > /dev/full' exited $got, expected $want: $(cat "$T/err")"
	[ "$(wc -l < "$T/err")" -eq 1 ] || fail "'$* > /dev/full' said not one line: $(cat "$T/err")"
}

f="$T/ann.caseread"
"$CASEREAD" demo "$f" --children 30 --victims 5 --inspectors 1 --seed 4 >/dev/null || fail "demo"
nospace="No space left on device"

# --- export ----------------------------------------------------------------------
full 1 "$CASEREAD" export "$f" -o "$T/ann.bundle"
expect_in "$T/err" "caseread: cannot write the report: $nospace (the export to '$T/ann.bundle' is complete)"
expect_eq "$(sql "$T/ann.bundle" 'PRAGMA integrity_check')" ok "the bundle written all the same"
full 1 "$CASEREAD" export "$f" --format csv -o "$T/ann.csv"
expect_in "$T/err" "caseread: cannot write the report: $nospace (the export to '$T/ann.csv' is complete)"
for format in csv json; do
	full 1 "$CASEREAD" export "$f" --format "$format" -o -
	expect_in "$T/err" "caseread: cannot write the export to standard output: $nospace"
done
LC_ALL=C ls -A "$T" | grep -q '^\.' && fail "a temporary was left: $(ls -A "$T")"

# --- tally and check -------------------------------------------------------------
for format in text json csv; do
	full 1 "$CASEREAD" tally "$f" --format "$format"
	expect_in "$T/err" "caseread: cannot write the report: $nospace"
	full 1 "$CASEREAD" tally "$f" --format "$format" --by inspector
	expect_in "$T/err" "caseread: cannot write the report: $nospace"
done
full 1 "$CASEREAD" check "$f"
expect_in "$T/err" "caseread: cannot write the report: $nospace"

# --- merge -----------------------------------------------------------------------
lead="$T/lead.caseread"
"$CASEREAD" init "$lead" --service "$(sql "$f" 'SELECT service FROM inspection')" \
    --type "$(sql "$f" 'SELECT type FROM inspection')" --inspector Lead >/dev/null
full 1 "$CASEREAD" merge "$lead" "$T/ann.bundle"
expect_in "$T/err" "caseread: cannot write the report: $nospace; the merge into '$lead' was committed all the same"
expect_eq "$(sql "$lead" 'SELECT count(*) FROM merge_log')" 1 "merge committed though its report was lost"
expect_eq "$(sql "$lead" 'SELECT count(*) FROM cases')" 35 "cases merged"
expect_exit 0 "$CASEREAD" check "$lead"
expect_in "$T/out" "merges: 1"

# A refused merge (Bob read one of Ann's cases too) is reported as refused,
# whatever became of its report.
"$CASEREAD" init "$T/other.caseread" --service "$(sql "$f" 'SELECT service FROM inspection')" \
    --type "$(sql "$f" 'SELECT type FROM inspection')" --inspector Bob >/dev/null
ref=$(sql "$f" "SELECT ref FROM cases WHERE kind = 'child' LIMIT 1")
sql "$T/other.caseread" "INSERT INTO cases (kind, ref, case_type, inspector,
    created_at, updated_at) VALUES ('child', '$ref', 'court', 1, 'x', 'x')"
expect_exit 0 "$CASEREAD" export "$T/other.caseread" -o "$T/bob.bundle"
full 1 "$CASEREAD" merge "$lead" "$T/bob.bundle"
expect_in "$T/err" "merge refused, nothing written"
expect_eq "$(sql "$lead" 'SELECT count(*) FROM merge_log')" 1 "refused merge wrote nothing"

# The same commands with a writable standard output still succeed.
expect_exit 0 "$CASEREAD" tally "$f" --format json
expect_exit 0 "$CASEREAD" export "$f" --format csv -o -
[ -s "$T/err" ] && fail "export to stdout said: $(cat "$T/err")"
finish
