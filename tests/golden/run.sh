#!/bin/sh
# Golden tests: each fixture's facts as JSONL, and each document of cells/ as
# CSV and TSV read from standard input (cells a spreadsheet must not run as
# formulas, the doc name "-"), diffed against the expected file reviewed by a
# person. A missing expected file is written and the test fails,
# so that someone reads it before it counts (git's t4013 idea).
# Usage: tests/golden/run.sh ./statspan
set -u
bin=$1
dir=tests/golden/expected
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# check NAME EXPECTED: the output in $tmp/out (exit status $rc) against EXPECTED.
check() {
	if [ $rc -ne 0 ]; then
		echo "golden: $1: statspan exited $rc"; cat "$tmp/err"
		fail=$((fail + 1)); return
	fi
	if [ ! -f "$2" ]; then
		cp "$tmp/out" "$2"
		echo "golden: $1: no expected file; wrote $2 — review it, then run again"
		fail=$((fail + 1)); return
	fi
	if diff -u "$2" "$tmp/out" > "$tmp/diff"; then
		pass=$((pass + 1))
	else
		echo "golden: $1: output differs from $2:"
		head -40 "$tmp/diff"
		fail=$((fail + 1))
	fi
}
for f in fixtures/*; do
	[ -f "$f" ] || continue
	case "$f" in *SOURCES.md) continue ;; esac
	name=$(basename "$f")
	"$bin" extract -q -f jsonl "$f" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	check "$name" "$dir/$name.jsonl"
done
for f in tests/golden/cells/*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	for fmt in csv tsv; do
		"$bin" extract -q -f $fmt - < "$f" > "$tmp/out" 2> "$tmp/err"
		rc=$?
		check "$name ($fmt)" "$dir/$name.$fmt"
	done
done
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
