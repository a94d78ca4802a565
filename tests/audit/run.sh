#!/bin/sh
# Audit golden cases (tests/audit/cases.list): each claims file audited against
# its sources, every verdict compared with the one written by hand in its
# .expect file (line, a substring of the claim figure's text, class, verdict,
# and for a contradiction the field). Prints the accuracy per class.
# Fails when accuracy is below 0.95 in any class but the held-out ones (ha,
# hb, hc: reported only), when an altered or invented figure (b, c, hb, hc)
# is found supported, or when a figure is missing or unexpected. Usage: tests/audit/run.sh ./statspan [-v | --report]
# (--report: every verdict, and exit 0 whatever the accuracy, for make eval)
set -u
bin=$1
verbose=${2:-}
report=0
[ "$verbose" = "--report" ] && report=1
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/all"
grep -v '^#' "$here/cases.list" | while IFS='	' read -r name claims expect sources; do
	[ -n "$name" ] || continue
	# shellcheck disable=SC2086
	"$bin" audit "$here/$claims" --against $sources -q -f tsv > "$tmp/$name.out" 2> "$tmp/$name.err"
	rc=$?
	if [ $rc -gt 1 ]; then
		echo "audit: $name: statspan exited $rc"; cat "$tmp/$name.err"
		echo "$name	-	-	error	-	-	-" >> "$tmp/all"
		continue
	fi
	# join: every expected figure with the first unused output row of its line
	# whose text holds the expected substring
	awk -F'\t' -v name="$name" '
		FNR == NR { if (FNR > 1) { n++; line[n] = $3; text[n] = $5; verd[n] = $7; field[n] = $8;
		            reason[n] = $9 }; next }
		/^#/ || NF < 4 { next }
		{
			hit = 0
			for (i = 1; i <= n; i++)
				if (!used[i] && line[i] == $1 && index(text[i], $2)) { hit = i; break }
			if (!hit) { print name "\t" $1 "\t" $2 "\t" $3 "\t" $4 "\tmissing\t-"; next }
			used[hit] = 1
			want = $4 ($4 == "contradicted" && $5 != "" ? "/" $5 : "")
			got = verd[hit] (verd[hit] == "contradicted" ? "/" field[hit] : "")
			print name "\t" $1 "\t" $2 "\t" $3 "\t" want "\t" got "\t" reason[hit]
		}
		END { for (i = 1; i <= n; i++) if (!used[i])
			print name "\t" line[i] "\t" text[i] "\tx\t-\t" verd[i] "\t" reason[i] }
	' "$tmp/$name.out" "$here/$expect" >> "$tmp/all"
done
# the command-line transcript: each line of cli.t run, output and RC=$? after
# it compared with cli.out (written and failed when missing, for review)
bin_abs=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
: > "$tmp/cli.got"
while IFS= read -r cmd || [ -n "$cmd" ]; do
	case "$cmd" in ''|'#'*) continue ;; esac
	printf '$ %s\n' "$cmd" >> "$tmp/cli.got"
	rm -rf "$tmp/work"
	STATSPAN=$bin_abs TMP=$tmp/work sh -c "mkdir -p \$TMP; $cmd" > "$tmp/one" 2>&1 < /dev/null
	echo "RC=$?" >> "$tmp/one"
	sed "s|$tmp/work|\$TMP|g" "$tmp/one" >> "$tmp/cli.got"
done < "$here/cli.t"
cli_ok=1
if [ ! -f "$here/cli.out" ]; then
	cp "$tmp/cli.got" "$here/cli.out"
	echo "audit: no $here/cli.out; wrote it — review it, then run again"; cli_ok=0
elif ! diff -u "$here/cli.out" "$tmp/cli.got" > "$tmp/cli.diff"; then
	echo "audit: the command-line transcript differs:"; head -40 "$tmp/cli.diff"; cli_ok=0
fi
awk -F'\t' -v verbose="$verbose" -v cli_ok="$cli_ok" -v report="$report" '
	{
		cls = $4; total[cls]++
		ok = ($5 == $6)
		if (ok) good[cls]++
		if ((cls ~ /^h?[bc]$/) && $6 == "supported") bad++
		if (!ok || (verbose != "" && !report))
			printf "audit: %s %s:%s %s: want %s, got %s%s\n", ok ? "ok  " : (cls ~ /^h/ ? "miss" : "FAIL"), $1, $2, $3, $5, $6,
			       $7 != "" && $7 != "-" ? " (" $7 ")" : ""
	}
	END {
		fail = 0; all = 0; allgood = 0
		n = split("seed a b c d ha hb hc x", order, " ")
		for (i = 1; i <= n; i++) {
			c = order[i]
			if (!(c in total)) continue
			acc = good[c] / total[c]; all += total[c]; allgood += good[c]
			printf "audit: class %-4s %3d/%-3d accuracy %.3f\n", c, good[c], total[c], acc
			if ((acc < 0.95 && c !~ /^h/) || c == "x") fail = 1
		}
		printf "audit: all        %3d/%-3d accuracy %.3f; altered or invented found supported: %d\n",
		       allgood, all, all ? allgood / all : 0, bad
		if (bad) fail = 1
		printf "audit: command-line transcript %s\n", cli_ok ? "ok" : "FAILED"
		if (!cli_ok) fail = 1
		exit report ? 0 : fail
	}
' "$tmp/all"
