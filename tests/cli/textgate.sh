# Issue 11, the text gate: what crosses into a file (import, init, merge) is
# refused when it holds control characters, bidirectional controls or is too
# long, with a message naming the field; text that is in a file already (put
# there with sqlite3, as no caseread would) is shown visibly by check, tally,
# merge and every message, never sent raw to the terminal; JSON escapes it and
# CSV keeps it exactly; --excel quotes formulas and import restores them; and
# file names are plain paths, never SQLite URIs.
. "$TESTS_SRCDIR/testlib.sh"

ESC=$(printf '\033')
BEL=$(printf '\007')
CR=$(printf '\r')
svc="Leeds YJS"
# no_raw FILE: FILE holds no ESC, BEL or CR byte, nor C1 CSI or U+202E.
no_raw() {
	if LC_ALL=C grep -q "[$ESC$BEL$CR]" "$1"; then
		fail "$1 holds a raw control: $(od -c "$1" | head -5)"
	fi
	if LC_ALL=C grep -q "$(printf '\302\233')\|$(printf '\342\200\256')" \
	    "$1"; then
		fail "$1 holds a raw C1 or bidi control"
	fi
}
# cmp_same A B WHAT
cmp_same() {
	cmp -s "$1" "$2" || fail "$3: the file changed"
}

lead="$T/lead.caseread"
"$CASEREAD" init "$lead" --service "$svc" --type iyjwcv --inspector lee >/dev/null
ann="$T/ann.caseread"
"$CASEREAD" init "$ann" --service "$svc" --type iyjwcv --inspector ann >/dev/null
printf '%s\n' 'case_ref,case_kind,case_type,question,answer,note' \
	'YJ-001,child,court,2.1.1,yes,fine' > "$T/ok.csv"
expect_exit 0 "$CASEREAD" import "$ann" "$T/ok.csv"

# --- import refuses, and its messages show the text visibly (attack 6) -------
imp_refused() {	# imp_refused WHAT EXPECT CSV-ROW
	printf '%s\n%s\n' 'case_ref,case_kind,case_type,question,answer,note' \
		"$3" > "$T/bad.csv"
	cp "$ann" "$T/before"
	expect_exit 1 "$CASEREAD" import "$ann" "$T/bad.csv"
	expect_in "$T/err" "$2"
	no_raw "$T/err"
	cmp_same "$T/before" "$ann" "import of $1"
}
imp_refused "OSC 52" "case_ref 'X\\x1b]52;c;aGk=\\x07' is not a valid reference: the case reference holds a control character (\\x1b, byte 2)" \
	"X$ESC]52;c;aGk=$BEL,child,court,2.1.1,yes,"
imp_refused "C1 CSI" "holds a control character (\\x9b" \
	"X$(printf '\302\233')31m,child,court,2.1.1,yes,"
imp_refused "RLO" "holds a bidirectional control (\\u202e" \
	"X$(printf '\342\200\256')cba,child,court,2.1.1,yes,"
long=$(head -c 5000 /dev/zero | tr '\0' 'R')
imp_refused "5,000-character reference" "the case reference is 5000 bytes long: at most 64 are allowed" \
	"$long,child,court,2.1.1,yes,"
imp_refused "escape in a note" "the evidence note holds a control character (\\x1b" \
	"YJ-001,child,court,2.1.2,yes,\"red $ESC[31m\""
printf '%s\n%s\n' 'case_ref,case_kind,case_type,question,answer,note,inspector' \
	"YJ-002,child,court,2.1.1,yes,,$(printf 'bob\342\200\256')" > "$T/bad.csv"
expect_exit 1 "$CASEREAD" import "$ann" "$T/bad.csv"
expect_in "$T/err" "the inspector's name holds a bidirectional control (\\u202e"
no_raw "$T/err"

# --- init and --inspector go through the same gate ---------------------------
expect_exit 1 "$CASEREAD" init "$T/x.caseread" --service "Leeds$ESC]52;c;eA==$BEL" --type iyjwcv
expect_in "$T/err" "the service name holds a control character (\\x1b"
no_raw "$T/err"
[ -e "$T/x.caseread" ] && fail "init made a file with a bad service name"
expect_exit 1 "$CASEREAD" init "$T/x.caseread" --service "$svc" --type iyjwcv \
	--inspector "$(printf 'ann\302\205')"
expect_in "$T/err" "the inspector's name holds a control character (\\x85"
expect_exit 1 "$CASEREAD" init "$T/x.caseread" --service "$long" --type iyjwcv
expect_in "$T/err" "the service name is 5000 bytes long: at most 128"

# --- text already in a file is shown, never obeyed (attack 6) ----------------
evil="$T/evil.caseread"
cp "$ann" "$evil"
sql "$evil" "INSERT INTO cases (kind, ref, case_type, manager, inspector, macd,
	status, created_at, updated_at) SELECT 'child',
	'HIDE' || char(13) || char(27) || '[2K' || char(27) || ']52;c;aGk=' ||
	char(7), 'court', '', inspector, 0, 'draft', created_at, updated_at
	FROM cases WHERE ref = 'YJ-001';
	UPDATE inspector SET name = 'ann' || char(27) || '[31m' || char(0x9b) ||
	char(0x202e) WHERE name = 'ann'"
expect_exit 0 "$CASEREAD" check "$evil"
no_raw "$T/out"
expect_in "$T/out" "child HIDE\\x0d\\x1b[2K\\x1b]52;c;aGk=\\x07 (read by ann\\x1b[31m\\x9b\\u202e): draft"
expect_exit 0 "$CASEREAD" tally "$evil" --by inspector
no_raw "$T/out"
expect_in "$T/out" "Inspector ann\\x1b[31m\\x9b\\u202e:"
expect_exit 0 "$CASEREAD" export "$evil" --format json -o -
no_raw "$T/out"
expect_in "$T/out" '"HIDE\r\u001b[2K\u001b]52;c;aGk=\u0007"'
expect_in "$T/out" '\u009b\u202e'
expect_exit 0 "$CASEREAD" export "$evil" --format csv -o "$T/evil.csv"
LC_ALL=C grep -q "HIDE$CR$ESC\[2K$ESC]52;c;aGk=$BEL" "$T/evil.csv" ||
	fail "CSV did not keep the stored text exactly"

# --- merge refuses what import refuses, naming case and field (6, 9) ---------
merge_refused() {	# merge_refused WHAT EXPECT SQL
	b="$T/m.caseread"
	rm -f "$b" "$T/m.bundle"
	cp "$ann" "$b"
	sql "$b" "$3"
	"$CASEREAD" export "$b" -o "$T/m.bundle" >/dev/null 2>&1 ||
		fail "export for $1"
	cp "$lead" "$T/before"
	start=$(date +%s)
	expect_exit 1 "$CASEREAD" merge "$lead" "$T/m.bundle"
	[ $(($(date +%s) - start)) -le 20 ] || fail "merge of $1 took too long"
	expect_in "$T/err" "$2"
	no_raw "$T/err"
	cmp_same "$T/before" "$lead" "merge of $1"
	[ -e "$lead-wal" ] && [ -s "$lead-wal" ] && fail "merge of $1 left a WAL"
}
merge_refused "a 50 MB note" "is refused: case YJ-001, its note for 2.1.1: the evidence note is 52428800 bytes long: at most 1048576 are allowed" \
	"UPDATE answer SET note = replace(hex(zeroblob(26214400)), '0', 'x')"
merge_refused "a 5,000-character reference" "is refused: case RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR..., its reference: the case reference is 5000 bytes long: at most 64 are allowed" \
	"UPDATE cases SET ref = '$long'"
merge_refused "OSC 52 in a reference" "is refused: case YJ\\x1b]52;c;aGk=\\x07, its reference: the case reference holds a control character (\\x1b, byte 3)" \
	"UPDATE cases SET ref = 'YJ' || char(27) || ']52;c;aGk=' || char(7)"
merge_refused "a C1 control in a manager's initials" "its case manager: the case manager's initials holds a control character (\\x9b" \
	"UPDATE cases SET manager = 'A' || char(0x9b)"
merge_refused "U+202E in an inspector's name" "its inspector: the inspector's name holds a bidirectional control (\\u202e" \
	"UPDATE inspector SET name = 'ann' || char(0x202e)"
merge_refused "a question id with a NUL" "its question: the code holds a NUL byte (byte 6)" \
	"UPDATE answer SET question = CAST(X'322E312E310078' AS TEXT)"
merge_refused "an escape in an event's reason" "its reason: the reason holds a control character (\\x1b" \
	"INSERT INTO case_event (case_id, event, reason, inspector, at)
	SELECT id, 'reopen', 'x' || char(27) || '[2J', inspector, updated_at
	FROM cases"

# The manifest's inspector goes into the lead's merge log: the same gate.
"$CASEREAD" export "$ann" -o "$T/man.bundle" >/dev/null || fail "export"
sql "$T/man.bundle" "UPDATE bundle SET inspector = 'ann' || char(27) || ']52;c;eA==' || char(7)"
cp "$lead" "$T/before"
expect_exit 1 "$CASEREAD" merge "$lead" "$T/man.bundle"
expect_in "$T/err" "is refused: its manifest: the inspector's name holds a control character (\\x1b"
no_raw "$T/err"
cmp_same "$T/before" "$lead" "merge of a manifest with an escape"

# --- --excel neutralises formulas; import of it restores them (attack 7) ------
xl="$T/xl.caseread"
"$CASEREAD" init "$xl" --service "$svc" --type iyjwcv --inspector ann >/dev/null
printf '%s\n' 'case_ref,case_kind,case_type,question,answer,note' \
	'=1+1,child,court,2.1.1,yes,"=HYPERLINK(""http://x/?""&A1)"' \
	'+YJ,child,court,2.1.1,yes,-2' \
	'@SUM,child,court,2.1.1,yes,"'"'"'=quoted already"' \
	"YJ-9,child,court,2.1.1,yes,\"	tab first\"" > "$T/xl.csv"
expect_exit 0 "$CASEREAD" import "$xl" "$T/xl.csv"
expect_exit 0 "$CASEREAD" export "$xl" --format csv --excel -o "$T/xl-out.csv"
expect_in "$T/xl-out.csv" "'=1+1,child"
expect_in "$T/xl-out.csv" "\"'=HYPERLINK(\"\"http://x/?\"\"&A1)\""
expect_in "$T/xl-out.csv" "'+YJ,child"
expect_in "$T/xl-out.csv" ",'-2"
expect_in "$T/xl-out.csv" "'@SUM,child"
expect_in "$T/xl-out.csv" "''=quoted already"
expect_in "$T/xl-out.csv" "'	tab first"
LC_ALL=C grep -q "^[=+@-]\|,[=+@-]\|,\"[=+@-]" "$T/xl-out.csv" &&
	fail "--excel left a formula: $(cat "$T/xl-out.csv")"
expect_exit 0 "$CASEREAD" export "$xl" --format csv -o "$T/xl-plain.csv"
expect_in "$T/xl-plain.csv" '=1+1,child'
expect_not_in "$T/xl-plain.csv" "'=1+1"
xl2="$T/xl2.caseread"
"$CASEREAD" init "$xl2" --service "$svc" --type iyjwcv --inspector ann >/dev/null
expect_exit 0 "$CASEREAD" import "$xl2" "$T/xl-out.csv"
expect_eq "$(sql "$xl2" "SELECT group_concat(ref || '|' || note, ';') FROM (SELECT ref, note FROM cases JOIN answer ON answer.case_id = cases.id ORDER BY ref)")" \
	"$(sql "$xl" "SELECT group_concat(ref || '|' || note, ';') FROM (SELECT ref, note FROM cases JOIN answer ON answer.case_id = cases.id ORDER BY ref)")" \
	"--excel export imported back"
expect_exit 0 "$CASEREAD" export "$xl2" --format csv -o "$T/xl2-plain.csv"
cmp -s "$T/xl-plain.csv" "$T/xl2-plain.csv" ||
	fail "plain CSV after the --excel round trip differs"

# --- file names are plain paths (attack 8) ------------------------------------
mkdir "$T/d"
"$CASEREAD" init "$T/d/x.caseread" --service "Real X" --type iyjwcv >/dev/null
for name in 'file:x.caseread' 'x.caseread?mode=ro' 'a#b%41.caseread'; do
	( cd "$T/d" && "$CASEREAD" init "$name" --service "Named $name" \
	    --type iyjwcv >/dev/null ) || fail "init '$name'"
	( cd "$T/d" && "$CASEREAD" check "$name" ) >"$T/out" 2>"$T/err" ||
		fail "check '$name': $(cat "$T/err")"
	expect_in "$T/out" "inspection: Named $name (iyjwcv)"
done
[ -e "$T/d/file:x.caseread" ] || fail "no file literally named file:x.caseread"
( cd "$T/d" && "$CASEREAD" export 'file:x.caseread' -o 'file:x.bundle' &&
    "$CASEREAD" check 'file:x.bundle' ) >"$T/out" 2>"$T/err" ||
	fail "export to 'file:x.bundle': $(cat "$T/err")"
[ -e "$T/d/file:x.bundle" ] || fail "the bundle is not named file:x.bundle"
( cd "$T/d" && "$CASEREAD" merge x.caseread 'file:x.bundle' ) >"$T/out" 2>"$T/err"
expect_in "$T/err" "is from another inspection: Named file:x.caseread"
( cd "$T/d" && "$CASEREAD" check "$T/d/file:x.caseread" ) >"$T/out" 2>&1
expect_in "$T/out" "inspection: Named file:x.caseread"
( cd "$T/d" && "$CASEREAD" backup 'file:x.caseread' ) >"$T/out" 2>&1 ||
	fail "backup of file:x.caseread: $(cat "$T/out")"
ls "$T/d/file:x.caseread.backups/"*.caseread >/dev/null 2>&1 ||
	fail "no backup beside file:x.caseread"

finish
