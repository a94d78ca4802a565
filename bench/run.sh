#!/bin/sh
# make bench: end-to-end throughput of statspan over the shared corpus, beside
# a simple baseline over the same bytes in the same run (pcre2grep -o with one
# figure regex), reported as MB/s and as a ratio. A benchmark, not a test:
# nothing here passes or fails on speed.
# Usage: bench/run.sh ./statspan CORPUS_DIR
set -u
bin=$1
corpus=${2:-../shared/corpus}
if [ ! -d "$corpus" ]; then
	echo "bench: skipped ($corpus not found)"; exit 0
fi
command -v pcre2grep >/dev/null || { echo "bench: pcre2grep missing (apt-get install pcre2-utils)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
regex='(?:近|约|超过|逾)?[0-9]+(?:\.[0-9]+)?\s?(?:%|亿元|万元|元|个百分点)'
now() { date +%s.%N; }
runs=${BENCH_RUNS:-3}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for part in text html; do
	dir=$corpus/$part
	find "$dir" -type f | sort > "$tmp/files"
	bytes=$(xargs cat < "$tmp/files" | wc -c)
	mb=$(echo "$bytes" | awk '{printf "%.1f", $1/1e6}')
	: > "$tmp/s"; : > "$tmp/g"
	for i in $(seq "$runs"); do
		t0=$(now); "$bin" extract -q -f jsonl "$dir" > "$tmp/facts"; t1=$(now)
		echo "$t0 $t1" | awk '{print $2-$1}' >> "$tmp/s"
		t0=$(now); xargs pcre2grep -o -h -- "$regex" < "$tmp/files" > "$tmp/grep"; t1=$(now)
		echo "$t0 $t1" | awk '{print $2-$1}' >> "$tmp/g"
	done
	s=$(median < "$tmp/s"); g=$(median < "$tmp/g")
	facts=$(wc -l < "$tmp/facts"); hits=$(wc -l < "$tmp/grep")
	awk -v part="$part" -v mb="$mb" -v s="$s" -v g="$g" -v f="$facts" -v h="$hits" -v n="$(wc -l < "$tmp/files")" 'BEGIN {
		printf "%-5s %6d files %6.1f MB | statspan %7.1f MB/s (%.2fs, %d facts) | pcre2grep -o %7.1f MB/s (%.2fs, %d hits) | ratio %.2f\n",
			part, n, mb, mb/s, s, f, mb/g, g, h, (mb/s)/(mb/g) }'
done
echo "bench: median of $runs runs; one thread; statspan reads, strips, matches, normalises and writes JSONL"
