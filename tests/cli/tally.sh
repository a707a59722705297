# caseread tally: the JSON contract (validated, field by field), the text report's
# counts, bands and rules, CSV, and the splits by case type and inspector.
. "$TESTS_SRCDIR/testlib.sh"

f="$T/a.caseread"
"$CASEREAD" init "$f" --service "Lambeth \"YJS\"" --type iyjwcv --inspector ann >/dev/null
# 37 court and out-of-court cases: 2.1.1 24 of 37 yes (64.86%: Requires
# improvement), 2.1.2 30 yes, 7 no; everything else yes; one case's 2.3.2 not
# applicable; victims 9, V1.1 8 of 9.
{
	echo "case_ref,case_kind,case_type,question,answer,note,inspector"
	i=1
	while [ $i -le 37 ]; do
		t=court; [ $((i % 3)) -eq 0 ] && t=out-of-court
		who=ann; [ $i -gt 20 ] && who=bob
		a=yes; [ $i -gt 24 ] && a=no
		b=yes; [ $i -gt 30 ] && b=no
		c=yes; [ $i -eq 1 ] && c=na
		echo "C-$i,child,$t,2.1.1,$a,,$who"
		echo "C-$i,child,$t,2.1.2,$b,,$who"
		for k in 2.2.1 2.2.2 2.3.1; do echo "C-$i,child,$t,$k,yes,,$who"; done
		echo "C-$i,child,$t,2.3.2,$c,,$who"
		i=$((i + 1))
	done
	for i in 1 2 3 4 5 6 7 8 9; do
		v=yes; [ $i -eq 9 ] && v=no
		echo "V-$i,victim,,V1.1,$v,,ann"
	done
	echo "C-38,child,bail-remand,,,,cat"
} > "$T/answers.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/answers.csv"
expect_exit 0 "$CASEREAD" ratify "$f" --v12 yes

expect_exit 0 "$CASEREAD" tally "$f" --format json
python3 -m json.tool "$T/out" >/dev/null || fail "tally JSON is not valid JSON"
python3 - "$T/out" <<'PY' || fail "tally JSON contract"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["inspection"] == {"service": 'Lambeth "YJS"', "type": "iyjwcv"}, d["inspection"]
c = d["cases"]
assert (c["children"], c["victims"], c["incomplete"]) == (38, 9, 47), c
kq = d["key_questions"]
assert list(kq) == ["2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.3.1", "2.3.2", "V1.1"], list(kq)
k = kq["2.1.1"]
assert k == {"yes": 24, "no": 13, "na": 0, "unanswered": 1, "applicable": 37,
             "percent": 64.8, "band": "Requires improvement"}, k
assert kq["2.1.2"]["band"] == "Outstanding" and kq["2.1.2"]["percent"] == 81.0, kq["2.1.2"]
assert kq["2.3.2"]["na"] == 1 and kq["2.3.2"]["applicable"] == 36, kq["2.3.2"]
assert kq["V1.1"]["percent"] == 88.8 and kq["V1.1"]["band"] == "Outstanding"
s = d["standards"]
# The contract's fields exactly; fields added since are checked on their own.
def contract(obj, *keys):
	return {k: obj[k] for k in keys}
std = ("rating", "score", "driven_by")
assert contract(s["2.1"], *std) == {"rating": "Requires improvement", "score": 1, "driven_by": "2.1.1"}, s["2.1"]
assert contract(s["2.2"], *std) == {"rating": "Outstanding", "score": 3, "driven_by": "2.2.1"}, s["2.2"]
assert s["2.1"]["no_applicable_cases"] == [] and s["2.3"]["no_applicable_cases"] == [], s
v = s["V1"]
assert v["v11_band"] == "Outstanding" and v["v12"] is True, v
assert v["range"] == ["Good", "Outstanding"] and v["rating"] is None and v["score"] is None, v
o = d["overall"]
assert contract(o, "score", "rating", "score_min", "score_max", "rating_min", "rating_max") == {
    "score": None, "rating": None, "score_min": 9, "score_max": 10,
    "rating_min": "Good", "rating_max": "Good"}, o
assert o["bank_problem"] is None, o
# Every case a draft: every standard and the overall provisional (issue 14).
assert o["provisional"] is True and "47 draft cases" in o["provisional_reason"], o
assert s["2.1"]["provisional"] is True and s["V1"]["provisional"] is True, s
assert s["2.1"]["provisional_reason"] == "38 draft cases; 2.1.1 unanswered in 1 case; 2.1.2 unanswered in 1 case", s["2.1"]
assert v["decided_by"] == "ratification meeting" and v["panel_reason"] is None, v
assert d["domain_one"] == {"1.1": None, "1.2": None, "1.3": None}
assert "by" not in d
PY

expect_exit 0 "$CASEREAD" tally "$f"
expect_in "$T/out" "2.1.1    24/37  64%"
expect_in "$T/out" "Requires improvement"
expect_in "$T/out" "30/37"
expect_in "$T/out" "|###|"
expect_in "$T/out" "driven by 2.1.1"
expect_in "$T/out" "range Good to Outstanding"
expect_in "$T/out" "9 to 10, Good, until the ratification meeting decides"
expect_not_in "$T/out" "Good to Good"
expect_in "$T/out" "38 children's cases (minimum 14: met), 9 victims' cases (minimum 9: met)"
expect_in "$T/out" "decided on exact fractions"
expect_in "$T/out" "percentages are shown truncated"
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$T/out" || fail "text wider than 80 columns"

expect_exit 0 "$CASEREAD" ratify "$f" --victims outstanding
expect_exit 0 "$CASEREAD" tally "$f" --format json --by case-type
python3 - "$T/out" <<'PY' || fail "tally JSON --by case-type"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["overall"]["score"] == 10 and d["overall"]["rating"] == "Good", d["overall"]
assert d["standards"]["V1"]["rating"] == "Outstanding" and d["standards"]["V1"]["score"] == 3
by = d["by"]
assert list(by) == ["court", "out-of-court", "bail-remand", "resettlement"], list(by)
assert by["out-of-court"]["2.1.1"]["applicable"] == 12, by["out-of-court"]["2.1.1"]
assert by["court"]["2.1.1"]["applicable"] == 25
assert by["bail-remand"]["2.1.1"] == {"yes": 0, "no": 0, "na": 0, "unanswered": 1,
    "applicable": 0, "percent": None, "band": None}, by["bail-remand"]["2.1.1"]
assert "V1.1" not in by["court"]
PY

expect_exit 0 "$CASEREAD" tally "$f" --format json --by inspector
python3 - "$T/out" <<'PY' || fail "tally JSON --by inspector"
import json, sys
d = json.load(open(sys.argv[1]))
by = d["by"]
assert sorted(by) == ["ann", "bob", "cat"], list(by)
assert by["ann"]["2.1.1"]["yes"] == 20 and by["ann"]["2.1.1"]["no"] == 0, by["ann"]["2.1.1"]
assert by["bob"]["2.1.1"]["yes"] == 4 and by["bob"]["2.1.1"]["no"] == 13, by["bob"]["2.1.1"]
assert by["ann"]["V1.1"]["applicable"] == 9
PY

expect_exit 0 "$CASEREAD" tally "$f" --format csv --by inspector
expect_in "$T/out" "group,question,yes,no,na,unanswered,applicable,percent,band"
expect_in "$T/out" "all,2.1.1,24,13,0,1,37,64.8,Requires improvement"
expect_in "$T/out" "bob,2.1.1,4,13,0,0,17,23.5,Inadequate"

expect_exit 0 "$CASEREAD" tally "$f" --by case-type
expect_in "$T/out" "Case type out-of-court: 12 children's cases"

"$CASEREAD" sample "$f" --children 40 >/dev/null
expect_exit 0 "$CASEREAD" tally "$f"
expect_in "$T/out" "38 children's cases (minimum 40: BELOW MINIMUM)"

# The tally reads the cases a range of ids at a time: ids far apart (more than
# a range between them), below zero and near the largest tally the same. One
# case withdrawn, so a withdrawn case is met on the way too.
"$CASEREAD" withdraw "$f" C-5 --reason "replaced in the sample" >/dev/null ||
    fail "withdraw C-5"
expect_exit 0 "$CASEREAD" tally "$f" --format json
cp "$T/out" "$T/dense.json"
expect_exit 0 "$CASEREAD" tally "$f" --by inspector
cp "$T/out" "$T/dense.txt"
s="$T/sparse.caseread"
cp "$f" "$s"
"${SQLITE3:-sqlite3}" -batch "$s" <<'SQL' || fail "renumbering the cases"
CREATE TEMP TABLE m AS SELECT id AS old, CASE WHEN id = (SELECT max(id) FROM
    cases) THEN 9223372036854775000 ELSE id * 3000 - 50000 END AS new FROM cases;
UPDATE answer SET case_id = (SELECT new FROM m WHERE old = case_id);
UPDATE answer_history SET case_id = (SELECT new FROM m WHERE old = case_id);
UPDATE case_event SET case_id = (SELECT new FROM m WHERE old = case_id);
UPDATE cases SET id = (SELECT new FROM m WHERE old = id);
SQL
expect_eq "$(sql "$s" "SELECT count(*) FROM cases WHERE id < 0")" 16 "cases below 0"
expect_exit 0 "$CASEREAD" tally "$s" --format json
cmp -s "$T/out" "$T/dense.json" || fail "tally JSON changed with the case ids"
expect_exit 0 "$CASEREAD" tally "$s" --by inspector
cmp -s "$T/out" "$T/dense.txt" || fail "tally text changed with the case ids"
# The same with the cases read on the tally's own connection, not a thread's.
expect_exit 0 env CASEREAD_TALLY_THREADS=1 "$CASEREAD" tally "$s" --format json
cmp -s "$T/out" "$T/dense.json" || fail "tally JSON changed on one thread"
expect_exit 0 env CASEREAD_TALLY_THREADS=1 "$CASEREAD" tally "$s" --by inspector
cmp -s "$T/out" "$T/dense.txt" || fail "tally text changed on one thread"

# A file whose stored bank lacks V1 (the loader refuses such a bank now, an
# older caseread did not): three Outstanding standards are not "9, Good".
g="$T/old.caseread"
"$CASEREAD" init "$g" --service S --type iyjwcv --inspector ann >/dev/null
sed '/^standard V1 /,$d' "$TESTS_SRCDIR/../forms/youth-2025.form" > "$T/no-v1.form"
sql "$g" "UPDATE inspection SET bank_text = readfile('$T/no-v1.form')"
{
	echo "case_ref,case_kind,case_type,question,answer,note"
	for k in 2.1.1 2.1.2 2.2.1 2.2.2 2.3.1 2.3.2; do echo "C-1,child,court,$k,yes,"; done
} > "$T/old.csv"
expect_exit 0 "$CASEREAD" import "$g" "$T/old.csv"
expect_exit 0 "$CASEREAD" tally "$g"
expect_in "$T/out" "none: this inspection's question bank cannot give one:"
expect_in "$T/out" "no standard V1"
expect_not_in "$T/out" "Good"
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$T/out" || fail "text wider than 80 columns"
expect_exit 0 "$CASEREAD" tally "$g" --format json
python3 - "$T/out" <<'PY' || fail "tally JSON of a bank without V1"
import json, sys
d = json.load(open(sys.argv[1]))
o = d["overall"]
assert [o[k] for k in ("score", "rating", "score_min", "score_max")] == [None] * 4, o
assert "no standard V1" in o["bank_problem"], o
assert d["standards"]["2.1"]["rating"] == "Outstanding", d["standards"]
PY

expect_exit 2 "$CASEREAD" tally "$f" --format xml
expect_exit 2 "$CASEREAD" tally "$f" --by colour
expect_exit 1 "$CASEREAD" tally "$T/none.caseread"
finish
