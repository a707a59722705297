# The report in a real browser: headless Chromium prints the demo's report to
# PDF (A4), and pdftotext finds on it the headline ratings, every key
# question's figures as tally --format json gives them, a quoted note, and a
# note holding markup shown as text; each section starts a page. A screenshot
# at A4 width must not be blank. Needs chromium and poppler-utils (bootstrap
# installs both): without them this fails under CI=true, else skips (77).
. "$TESTS_SRCDIR/testlib.sh"

CHROMIUM=${CHROMIUM:-chromium}
for tool in "$CHROMIUM" pdftotext pdfinfo; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		if [ "${CI:-}" = true ]; then
			echo "FAIL: $tool is not installed (./bootstrap installs" \
			    "chromium and poppler-utils)" >&2
			exit 1
		fi
		echo "SKIP: $tool is not installed (./bootstrap installs it)"
		exit 77
	fi
done

# browser ARGS...: headless Chromium with a private profile, never for long.
browser() {
	HOME="$T" timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --no-first-run --disable-extensions --disable-dev-shm-usage \
	    --user-data-dir="$T/chromium" "$@" >>"$T/chromium.log" 2>&1
}

ms() {
	date +%s%3N
}

d="$T/demo.caseread"
expect_exit 0 "$CASEREAD" demo "$d"
{
	echo "case_ref,case_kind,case_type,question,answer,note,inspector"
	echo "X-1,child,court,2.1.1,no,\"</svg><script>document.title='x'</script> shown as text\",Quentin"
} >"$T/x.csv"
expect_exit 0 "$CASEREAD" import "$d" "$T/x.csv"
expect_exit 0 "$CASEREAD" report "$d" -o "$T/report.html"

t0=$(ms)
browser --no-pdf-header-footer --print-to-pdf="$T/report.pdf" \
    "file://$T/report.html" || fail "chromium could not print the report: $(tail -n 5 "$T/chromium.log")"
t1=$(ms)
[ -s "$T/report.pdf" ] || { fail "no PDF"; finish; }
pages=$(pdfinfo "$T/report.pdf" | sed -n 's/^Pages: *//p')
echo "printed to PDF in $((t1 - t0)) ms: $pages pages"
[ "${pages:-0}" -ge 5 ] || fail "the report printed on ${pages:-0} pages, not 5 or more"
pdftotext "$T/report.pdf" "$T/report.txt" || fail "pdftotext"
# One line, single spaces: wrapping must not hide a figure.
tr -s ' \n\f' '   ' <"$T/report.txt" | tr -s ' ' >"$T/flat.txt"

# on_page TEXT: the printed page says TEXT.
on_page() {
	grep -qF -- "$1" "$T/flat.txt" || fail "the printed report lacks '$1'"
}

"$CASEREAD" tally "$d" --format json >"$T/tally.json" || fail "tally"
python3 - "$T/tally.json" >"$T/want" <<'PY' || fail "reading the tally's JSON"
import json, sys
d = json.load(open(sys.argv[1]))
o = d["overall"]
if o["score"] is not None:
    print("Overall: %s, score %d of 12" % (o["rating"], o["score"]))
else:
    # A range of one rating is said once, as tally_rating_range does.
    r = o["rating_min"] if o["rating_min"] == o["rating_max"] else \
        "%s to %s" % (o["rating_min"], o["rating_max"])
    print("Overall: %s, score %d to %d of 12" % (r, o["score_min"],
          o["score_max"]))
for s, v in d["standards"].items():
    if v["rating"] is not None:
        print("Rating\t%s\t%s\t%d" % (s, v["rating"], v["score"]))
for k, v in d["key_questions"].items():
    print("%s %.1f%% (%d of %d) %s" % (k, v["percent"], v["yes"], v["applicable"], v["band"]))
PY
while IFS= read -r line; do
	case $line in
	Rating*)
		# "2.1 Assessing Requires improvement, score 1", in the
		# headline's table of how the ratings were reached.
		id=$(printf '%s' "$line" | cut -f2)
		rating=$(printf '%s' "$line" | cut -f3)
		score=$(printf '%s' "$line" | cut -f4)
		grep -qE -- "$id [A-Za-z ]+ $rating, score $score" "$T/flat.txt" ||
			fail "the printed headline lacks $id: $rating, score $score"
		;;
	*)
		on_page "$line"
		;;
	esac
done <"$T/want"
note=$("$SQLITE3" "$d" "SELECT note FROM answer WHERE question = '2.3.2' AND value = 'no' AND note <> '' LIMIT 1")
[ -n "$note" ] || fail "the demo has no note to quote"
on_page "$note"
on_page "</svg><script>document.title='x'</script> shown as text"
on_page "X-1 · court · Quentin"

# Each section starts a page of its own.
i=1
: >"$T/firsts"
while [ "$i" -le "${pages:-0}" ]; do
	pdftotext -f "$i" -l "$i" "$T/report.pdf" - | sed -n '/[^[:space:]]/{p;q;}' >>"$T/firsts"
	i=$((i + 1))
done
for h in "Demoshire YJS (demonstration)" "Key questions" "Moderation" "Evidence" "Open items"; do
	grep -qxF -- "$h" "$T/firsts" || fail "no page starts with '$h': $(cat "$T/firsts")"
done

# A screenshot at A4 width (794 x 1123 CSS pixels) is not blank: far larger
# than the same of an empty page, and of that size.
printf '<!DOCTYPE html><html><body></body></html>\n' >"$T/blank.html"
browser --hide-scrollbars --window-size=794,1123 --screenshot="$T/blank.png" \
    "file://$T/blank.html" || fail "chromium could not take a screenshot"
t0=$(ms)
browser --hide-scrollbars --window-size=794,1123 --screenshot="$T/report.png" \
    "file://$T/report.html" || fail "chromium could not take a screenshot"
t1=$(ms)
blank=$(wc -c <"$T/blank.png")
shot=$(wc -c <"$T/report.png")
echo "screenshot in $((t1 - t0)) ms: $shot bytes (a blank page: $blank)"
[ "$shot" -gt $((blank * 5)) ] && [ "$shot" -gt 20000 ] ||
	fail "the screenshot looks blank: $shot bytes, a blank page $blank"
# The PNG's header: width and height, big-endian, at bytes 16 and 20.
size=$(od -An -tu1 -j16 -N8 "$T/report.png" | tr -s ' ' | sed 's/^ //')
expect_eq "$size" "0 0 3 26 0 0 4 99" "the screenshot's size (794 x 1123)"
finish
