# caseread demo: a demonstration inspection with the asked-for cases, the same
# for the same seed; an existing caseread file is left alone (exit 0), anything
# else refused.
. "$TESTS_SRCDIR/testlib.sh"

d="$T/demo.caseread"
expect_exit 0 "$CASEREAD" demo "$d"
expect_in "$T/out" "20 children's and 9 victims' cases"
expect_eq "$(sql "$d" "SELECT count(*) FROM cases WHERE kind = 'child'")" 20 "children"
expect_eq "$(sql "$d" "SELECT count(*) FROM cases WHERE kind = 'victim'")" 9 "victims"
expect_eq "$(sql "$d" "SELECT min(ref) FROM cases WHERE kind = 'child'")" DEMO-C-001 "reference"
expect_eq "$(sql "$d" "SELECT count(DISTINCT case_type) FROM cases WHERE kind = 'child'")" 4 "mixed types"
n=$(sql "$d" "SELECT count(DISTINCT inspector) FROM cases")
[ "$n" -ge 2 ] && [ "$n" -le 3 ] || fail "demo inspectors: $n"
n=$(sql "$d" "SELECT count(*) FROM answer WHERE value IS NOT NULL")
[ "$n" -gt 500 ] || fail "demo answers: $n"
n=$(sql "$d" "SELECT count(*) FROM answer WHERE note <> ''")
[ "$n" -gt 100 ] || fail "demo notes: $n"
n=$(sql "$d" "SELECT count(*) FROM cases WHERE status = 'draft'")
[ "$n" -ge 1 ] && [ "$n" -lt 29 ] || fail "demo drafts: $n"
expect_eq "$(stat -c %a "$d")" 600 "mode"
"$CASEREAD" check "$d" >/dev/null || fail "demo file fails caseread check"

# Twice: the quick start's second run leaves the file as it is.
sum=$(md5sum < "$d")
expect_exit 0 "$CASEREAD" demo "$d"
expect_in "$T/out" "already exists"
expect_eq "$(md5sum < "$d")" "$sum" "existing demo untouched"

echo "not a database" > "$T/other"
expect_exit 1 "$CASEREAD" demo "$T/other"
expect_eq "$(cat "$T/other")" "not a database" "foreign file untouched"

# The same seed, the same answers; another seed, others.
answers() { sql "$1" "SELECT group_concat(c.ref || c.case_type || a.question || coalesce(a.value, ''), ',') FROM answer a JOIN cases c ON c.id = a.case_id"; }
expect_exit 0 "$CASEREAD" demo "$T/s1.caseread" --children 30 --victims 12 --inspectors 2 --seed 7
expect_exit 0 "$CASEREAD" demo "$T/s2.caseread" --children 30 --victims 12 --inspectors 2 --seed 7
expect_exit 0 "$CASEREAD" demo "$T/s3.caseread" --children 30 --victims 12 --inspectors 2 --seed 8
expect_eq "$(answers "$T/s1.caseread")" "$(answers "$T/s2.caseread")" "same seed"
[ "$(answers "$T/s1.caseread")" != "$(answers "$T/s3.caseread")" ] || fail "seeds 7 and 8 gave the same answers"
expect_eq "$(sql "$T/s1.caseread" "SELECT count(DISTINCT inspector) FROM cases")" 2 "two inspectors"
expect_eq "$(sql "$T/s1.caseread" "SELECT count(*) FROM cases")" 42 "cases"

"$CASEREAD" tally "$d" --format json > "$T/t.json" || fail "tally of the demo"
python3 -m json.tool "$T/t.json" >/dev/null || fail "demo tally JSON"

expect_exit 2 "$CASEREAD" demo "$T/x.caseread" --children lots
expect_exit 2 "$CASEREAD" demo "$T/x.caseread" --inspectors 0
[ ! -e "$T/x.caseread" ] || fail "a refused demo left a file"
finish
