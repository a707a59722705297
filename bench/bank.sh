#!/bin/sh
# How long caseread takes over a question bank with very many guidance lines
# (issue 11: the parser once re-copied every line before each new one, so
# 100,000 lines took 26 s). Run by hand, never by make check:
#
#	bench/bank.sh [CASEREAD [LINES]]	(default build/dev/caseread, 100000)
#
# Times 'caseread forms check' on the bank and 'caseread init' with it (which
# parses it again from the stored text), and prints the seconds of each.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cr=${1:-$top/build/dev/caseread}
lines=${2:-100000}
work=$(mktemp -d "${TMPDIR:-/tmp}/caseread-bank.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The shipped bank with LINES guidance lines after its first one.
awk -v n="$lines" '
	{ print }
	/^  guidance / && !done { for (i = 0; i < n; i++)
		printf "  guidance line %d of a very long guidance text\n", i; done = 1 }
' "$top/forms/youth-2025.form" >"$work/big.form"

secs() {
	s=$(date +%s%N)
	"$@" >/dev/null 2>&1 || { echo "bank.sh: failed: $*" >&2; exit 1; }
	e=$(date +%s%N)
	awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", (e - s) / 1e9 }'
}
echo "bank of $(wc -l <"$work/big.form") lines ($lines guidance lines on one question)"
echo "forms check: $(secs "$cr" forms check "$work/big.form") s"
echo "init:        $(secs "$cr" init "$work/x.caseread" --service Bench --type iyjwcv --inspector B --form "$work/big.form") s"
