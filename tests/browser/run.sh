#!/bin/sh
# The HTML report in a real browser: headless Chromium opens the seed's
# report from a local file, takes a screenshot (OUTDIR/seed.png, for a person
# to look at), and the DOM it leaves once the page's script has run is
# checked by check.py: every fact highlighted at its text, nothing from the
# HTML comments. Skips with a note where Chromium is missing, except in CI.
# Usage: tests/browser/run.sh ./statspan OUTDIR
set -u
bin=$1
outdir=$2
seed=fixtures/nbd-financial-cloud-2021.md
browser=""
for b in chromium chromium-browser google-chrome; do
	command -v "$b" > /dev/null 2>&1 && { browser=$b; break; }
done
if [ -z "$browser" ]; then
	if [ -n "${CI:-}" ]; then
		echo "browser: chromium is missing, and CI must run this test"; exit 1
	fi
	echo "browser: skipped (no chromium; apt-get install chromium to run it)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$outdir"
fail=0

# The report must load nothing from anywhere: no script, style or font
# comes from outside the file.
if grep -nE '<link|<script[^>]* src=|@import|url\(|https?:' src/export/assets/report.html; then
	echo "browser: the report's page refers to something outside itself"; fail=1
fi
"$bin" extract -q -f html -o "$tmp/report.html" "$seed" || { echo "browser: extract failed"; exit 1; }
"$bin" extract -q -f jsonl -o "$tmp/facts.jsonl" "$seed"

# A fresh profile for every run; virtual time lets the page's script finish
# before the DOM is taken.
chrome() {
	"$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile$1" \
		--no-first-run --virtual-time-budget=5000 --window-size=1400,900 "$2" "$3" \
		2>> "$tmp/chrome.log"
}
url="file://$(cd "$tmp" && pwd)/report.html"
chrome 1 --dump-dom "$url" > "$tmp/dom.html"
chrome 2 --dump-dom "$url#d1/f4" > "$tmp/detail.html"
rm -f "$outdir/seed.png"
chrome 3 --screenshot="$(cd "$outdir" && pwd)/seed.png" "$url#d1/f4" > /dev/null
if [ ! -s "$tmp/dom.html" ] || [ ! -s "$outdir/seed.png" ]; then
	echo "browser: $browser gave no DOM or no screenshot:"; tail -5 "$tmp/chrome.log"; exit 1
fi
python3 tests/browser/check.py "$tmp/dom.html" "$tmp/facts.jsonl" "$seed" "$tmp/detail.html" 4 ||
	fail=1
[ $fail -eq 0 ] && echo "browser: ok (screenshot: $outdir/seed.png)"
exit $fail
