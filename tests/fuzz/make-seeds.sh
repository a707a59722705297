#!/bin/sh
# Remake the bundle fuzzer's seeds in tests/fuzz/corpus/bundle/ at the schema
# of the caseread given (default build/dev/caseread): two small demo bundles,
# a truncated one, and the mutation programs fuzz_bundle.c reads (any input
# that is not an SQLite file: three bytes a step, op table-or-column value).
# Run after adding a migration: bundles of an older schema are refused as
# older, so seeds that are would test nothing past the version check.
#
#	tests/fuzz/make-seeds.sh [CASEREAD]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cr=${1:-$top/build/dev/caseread}
out=$top/tests/fuzz/corpus/bundle
work=$(mktemp -d "${TMPDIR:-/tmp}/caseread-seeds.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
for n in 1 2; do
	"$cr" demo "$work/d$n.caseread" --children 3 --victims 1 --inspectors 2 --seed "$n" >/dev/null
	rm -f "$out/demo-seed$n.bundle"
	"$cr" export "$work/d$n.caseread" -o "$out/demo-seed$n.bundle" >/dev/null
done
head -c 20480 "$out/demo-seed1.bundle" >"$out/truncated.bundle"
# Mutation programs: op, a, b (see mutation() in fuzz_bundle.c).
printf '\000\000\001' >"$out/mut-view.prog"
printf '\001\001\001' >"$out/mut-trigger.prog"
printf '\002\000\001' >"$out/mut-table.prog"
printf '\003\000\001' >"$out/mut-index.prog"
printf '\004\000\000' >"$out/mut-null-kind-view.prog"
printf '\005\003\000' >"$out/mut-recursive-view.prog"
printf '\006\001\001' >"$out/mut-changed-type.prog"
printf '\007\001\000' >"$out/mut-null-value.prog"
printf '\010\000\006' >"$out/mut-bank-words.prog"
printf '\012\000\001' >"$out/mut-wal.prog"
printf '\015\001\000' >"$out/mut-null-question.prog"
printf '\007]\006' >"$out/mut-empty-bank.prog"	# found by the fuzzer: an empty bank text
echo "seeds remade in $out at schema $(sqlite3 "$out/demo-seed1.bundle" 'PRAGMA user_version')"
