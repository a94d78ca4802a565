#!/bin/sh
# Run every fuzz target for a short, fixed time (FUZZ_SECONDS, 10 by default)
# on its seed corpus; fail on the first crash, leak or broken invariant, and
# show the input that did it (kept under build/fuzz/artifacts/).
# Usage: tests/fuzz/smoke.sh        (`make fuzz-smoke`, after `make fuzz`)
set -u
OUT=build/fuzz
secs=${FUZZ_SECONDS:-10}
mkdir -p "$OUT/artifacts" "$OUT/logs"
fail=0
for bin in "$OUT"/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	mkdir -p "$OUT/corpus/$name"
	log="$OUT/logs/$name.log"
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$OUT/artifacts/$name-" \
		"$OUT/corpus/$name" > "$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ $rc -eq 0 ]; then
		echo "fuzz-smoke: $name: ${runs:-?} runs in ${secs}s, no crash"
	else
		echo "fuzz-smoke: $name: FAILED (exit $rc); log: $log"
		grep -E 'ERROR|invariant failed|SUMMARY|Test unit written' "$log" | head -8
		fail=1
	fi
done
[ $fail -eq 0 ]
