# caseread merge, as the lead inspector types it: three inspectors' bundles
# become one inspection whose answers are the union and whose tally is the sum;
# merging again changes nothing; a newer bundle updates; two inspectors on one
# case stop the merge until --keep; bad bundles are refused with the lead's
# file byte for byte as it was.
. "$TESTS_SRCDIR/testlib.sh"

svc="Wakefield YJS"
keys="2.1.1 2.1.2 2.2.1 2.2.2 2.3.1 2.3.2"

# csv_for NAME N VALUES...: N children's cases NAME-1.. answering the key
# questions in turn from VALUES, plus one victim's case.
csv_for() {
	name=$1 n=$2
	shift 2
	echo 'case_ref,case_kind,case_type,question,answer,note'
	i=1 k=0
	set -- "$@"
	vals="$*"
	while [ "$i" -le "$n" ]; do
		for q in $keys; do
			k=$((k + 1))
			v=$(echo "$vals" | awk -v k="$k" '{ print $((k - 1) % NF + 1) }')
			echo "$name-$i,child,court,$q,$v,\"Seen by $name, case $i: \"\"$q\"\"\""
		done
		i=$((i + 1))
	done
	echo "$name-V,victim,,V1.1,yes,Victim contacted"
}

for who in ann bea cal; do
	"$CASEREAD" init "$T/$who.caseread" --service "$svc" --type iyjwcv --inspector "$who" >/dev/null
done
csv_for ann 3 yes yes no > "$T/ann.csv"
csv_for bea 4 yes no > "$T/bea.csv"
csv_for cal 2 no no yes na > "$T/cal.csv"
for who in ann bea cal; do
	expect_exit 0 "$CASEREAD" import "$T/$who.caseread" "$T/$who.csv"
	expect_exit 0 "$CASEREAD" export "$T/$who.caseread" -o "$T/$who.bundle"
done
"$CASEREAD" init "$T/lead.caseread" --service "$svc" --type iyjwcv --inspector lee >/dev/null
lead="$T/lead.caseread"

# --- round trip ----------------------------------------------------------------
expect_exit 0 "$CASEREAD" merge "$lead" "$T/ann.bundle" "$T/bea.bundle" "$T/cal.bundle"
expect_in "$T/out" "merged '$T/ann.bundle' (ann, exported "
grep -qE "^merged '.*ann.bundle' \(ann, exported [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2} (GMT|BST)\)" "$T/out" ||
    fail "the export's time not in UK local time: $(cat "$T/out")"
expect_in "$T/out" "): 4 added, 0 updated, 0 unchanged"
expect_in "$T/out" "): 5 added, 0 updated, 0 unchanged"
expect_in "$T/out" "): 3 added, 0 updated, 0 unchanged"
q='SELECT c.kind, c.ref, i.name, a.question, coalesce(a.value, ""), a.note FROM cases c JOIN inspector i ON i.id = c.inspector JOIN answer a ON a.case_id = c.id'
union=$(for who in ann bea cal; do sql "$T/$who.caseread" "$q"; done | sort)
expect_eq "$(sql "$lead" "$q" | sort)" "$union" "merged answers are the union"
expect_eq "$(sql "$lead" 'SELECT count(*) FROM answer_history')" \
	"$(for who in ann bea cal; do sql "$T/$who.caseread" 'SELECT count(*) FROM answer_history'; done | awk '{ s += $1 } END { print s }')" \
	"history rows"

# The lead's tally is the sum of the inspectors' tallies.
for who in ann bea cal lead; do
	"$CASEREAD" tally "$T/$who.caseread" --format json > "$T/$who.tally.json" || fail "tally $who"
done
python3 - "$T" <<'EOF' || fail "lead's tally is not the sum of the inspectors'"
import json, sys
t = sys.argv[1]
load = lambda w: json.load(open(f"{t}/{w}.tally.json"))
lead, parts = load("lead"), [load(w) for w in ("ann", "bea", "cal")]
for q, got in lead["key_questions"].items():
    for f in ("yes", "no", "na", "unanswered", "applicable"):
        want = sum(p["key_questions"][q][f] for p in parts)
        if got[f] != want:
            sys.exit(f"{q} {f}: lead {got[f]}, sum {want}")
for f in ("children", "victims"):
    if lead["cases"][f] != sum(p["cases"][f] for p in parts):
        sys.exit(f"cases {f}")
EOF
"$CASEREAD" tally "$lead" --by inspector > "$T/by.txt" 2>&1 || fail "tally --by inspector"
expect_in "$T/by.txt" "bea"

# --- idempotent ----------------------------------------------------------------
before=$(sql "$lead" "$q" | sort)
expect_exit 0 "$CASEREAD" merge "$lead" "$T/ann.bundle" "$T/bea.bundle" "$T/cal.bundle" "$T/ann.bundle"
expect_in "$T/out" "): 0 added, 0 updated, 4 unchanged"
expect_not_in "$T/out" "1 added"
expect_eq "$(sql "$lead" "$q" | sort)" "$before" "answers after merging again"
expect_eq "$(sql "$lead" 'SELECT count(*) FROM answer_history')" \
	"$(for who in ann bea cal; do sql "$T/$who.caseread" 'SELECT count(*) FROM answer_history'; done | awk '{ s += $1 } END { print s }')" \
	"history rows after merging again"

# --- a newer bundle updates ------------------------------------------------------
sleep 0.01
printf 'case_ref,case_kind,case_type,question,answer,note\nann-1,child,court,2.1.1,no,Reconsidered\n' > "$T/change.csv"
expect_exit 0 "$CASEREAD" import "$T/ann.caseread" "$T/change.csv"
mv "$T/ann.bundle" "$T/ann-old.bundle"
expect_exit 0 "$CASEREAD" export "$T/ann.caseread" -o "$T/ann.bundle"
expect_exit 0 "$CASEREAD" merge "$lead" "$T/ann.bundle"
expect_in "$T/out" "): 0 added, 1 updated, 3 unchanged"
expect_eq "$(sql "$lead" "SELECT a.value || '|' || a.note FROM answer a JOIN cases c ON c.id = a.case_id WHERE c.ref = 'ann-1' AND a.question = '2.1.1'")" \
	"no|Reconsidered" "updated answer"
expect_eq "$(sql "$lead" "SELECT count(*) FROM answer_history h JOIN cases c ON c.id = h.case_id WHERE c.ref = 'ann-1' AND h.question = '2.1.1'")" \
	2 "history of the updated answer"
# The older bundle again: skipped, never back to the old answer.
expect_exit 0 "$CASEREAD" merge "$lead" "$T/ann-old.bundle"
expect_in "$T/out" "1 skipped as older than the lead's copy"
expect_eq "$(sql "$lead" "SELECT a.value FROM answer a JOIN cases c ON c.id = a.case_id WHERE c.ref = 'ann-1' AND a.question = '2.1.1'")" \
	no "answer after the older bundle"

# --- conflicts -------------------------------------------------------------------
"$CASEREAD" init "$T/dee.caseread" --service "$svc" --type iyjwcv --inspector dee >/dev/null
printf 'case_ref,case_kind,case_type,question,answer,note\nbea-2,child,court,2.1.1,no,Dee read it too\nbea-2,child,court,2.1.2,no,"Seen by bea, case 2: ""2.1.2"""\ndee-1,child,court,2.1.1,yes,x\n' > "$T/dee.csv"
"$CASEREAD" import "$T/dee.caseread" "$T/dee.csv" >/dev/null
"$CASEREAD" export "$T/dee.caseread" -o "$T/dee.bundle" >/dev/null
sum=$(md5sum < "$lead")
expect_exit 1 "$CASEREAD" merge "$lead" "$T/dee.bundle"
expect_in "$T/out" "conflict: child's case bea-2 was read by bea (in the lead's file) and by dee ('$T/dee.bundle')"
expect_in "$T/out" "2.1.1      bea: yes, dee: no"
expect_not_in "$T/out" "2.1.2      bea"
expect_in "$T/out" "--keep INSPECTOR"
expect_in "$T/err" "nothing written"
expect_in "$T/err" "child bea-2: bea and dee"
expect_eq "$(wc -l < "$T/err")" 1 "lines on stderr"
expect_eq "$(md5sum < "$lead")" "$sum" "lead untouched by a conflict"
expect_eq "$(sql "$lead" "SELECT count(*) FROM cases WHERE ref = 'dee-1'")" 0 "nothing of the conflicting bundle"

expect_exit 0 "$CASEREAD" merge "$lead" "$T/dee.bundle" --keep bea
expect_in "$T/out" "1 added, 0 updated, 0 unchanged, 1 left out for another reading kept by --keep"
expect_eq "$(sql "$lead" "SELECT i.name FROM cases c JOIN inspector i ON i.id = c.inspector WHERE c.ref = 'bea-2'")" bea "kept reading"
expect_exit 0 "$CASEREAD" merge "$lead" "$T/dee.bundle"
expect_in "$T/out" "0 added, 0 updated, 1 unchanged, 1 left out"

# --- refused bundles, lead byte-identical -----------------------------------------
sum=$(md5sum < "$lead")
refused() {	# refused WHAT BUNDLE...
	what=$1
	shift
	expect_exit 1 "$CASEREAD" merge "$lead" "$@"
	expect_in "$T/err" "$what"
	expect_eq "$(md5sum < "$lead")" "$sum" "lead untouched ($what)"
}
size=$(stat -c %s "$T/bea.bundle")
head -c $((size / 2)) "$T/bea.bundle" > "$T/half.bundle"
refused "half.bundle" "$T/half.bundle"
refused "half.bundle" "$T/cal.bundle" "$T/half.bundle"
cp "$T/bea.bundle" "$T/bad.bundle"
for off in 4096 8192 12288 16384 20480; do
	printf '\245\245\245\245\245\245\245\245\245\245\245\245\245\245\245\245' |
	    dd of="$T/bad.bundle" bs=1 seek=$off conv=notrunc 2>/dev/null
done
refused "is damaged" "$T/bad.bundle"
echo "not a database, not at all, certainly not a caseread bundle, just some text" > "$T/text.bundle"
refused "is not a caseread file" "$T/text.bundle"
sql "$T/foreign.bundle" 'CREATE TABLE t(x)' >/dev/null
refused "is not a caseread file" "$T/foreign.bundle"
refused "is an inspection file, not an export bundle" "$T/ann.caseread"
refused "No such file" "$T/none.bundle"
"$CASEREAD" init "$T/york.caseread" --service "York YJS" --type iyjwcv --inspector yan >/dev/null
"$CASEREAD" export "$T/york.caseread" -o "$T/york.bundle" >/dev/null
refused "is from another inspection" "$T/york.bundle"
"$CASEREAD" init "$T/iyjs.caseread" --service "$svc" --type iyjs --inspector yan >/dev/null
"$CASEREAD" export "$T/iyjs.caseread" -o "$T/iyjs.bundle" >/dev/null
refused "is from another inspection" "$T/iyjs.bundle"
sed 's/^version .*/version 2099.9/' "$TESTS_SRCDIR/../forms/youth-2025.form" > "$T/other.form"
"$CASEREAD" init "$T/bank.caseread" --service "$svc" --type iyjwcv --inspector yan --form "$T/other.form" >/dev/null
"$CASEREAD" export "$T/bank.caseread" -o "$T/bank.bundle" >/dev/null
refused "uses question bank youth-2025 2099.9" "$T/bank.bundle"

# Usage: exit 2.
expect_exit 2 "$CASEREAD" merge "$lead"
expect_exit 2 "$CASEREAD" merge
expect_exit 2 "$CASEREAD" merge "$lead" "$T/ann.bundle" --keep
expect_exit 2 "$CASEREAD" merge "$lead" "$T/ann.bundle" --bogus

# --- the lead's check: merges and what is unfinished -------------------------------
expect_exit 0 "$CASEREAD" check "$lead"
expect_in "$T/out" "merges: "
expect_in "$T/out" "'$T/dee.bundle' from dee"
expect_in "$T/out" "--keep bea"
expect_in "$T/out" "incomplete:"
expect_in "$T/out" "child ann-1 (read by ann): draft"
expect_in "$T/out" "integrity: ok"
finish
