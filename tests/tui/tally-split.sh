# In the tally, b splits the key questions by reading inspector, then by case
# type, then back to the whole inspection; the counts are the tally command's.
. "$TESTS_SRCDIR/tui/tuilib.sh"

F="$T/d.caseread"
"$CASEREAD" demo "$F" --inspectors 2 >/dev/null || fail "demo failed"
"$CASEREAD" tally "$F" --by inspector --format json >"$T/by.json" ||
	fail "tally --by inspector failed"
# The first inspector's name and their 2.1.1 as "yes/applicable".
python3 - "$T/by.json" >"$T/want" <<'PY' || fail "cannot read the tally JSON"
import json, sys
by = json.load(open(sys.argv[1]))["by"]
name = next(iter(by))
k = by[name]["2.1.1"]
print(name)
print("%d/%d" % (k["yes"], k["applicable"]))
PY
name=$(sed -n 1p "$T/want")
count=$(sed -n 2p "$T/want")
[ -n "$name" ] && [ -n "$count" ] || fail "no inspector in the tally JSON"

start -- "$F"
wait_for "Children's cases (20)"
keys t
wait_for "Tally: "
keys b
wait_for "Tally by inspector"
wait_for "Inspector $name:"
# The 2.1.1 line after that inspector's heading.
got=$(screen | sed -n "/Inspector $name:/,\$p" | grep -m 1 '^ *2\.1\.1 ' |
	awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\/[0-9]+$/) { print $i; exit } }')
[ "$got" = "$count" ] || fail "2.1.1 for $name: screen '$got', tally '$count':
$(screen)"
keys b
wait_for "Tally by case type"
wait_for "Case type "
keys b
wait_for "Overall:"
expect_not_screen "Tally by"
keys '?'
wait_for "split the key questions"
keys q
wait_for "Overall:"
keys q
wait_for "Children's cases (20)"
quit_ok
finish
