# The overview says whether exports are encrypted and to whose key; x on a kit
# file writes a sealed bundle and says so, and the lead merges it (issue 12).
. "$TESTS_SRCDIR/tui/tuilib.sh"

# A file without a lead key says its exports are plain.
new_file
start -- "$F"
wait_for "Exports: plain, not encrypted"
quit_ok

"$CASEREAD" keygen --no-passphrase "$T/lead.key" >"$T/pub" 2>/dev/null || fail "keygen"
"$CASEREAD" init "$T/lead.caseread" --service "Wakefield YJS" --type iyjwcv \
	--inspector Lead --lead-key "$T/pub" >/dev/null || fail "init lead"
fpr=$("$CASEREAD" check "$T/lead.caseread" | sed -n 's/^lead key: \([0-9a-f-]*\) .*/\1/p')
[ -n "$fpr" ] || fail "no fingerprint from check"
"$CASEREAD" kit "$T/lead.caseread" --inspector "Ann Smith" -o "$T/ann.caseread" \
	>/dev/null || fail "kit"
F="$T/ann.caseread"
start -- "$F"
wait_for "Exports: encrypted to the lead's key $fpr"
new_case "X-1"
keys q
wait_for "Children's cases (1)"
keys x
wait_for "Export bundle to:"
keys Enter
wait_for "encrypted to the lead's key $fpr"
quit_ok
B=$(ls "$T"/ann-Ann-Smith-*.bundle 2>/dev/null | head -n 1)
[ -n "$B" ] || fail "no bundle: $(ls "$T")"
[ "$(head -n 1 "$B")" = "caseread sealed bundle 1" ] || fail "the bundle is not sealed"
grep -qaF "X-1" "$B" && fail "the sealed bundle shows the case reference"
"$CASEREAD" merge "$T/lead.caseread" "$B" --key "$T/lead.key" >"$T/merge.out" 2>&1 ||
	fail "merge failed: $(cat "$T/merge.out")"
[ "$("${SQLITE3:-sqlite3}" -batch "$T/lead.caseread" "SELECT ref FROM cases")" = X-1 ] ||
	fail "the lead lacks the case"
finish
