#!/bin/sh
# The manual against the program: for every command of `statspan --help`,
# the options its --help lists (drawn from the command's option table) and
# those its section of man/statspan.1 describes must be the same, short and
# long names alike; and every function statspan.h exports is in statspan(3).
# Usage: tests/lib/manpage.sh ./statspan
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cmds=$("$bin" --help | sed -n 's/^.*statspan \([a-z][a-z]*\) .*$/\1/p' | sort -u)
[ -n "$cmds" ] || { echo "manpage: no commands in statspan --help"; exit 1; }
for c in $cmds; do
	# --help: "  -f, --format FMT   ..." or "      --bom   ..."
	"$bin" $c --help | sed -n 's/^ *\(-[A-Za-z0-9]\)\{0,1\}\(, \)\{0,1\}\(--[a-z0-9-]*\).*/\1 \3/p' |
		tr ' ' '\n' | grep . | sort -u > "$tmp/help"
	# man: the terms (.TP lines) of the section .SS "statspan CMD"
	awk -v want=".SS \"statspan $c\"" '
		$0 == want { on = 1; next }
		on && /^\.S[SH] / { on = 0 }
		on && tp { print; tp = 0; next }
		on && /^\.TP/ { tp = 1 }' man/statspan.1 |
		sed -e 's/\\-/-/g' -e 's/\\f[BIR]//g' |
		grep -o -- '--*[A-Za-z0-9][a-z0-9-]*' | sort -u > "$tmp/man"
	if [ ! -s "$tmp/man" ]; then
		echo "manpage: statspan(1) has no section for '$c' (.SS \"statspan $c\")"
		fail=1
	elif ! diff "$tmp/help" "$tmp/man" > "$tmp/diff"; then
		echo "manpage: options of '$c': < only in --help, > only in statspan(1)"
		cat "$tmp/diff"
		fail=1
	fi
done
for f in $(sed -n 's/^SS_API .*[ *]\([a-z_0-9]*\)(.*/\1/p' include/statspan.h); do
	grep -q "$f" man/statspan.3 || { echo "manpage: $f is not in statspan(3)"; fail=1; }
done
grep -q '^\.SH EXIT STATUS' man/statspan.1 || { echo "manpage: no EXIT STATUS"; fail=1; }
grep -q '^\.SH EXAMPLES' man/statspan.1 || { echo "manpage: no EXAMPLES"; fail=1; }
[ $fail -eq 0 ] && echo "manpage: $(echo $cmds | wc -w) commands, options as --help lists them; statspan(3) names every function"
exit $fail
