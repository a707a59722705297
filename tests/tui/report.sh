# r in the overview and in the tally writes the report for the rating meeting
# next to the inspection file, and the status line says where; a report that
# cannot be written says why, and the screen carries on.
. "$TESTS_SRCDIR/tui/tuilib.sh"

"$CASEREAD" demo "$T/d.caseread" >/dev/null || fail "demo"
# Relative, so the status line has room for the whole path.
cd "$T" || exit 1
start -- d.caseread
wait_for "Children's cases (20)"
keys r
wait_for "report written to d.caseread.report.html (124 evidence notes)"
[ -f "$T/d.caseread.report.html" ] || fail "no report beside the file"
expect_in "$T/d.caseread.report.html" '<section id="open-items">'
expect_in "$T/d.caseread.report.html" 'data-f="key_questions/2.1.1/percent">85.0</span>'
expect_eq "$(stat -c %a "$T/d.caseread.report.html")" 600 "the report's mode"

# From the tally, made anew.
rm -f "$T/d.caseread.report.html"
keys t
wait_for "Tally: Demoshire YJS"
keys r
wait_for "report written to d.caseread.report.html"
expect_screen "Tally: Demoshire YJS"
expect_in "$T/d.caseread.report.html" '<section id="headline">'

# Something in the way: the error, and the tally still there.
rm -f "$T/d.caseread.report.html"
mkdir "$T/d.caseread.report.html"
keys r
wait_for "error: cannot write 'd.caseread.report.html': it is a directory"
expect_not_screen "report written"
expect_screen "Tally: Demoshire YJS"
rmdir "$T/d.caseread.report.html"
keys q
wait_for "Children's cases (20)"
quit_ok
finish
