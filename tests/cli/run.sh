#!/bin/sh
# CLI transcript tests: each tests/cli/*.t holds commands; their output (stdout
# and stderr) and RC=$? after each are compared with the .out beside it
# (PCRE2's RunGrepTest idea). A missing .out is written and the test fails.
# Usage: tests/cli/run.sh ./statspan [DIR]   (DIR: where the .t files are; tests/cli)
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in "${2:-tests/cli}"/*.t; do
	rm -rf "$tmp/work" # each transcript starts from an empty $TMP
	case $t in *tty.t)
		python3 -c 'import pty' 2>/dev/null ||
			{ echo "cli: $t skipped: no python3 with a pty module"; continue; } ;;
	esac
	exp="${t%.t}.out"
	# Each line of the .t is one command, run with $STATSPAN and $TMP set.
	: > "$tmp/got"
	while IFS= read -r cmd || [ -n "$cmd" ]; do
		case "$cmd" in ''|'#'*) continue ;; esac
		printf "\$ %s\n" "$cmd" >> "$tmp/got"
		# Temporary paths differ from run to run: show them as $TMP.
		STATSPAN=$bin TMP=$tmp/work sh -c "mkdir -p \$TMP; $cmd" > "$tmp/one" 2>&1 < /dev/null
		echo "RC=$?" >> "$tmp/one"
		sed "s|$tmp/work|\$TMP|g" "$tmp/one" >> "$tmp/got"
	done < "$t"
	if [ ! -f "$exp" ]; then
		cp "$tmp/got" "$exp"
		echo "cli: $t: no expected transcript; wrote $exp — review it, then run again"
		fail=$((fail + 1)); continue
	fi
	if diff -u "$exp" "$tmp/got" > "$tmp/diff"; then
		pass=$((pass + 1))
	else
		echo "cli: $t: transcript differs:"; head -40 "$tmp/diff"
		fail=$((fail + 1))
	fi
done
echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
