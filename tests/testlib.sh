# Sourced by the shell tests: a private temporary directory, the binary under test,
# and small assertions that say what they expected.
set -u
: "${CASEREAD:?run under make check}"
T=$(mktemp -d "${TMPDIR:-/tmp}/caseread-sh.XXXXXX")
trap 'rm -rf "$T"' EXIT
FAILS=0

fail() {
	echo "FAIL: $*" >&2
	FAILS=$((FAILS + 1))
}

# expect_exit CODE CMD...: run CMD, keep its output in $T/out and $T/err.
expect_exit() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want: $(cat "$T/err")"
}

# expect_in FILE TEXT: FILE contains TEXT (fixed string).
expect_in() {
	grep -qF -- "$2" "$1" || fail "$1 lacks '$2': $(head -c 500 "$1")"
}

expect_not_in() {
	if grep -qF -- "$2" "$1"; then fail "$1 has '$2'"; fi
}

# sql FILE QUERY: one value from the database.
sql() {
	"${SQLITE3:-sqlite3}" -batch -noheader "$1" "$2"
}

expect_eq() {
	[ "$1" = "$2" ] || fail "${3:-value}: got '$1', expected '$2'"
}

finish() {
	if [ "$FAILS" -ne 0 ]; then
		echo "$FAILS failure(s)" >&2
		exit 1
	fi
	exit 0
}
