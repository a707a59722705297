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

expect_exit 1 "$CASEREAD" forms check "$T/missing.form"
expect_in "$T/err" "cannot open '$T/missing.form'"
expect_exit 1 "$CASEREAD" forms check /dev/null
expect_in "$T/err" "no 'bank' line"
expect_exit 2 "$CASEREAD" forms check
expect_exit 2 "$CASEREAD" forms verify "$bank"
finish
