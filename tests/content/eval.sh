#!/bin/sh
# make eval (content part): how well main-content detection keeps a web
# page's article and drops its furniture, measured on the labelled pairs of
# the corpus: html/xmu-ID.html is a raw page, text/xmu-ID.txt its article
# body as a person marked it. Per page, the facts statspan gives for the
# page are compared with the facts it gives for the body, as multisets of
# (text, value, unit): precision is the share of page facts that are in the
# body, recall the share of body facts the page kept.
# Usage: eval.sh ./statspan [CORPUS] [-v]   A report, not a test: exit 0.
set -eu
BIN=${1:-./statspan}
CORPUS=${2:-../shared/corpus}
VERBOSE=${3:-}
WORST=${WORST:-10}
if [ ! -d "$CORPUS/html" ] || [ ! -d "$CORPUS/text" ]; then
	echo "content: skipped ($CORPUS not found; the labelled pairs live in ../shared/corpus)"
	exit 0
fi
if [ ! -x "$BIN" ]; then
	echo "content: error: no statspan binary at '$BIN'" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
for h in "$CORPUS"/html/xmu-*.html; do
	id=$(basename "$h" .html)
	[ -f "$CORPUS/text/$id.txt" ] || continue
	echo "$h" >>"$tmp/pages"
	echo "$CORPUS/text/$id.txt" >>"$tmp/bodies"
done
# One fact a line: page id, text, value, unit; for the pages also the
# region (title or article) from --debug-spans, whose lines are the same
# facts in the same order.
facts() {
	"$BIN" extract -q -j 2 -f jsonl --files-from "$1" |
		jq -r '[(.doc | sub(".*/"; "") | sub("\\.[a-z]+$"; "")), .text,
		        (.value | tostring), .unit] | @tsv'
}
facts "$tmp/pages" >"$tmp/page0.tsv"
"$BIN" extract -q -j 2 --debug-spans --files-from "$tmp/pages" |
	sed 's/.* region=\([a-z]*\)$/\1/; t; s/.*/-/' >"$tmp/regions"
paste "$tmp/page0.tsv" "$tmp/regions" >"$tmp/page.tsv"
facts "$tmp/bodies" >"$tmp/body.tsv"
if [ ! -s "$tmp/body.tsv" ]; then
	echo "content: error: no facts from the labelled bodies (is '$BIN' working?)" >&2
	exit 1
fi
sed 's,.*/,,; s,\.html$,,' "$tmp/pages" >"$tmp/ids"
awk -F '\t' -v worst="$WORST" -v verbose="$VERBOSE" '
FILENAME == ARGV[1] { ids[++n] = $1; next }
FILENAME == ARGV[2] { key = $1 FS $2 FS $3 FS $4; want[key]++; body_has[key]++; body[$1]++; next }
{
	key = $1 FS $2 FS $3 FS $4; page[$1]++
	if ($5 == "title") titles++
	else if (body_has[key] > 0) { body_has[key]--; art_tp++ } # matched without the titles
	if (want[key] > 0) { want[key]--; tp[$1]++ }
	else if (verbose != "") extra[$1] = extra[$1] "  + " $2 (($5 == "title") ? "   (title)" : "") "\n"
}
END {
	for (i = 1; i <= n; i++) {
		id = ids[i]; P += page[id]; B += body[id]; T += tp[id]
		lost[id] = body[id] - tp[id]; fp[id] = page[id] - tp[id]
		if (body[id] > 0 && tp[id] == 0) { whole++; wholes = wholes " " id }
	}
	printf "content: %d labelled pages; page facts %d, body facts %d, both %d\n", n, P, B, T
	# The measure of the targets: every fact the page gives, those of the
	# headline too (SPEC: a headline is text, its figures are facts).
	printf "content    precision %.3f  recall %.3f   (targets >= 0.95, >= 0.98; all %d page facts)\n",
	       P ? T / P : 1, B ? T / B : 1, P
	# The labelled bodies leave the headline out, and its figures are mostly
	# in the lead as well, so they count twice. The same match without the
	# facts of the page that stand in its title region:
	printf "           outside the title region (%d facts in it): precision %.3f  recall %.3f\n",
	       titles, P - titles ? art_tp / (P - titles) : 1, B ? art_tp / B : 1
	printf "page facts not in the body: %d; without the title region: %d\n",
	       P - T, P - titles - art_tp
	printf "pages that lost their whole article: %d%s   (target 0)\n", whole, wholes
	for (pass = 1; pass <= 2; pass++) {
		printf "worst pages by %s:\n", pass == 1 ? "page facts not in the labelled body" : "article facts lost"
		delete done
		for (k = 1; k <= worst; k++) {
			best = ""; bv = 0
			for (i = 1; i <= n; i++) {
				id = ids[i]; v = pass == 1 ? fp[id] : lost[id]
				if (!(id in done) && v > bv) { bv = v; best = id }
			}
			if (best == "") break
			done[best] = 1
			printf "  %-22s %4d  (page %d, body %d, both %d)\n", best, bv, page[best], body[best], tp[best]
			if (pass == 1 && verbose != "") printf "%s", extra[best]
		}
	}
}' "$tmp/ids" "$tmp/body.tsv" "$tmp/page.tsv"
