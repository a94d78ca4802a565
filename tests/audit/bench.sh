#!/bin/sh
# Claims per second: 10,000 claims (sentences of the corpus' own facts, one
# JSONL row each, every tenth with its figures altered) audited against the
# whole corpus. Extraction of the sources is timed apart (an audit with no
# claims). Usage: tests/audit/bench.sh ./statspan [CORPUS] [N]
set -eu
bin=$1
corpus=${2:-../shared/corpus}
n=${3:-10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" extract -q -f jsonl "$corpus" > "$tmp/facts.jsonl"
python3 - "$tmp/facts.jsonl" "$n" > "$tmp/claims.jsonl" <<'PY'
import json, sys
seen, out = set(), []
for line in open(sys.argv[1], encoding="utf-8"):
    f = json.loads(line)
    s = f.get("sentence") or ""
    if s and s not in seen:
        seen.add(s)
        out.append(s)
step = max(1, len(out) // int(sys.argv[2]))
rows = out[::step][:int(sys.argv[2])]
for i, s in enumerate(rows):
    if i % 10 == 9:  # an altered figure: the first digit 1 becomes 7
        s = s.replace("1", "7", 1)
    print(json.dumps({"id": i + 1, "claim": s}, ensure_ascii=False))
PY
rows=$(wc -l < "$tmp/claims.jsonl")
: > "$tmp/none.jsonl"
t0=$(date +%s.%N)
"$bin" audit "$tmp/none.jsonl" --against "$corpus" -q > /dev/null || true
t1=$(date +%s.%N)
"$bin" audit "$tmp/claims.jsonl" --against "$corpus" -q -f jsonl > "$tmp/out.jsonl" || true
t2=$(date +%s.%N)
figs=$(wc -l < "$tmp/out.jsonl")
awk -v corpus="$corpus" -v rows="$rows" -v figs="$figs" -v t0="$t0" -v t1="$t1" -v t2="$t2" 'BEGIN {
	idx = t1 - t0; all = t2 - t1; judge = all - idx
	printf "audit bench: %d claims (%d claim figures) against %s\n", rows, figs, corpus
	printf "audit bench: sources extracted and indexed in %.2f s; whole run %.2f s\n", idx, all
	rate = (judge > 0) ? rows / judge : 0; frate = (judge > 0) ? figs / judge : 0
	printf "audit bench: judging %.2f s: %.0f claims/s, %.0f claim figures/s\n", judge, rate, frate
}'
grep -o '"verdict": "[a-z]*"' "$tmp/out.jsonl" | sort | uniq -c
