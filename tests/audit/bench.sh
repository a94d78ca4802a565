#!/bin/sh
# Claims per second: 10,000 claims (sentences of the corpus' own facts, one
# JSONL row each, every tenth with a digit altered) audited against the
# whole corpus. Extraction of the sources is timed apart (an audit with no
# claims); CPU seconds beside wall seconds, as the machine may be shared.
# Usage: tests/audit/bench.sh ./statspan [CORPUS] [N]
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
# wall and CPU seconds (user + system) of a run, as "wall cpu"
timed() {
	t0=$(date +%s.%N)
	/usr/bin/time -f "%U %S" -o "$tmp/cpu" "$@" || true
	t1=$(date +%s.%N)
	tail -n 1 "$tmp/cpu" | awk -v t0="$t0" -v t1="$t1" '{ printf "%.2f %.2f\n", t1 - t0, $1 + $2 }'
}
idx=$(timed "$bin" audit "$tmp/none.jsonl" --against "$corpus" -q -o /dev/null)
all=$(timed "$bin" audit "$tmp/claims.jsonl" --against "$corpus" -q -f jsonl -o "$tmp/out.jsonl")
figs=$(wc -l < "$tmp/out.jsonl")
echo "$idx $all" | awk -v corpus="$corpus" -v rows="$rows" -v figs="$figs" '{
	printf "audit bench: %d claims (%d claim figures) against %s\n", rows, figs, corpus
	printf "audit bench: sources extracted and indexed: %.2f s (%.2f s CPU); whole run %.2f s (%.2f s CPU)\n", $1, $2, $3, $4
	w = $3 - $1; c = $4 - $2
	printf "audit bench: judging %.2f s (%.2f s CPU): %.0f claims/s, %.0f claims per CPU second\n", w, c,
	       (w > 0) ? rows / w : 0, (c > 0) ? rows / c : 0
}'
grep -o '"verdict": "[a-z]*"' "$tmp/out.jsonl" | sort | uniq -c
