# caseread with no file creates the default inspection file in the data
# directory after asking for the service and type; a file that is not a caseread
# file is refused on stderr before the terminal is touched.
. "$TESTS_SRCDIR/tui/tuilib.sh"

echo "not a database at all, just some text that is long enough" > "$T/junk"
expect_exit 1 "$CASEREAD" "$T/junk"
expect_in "$T/err" "is not a caseread file"
expect_exit 1 "$CASEREAD" "$T/missing.caseread"
expect_in "$T/err" "missing.caseread"

d="$T/xdg"
start XDG_DATA_HOME="$d" -- ""
wait_for "There is no inspection file yet"
expect_screen "$d/caseread/inspection.caseread"
# Both types explained, to the last word, at 80 columns.
expect_screen "iyjwcv: work with children and victims (one week)."
expect_screen "iyjs: youth justice services (two weeks)."
# No tally before there is an inspection, only a word saying so.
keys F5
wait_for "there is no inspection yet, so nothing to tally"
expect_screen "There is no inspection file yet"
keys Enter
wait_for "the service name is empty"
# Backspace held past the start stays in the field; Home then typing keeps it.
type_text "YJS"
keys BSpace BSpace BSpace BSpace BSpace
type_text "YJS – north"
keys Home
type_text "Leeds "
keys Tab Space
wait_for "iyjs"
keys Enter
wait_for "File: $d/caseread/inspection.caseread"
expect_screen "Service: Leeds YJS – north"
quit_ok
f="$d/caseread/inspection.caseread"
expect_eq "$(stat -c %a "$d/caseread")" 700 "data directory mode"
expect_eq "$(stat -c %a "$f")" 600 "file mode"
expect_eq "$(sql "$f" "SELECT service || ' ' || type FROM inspection")" \
	"Leeds YJS – north iyjs" "inspection"

# The next time it opens straight away.
start XDG_DATA_HOME="$d" -- ""
wait_for "File: $f"
quit_ok

# Esc at the question creates nothing.
start XDG_DATA_HOME="$T/other" -- ""
wait_for "There is no inspection file yet"
keys Escape
wait_for "[exited 0]"
[ -e "$T/other/caseread/inspection.caseread" ] && fail "Esc created a file"
finish
