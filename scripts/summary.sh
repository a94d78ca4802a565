#!/bin/sh
# Summary of a facts CSV written by `make demo`: facts per kind and per document.
# The first three columns (doc, id, kind) never need CSV quoting for the
# bundled fixtures, so a plain split is enough here.
set -u
csv=$1
[ -f "$csv" ] || { echo "summary: no $csv" >&2; exit 1; }
awk -F, 'NR > 1 { n++; kind[$3]++; doc[$1]++ }
END {
	printf "\n%d facts from %d documents written to '"$csv"'\n\nby kind:\n", n, length(doc)
	for (k in kind) printf "  %-10s %5d\n", k, kind[k]
	print "\nby document:"
	for (d in doc) printf "  %5d  %s\n", doc[d], d
}' "$csv"
echo
echo "the seed document (kind, text, value, unit, qualifier, low, high, subject):"
./statspan extract -f tsv fixtures/nbd-financial-cloud-2021.md | awk -F'\t' 'NR > 1 { printf "  %-8s %-12s %-6s %-3s %-10s %-4s %-4s %s\n", $3, $4, $5, $6, $7, $8, $9, $12 }'
