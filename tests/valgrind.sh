#!/bin/sh
# make valgrind: every fixture through statspan under valgrind's memcheck; any
# leak (definite or indirect) or invalid read/write fails. Undefined-value
# reports are off: PCRE2's JIT code trips them without a real error.
# Usage: tests/valgrind.sh ./statspan
set -u
bin=$1
command -v valgrind >/dev/null || { echo "valgrind: not installed (apt-get install valgrind)"; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
pass=0 fail=0
for args in "extract -j1 -f jsonl fixtures" "extract -j2 -f json fixtures" "rules test"; do
	if valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--undef-value-errors=no --error-exitcode=3 $bin $args > /dev/null 2> "$log"; then
		pass=$((pass + 1))
	else
		echo "valgrind: statspan $args:"; grep -v '^statspan: warning' "$log" | head -30
		fail=$((fail + 1))
	fi
done
echo "valgrind: $pass passed, $fail failed"
[ $fail -eq 0 ]
