# An inspector's name is taken without the spaces at its ends at every door
# (init, kit, import's inspector column): " Ann Smith " is Ann Smith, and a
# name of spaces only is an empty name, refused. Names already in a file are
# kept as they are: an older caseread's " Cal Old " is still that inspector
# when typed as "Cal Old", and its bundle merges with the name it holds.
. "$TESTS_SRCDIR/testlib.sh"

svc="Wakefield YJS"
nbsp=$(printf '\302\240')	# U+00A0 no-break space
emsp=$(printf '\342\200\203')	# U+2003 em space
# names FILE: the inspectors' names, bracketed so spaces show, by id.
names() {
	sql "$1" "SELECT group_concat('[' || name || ']', ' ') FROM (SELECT name FROM inspector ORDER BY id)"
}
owner() {
	sql "$1" "SELECT '[' || owner || ']' FROM inspection"
}

# --- init ------------------------------------------------------------------------
f="$T/ann.caseread"
expect_exit 0 "$CASEREAD" init "$f" --service "$svc" --type iyjwcv --inspector "  Ann Smith "
expect_in "$T/out" ", inspector Ann Smith"
expect_eq "$(owner "$f")" "[Ann Smith]" "init: the owner, trimmed"
expect_eq "$(names "$f")" "[Ann Smith]" "init: the inspector, trimmed"
# Unicode's spaces too; the name's own letters stay.
expect_exit 0 "$CASEREAD" init "$T/zoe.caseread" --service "$svc" --type iyjs \
	--inspector "${nbsp}Zoë  Ōkubo${emsp}"
expect_eq "$(owner "$T/zoe.caseread")" "[Zoë  Ōkubo]" "init: no-break and em spaces"
# Spaces only: an empty name, refused as one; nothing is created.
for n in "   " "$nbsp $emsp"; do
	expect_exit 1 "$CASEREAD" init "$T/e.caseread" --service "$svc" --type iyjs --inspector "$n"
	expect_in "$T/err" "inspector name must be non-empty text"
	[ -e "$T/e.caseread" ] && fail "a name of spaces created a file"
done
# A tab is a control character, refused as before, not trimmed.
expect_exit 1 "$CASEREAD" init "$T/e.caseread" --service "$svc" --type iyjs --inspector "Ann Smith	"
expect_in "$T/err" "control character (\\x09"

# --- import: the inspector column --------------------------------------------------
cat > "$T/ann.csv" <<EOF
case_ref,case_kind,case_type,question,answer,note,inspector
K-1,child,court,2.1.1.1,yes,, Ann Smith 
K-1,child,court,2.1.1.2,no,,Ann Smith
K-2,child,court,2.1.1.1,yes,,  Bea Jones${nbsp}
K-2,child,court,2.1.1.2,yes,,Bea Jones
K-3,child,court,2.1.1.1,no,,${emsp}
EOF
expect_exit 0 "$CASEREAD" import "$f" "$T/ann.csv"
expect_eq "$(names "$f")" "[Ann Smith] [Bea Jones]" "import: one inspector each, trimmed"
expect_eq "$(sql "$f" "SELECT group_concat(c.ref || '=' || i.name, ' ') FROM (SELECT * FROM cases ORDER BY ref) c JOIN inspector i ON i.id = c.inspector")" \
	"K-1=Ann Smith K-2=Bea Jones K-3=Ann Smith" "import: who reads each case (a name of spaces is none: the owner)"

# --- kit --inspector ---------------------------------------------------------------
"$CASEREAD" keygen --no-passphrase "$T/lead.key" >"$T/pub" 2>/dev/null || fail "keygen"
lead="$T/lead.caseread"
expect_exit 0 "$CASEREAD" init "$lead" --service "$svc" --type iyjwcv --inspector " Lee Lead" \
	--lead-key "$(cat "$T/pub")"
expect_eq "$(owner "$lead")" "[Lee Lead]" "init --lead-key: the owner, trimmed"
expect_exit 0 "$CASEREAD" kit "$lead" --inspector " Dee Kit  " -o "$T/dee.caseread"
expect_in "$T/out" "for Dee Kit: $svc"
expect_eq "$(owner "$T/dee.caseread")" "[Dee Kit]" "kit: the owner, trimmed"
expect_eq "$(names "$T/dee.caseread")" "[Dee Kit]" "kit: the inspector, trimmed"
expect_exit 1 "$CASEREAD" kit "$lead" --inspector "$nbsp" -o "$T/e.caseread"
expect_in "$T/err" "inspector name must be non-empty text"
[ -e "$T/e.caseread" ] && fail "kit for a name of spaces created a file"

# --- a file from an older caseread, its names never trimmed ----------------------------
old="$T/cal.caseread"
"$CASEREAD" init "$old" --service "$svc" --type iyjwcv --inspector "Cal Old" >/dev/null || fail "init cal"
sql "$old" "UPDATE inspector SET name = ' Cal Old '; UPDATE inspection SET owner = ' Cal Old '"
# "Cal Old" in the inspector column is the inspector stored as " Cal Old ".
printf 'case_ref,case_kind,case_type,question,answer,note,inspector\nC-1,child,court,2.1.1.1,yes,,Cal Old\nC-2,child,court,2.1.1.1,no,,\n' >"$T/cal.csv"
expect_exit 0 "$CASEREAD" import "$old" "$T/cal.csv"
expect_eq "$(names "$old")" "[ Cal Old ]" "an older file: no second inspector, the name as stored"
expect_eq "$(owner "$old")" "[ Cal Old ]" "an older file: the owner as stored"
expect_eq "$(sql "$old" "SELECT count(DISTINCT inspector) FROM answer_history")" 1 "one reader of the answers"
# Its bundle merges, the name as the bundle holds it, and again as unchanged.
expect_exit 0 "$CASEREAD" export "$old" -o "$T/cal.bundle" --plain
plain="$T/plain.caseread"
"$CASEREAD" init "$plain" --service "$svc" --type iyjwcv --inspector "Lee Lead" >/dev/null || fail "init plain"
expect_exit 0 "$CASEREAD" merge "$plain" "$T/cal.bundle"
expect_in "$T/out" "merged '$T/cal.bundle' ( Cal Old , exported"
expect_eq "$(names "$plain")" "[Lee Lead] [ Cal Old ]" "merge: the bundle's names as they are"
expect_eq "$(sql "$plain" "SELECT count(*) FROM cases")" 2 "merge: the bundle's cases"
expect_exit 0 "$CASEREAD" merge "$plain" "$T/cal.bundle"
expect_eq "$(names "$plain")" "[Lee Lead] [ Cal Old ]" "merge again: nothing new"
finish
