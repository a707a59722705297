#!/bin/sh
# The long fault runs, for before a release (minutes to hours, not for make check):
# kill -9 during answer saves many times, and many more damaged files.
#
# usage: tests/long/crash.sh BUILDDIR [ITERATIONS [SEED]]
#   BUILDDIR    a configured build where 'make check' has been run (it needs
#               caseread, tests/crashdriver and tests/check_faults)
#   ITERATIONS  kills, and damaged files (default 5000)
#   SEED        the kill-moment seed (default 6; the damage seed is fixed)
set -eu
[ $# -ge 1 ] || { echo "usage: $0 BUILDDIR [ITERATIONS [SEED]]" >&2; exit 2; }
build=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/../.." && pwd)
n=${2:-5000}
CASEREAD=$build/caseread
TESTS_SRCDIR=$top/tests
SQLITE3=${SQLITE3:-sqlite3}
CRASH_ITERATIONS=$n
CRASH_SEED=${3:-6}
FAULT_ITERATIONS=$n
export CASEREAD TESTS_SRCDIR SQLITE3 CRASH_ITERATIONS CRASH_SEED FAULT_ITERATIONS
for f in "$CASEREAD" "$build/tests/crashdriver" "$build/tests/check_faults"; do
	[ -x "$f" ] || { echo "$0: $f missing: run make check in $build first" >&2; exit 2; }
done
status=0
echo "== kill -9 during answer saves, $n times (seed $CRASH_SEED)"
sh "$top/tests/cli/crash.sh" || status=1
echo "== damaged files, $n flips"
"$build/tests/check_faults" || status=1
exit $status
