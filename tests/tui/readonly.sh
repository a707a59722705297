# A file the inspector cannot write (read-only, in a folder they cannot write)
# opens for reading: the screen says it is read-only from the start, a save
# fails with the reason and is not shown as saved, and the file is unchanged.
# Runs caseread as an unprivileged user, since permission bits do not bind root.
. "$TESTS_SRCDIR/tui/tuilib.sh"

command -v setpriv >/dev/null 2>&1 || { echo "no setpriv: skipped"; exit 77; }
new_file
printf 'case_ref,case_kind,case_type,question,answer,note\nRO-1,child,court,2.1.1.1,yes,seen\n' >"$T/a.csv"
"$CASEREAD" import "$F" "$T/a.csv" >/dev/null || fail "import failed"
# The binary and the file where user 65534 can reach them, but not write.
chmod 755 "$T"
mkdir -m 755 "$T/bin" "$T/ro"
cp "$CASEREAD" "$T/bin/caseread"
chmod 755 "$T/bin/caseread"
cp "$F" "$T/ro/t.caseread"
chmod 444 "$T/ro/t.caseread"
chmod 555 "$T/ro"
RO="$T/ro/t.caseread"
sum=$(md5sum <"$RO")
if ! setpriv --reuid=65534 --regid=65534 --clear-groups "$T/bin/caseread" --version >/dev/null 2>&1; then
	echo "cannot run as user 65534 here: skipped"
	exit 77
fi

CASEREAD="setpriv --reuid=65534 --regid=65534 --clear-groups $T/bin/caseread"
start -- "$RO"
wait_for "Children's cases (1)"
expect_screen "read-only (the file is read-only): you can read, nothing can be saved"
expect_screen "[read-only]"
keys Enter
wait_for "Case RO-1"
expect_screen " 1/"
keys y
wait_for "error:"
expect_screen "the file is read-only"
expect_screen " 1/"
expect_screen "Answer: not answered"
keys q
wait_for "Children's cases (1)"
quit_ok
expect_eq "$(md5sum <"$RO")" "$sum" "the read-only file's bytes"
[ -e "$RO-wal" ] && fail "a -wal was left beside the read-only file"
[ -e "$T/ro/t.caseread.backups" ] && fail "a backup folder was made"
chmod 755 "$T/ro"
finish
