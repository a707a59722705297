# The inspection kit and sealed bundles (issue 12), as the lead and inspectors
# type them: keygen, init --lead-key, kit, import into the kits, export (sealed,
# nothing readable in the bytes), merge --key; the result equals the plain path's.
# Then the refusals: no key, wrong passphrase, another key, another inspection,
# a lead key changed under sent bundles; the lead's file unchanged by each.
. "$TESTS_SRCDIR/testlib.sh"

svc="Wakefield YJS"
export CASEREAD_PASSPHRASE="correct horse battery"
export HOME="$T/home" XDG_DATA_HOME=
mkdir -p "$HOME"
sum() { sha256sum "$1" | cut -d' ' -f1; }

# --- keygen ----------------------------------------------------------------------
expect_exit 0 "$CASEREAD" keygen "$T/lead.key"
pub=$(cat "$T/out")
case $pub in caseread-key1:????????????????????????????????????????????) ;;
*) fail "keygen printed '$pub'" ;; esac
expect_in "$T/err" "fingerprint "
expect_eq "$(stat -c %a "$T/lead.key")" 600 "key file mode"
expect_exit 0 "$CASEREAD" keygen --public "$T/lead.key"
expect_eq "$(cat "$T/out")" "$pub" "keygen --public"
expect_exit 1 "$CASEREAD" keygen "$T/lead.key"
expect_in "$T/err" "cannot create '$T/lead.key': File exists"
expect_exit 0 "$CASEREAD" keygen --no-passphrase "$T/bare.key"
expect_in "$T/err" "has no passphrase: anyone who can read it"
CASEREAD_PASSPHRASE= expect_exit 1 "$CASEREAD" keygen "$T/empty.key"
expect_in "$T/err" "passphrase is empty (or use --no-passphrase"
[ -e "$T/empty.key" ] && fail "a key file was left after a refused keygen"

# --- init --lead-key, kit ---------------------------------------------------------
expect_exit 0 "$CASEREAD" init "$T/lead.caseread" --service "$svc" --type iyjwcv \
	--inspector lee --start 2026-03-02 --end 2026-03-06 --lead-key "$pub"
lead="$T/lead.caseread"
fpr=$(sed -n 's/^bundles will be sealed to the lead key //p' "$T/out")
[ -n "$fpr" ] || fail "init --lead-key named no fingerprint: $(cat "$T/out")"
"$CASEREAD" sample "$lead" --children 20 --victims 11 >/dev/null || fail "sample"
expect_exit 0 "$CASEREAD" check "$lead"
expect_in "$T/out" "lead key: $fpr (bundles are sealed to it)"
luid=$(sql "$lead" 'SELECT uid FROM inspection')
expect_in "$T/out" "inspection uid: $luid"

"$CASEREAD" init "$T/nokey.caseread" --service "$svc" --type iyjwcv --inspector x >/dev/null
expect_exit 1 "$CASEREAD" kit "$T/nokey.caseread" --inspector ann -o "$T/x.caseread"
expect_in "$T/err" "has no lead key: add one with 'caseread lead-key"
expect_exit 2 "$CASEREAD" kit "$lead" -o "$T/x.caseread"
expect_in "$T/err" "--inspector NAME is required"

for who in ann bea; do
	expect_exit 0 "$CASEREAD" kit "$lead" --inspector "$who" -o "$T/$who.caseread"
	expect_in "$T/out" "sealed to the lead key $fpr"
done
expect_exit 1 "$CASEREAD" kit "$lead" --inspector ann -o "$T/ann.caseread"
expect_exit 1 "$CASEREAD" kit "$T/ann.caseread" --inspector cat -o "$T/cat.caseread"
expect_in "$T/err" "is itself an inspector's kit"
cols='service, type, bank_id, bank_version, bank_hash, bank_text, start_date, end_date, min_children, min_victims, lead_key'
expect_eq "$(sql "$T/ann.caseread" "SELECT $cols, inspection_uid, owner FROM inspection")" \
	"$(sql "$lead" "SELECT $cols, uid, 'ann' FROM inspection")" "the kit's inspection"
[ "$(sql "$T/ann.caseread" 'SELECT uid FROM inspection')" != "$luid" ] ||
	fail "the kit has the lead's file uid"
[ "$(sql "$T/ann.caseread" 'SELECT uid FROM inspection')" != \
  "$(sql "$T/bea.caseread" 'SELECT uid FROM inspection')" ] || fail "two kits share a file uid"
expect_eq "$(sql "$T/ann.caseread" 'SELECT count(*) FROM cases')" 0 "cases in a kit"
expect_exit 0 "$CASEREAD" check "$T/ann.caseread"
expect_in "$T/out" "inspection uid: $luid (an inspector's kit"
expect_in "$T/out" "lead key: $fpr"

# --- read (import), export sealed and plain ----------------------------------------
cat > "$T/ann.csv" <<'CSV'
case_ref,case_kind,case_type,question,answer,note
ANNREF-17,child,court,2.1.1,yes,"Zanzibar placement explored with mother"
ANNREF-17,child,court,2.1.2,no,"Quokka risk not analysed"
ANNREF-18,child,out-of-court,2.2.1,na,
ANNVIC-1,victim,,V1.1,yes,"Victim Wombat contacted"
CSV
cat > "$T/bea.csv" <<'CSV'
case_ref,case_kind,case_type,question,answer,note
BEAREF-40,child,bail-remand,2.1.1,no,"Narwhal plan absent"
BEAREF-40,child,bail-remand,2.3.2,yes,
CSV
for who in ann bea; do
	expect_exit 0 "$CASEREAD" import "$T/$who.caseread" "$T/$who.csv"
	expect_exit 0 "$CASEREAD" export "$T/$who.caseread" -o "$T/$who.bundle"
	expect_in "$T/out" "sealed to the lead key $fpr"
	expect_eq "$(head -n 1 "$T/$who.bundle")" "caseread sealed bundle 1" "$who's bundle header"
	expect_eq "$(sed -n 's/^inspection: //p' "$T/$who.bundle" | head -1)" "$luid" "header uid"
	expect_exit 0 "$CASEREAD" export "$T/$who.caseread" -o "$T/$who.plain" --plain
	expect_in "$T/err" "writing a plain bundle as asked (--plain)"
	expect_eq "$(head -c 15 "$T/$who.plain")" "SQLite format 3" "$who's plain bundle"
done
expect_in "$T/ann.plain" "Zanzibar"
for word in Zanzibar Quokka Wombat ANNREF ANNVIC "$svc" 2.1.1; do
	grep -qaF -- "$word" "$T/ann.bundle" && fail "sealed bundle shows '$word'"
done
grep -qaF Narwhal "$T/bea.bundle" && fail "sealed bundle shows a note"
# No plaintext temporary is left anywhere.
ls -a "$T" | grep -q '^\.' && ls -a "$T" | grep -v '^\.\.\?$' | grep '^\.' && fail "temporaries left"
expect_exit 0 "$CASEREAD" check "$T/ann.caseread"
expect_in "$T/out" "last sealed export: to key $fpr"
expect_exit 1 "$CASEREAD" check "$T/ann.bundle"
expect_in "$T/err" "'$T/ann.bundle' is a sealed bundle: only the lead opens it"

# --- merge: sealed equals plain ----------------------------------------------------
cp "$lead" "$T/plainlead.caseread"
expect_exit 1 "$CASEREAD" merge "$lead" "$T/ann.bundle"
expect_in "$T/err" "no key at '$HOME/.local/share/caseread/lead.key': give --key KEYFILE"
before=$(sum "$lead")
CASEREAD_PASSPHRASE=wrong expect_exit 1 "$CASEREAD" merge "$lead" "$T/ann.bundle" --key "$T/lead.key"
expect_in "$T/err" "wrong passphrase for '$T/lead.key'"
expect_exit 1 "$CASEREAD" merge "$lead" "$T/ann.bundle" --key "$T/bare.key"
expect_in "$T/err" "is sealed to another key ($fpr)"
expect_eq "$(sum "$lead")" "$before" "lead after refusals"

expect_exit 0 "$CASEREAD" merge "$lead" "$T/ann.bundle" "$T/bea.bundle" --key "$T/lead.key"
expect_in "$T/out" "merged '$T/ann.bundle' (ann, exported "
expect_exit 0 "$CASEREAD" merge "$T/plainlead.caseread" "$T/ann.plain" "$T/bea.plain"
q='SELECT c.kind, c.ref, c.case_type, i.name, a.question, coalesce(a.value, ""), a.note, a.updated_at FROM cases c JOIN inspector i ON i.id = c.inspector JOIN answer a ON a.case_id = c.id ORDER BY 1, 2, 5'
expect_eq "$(sql "$lead" "$q")" "$(sql "$T/plainlead.caseread" "$q")" "sealed and plain merges"
[ "$(sql "$lead" 'SELECT count(*) FROM answer')" -eq 6 ] || fail "merged answers"
"$CASEREAD" tally "$lead" --format json > "$T/sealed.json" || fail "tally"
"$CASEREAD" tally "$T/plainlead.caseread" --format json > "$T/plain.json" || fail "tally"
cmp -s "$T/sealed.json" "$T/plain.json" || fail "tally JSON differs: $(diff "$T/sealed.json" "$T/plain.json" | head -5)"
# Merging again changes nothing; the default key is found without --key.
mkdir -p "$HOME/.local/share/caseread"
cp "$T/lead.key" "$HOME/.local/share/caseread/lead.key"
expect_exit 0 "$CASEREAD" merge "$lead" "$T/ann.bundle"
expect_in "$T/out" "0 added, 0 updated, 3 unchanged"

# --- another inspection -------------------------------------------------------------
"$CASEREAD" init "$T/other.caseread" --service "$svc" --type iyjwcv --inspector olly \
	--lead-key "$T/lead.key" >/dev/null || fail "init other"
"$CASEREAD" kit "$T/other.caseread" --inspector ann -o "$T/ann2.caseread" >/dev/null || fail "kit other"
"$CASEREAD" import "$T/ann2.caseread" "$T/ann.csv" >/dev/null || fail "import other"
"$CASEREAD" export "$T/ann2.caseread" -o "$T/ann2.bundle" >/dev/null || fail "export other"
"$CASEREAD" export "$T/ann2.caseread" -o "$T/ann2.plain" --plain 2>/dev/null >&2 || fail "export other plain"
before=$(sum "$lead")
expect_exit 1 "$CASEREAD" merge "$lead" "$T/ann2.bundle" --key "$T/lead.key"
expect_in "$T/err" "belongs to another inspection"
expect_exit 1 "$CASEREAD" merge "$lead" "$T/ann2.plain"
expect_in "$T/err" "belongs to another inspection"
expect_eq "$(sum "$lead")" "$before" "lead after another inspection's bundles"
# A plain bundle from a file made by init merges as before.
expect_exit 0 "$CASEREAD" export "$T/nokey.caseread" -o "$T/nokey.bundle"
expect_not_in "$T/out" "sealed"

# --- lead-key ----------------------------------------------------------------------
"$CASEREAD" keygen --no-passphrase "$T/new.key" > "$T/new.pub" 2>/dev/null || fail "keygen new"
expect_exit 1 "$CASEREAD" lead-key "$T/ann.caseread" "$T/new.pub"
expect_in "$T/err" "already exported bundles sealed to key $fpr"
expect_exit 0 "$CASEREAD" lead-key "$T/ann.caseread" "$pub"
# The lead lost the key: --replace, with a warning, and the next export uses the new one.
cp "$T/ann.caseread" "$T/lost.caseread"
expect_exit 0 "$CASEREAD" lead-key "$T/lost.caseread" "$T/new.pub" --replace
expect_in "$T/err" "were sealed to key $fpr; from now on"
expect_exit 0 "$CASEREAD" export "$T/lost.caseread" -o "$T/lost.bundle"
expect_not_in "$T/out" "$fpr"
expect_exit 0 "$CASEREAD" merge "$lead" "$T/lost.bundle" --key "$T/new.key"
expect_exit 0 "$CASEREAD" lead-key "$T/nokey.caseread" "$T/new.pub"
expect_exit 0 "$CASEREAD" export "$T/nokey.caseread" -o "$T/nokey2.bundle"
expect_in "$T/out" "sealed to the lead key"
expect_exit 1 "$CASEREAD" lead-key "$T/nokey.caseread" "caseread-key1:AAAA"
expect_in "$T/err" "not a valid public key"
expect_exit 2 "$CASEREAD" lead-key "$T/nokey.caseread"
finish
