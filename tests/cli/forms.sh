# caseread forms check: the shipped bank passes; broken banks fail with file:line.
. "$TESTS_SRCDIR/testlib.sh"

bank="$TESTS_SRCDIR/../forms/youth-2025.form"
expect_exit 0 "$CASEREAD" forms check "$bank"
expect_in "$T/out" "ok: bank youth-2025"
expect_in "$T/out" "7 key questions"

printf 'bank t\nversion 1\nstandard 2.1 child A\nkey 2.1.1 Q?\nprompt 2.1.1.1 P?\napplies prison\n' > "$T/b.form"
expect_exit 1 "$CASEREAD" forms check "$T/b.form"
expect_in "$T/err" "b.form:6: unknown case type 'prison'"

printf 'bank t\nversion 1\nstandard 2.1 child A\nkey 2.1.1 caf\351?\n' > "$T/latin1.form"
expect_exit 1 "$CASEREAD" forms check "$T/latin1.form"
expect_in "$T/err" "latin1.form:4: not valid UTF-8"

# What the ratings need: the four standards and their key questions, named
# with the line (or the end of the file) where they go wrong.
sed '/^standard V1 /,$d' "$bank" > "$T/no-v1.form"
expect_exit 1 "$CASEREAD" forms check "$T/no-v1.form"
expect_in "$T/err" "no-v1.form: end of file: no standard V1"
expect_eq "$(wc -l < "$T/err")" 1 "lines of a forms error"
sed 's/^\(  *\)prompt 2\.1\.1\.2 /\1prompt 2.1.1.9 /' "$bank" > "$T/prompt.form"
line=$(grep -n 'prompt 2\.1\.1\.9 ' "$T/prompt.form" | cut -d: -f1)
expect_exit 1 "$CASEREAD" forms check "$T/prompt.form"
expect_in "$T/err" "prompt.form:$line: prompt '2.1.1.9' where '2.1.1.2' was expected"
awk '/^standard 2\.3 / { print "key 2.2.3 A third key?" } { print }' "$bank" > "$T/three.form"
line=$(grep -n '^key 2\.2\.3 ' "$T/three.form" | cut -d: -f1)
expect_exit 1 "$CASEREAD" forms check "$T/three.form"
expect_in "$T/err" "three.form:$line: standard '2.2' has one key question too many, '2.2.3'"

# The example in caseread-forms(5) is a bank the loader accepts.
sed -n '/^A small complete bank:/,/^\.EE/p' "$TESTS_SRCDIR/../man/caseread-forms.5" |
	sed -e '1,/^\.EX/d' -e '/^\.EE/d' -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" > "$T/example.form"
expect_exit 0 "$CASEREAD" forms check "$T/example.form"
expect_in "$T/out" "ok: bank example"

expect_exit 1 "$CASEREAD" forms check "$T/missing.form"
expect_in "$T/err" "cannot open '$T/missing.form'"
expect_exit 1 "$CASEREAD" forms check /dev/null
expect_in "$T/err" "no 'bank' line"
expect_exit 2 "$CASEREAD" forms check
expect_exit 2 "$CASEREAD" forms verify "$bank"
finish
