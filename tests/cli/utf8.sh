# Ill-formed UTF-8 in a file, put there with sqlite3 as no caseread would:
# the JSON export and the JSON tally are valid JSON to a strict reader, with
# U+FFFD where Python's decoder puts it; the CSV export says what it replaced,
# imports back, and exports again byte for byte.
. "$TESTS_SRCDIR/testlib.sh"

# Python's json.load(sys.stdin) takes bad bytes as lone surrogates (stdin
# decodes with surrogateescape), so every check here decodes strictly first.
strict_json() {	# strict_json FILE: exits 0 when FILE is UTF-8 and JSON
	python3 -c 'import json, sys
json.loads(open(sys.argv[1], "rb").read().decode("utf-8", "strict"))' "$1"
}

f="$T/ann.caseread"
"$CASEREAD" init "$f" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
printf '%s\n' 'case_ref,case_kind,case_type,question,answer,note' \
	'YJ-001,child,court,2.1.1,yes,placeholder' \
	'YJ-001,child,court,2.1.2,no,"valid — café"' \
	'V-01,victim,,V1.1,yes,placeholder' > "$T/in.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/in.csv"
# A stray byte, an overlong '/', a surrogate, a code point past U+10FFFF, a
# truncated euro sign before text and one at the very end; a truncated
# sequence ending another note; a bad byte in the inspector's name and in the
# service, which the tally prints.
bad="61ff62c0af63eda08064f490808065e282416667e282"
sql "$f" "UPDATE answer SET note = CAST(X'$bad' AS TEXT) WHERE question = '2.1.1';
	UPDATE answer SET note = CAST(X'4e6f7465ed' AS TEXT) WHERE question = 'V1.1';
	UPDATE inspector SET name = CAST(X'616e6ec3' AS TEXT) WHERE name = 'ann';
	UPDATE inspection SET service = CAST(X'4c65656473ff20594a53' AS TEXT)"
expect_eq "$(sql "$f" "SELECT hex(note) FROM answer WHERE question = '2.1.1'")" \
	"$(echo "$bad" | tr a-f A-F)" "bad bytes stored"

decoded=$(python3 -c 'import sys; print(ascii(bytes.fromhex(sys.argv[1]).decode("utf-8", "replace")))' "$bad")

# --- JSON ----------------------------------------------------------------------
expect_exit 0 "$CASEREAD" export "$f" --format json -o "$T/ann.json"
strict_json "$T/ann.json" || fail "JSON export is not valid UTF-8 JSON: $(od -c "$T/ann.json" | head)"
# Two notes, the service, and the inspector's name on two cases and three answers.
expect_in "$T/err" "warning: 8 texts in '$f' not valid UTF-8, exported with U+FFFD for the bad bytes (the file itself is unchanged)"
"$CASEREAD" export "$f" --format json -o - > "$T/stdout.json" 2>"$T/err" || fail "JSON to stdout"
strict_json "$T/stdout.json" || fail "JSON on stdout is not valid UTF-8 JSON"
got=$(python3 - "$T/ann.json" <<'EOF'
import json, sys
d = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
notes = {a["question"]: a["note"] for c in d["cases"] for a in c["answers"]}
print(ascii(notes["2.1.1"]), ascii(notes["V1.1"]), notes["2.1.2"] == "valid — café",
      ascii(d["inspection"]["service"]), ascii(d["cases"][0]["inspector"]))
EOF
)
expect_eq "$got" "$decoded 'Note\\ufffd' True 'Leeds\\ufffd YJS' 'ann\\ufffd'" "JSON strings as Python decodes the bytes"

# The tally's JSON contract too: the service and the inspector names.
"$CASEREAD" tally "$f" --format json --by inspector > "$T/tally.json" || fail "tally json"
strict_json "$T/tally.json" || fail "tally JSON is not valid UTF-8 JSON"
expect_in "$T/tally.json" '"ann\ufffd": {'
expect_in "$T/tally.json" '"service": "Leeds\ufffd YJS"'

# --- CSV -----------------------------------------------------------------------
# Import reads only UTF-8, so the CSV carries U+FFFD for the bad bytes, as the
# JSON does: the export says so, and the file imports.
expect_exit 0 "$CASEREAD" export "$f" --format csv -o "$T/ann.csv"
# Two notes, and the inspector's name on each of three rows.
expect_in "$T/err" "warning: 5 texts in '$f' not valid UTF-8, exported with U+FFFD"
python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8", "strict")' "$T/ann.csv" ||
	fail "CSV export is not UTF-8"
"$CASEREAD" init "$T/copy.caseread" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
expect_exit 0 "$CASEREAD" import "$T/copy.caseread" "$T/ann.csv"
got=$(sql "$T/copy.caseread" "SELECT hex(note) FROM answer WHERE question = '2.1.1'")
expect_eq "$got" "$(python3 -c 'import sys; print(bytes.fromhex(sys.argv[1]).decode("utf-8", "replace").encode().hex().upper())' "$bad")" \
	"note imported from the CSV"
"$CASEREAD" export "$T/copy.caseread" --format csv -o "$T/again.csv" 2>"$T/err" >/dev/null
cmp -s "$T/ann.csv" "$T/again.csv" || fail "CSV export, import, export differs: $(diff "$T/ann.csv" "$T/again.csv")"
[ -s "$T/err" ] && fail "a clean file's export warned: $(cat "$T/err")"
# The inspection itself is never touched by an export.
expect_eq "$(sql "$f" "SELECT hex(note) FROM answer WHERE question = '2.1.1'")" \
	"$(echo "$bad" | tr a-f A-F)" "bad bytes still in the file"

# A control character is valid UTF-8 but not a note import takes: the CSV keeps
# it, and import names the line.
sql "$f" "UPDATE answer SET note = 'bell' || char(7) WHERE question = '2.1.2'"
expect_exit 0 "$CASEREAD" export "$f" --format csv -o "$T/ctl.csv"
"$CASEREAD" init "$T/ctl.caseread" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
expect_exit 1 "$CASEREAD" import "$T/ctl.caseread" "$T/ctl.csv"
expect_in "$T/err" "ctl.csv:3: the evidence note holds a control character (\\x07"
finish
