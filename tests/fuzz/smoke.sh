#!/bin/sh
# Run every fuzz target for a short, fixed number of inputs from a fixed seed
# on its seed corpus, so that a run here and a run in CI try the same inputs
# (about ten seconds each); fail on the first crash, leak or broken invariant,
# and show the input that did it (kept under build/fuzz/artifacts/).
# FUZZ_SECONDS=N runs each for N seconds from a random seed instead (longer
# fuzzing, for finding bugs rather than guarding against them).
# Usage: tests/fuzz/smoke.sh        (`make fuzz-smoke`, after `make fuzz`)
set -u
OUT=build/fuzz
secs=${FUZZ_SECONDS:-}
# inputs per target for about ten seconds each on this machine
runs_for() {
	case $1 in
	fuzz_numeral) echo 1000000 ;;
	fuzz_rules) echo 50000 ;;
	fuzz_html | fuzz_markdown) echo 3000 ;;
	fuzz_pdf) echo 20000 ;;
	*) echo 1000 ;;
	esac
}
mkdir -p "$OUT/artifacts" "$OUT/logs"
fail=0
for bin in "$OUT"/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	mkdir -p "$OUT/corpus/$name"
	log="$OUT/logs/$name.log"
	if [ -n "$secs" ]; then
		budget="-max_total_time=$secs"
	else
		budget="-runs=$(runs_for "$name") -seed=1"
	fi
	# New inputs go to a scratch folder: the seed corpus stays as built, so
	# every run starts from the same inputs.
	scratch=$(mktemp -d)
	"$bin" $budget -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$OUT/artifacts/$name-" \
		"$scratch" "$OUT/corpus/$name" > "$log" 2>&1
	rc=$?
	rm -rf "$scratch"
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ $rc -eq 0 ]; then
		echo "fuzz-smoke: $name: ${runs:-?} runs, no crash"
	else
		echo "fuzz-smoke: $name: FAILED (exit $rc); log: $log"
		grep -E 'ERROR|invariant failed|SUMMARY|Test unit written' "$log" | head -8
		fail=1
	fi
done
[ $fail -eq 0 ]
