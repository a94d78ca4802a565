#!/bin/sh
# Part of tests/cli/batch.t: the shared corpus through -j and through GNU
# parallel --pipe over JSONL gives the same facts as one process.
# Skips when ../shared/corpus, jq or parallel is missing. The transcript must
# read the same with and without the corpus, so success and skipping print
# nothing on stdout; the note goes to the terminal when there is one.
# Usage: tests/cli/batch_corpus.sh STATSPAN TMPDIR
set -u
note() { { echo "$*" > /dev/tty; } 2>/dev/null || true; }
bin=$1 tmp=$2
corpus=${CORPUS:-../shared/corpus}
if [ ! -d "$corpus/text" ] || [ ! -d "$corpus/html" ]; then
	note "batch corpus: skipped ($corpus not found)"; exit 0
fi
for tool in jq parallel; do
	command -v $tool >/dev/null || { note "batch corpus: skipped ($tool missing; apt-get install $tool)"; exit 0; }
done
# -j1 and -j2 over 3000 text files and 100 HTML pages: the same bytes.
ls "$corpus/text" | LC_ALL=C sort | head -3000 | sed "s|^|$corpus/text/|" > "$tmp/files"
ls "$corpus/html" | LC_ALL=C sort | head -100 | sed "s|^|$corpus/html/|" >> "$tmp/files"
"$bin" extract -q -j1 --files-from "$tmp/files" > "$tmp/c1" || exit 1
"$bin" extract -q -j2 --files-from "$tmp/files" > "$tmp/c2" || exit 1
cmp "$tmp/c1" "$tmp/c2" || { echo "batch corpus: -j2 differs from -j1"; exit 1; }
# The same documents as JSONL: one document a line, id = path, format given
# for the text files, detected for the HTML pages.
head -3000 "$tmp/files" | xargs jq -nRc 'reduce inputs as $l ({}; .[input_filename] += [$l])
	| to_entries[] | {id: .key, content: (.value | join("\n")), format: "text"}' > "$tmp/docs.jsonl"
tail -100 "$tmp/files" | xargs jq -nRc 'reduce inputs as $l ({}; .[input_filename] += [$l])
	| to_entries[] | {id: .key, content: (.value | join("\n"))}' >> "$tmp/docs.jsonl"
"$bin" extract -q -j1 --jsonl-in < "$tmp/docs.jsonl" | LC_ALL=C sort > "$tmp/one"
parallel --will-cite --pipe --block 200k -j 4 "$bin" extract -q -j1 --jsonl-in < "$tmp/docs.jsonl" |
	LC_ALL=C sort > "$tmp/par"
if cmp -s "$tmp/one" "$tmp/par" && [ -s "$tmp/one" ]; then
	note "batch corpus: -j1 = -j2 on 3100 files; parallel --pipe over $(wc -l < "$tmp/docs.jsonl") JSONL documents = one process"
else
	echo "batch corpus: parallel --pipe differs from one process"; exit 1
fi
