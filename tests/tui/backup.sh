# The terminal interface takes a verified snapshot each time it opens a file,
# and none again while nothing has changed.
. "$TESTS_SRCDIR/tui/tuilib.sh"

new_file
start -- "$F"
wait_for "Children's cases (0)"
quit_ok
expect_eq "$(ls "$F.backups" | wc -l)" 1 "snapshots after the first start"
snap=$(ls "$F.backups")
expect_eq "$(sql "$F.backups/$snap" 'PRAGMA integrity_check')" ok "snapshot integrity"
expect_eq "$(stat -c %a "$F.backups/$snap")" 600 "snapshot mode"

start -- "$F"
wait_for "Children's cases (0)"
quit_ok
expect_eq "$(ls "$F.backups" | wc -l)" 1 "no second snapshot of an unchanged file"
finish
