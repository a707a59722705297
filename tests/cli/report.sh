# caseread report: every figure on the page equals tally --format json (the
# demo, and a file with a decided victims' rating, domain one, a key with no
# applicable cases, a draft); text from the file is escaped; where it writes.
. "$TESTS_SRCDIR/testlib.sh"

# figures FILE PAGE: the page's figures against the tally's JSON.
figures() {
	"$CASEREAD" tally "$1" --format json >"$T/j0" &&
	"$CASEREAD" tally "$1" --format json --by inspector >"$T/j1" &&
	"$CASEREAD" tally "$1" --format json --by case-type >"$T/j2" ||
		fail "tally of $1"
	python3 "$TESTS_SRCDIR/cli/report-figures.py" "$2" "$T/j0" "$T/j1" \
	    "$T/j2" >"$T/cmp" || fail "figures of $2 differ: $(cat "$T/cmp")"
}

d="$T/demo.caseread"
expect_exit 0 "$CASEREAD" demo "$d"
expect_exit 0 "$CASEREAD" report "$d"
expect_in "$T/out" "to '$d.report.html'"
[ -f "$d.report.html" ] || fail "no report next to the file"
expect_eq "$(stat -c %a "$d.report.html")" 600 "the report's mode"
figures "$d" "$d.report.html"
expect_in "$T/cmp" "figures compared"
# Self-contained: no script, nothing fetched, nothing linked.
for bad in "<script" "src=" "href=" "@import" "url(" "<link" "http://" "https://"; do
	grep -v 'xmlns="http://www.w3.org/2000/svg"' "$d.report.html" |
		grep -qiF -- "$bad" && fail "the page has '$bad'"
done
for s in 'id="headline"' 'id="key-questions"' 'id="moderation"' \
    'id="evidence"' 'id="open-items"' '<svg' 'break-before:page' \
    'size:A4' 'overall/rating_min">Requires improvement<' 'Driven by'; do
	expect_in "$d.report.html" "$s"
done

# -o - writes the page and nothing else to standard output.
expect_exit 0 "$CASEREAD" report "$d" -o -
head -c 15 "$T/out" | grep -q '<!DOCTYPE html>' || fail "-o - is not the page"
expect_eq "$(tail -n 1 "$T/out")" "</html>" "end of -o -"
# Never over an inspection file; usage errors.
expect_exit 1 "$CASEREAD" report "$d" -o "$d"
expect_in "$T/err" "caseread:"
expect_eq "$("$SQLITE3" "$d" 'PRAGMA quick_check')" ok "the file after a refused -o"
expect_exit 2 "$CASEREAD" report
expect_exit 2 "$CASEREAD" report "$d" --bogus
expect_exit 2 "$CASEREAD" report "$d" -o
expect_exit 1 "$CASEREAD" report "$T/none.caseread"
expect_exit 1 "$CASEREAD" report "$d" -o "$T/no/such/dir/r.html"
[ -e "$T/no" ] && fail "a failed report left something behind"

# A file of our own: markup in notes, names and references; IYJS; a decided
# victims' rating; 2.3.2 not applicable everywhere; a draft with a key unanswered.
f="$T/a.caseread"
expect_exit 0 "$CASEREAD" init "$f" --service 'Tom & Jerry <YJS>' --type iyjs \
    --inspector ann
{
	echo "case_ref,case_kind,case_type,question,answer,note,inspector"
	i=1
	while [ $i -le 10 ]; do
		who=ann; [ $i -gt 6 ] && who='bob <b>'
		a=yes; [ $i -gt 7 ] && a=no
		n="Plain note $i"
		[ $i -eq 8 ] && n='Quote: </svg><script>alert(1)</script> & "so" on'
		for k in 2.1.1 2.1.2 2.2.1 2.2.2 2.3.1; do
			echo "C-$i,child,court,$k,$a,\"$(printf '%s' "$n" | sed 's/"/""/g')\",$who"
		done
		echo "C-$i,child,court,2.3.2,na,,$who"
		i=$((i + 1))
	done
	echo "C-<11>,child,out-of-court,2.1.1,yes,,ann"
	for i in 1 2 3; do echo "V-$i,victim,,V1.1,yes,Victim note $i,ann"; done
} >"$T/answers.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/answers.csv"
expect_exit 0 "$CASEREAD" ratify "$f" --v12 yes --reason 'Strong <victim> offer' \
    --victims good --reason 'Panel agreed' --domain1 1.1=good --reason 'Clear lead'
expect_exit 0 "$CASEREAD" report "$f" -o "$T/a.html"
figures "$f" "$T/a.html"
p="$T/a.html"
expect_not_in "$p" "<script"
expect_not_in "$p" "</svg><script>"
expect_in "$p" "Quote: &lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;so&quot; on"
expect_in "$p" "<h1>Tom &amp; Jerry &lt;YJS&gt;</h1>"
expect_in "$p" "bob &lt;b&gt;"
expect_in "$p" "C-&lt;11&gt;"
# The draft C-<11> leaves 2.3.2 unanswered while every complete case says not
# applicable: 2.3 has no rating yet (the merged rules), so no overall score.
expect_in "$p" "No rating yet: 2.3.2 has no yes or no answer yet"
expect_in "$p" "<li>2.3 has no rating yet: 2.3.2 has no yes or no answer yet.</li>"
expect_not_in "$p" 'data-f="overall/score">'
expect_in "$p" 'data-f="standards/2.3/provisional_reason">'
expect_in "$p" 'data-f="overall/provisional_reason">'
expect_in "$p" 'data-f="standards/V1/panel">Good</span>'
# The decisions' reasons: in the headline's V1 reasoning and in Open items.
expect_in "$p" 'V1.2 (the service'"'"'s arrangements): yes (reason: <span data-f="standards/V1/v12_reason">Strong &lt;victim&gt; offer</span>)'
expect_in "$p" 'data-f="standards/V1/panel_reason">Panel agreed</span>'
expect_in "$p" 'data-f="domain_one_reasons/1.1">Clear lead</span>'
expect_in "$p" 'data-f="domain_one/1.1">Good</span>'
expect_in "$p" "Domain one 1.2 Staffing is not rated."
expect_in "$p" "The sample is below its minimum."
expect_in "$p" "<td>2.1.2, 2.2.1, 2.2.2, 2.3.1, 2.3.2</td>"
# Evidence: no before yes, each with reference, case type and inspector.
no=$(grep -n 'Not sufficient (no): 3 notes' "$p" | head -1 | cut -d: -f1)
yes=$(grep -n 'Sufficient (yes): 7 notes, and 1 answer without one' "$p" | head -1 | cut -d: -f1)
[ -n "$no" ] && [ -n "$yes" ] && [ "$no" -lt "$yes" ] ||
	fail "evidence for 2.1.1 not grouped no ($no), then yes ($yes)"
expect_in "$p" "C-9 &#183; court &#183; bob &lt;b&gt;"
# The soft rule "a key answer without evidence" shows where it occurs.
expect_in "$p" "2.1.1 has no evidence note"
# bob's cases alone make 2.1.1 Good rather than Outstanding: flagged.
expect_in "$p" "without them 2.1.1 would be Outstanding, not Good"

# The draft answers 2.3.2 (not applicable): 2.3.1 alone rates 2.3 and there is
# an overall score. C-10 is withdrawn: named with its reason in Open items,
# its note gone from the evidence and its answers from every figure.
echo "case_ref,case_kind,case_type,question,answer,note,inspector" >"$T/more.csv"
echo "C-<11>,child,out-of-court,2.3.2,na,,ann" >>"$T/more.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/more.csv"
expect_exit 0 "$CASEREAD" withdraw "$f" C-10 --reason 'Sampled twice <dup>'
expect_exit 0 "$CASEREAD" report "$f" -o "$T/b.html"
figures "$f" "$T/b.html"
p="$T/b.html"
expect_in "$p" "2.3.2 has no applicable cases, so 2.3.1 alone gives the rating"
expect_in "$p" 'data-f="overall/score">'
expect_in "$p" 'data-f="cases/withdrawn">1</span>'
expect_in "$p" "<td>Sampled twice &lt;dup&gt;</td>"
expect_not_in "$p" "Plain note 10"
ev=$(grep -n 'id="evidence"' "$p" | cut -d: -f1)
op=$(grep -n 'Sampled twice' "$p" | cut -d: -f1)
[ -n "$ev" ] && [ -n "$op" ] && [ "$ev" -lt "$op" ] || fail "withdrawn case not in Open items"
c10=$(grep -n 'C-10 &#183;' "$p" | head -1 | cut -d: -f1)
op=$(grep -n 'id="open-items"' "$p" | cut -d: -f1)
[ -n "$c10" ] && [ "$c10" -gt "$op" ] || fail "C-10 cited before Open items ($c10)"
finish
