#!/bin/sh
# bench/content.sh: what main-content detection (src/text/content.c) costs
# beside libxml2's own HTML parse, in callgrind instructions on a fixed sample
# of web pages (one thread; the count repeats exactly from run to run). The
# detection is ss_content_open/close/end, inclusive (they are called from the
# HTML reader's SAX callbacks); libxml2's own work is the exclusive cost of
# every function in libxml2's shared object (the parse without our callbacks).
# Usage: bench/content.sh ./statspan CORPUS_DIR [N]   (N pages, default 40)
set -u
bin=$1
corpus=${2:-../shared/corpus}
n=${3:-40}
if [ ! -d "$corpus/html" ]; then
	echo "content cost: skipped ($corpus/html not found)"; exit 0
fi
for tool in valgrind callgrind_annotate; do
	command -v $tool >/dev/null || { echo "content cost: skipped ($tool missing)"; exit 0; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Every k-th page, so that the sample spans the sites.
find "$corpus/html" -type f -name '*.html' | LC_ALL=C sort > "$tmp/all"
total=$(wc -l < "$tmp/all")
k=$(( total / n )); [ "$k" -ge 1 ] || k=1
awk -v k="$k" -v n="$n" 'NR % k == 1 && c < n { print; c++ }' "$tmp/all" > "$tmp/sample"
sb=$(xargs cat < "$tmp/sample" | wc -c)
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bin" extract -q --no-progress -j1 \
	--files-from "$tmp/sample" > /dev/null 2> "$tmp/cg.log"
callgrind_annotate --inclusive=yes --threshold=100 "$tmp/cg" > "$tmp/inc" 2>/dev/null
callgrind_annotate --inclusive=no --threshold=100 "$tmp/cg" > "$tmp/exc" 2>/dev/null
content=$(grep -E '^ *[0-9,]+ .*:ss_content_(begin|open|close|end) \[' "$tmp/inc" | awk '{gsub(",", "", $1); s += $1} END {print s + 0}')
xml=$(grep -E '\[[^]]*libxml2[^]]*\]' "$tmp/exc" | awk '{gsub(",", "", $1); s += $1} END {print s + 0}')
all=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$tmp/cg.log")
awk -v c="$content" -v x="$xml" -v a="$all" -v f="$(wc -l < "$tmp/sample")" -v b="$sb" 'BEGIN {
	printf "content detection: %d pages, %.1f MB: %.1fM instructions, libxml2 parse %.1fM (%.3f of it; target < 0.2), all %.1fM\n",
	       f, b / 1e6, c / 1e6, x / 1e6, x ? c / x : 0, a / 1e6 }'
