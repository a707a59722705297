#!/bin/bash
# What sealing costs (issue 12): export and merge of a 90-case bundle, plain
# against sealed, interleaved round by round (alternating which goes first);
# each figure is the median of the rounds, the overhead the median of each
# round's ratio. Goal: under 10% on both. Run by hand, never by make check.
#
#	bench/seal.sh			(CASEREAD=path to use another build)
#
# BENCH_ROUNDS (default 9); BENCH_DIR scratch directory; BENCH_BUILD as bench/run.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BENCH_BUILD:-$top/build/bench}
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/caseread-seal.XXXXXX")}
rounds=${BENCH_ROUNDS:-9}
mkdir -p "$work"
if [ -z "${CASEREAD:-}" ]; then
	mkdir -p "$build"
	[ -x "$top/configure" ] || (cd "$top" && ./bootstrap)
	[ -f "$build/Makefile" ] ||
		(cd "$build" && "$top/configure" CFLAGS="-O2 -g" >/dev/null)
	make -C "$build" -j"$(nproc)" caseread >"$work/make.log" 2>&1 ||
		{ cat "$work/make.log"; exit 1; }
	CASEREAD="$build/caseread"
fi
CR=$CASEREAD

ms() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# The inputs: a 90-case demonstration inspection read by one inspector, sealed
# to a key without a passphrase (the passphrase's Argon2id is paid once per
# merge command, not per bundle: measured apart below); the lead is a kit of it.
cd "$work"
rm -f insp.caseread lead.caseread lead.key pub ./*.bundle ./*.plain
"$CR" keygen --no-passphrase lead.key >pub 2>/dev/null
"$CR" demo insp.caseread --children 72 --victims 18 --inspectors 1 --seed 7 >/dev/null
"$CR" lead-key insp.caseread pub >/dev/null
"$CR" kit insp.caseread --inspector lee -o lead.caseread >/dev/null
cases=$("$CR" check insp.caseread | sed -n 's/^cases: //p')

: >ex.plain; : >ex.sealed; : >ex.ratio; : >mg.plain; : >mg.sealed; : >mg.ratio
for r in $(seq 1 "$rounds"); do
	rm -f p.plain s.bundle
	if [ $((r % 2)) -eq 1 ]; then
		p=$(ms "$CR" export insp.caseread -o p.plain --plain)
		s=$(ms "$CR" export insp.caseread -o s.bundle)
	else
		s=$(ms "$CR" export insp.caseread -o s.bundle)
		p=$(ms "$CR" export insp.caseread -o p.plain --plain)
	fi
	echo "$p" >>ex.plain; echo "$s" >>ex.sealed
	awk -v p="$p" -v s="$s" 'BEGIN { print s / p }' >>ex.ratio
	cp lead.caseread lp.caseread
	cp lead.caseread ls.caseread
	if [ $((r % 2)) -eq 1 ]; then
		p=$(ms "$CR" merge lp.caseread p.plain)
		s=$(ms "$CR" merge ls.caseread s.bundle --key lead.key)
	else
		s=$(ms "$CR" merge ls.caseread s.bundle --key lead.key)
		p=$(ms "$CR" merge lp.caseread p.plain)
	fi
	echo "$p" >>mg.plain; echo "$s" >>mg.sealed
	awk -v p="$p" -v s="$s" 'BEGIN { print s / p }' >>mg.ratio
done
[ "$(sqlite3 -batch ls.caseread 'SELECT count(*) FROM answer')" = \
  "$(sqlite3 -batch lp.caseread 'SELECT count(*) FROM answer')" ] ||
	{ echo "seal: the sealed merge differs from the plain one" >&2; exit 1; }
printf 'bundle: %s; plain %s bytes, sealed %s bytes; %s rounds; load %s\n' \
	"$cases" "$(wc -c <p.plain)" "$(wc -c <s.bundle)" "$rounds" \
	"$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'export: plain %s ms, sealed %s ms, overhead %+.1f%% (goal < 10%%)\n' \
	"$(median <ex.plain)" "$(median <ex.sealed)" \
	"$(median <ex.ratio | awk '{ print ($1 - 1) * 100 }')"
printf 'merge:  plain %s ms, sealed %s ms, overhead %+.1f%% (goal < 10%%)\n' \
	"$(median <mg.plain)" "$(median <mg.sealed)" \
	"$(median <mg.ratio | awk '{ print ($1 - 1) * 100 }')"
# The passphrase, once per merge: Argon2id at libsodium's interactive limits.
rm -f pass.key
CASEREAD_PASSPHRASE=bench "$CR" keygen pass.key >/dev/null 2>&1
: >kd
for r in $(seq 1 "$rounds"); do
	t0=$(date +%s%N)
	CASEREAD_PASSPHRASE=bench "$CR" merge lead.caseread s.bundle --key pass.key \
		>/dev/null 2>&1 || true
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000000 )) >>kd
done
printf 'merge with a passphrase key (Argon2id once, bundle of another key refused): %s ms\n' \
	"$(median <kd)"
