#!/bin/sh
# Remake the README's picture of the demo inspection's report: caseread demo,
# caseread report, then headless Chromium's screenshot of the page's first
# screen at A4 width (794 CSS pixels), drawn at 0.75 to keep the PNG small.
# Usage: docs/report-screenshot.sh CASEREAD OUT.png (make report-screenshot).
set -eu
caseread=$1
out=$2
chromium=${CHROMIUM:-chromium}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/caseread-shot.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$caseread" demo "$tmp/demo.caseread" >/dev/null
"$caseread" report "$tmp/demo.caseread" -o "$tmp/report.html" >/dev/null
HOME="$tmp" timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
    --no-first-run --disable-extensions --user-data-dir="$tmp/chromium" \
    --hide-scrollbars --force-device-scale-factor=0.75 --window-size=794,1123 \
    --screenshot="$tmp/shot.png" "file://$tmp/report.html" >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log" >&2; exit 1; }
cp "$tmp/shot.png" "$out"
echo "wrote $out ($(wc -c <"$out") bytes)"
