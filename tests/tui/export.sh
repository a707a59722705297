# x in the overview exports the bundle for the lead inspector, to a path asked
# for with a default beside the file; Esc cancels; the lead can merge it.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
new_case "X-1"
keys q
wait_for "Children's cases (1)"
# Esc cancels: nothing is written.
keys x
wait_for "Export bundle to:"
keys Escape
wait_for "export cancelled"
ls "$T"/*.bundle >/dev/null 2>&1 && fail "a cancelled export wrote a bundle"
# The default: beside the file, with the inspector and today's date.
keys x
wait_for "Export bundle to:"
keys Enter
wait_for "exported 1 cases to"
B=$(ls "$T"/t-Ann-Smith-*.bundle 2>/dev/null | head -n 1)
[ -n "$B" ] && [ -f "$B" ] || fail "no bundle beside the file: $(ls "$T")"
case "$B" in
*-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9].bundle) ;;
*) fail "bundle name lacks the date: $B" ;;
esac
mode=$(stat -c %a "$B" 2>/dev/null || stat -f %Lp "$B")
[ "$mode" = 600 ] || fail "bundle mode $mode, not 600"
expect_screen "$(basename "$B")"
# A path that cannot be written shows the error and leaves caseread running.
keys x
wait_for "Export bundle to:"
keys C-u
i=0
while [ $i -lt 120 ]; do keys BSpace; i=$((i + 1)); done
type_text "$T/no/such/dir/x.bundle"
keys Enter
wait_for "error:"
quit_ok

"$CASEREAD" init "$T/lead.caseread" --service "Wakefield YJS" --type iyjwcv \
	--inspector "Lead" >/dev/null || fail "init of the lead's file failed"
"$CASEREAD" merge "$T/lead.caseread" "$B" >"$T/merge.out" 2>&1 ||
	fail "merge failed: $(cat "$T/merge.out")"
finish
