#!/bin/sh
# Summary of a facts CSV written by `make demo`: facts per kind and per document.
# The first three columns (doc, id, kind) never need CSV quoting for the
# bundled fixtures, so a plain split is enough here.
set -u
csv=$1
[ -f "$csv" ] || { echo "summary: no $csv" >&2; exit 1; }
# Kinds and documents are listed in the order they first come in the CSV,
# which is input order: awk's `for (k in a)` would give them in hash order.
awk -F, 'NR > 1 {
	n++
	if (!($3 in kind)) kinds[++nk] = $3
	if (!($1 in doc)) docs[++nd] = $1
	kind[$3]++; doc[$1]++
}
END {
	printf "\n%d facts from %d documents written to '"$csv"'\n\nby kind:\n", n, nd
	for (i = 1; i <= nk; i++) printf "  %-10s %5d\n", kinds[i], kind[kinds[i]]
	print "\nby document:"
	for (i = 1; i <= nd; i++) printf "  %5d  %s\n", doc[docs[i]], docs[i]
}' "$csv"
echo
echo "the seed document (kind, text, value, unit, qualifier, low, high, subject):"
"${STATSPAN:-./statspan}" extract -f tsv fixtures/nbd-financial-cloud-2021.md | awk -F'\t' 'NR > 1 { printf "  %-8s %-12s %-6s %-3s %-10s %-4s %-4s %s\n", $3, $4, $5, $6, $7, $8, $9, $12 }'
