# A sealed bundle changed in transit is refused whole, with the lead's file
# byte for byte as it was: every single-byte change in the plain header, in
# the sealed key and the stream header (sampled), a sample through the body,
# and truncation at 0, 1, header-1, header, header+1, the middle and end-1
# bytes (issue 12).
. "$TESTS_SRCDIR/testlib.sh"

sum() { sha256sum "$1" | cut -d' ' -f1; }
# flip FILE OFFSET: xor the byte at OFFSET with 1.
flip() {
	v=$(od -An -tu1 -j "$2" -N 1 "$1" | tr -d ' ')
	# shellcheck disable=SC2059
	printf "\\$(printf %o $((v ^ 1)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

"$CASEREAD" keygen --no-passphrase "$T/lead.key" >"$T/pub" 2>/dev/null || fail keygen
"$CASEREAD" init "$T/lead.caseread" --service S --type iyjs --inspector lee \
	--lead-key "$T/pub" >/dev/null || fail init
"$CASEREAD" kit "$T/lead.caseread" --inspector ann -o "$T/ann.caseread" >/dev/null || fail kit
{
	echo 'case_ref,case_kind,case_type,question,answer,note'
	i=1
	while [ $i -le 30 ]; do
		echo "R$i,child,court,2.1.1,yes,\"note $i with some words to fill the pages\""
		i=$((i + 1))
	done
} > "$T/ann.csv"
"$CASEREAD" import "$T/ann.caseread" "$T/ann.csv" >/dev/null || fail import
"$CASEREAD" export "$T/ann.caseread" -o "$T/b" >/dev/null || fail export
lead="$T/lead.caseread"
before=$(sum "$lead")
size=$(wc -c < "$T/b")
hlen=$(head -n 9 "$T/b" | wc -c)
[ "$(sed -n 9p "$T/b")" = "" ] || fail "the header is not nine lines"

refused=0 tried=0
# try FILE WHAT: the merge must refuse FILE and leave the lead as it was.
try() {
	tried=$((tried + 1))
	if "$CASEREAD" merge "$lead" "$1" --key "$T/lead.key" >"$T/out" 2>"$T/err"; then
		fail "$2: merged"
	elif ! grep -q "^caseread: cannot merge: '$1'" "$T/err"; then
		fail "$2: unclear refusal: $(cat "$T/err")"
	else
		refused=$((refused + 1))
	fi
}

# Every byte of the plain header; every fifth of the sealed key (80 bytes) and
# the stream header (24); a sample through the body, and its last byte.
# (tests/check_seal flips every one of the first 350 bytes, in memory.)
i=0
while [ $i -lt "$size" ]; do
	cp "$T/b" "$T/f"
	flip "$T/f" $i
	try "$T/f" "flip at $i"
	if [ $i -lt "$hlen" ]; then
		i=$((i + 1))
	elif [ $i -lt $((hlen + 104)) ]; then
		i=$((i + 5))
	else
		i=$((i + 8191))
	fi
done
cp "$T/b" "$T/f"
flip "$T/f" $((size - 1))
try "$T/f" "flip at the end"

for n in 0 1 $((hlen - 1)) "$hlen" $((hlen + 1)) $((size / 2)) $((size - 1)); do
	head -c "$n" "$T/b" > "$T/f"
	try "$T/f" "cut at $n"
done
expect_eq "$(sum "$lead")" "$before" "the lead after $tried refused bundles"
expect_eq "$refused" "$tried" "refused"
echo "sealed.sh: $refused of $tried changed or cut bundles refused (header $hlen bytes, bundle $size)"
# The untouched bundle still merges.
expect_exit 0 "$CASEREAD" merge "$lead" "$T/b" --key "$T/lead.key"
expect_in "$T/out" "30 added"
finish
