# caseread ratify: records V1.2 and decisions inside the V1 range; refuses a
# victims' rating outside it, and domain one outside IYJS, writing nothing.
. "$TESTS_SRCDIR/testlib.sh"

f="$T/a.caseread"
"$CASEREAD" init "$f" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
{
	echo "case_ref,case_kind,case_type,question,answer,note"
	# V1.1: 7 of 10 yes, Good.
	for i in 1 2 3 4 5 6 7; do echo "V-$i,victim,,V1.1,yes,"; done
	for i in 8 9 10; do echo "V-$i,victim,,V1.1,no,"; done
	for i in 1 2 3 4 5 6 7 8 9 10; do
		for k in 2.1.1 2.1.2 2.2.1 2.2.2 2.3.1 2.3.2; do
			echo "C-$i,child,court,$k,yes,"
		done
	done
} > "$T/answers.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/answers.csv"

judgements() { sql "$f" "SELECT group_concat(name || '=' || value, ';') FROM (SELECT * FROM judgement ORDER BY name)"; }

# No V1.2 yet: a victims' rating has no range to fall in.
expect_exit 1 "$CASEREAD" ratify "$f" --victims good
expect_in "$T/err" "V1.2 is not recorded"
expect_eq "$(wc -l < "$T/err")" 1 "lines of a refusal"
expect_eq "$(judgements)" "" "nothing recorded"

# Good and no: Good or Requires improvement. Outstanding is outside.
expect_exit 1 "$CASEREAD" ratify "$f" --v12 no --victims outstanding
expect_in "$T/err" "must be Requires improvement or Good"
expect_in "$T/err" "'Outstanding' is outside that range; nothing recorded"
expect_eq "$(wc -l < "$T/err")" 1 "lines of a refusal"
expect_eq "$(judgements)" "" "nothing recorded, not even V1.2"

expect_exit 0 "$CASEREAD" ratify "$f" --v12 no --victims RI
expect_in "$T/out" "range Requires improvement to Good, rating Requires improvement"
expect_in "$T/out" "overall: 10, Good"
expect_eq "$(judgements)" "V1.2=no;victims=Requires improvement" "recorded"

# Changing V1.2 to yes moves the range to Good-Outstanding: RI no longer fits.
expect_exit 1 "$CASEREAD" ratify "$f" --v12 yes
expect_in "$T/err" "recorded victims' rating Requires improvement is outside"
expect_eq "$(judgements)" "V1.2=no;victims=Requires improvement" "unchanged"
expect_exit 0 "$CASEREAD" ratify "$f" --v12 YES --victims Outstanding
expect_in "$T/out" "overall: 12, Outstanding"
expect_exit 0 "$CASEREAD" ratify "$f" --victims none
expect_in "$T/out" "rating not decided"
expect_in "$T/out" "overall: 11 to 12"

# Domain one exists only in IYJS.
expect_exit 1 "$CASEREAD" ratify "$f" --domain1 1.1=good
expect_in "$T/err" "IYJWCV inspection: domain one"
expect_eq "$(judgements)" "V1.2=yes" "no domain one in IYJWCV"

expect_exit 2 "$CASEREAD" ratify "$f" --v12 maybe
expect_exit 2 "$CASEREAD" ratify "$f" --victims great
expect_exit 2 "$CASEREAD" ratify "$f"

g="$T/b.caseread"
"$CASEREAD" init "$g" --service "York YJS" --type iyjs --inspector ann >/dev/null
expect_exit 0 "$CASEREAD" ratify "$g" --domain1 1.1=good,1.2=RI,1.3=Outstanding
expect_in "$T/out" "1.1 Good, 1.2 Requires improvement, 1.3 Outstanding"
expect_eq "$(sql "$g" "SELECT value FROM judgement WHERE name = '1.2'")" "Requires improvement" "1.2"
expect_exit 2 "$CASEREAD" ratify "$g" --domain1 1.4=good
expect_exit 2 "$CASEREAD" ratify "$g" --domain1 1.1=great
"$CASEREAD" tally "$g" --format json > "$T/g.json"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["domain_one"] == {"1.1": "Good", "1.2": "Requires improvement", "1.3": "Outstanding"}, d["domain_one"]
assert d["overall"]["score"] is None
' "$T/g.json" || fail "IYJS domain one in the JSON"
finish
