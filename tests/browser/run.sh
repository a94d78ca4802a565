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

# An audit's report: the claims of tests/audit/cases/seed.txt against the
# seed, each verdict marked (class and word) and linked to its evidence,
# shown highlighted in the same file (check_audit.py).
claims=tests/audit/cases/seed.txt
"$bin" audit -q "$claims" --against "$seed" -f html -o "$tmp/audit.html"
[ $? -le 1 ] || { echo "browser: audit -f html failed"; exit 1; }
"$bin" audit -q "$claims" --against "$seed" -f jsonl > "$tmp/verdicts.jsonl"
aurl="file://$(cd "$tmp" && pwd)/audit.html"
chrome 4 --dump-dom "$aurl" > "$tmp/audit-dom.html"
mkdir -p "$tmp/ev"
k=0
for link in $(python3 tests/browser/check_audit.py links "$tmp/audit-dom.html"); do
	k=$((k + 1))
	chrome "e$k" --dump-dom "$aurl$link" > "$tmp/ev/ev-$k.html"
done
rm -f "$outdir/audit.png"
chrome 5 --screenshot="$(cd "$outdir" && pwd)/audit.png" "$aurl#d1/f3" > /dev/null
python3 tests/browser/check_audit.py check "$tmp/audit-dom.html" "$tmp/verdicts.jsonl" "$tmp/ev" ||
	fail=1

# A PDF's facts show their page in the details and in the table.
genpdf=${GENPDF:-build/tests/genpdf}
if [ -x "$genpdf" ] && "$genpdf" text "$tmp/t.pdf" && "$bin" extract -q -f html -o "$tmp/pdf.html" "$tmp/t.pdf" 2> /dev/null; then
	chrome 6 --dump-dom "file://$(cd "$tmp" && pwd)/pdf.html#d1/f2" > "$tmp/pdf-dom.html"
	python3 - "$tmp/pdf-dom.html" <<'PY' || fail=1
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
# tests/pdf/pdf.out: 下降3.2亿元 on page 1, box 228.00,88.60,294.00,104.20
detail = re.search(r'<div id="detail"[^>]*>(.*?)</div>\s*<table', dom, re.S)
if not detail or "<dt>page</dt><dd>1  box 228.00,88.60,294.00,104.20</dd>" not in detail.group(1):
    sys.exit("browser: the details of a PDF fact do not show its page and box")
head = re.search(r'<thead>(.*?)</thead>', dom, re.S).group(1)
if "<th>page</th>" not in head:
    sys.exit("browser: the facts table of a PDF has no page column")
cells = re.findall(r'<td class="num" title="([^"]*)">(\d+)</td></tr>', dom)
if [c[1] for c in cells] != ["1", "1"]:
    sys.exit("browser: the page cells of the PDF's two facts are %r" % cells)
print("browser: a PDF's facts show page 1 and their box")
PY
else
	echo "browser: the page of PDF facts skipped (no $genpdf, or built without poppler)"
fi
[ $fail -eq 0 ] && echo "browser: ok (screenshots: $outdir/seed.png, $outdir/audit.png)"
exit $fail
