# Text cut to its column ends in an ellipsis (issue 13): two references that
# differ only after the 20th column look different in the overview, and the
# cut is marked "…" in a UTF-8 locale.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "NORTHWEST-LANCS-2026-0001"
keys q
wait_for "Children's cases (1)"
new_case "NORTHWEST-LANCS-2026-0002"
keys q
wait_for "Children's cases (2)"
# 19 columns of the reference and the ellipsis fill the 20-column cell.
expect_screen "NORTHWEST-LANCS-202… "
expect_not_screen "NORTHWEST-LANCS-2026 "
quit_ok
finish
