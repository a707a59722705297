# caseread init, --help, --version and exit codes, as a user types them.
. "$TESTS_SRCDIR/testlib.sh"

expect_exit 0 "$CASEREAD" --version
expect_in "$T/out" "caseread "
expect_exit 0 "$CASEREAD" --help
expect_in "$T/out" "init"
expect_in "$T/out" "forms"

f="$T/wakefield.caseread"
expect_exit 0 "$CASEREAD" init "$f" --service "Wakefield YJS" --type iyjwcv --inspector "Ann Smith"
expect_in "$T/out" "created '$f'"
expect_eq "$(stat -c %a "$f")" 600 "mode of the new file"
expect_eq "$(sql "$f" 'SELECT service || "|" || type || "|" || owner || "|" || bank_id FROM inspection')" \
	"Wakefield YJS|iyjwcv|Ann Smith|youth-2025" "inspection row"
expect_eq "$(sql "$f" 'PRAGMA application_id')" 1130460005 "application id"

# Never clobber an existing inspection.
expect_exit 1 "$CASEREAD" init "$f" --service Other --type iyjs
expect_in "$T/err" "cannot create '$f'"
expect_eq "$(sql "$f" 'SELECT service FROM inspection')" "Wakefield YJS" "service after refused init"

# Usage errors: exit 2, one line on stderr.
expect_exit 2 "$CASEREAD" init "$T/x.caseread" --type iyjs
expect_in "$T/err" "--service NAME is required"
expect_eq "$(wc -l < "$T/err")" 1 "lines of usage error"
expect_exit 2 "$CASEREAD" init "$T/x.caseread" --service S --type iyjx
expect_in "$T/err" "iyjwcv or iyjs"
expect_exit 2 "$CASEREAD" init --service S --type iyjs
expect_in "$T/err" "missing argument"
expect_exit 2 "$CASEREAD" init "$T/x.caseread" --service S --type iyjs --bogus
expect_in "$T/err" "unknown option '--bogus'"
expect_exit 2 "$CASEREAD" frobnicate a b
expect_eq "$(cat "$T/err")" "caseread: unknown command 'frobnicate' (see 'caseread --help')" "unknown command, one prefix"
expect_exit 2 "$CASEREAD" --bogus
expect_eq "$(cat "$T/err")" "caseread: unknown option '--bogus' (see 'caseread --help')" "unknown option, one prefix"
# A mistyped command alone is not taken for a file to open.
(cd "$T" && "$CASEREAD" talley) >"$T/out" 2>"$T/err"
expect_eq "$?" 2 "exit status of a bare unknown word"
expect_eq "$(cat "$T/err")" "caseread: unknown command 'talley', and no file of that name (see 'caseread --help')" "bare unknown word"
# An option without its value says so, rather than calling it unknown.
expect_exit 2 "$CASEREAD" init "$T/x.caseread" --type iyjs --service
expect_in "$T/err" "caseread: init: option '--service' needs a value"
expect_not_in "$T/err" "unknown option"
expect_exit 2 "$CASEREAD" init "$T/x.caseread" --type iyjs -s
expect_in "$T/err" "caseread: init: option '-s' needs a value"
expect_exit 2 "$CASEREAD" init "$T/x.caseread" --type iyjs --serv
expect_in "$T/err" "option '--service' needs a value"
for c in "sample $T/x.caseread --children" "demo $T/x.caseread --seed" \
    "ratify $T/x.caseread --victims" "backup $T/x.caseread --keep" \
    "tally $T/x.caseread --format" "export $T/x.caseread --format"; do
	# shellcheck disable=SC2086
	expect_exit 2 "$CASEREAD" $c
	expect_in "$T/err" "option '--${c##*--}' needs a value"
done
expect_exit 2 "$CASEREAD" merge "$T/x.caseread" --keep
expect_in "$T/err" "--keep needs an inspector's name or a bundle"
expect_exit 2 "$CASEREAD" sample "$T/x.caseread" --bogus
expect_in "$T/err" "caseread: sample: unknown option '--bogus'"
[ -e "$T/x.caseread" ] && fail "usage error left a file"

# A bad --form is a runtime error naming file and line; nothing is created.
printf 'bank t\nversion 1\nstandard 2.1 child A\nkey 2.2.1 Q?\n' > "$T/bad.form"
expect_exit 1 "$CASEREAD" init "$T/y.caseread" --service S --type iyjs --form "$T/bad.form"
expect_in "$T/err" "bad.form:4:"
[ -e "$T/y.caseread" ] && fail "bad form left a file"

# A bank without the four standards the ratings are made of is refused too.
printf 'bank mine\nversion 7\nstandard 2.1 child A\nkey 2.1.1 Q?\n' > "$T/part.form"
expect_exit 1 "$CASEREAD" init "$T/y.caseread" --service S --type iyjs --form "$T/part.form"
expect_in "$T/err" "part.form:3: standard '2.1' has no key question 2.1.2"
[ -e "$T/y.caseread" ] && fail "partial form left a file"

# A custom bank is stored in the file: the smallest one the ratings accept.
printf 'bank mine\nversion 7\nstandard 2.1 child A\nkey 2.1.1 Q?\nkey 2.1.2 Q?\n%b%b%b' \
	'standard 2.2 child P\nkey 2.2.1 Q?\nkey 2.2.2 Q?\n' \
	'standard 2.3 child D\nkey 2.3.1 Q?\nkey 2.3.2 Q?\n' \
	'standard V1 victim V\nkey V1.1 Q?\n' > "$T/mine.form"
expect_exit 0 "$CASEREAD" init "$T/z.caseread" --service S --type iyjs --form "$T/mine.form" --start 2025-06-02 --end 2025-06-06
expect_eq "$(sql "$T/z.caseread" 'SELECT bank_id || " " || bank_version || " " || start_date FROM inspection')" \
	"mine 7 2025-06-02" "custom bank"
# Fieldwork dates are real days, in order; a refusal creates no file.
expect_exit 1 "$CASEREAD" init "$T/d1.caseread" --service S --type iyjs --start 2026-02-30 --end 2026-03-06
expect_in "$T/err" "the fieldwork dates must be YYYY-MM-DD, real days (not '2026-02-30' to '2026-03-06')"
expect_exit 1 "$CASEREAD" init "$T/d2.caseread" --service S --type iyjs --start 2026-05-11 --end 2026-05-01
expect_in "$T/err" "the fieldwork starts (2026-05-11) after it ends (2026-05-01)"
[ -e "$T/d1.caseread" ] || [ -e "$T/d2.caseread" ] && fail "a refused init left a file"
finish
