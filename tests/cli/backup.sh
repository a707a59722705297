# caseread backup: a verified owner-only snapshot in FILE.backups/, the newest
# few kept, --list newest first, nothing done for a file that does not open, and
# a restore as the manual describes it.
. "$TESTS_SRCDIR/testlib.sh"

f="$T/a.caseread"
umask 000
"$CASEREAD" init "$f" --service "Leeds YJS" --type iyjwcv --inspector ann >/dev/null
sum=$(md5sum < "$f")
expect_exit 0 "$CASEREAD" backup "$f"
expect_in "$T/out" "backed up '$f' to $f.backups/"
expect_in "$T/out" "(verified; keeping the newest 5)"
expect_eq "$(md5sum < "$f")" "$sum" "inspection untouched by backup"
expect_eq "$(stat -c %a "$f.backups")" 700 "backup folder mode"
first=$(ls "$f.backups")
expect_eq "$(stat -c %a "$f.backups/$first")" 600 "backup mode"
expect_eq "$(sql "$f.backups/$first" 'PRAGMA integrity_check')" ok "backup integrity"
expect_exit 0 "$CASEREAD" check "$f.backups/$first"

# Nothing changed: no second copy.
expect_exit 0 "$CASEREAD" backup "$f"
expect_in "$T/out" "unchanged since its newest backup"
expect_eq "$(ls "$f.backups" | wc -l)" 1 "one backup of unchanged file"

# Rotation: --keep 2 leaves the newest two.
for i in 1 2 3 4; do
	sql "$f" "INSERT INTO setting VALUES ('n$i', 'v')"
	expect_exit 0 "$CASEREAD" backup --keep 2 "$f"
done
expect_eq "$(ls "$f.backups" | wc -l)" 2 "backups kept with --keep 2"
expect_exit 0 "$CASEREAD" backup --list "$f"
newest=$(head -1 "$T/out")
expect_eq "$(sql "$newest" "SELECT count(*) FROM setting")" 4 "newest backup has all"
[ "$(head -1 "$T/out")" \> "$(sed -n 2p "$T/out")" ] || fail "--list not newest first"
expect_exit 2 "$CASEREAD" backup --keep 0 "$f"
expect_exit 2 "$CASEREAD" backup
expect_exit 0 "$CASEREAD" backup --list "$T/none.caseread"
expect_in "$T/out" "no backups"

# Restore: close caseread, move the damaged file and its -wal/-shm aside, copy
# the snapshot back, check it.
sql "$f" "INSERT INTO setting VALUES ('after', 'lost')"
mv "$f" "$T/a.damaged"
rm -f "$f-wal" "$f-shm"
cp "$newest" "$f"
expect_exit 0 "$CASEREAD" check "$f"
expect_in "$T/out" "integrity: ok"
expect_eq "$(sql "$f" "SELECT count(*) FROM setting")" 4 "restored content"

# Never for a file that does not open: no folder, no snapshot.
head -c 3000 "$f" > "$T/bad.caseread"
expect_exit 1 "$CASEREAD" backup "$T/bad.caseread"
[ ! -e "$T/bad.caseread.backups" ] || fail "backup folder made for a bad file"
sql "$T/foreign.db" 'CREATE TABLE t(x)' >/dev/null
expect_exit 1 "$CASEREAD" backup "$T/foreign.db"
expect_in "$T/err" "not a caseread file"
[ ! -e "$T/foreign.db.backups" ] || fail "backup folder made for a foreign file"

# The folder name taken by a file: a clear failure.
"$CASEREAD" init "$T/b.caseread" --service S --type iyjs >/dev/null
echo x > "$T/b.caseread.backups"
expect_exit 1 "$CASEREAD" backup "$T/b.caseread"
expect_in "$T/err" "backup folder"
finish
