# Issue 14: the meetings' decisions with their reasons (ratify --reason, in the
# tally's text and JSON and in the decision log, through export and merge);
# the right meeting's words; retype to a reactive IYJS; MACD in import, check
# and the tally; truncated percentages and provisional ratings from the CLI.
. "$TESTS_SRCDIR/testlib.sh"

f="$T/dep.caseread"
lead="$T/lead.caseread"
"$CASEREAD" init "$f" --service "Leeds YJS" --type iyjwcv --inspector dee >/dev/null
"$CASEREAD" init "$lead" --service "Leeds YJS" --type iyjwcv --inspector lee >/dev/null
{
	echo "case_ref,case_kind,case_type,question,answer,note,macd"
	# V1.1: 7 of 10 yes, Good. Children: 2.1.1 129 of 200 yes (64.5%).
	for i in 1 2 3 4 5 6 7; do echo "V-$i,victim,,V1.1,yes,,"; done
	for i in 8 9 10; do echo "V-$i,victim,,V1.1,no,,no"; done
	i=1
	while [ $i -le 200 ]; do
		a=no; [ $i -le 129 ] && a=yes
		m=; [ $i -eq 1 ] && m=yes
		echo "C-$i,child,court,2.1.1,$a,,$m"
		for k in 2.1.2 2.2.1 2.2.2 2.3.1 2.3.2; do
			echo "C-$i,child,court,$k,yes,,"
		done
		i=$((i + 1))
	done
} > "$T/answers.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/answers.csv"
expect_eq "$(sql "$f" "SELECT group_concat(ref) FROM cases WHERE macd = 1")" "C-1" "macd column"

# The macd column: yes or no, never on a victim, one word a case.
printf 'case_ref,case_kind,case_type,question,answer,note,macd\nV-1,victim,,,,,yes\nC-2,child,court,,,,maybe\nC-3,child,court,,,,yes\nC-3,child,court,,,,no\n' > "$T/bad.csv"
expect_exit 1 "$CASEREAD" import "$f" "$T/bad.csv"
expect_in "$T/err" "only children's cases are discussed at a MACD"
expect_in "$T/err" "macd must be yes, no or empty, not 'maybe'"
expect_in "$T/err" "case 'C-3' has macd no here but yes on line 4"
expect_eq "$(sql "$f" "SELECT count(*) FROM cases WHERE macd = 1")" "1" "nothing imported"

# One MACD of two: check and the tally warn; two: they do not.
expect_exit 0 "$CASEREAD" check "$f"
expect_in "$T/out" "macd: warning: 1 child's case marked for a multi-agency case discussion; the week holds 2"
expect_exit 0 "$CASEREAD" tally "$f"
expect_in "$T/out" "MACD: 1 child's case marked; the week holds 2 multi-agency case discussions."
# 129 of 200 is 64.5%: shown 64%, never 65%, beside Requires improvement.
expect_in "$T/out" "2.1.1  129/200  64% "
expect_not_in "$T/out" " 65% "
expect_in "$T/out" "200 children's cases (minimum 14: met),"
# Every case is a draft: provisional, with the reason.
expect_in "$T/out" "provisional: 200 draft cases"
expect_in "$T/out" "not decided yet: the ratification meeting decides"
expect_exit 0 "$CASEREAD" tally "$f" --format csv
expect_in "$T/out" "all,2.1.1,129,71,0,0,200,64.5,Requires improvement"
printf 'case_ref,case_kind,case_type,question,answer,note,macd\nC-2,child,court,,,,yes\n' > "$T/two.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/two.csv"
expect_exit 0 "$CASEREAD" check "$f"
expect_in "$T/out" "macd: 2 children's cases marked, as the week holds"
expect_exit 0 "$CASEREAD" tally "$f"
expect_not_in "$T/out" "MACD:"

# --reason follows its decision; alone it is a usage error.
expect_exit 2 "$CASEREAD" ratify "$f" --reason "why" --v12 yes
expect_in "$T/err" "--reason follows the decision it gives the reason for"
expect_exit 0 "$CASEREAD" ratify "$f" --v12 yes
expect_in "$T/err" "V1.2 recorded without a reason (--reason TEXT after --v12)"
expect_exit 0 "$CASEREAD" ratify "$f" --v12 no --reason "The board has not met since May." \
    --victims ri --reason "Sound case work, but nothing drives it."
expect_in "$T/out" "rating Requires improvement (the ratification meeting)"
expect_eq "$(cat "$T/err")" "" "no note when every decision has its reason"
expect_in "$T/out" "V1.2 reason: The board has not met since May."
expect_in "$T/out" "reason: Sound case work, but nothing drives it."
expect_eq "$(sql "$f" "SELECT name || '=' || reason FROM judgement WHERE name = 'V1.2'")" \
    "V1.2=The board has not met since May." "V1.2's reason kept"
expect_exit 0 "$CASEREAD" tally "$f"
expect_in "$T/out" "decided by the ratification meeting: Requires improvement, score 1"
expect_in "$T/out" "reason: The board has not met since May."
expect_in "$T/out" "reason: Sound case work, but nothing drives it."
expect_exit 0 "$CASEREAD" tally "$f" --format json
python3 - "$T/out" <<'PY' || fail "tally JSON reasons"
import json, sys
d = json.load(open(sys.argv[1]))
v = d["standards"]["V1"]
assert v["v12_reason"] == "The board has not met since May.", v
assert v["panel_reason"] == "Sound case work, but nothing drives it.", v
assert v["decided_by"] == "ratification meeting", v
assert v["provisional"] is True and v["provisional_reason"] == "10 draft cases", v
k = d["key_questions"]["2.1.1"]
assert (k["yes"], k["applicable"], k["percent"], k["band"]) == (129, 200, 64.5, "Requires improvement"), k
assert d["overall"]["provisional"] is True, d["overall"]
assert d["cases"]["macd"] == 2, d["cases"]
assert all(isinstance(s["provisional"], bool) for s in d["standards"].values())
PY
# The history: both decisions with who, when, what was before, and why.
expect_exit 0 "$CASEREAD" ratify "$f" --victims good --reason "Reconsidered: the new manager's plan." --history
expect_in "$T/out" "dee: V1.2 yes"
expect_in "$T/out" "dee: V1.2 no (was yes)"
expect_in "$T/out" "dee: victims Requires improvement"
expect_in "$T/out" "dee: victims Good (was Requires improvement)"
expect_in "$T/out" "  reason: Reconsidered: the new manager's plan."
expect_eq "$(sql "$f" "SELECT count(*) FROM decision_log")" "4" "four decisions logged"

# Export and merge: the lead gets the decisions, their reasons and their log.
expect_exit 0 "$CASEREAD" export "$f" -o "$T/dep.bundle"
expect_exit 0 "$CASEREAD" merge "$lead" "$T/dep.bundle"
expect_eq "$(sql "$lead" "SELECT group_concat(name || '=' || value || ':' || reason, '|') FROM (SELECT * FROM judgement ORDER BY name)")" \
    "V1.2=no:The board has not met since May.|victims=Good:Reconsidered: the new manager's plan." "reasons merged"
expect_exit 0 "$CASEREAD" ratify "$lead" --history
expect_in "$T/out" "dee: victims Good (was Requires improvement)"
# When, in UK local time with its zone, as the screens show it.
grep -qE '^[0-9]{1,2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2} (GMT|BST) dee: victims Good' "$T/out" ||
    fail "the history's time not in UK local time: $(cat "$T/out")"
expect_in "$T/out" "  reason: Reconsidered: the new manager's plan."
expect_exit 0 "$CASEREAD" tally "$lead"
expect_in "$T/out" "reason: Reconsidered: the new manager's plan."
# Merging again adds nothing; a lead's later decision is not overwritten.
expect_exit 0 "$CASEREAD" ratify "$lead" --victims ri --reason "Panel view."
expect_exit 0 "$CASEREAD" merge "$lead" "$T/dep.bundle"
expect_eq "$(sql "$lead" "SELECT value || ':' || reason FROM judgement WHERE name = 'victims'")" \
    "Requires improvement:Panel view." "the lead's later decision stays"
expect_eq "$(sql "$lead" "SELECT count(*) FROM decision_log")" "5" "no log row twice"

# Retype: a reason is needed; answers stay; the change is logged; domain one opens.
before=$(sql "$lead" "SELECT count(*) || '/' || (SELECT count(*) FROM answer) FROM cases")
expect_exit 1 "$CASEREAD" ratify "$lead" --domain1 1.1=good
expect_in "$T/err" "is an IYJWCV inspection"
expect_exit 2 "$CASEREAD" retype "$lead" --type iyjs
expect_in "$T/err" "--reason TEXT is needed"
expect_exit 2 "$CASEREAD" retype "$lead" --type iyjwcv --reason x
expect_exit 0 "$CASEREAD" retype "$lead" --type iyjs --reason "Concerns about safety work."
expect_in "$T/out" "is now an IYJS inspection (was iyjwcv)"
expect_eq "$(sql "$lead" "SELECT type FROM inspection")" "iyjs" "type changed"
expect_eq "$(sql "$lead" "SELECT count(*) || '/' || (SELECT count(*) FROM answer) FROM cases")" "$before" "answers kept"
expect_eq "$(sql "$lead" "SELECT old_value || '>' || new_value || ':' || reason FROM decision_log WHERE name = 'type'")" \
    "iyjwcv>iyjs:Concerns about safety work." "retype logged"
expect_exit 1 "$CASEREAD" retype "$lead" --type iyjs --reason again
expect_in "$T/err" "already an IYJS inspection"
# Domain one, each standard with its reason; the panel's words now.
expect_exit 0 "$CASEREAD" ratify "$lead" --domain1 1.1=good,1.3=ri --reason "Board knows its data." \
    --domain1 1.2=outstanding --reason "Stable, trained staff."
expect_in "$T/out" "rating Requires improvement (the ratings panel)"
expect_in "$T/out" "1.2 reason: Stable, trained staff."
expect_exit 0 "$CASEREAD" tally "$lead"
expect_in "$T/out" "decided by the ratings panel: Requires improvement"
expect_in "$T/out" "Domain one (IYJS, rated by the ratings panel"
expect_in "$T/out" "  1.2 Staffing                   Outstanding"
expect_in "$T/out" "      reason: Stable, trained staff."
expect_not_in "$T/out" "ratification meeting"
expect_exit 0 "$CASEREAD" tally "$lead" --format json
python3 - "$T/out" <<'PY' || fail "IYJS JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["inspection"]["type"] == "iyjs"
assert d["domain_one"] == {"1.1": "Good", "1.2": "Outstanding", "1.3": "Requires improvement"}, d["domain_one"]
assert d["domain_one_reasons"] == {"1.1": "Board knows its data.", "1.2": "Stable, trained staff.",
    "1.3": "Board knows its data."}, d["domain_one_reasons"]
assert d["standards"]["V1"]["decided_by"] == "ratings panel"
PY
expect_exit 0 "$CASEREAD" ratify "$lead" --history
expect_in "$T/out" "lee: inspection type iyjs (was iyjwcv)"
expect_in "$T/out" "  reason: Concerns about safety work."
finish
