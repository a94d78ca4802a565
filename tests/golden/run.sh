#!/bin/sh
# Golden tests: each fixture's facts as JSONL, diffed against the expected file
# reviewed by a person. A missing expected file is written and the test fails,
# so that someone reads it before it counts (git's t4013 idea).
# Usage: tests/golden/run.sh ./statspan
set -u
bin=$1
dir=tests/golden/expected
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in fixtures/*; do
	[ -f "$f" ] || continue
	case "$f" in *SOURCES.md) continue ;; esac
	name=$(basename "$f")
	exp="$dir/$name.jsonl"
	"$bin" extract -q -f jsonl "$f" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "golden: $name: statspan exited $rc"; cat "$tmp/err"
		fail=$((fail + 1)); continue
	fi
	if [ ! -f "$exp" ]; then
		cp "$tmp/out" "$exp"
		echo "golden: $name: no expected file; wrote $exp — review it, then run again"
		fail=$((fail + 1)); continue
	fi
	if diff -u "$exp" "$tmp/out" > "$tmp/diff"; then
		pass=$((pass + 1))
	else
		echo "golden: $name: output differs from $exp:"
		head -40 "$tmp/diff"
		fail=$((fail + 1))
	fi
done
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
