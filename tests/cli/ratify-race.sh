# caseread ratify checks the victims' range on the file as it is when it writes:
# a V1.2 changed by another program while ratify waits for the write lock must
# be seen, and a rating it puts outside the range refused, with nothing written.
. "$TESTS_SRCDIR/testlib.sh"

f="$T/a.caseread"
"$CASEREAD" init "$f" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
{
	echo "case_ref,case_kind,case_type,question,answer,note"
	# V1.1: 7 of 10 yes, Good: V1.2 yes gives Good to Outstanding, no gives
	# Requires improvement to Good.
	for i in 1 2 3 4 5 6 7; do echo "V-$i,victim,,V1.1,yes,"; done
	for i in 8 9 10; do echo "V-$i,victim,,V1.1,no,"; done
} > "$T/answers.csv"
expect_exit 0 "$CASEREAD" import "$f" "$T/answers.csv"
expect_exit 0 "$CASEREAD" ratify "$f" --v12 yes

# Another writer holds the write lock, then records V1.2 no and lets go, well
# inside the three seconds caseread waits for a lock.
"${SQLITE3:-sqlite3}" -batch "$f" >"$T/holder.out" 2>&1 <<EOF &
BEGIN IMMEDIATE;
.shell touch '$T/locked'
.shell sleep 1.5
UPDATE judgement SET value = 'no' WHERE name = 'V1.2';
COMMIT;
EOF
holder=$!
i=0
while [ ! -e "$T/locked" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -e "$T/locked" ] || fail "the lock holder never started: $(cat "$T/holder.out")"

# Outstanding fits the range ratify would read before the lock, not the one
# the file has when the lock is free.
expect_exit 1 "$CASEREAD" ratify "$f" --victims outstanding
expect_in "$T/err" "must be Requires improvement or Good"
expect_in "$T/err" "V1.2 no"
wait "$holder" || fail "the lock holder failed: $(cat "$T/holder.out")"
expect_eq "$(sql "$f" "SELECT group_concat(name || '=' || value, ';') FROM judgement")" \
	"V1.2=no" "no victims' rating recorded beside V1.2 no"
finish
