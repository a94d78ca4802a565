# The second hostile pass (issue 10), a class or two a line; make hostile
# (tests/pathological/hostile.sh) runs the memory and timing cases.
# 1. A read error or an unreadable line is an error naming the input and line.
printf '{"id":"a","content":"增长5%%"}\n' > $TMP/a.jsonl && $STATSPAN extract -f tsv --jsonl-in /dev/zero $TMP/a.jsonl > $TMP/o; r=$?; cut -f1,4 $TMP/o; exit $r
perl -e 'print qq({"id":"a","content":"增长5%"}\n), qq({"id":"pad","content":"), "x" x 70000, qq("}\n{"id":"b","content":"增长6%"}\n)' > $TMP/jl.jsonl && SS_INJECT_EIO=jl.jsonl LD_PRELOAD=$SS_INJECT ASAN_OPTIONS=verify_asan_link_order=0 $STATSPAN extract -f tsv --jsonl-in $TMP/jl.jsonl > $TMP/o; r=$?; cut -f1,4 $TMP/o; exit $r
printf '{"id":"a","content":"增长5%%"}\n{"x\0":1}\n{"id":"b","content":"增长6%%"}\n' | $STATSPAN extract -f tsv --jsonl-in > $TMP/o; r=$?; cut -f1,4 $TMP/o; exit $r
$STATSPAN extract --files-from /dev/zero fixtures/finna-e0003.txt > $TMP/o; r=$?; wc -l < $TMP/o; exit $r
# 2. Closed standard streams are /dev/null: no message in the output, no output read back.
sh tests/pathological/gen.sh nul $TMP/nul.txt && $STATSPAN extract -o $TMP/o.jsonl $TMP/nul.txt fixtures/finna-e0003.txt 2>&-; r=$?; grep -c . $TMP/o.jsonl; grep -c binary $TMP/o.jsonl; exit $r
printf '{"id":"a","content":"增长5%%"}\n' > $TMP/self.jsonl && $STATSPAN extract --jsonl-in -o $TMP/self.jsonl <&-; r=$?; wc -c < $TMP/self.jsonl; exit $r
# 5. Empty names are errors; endless input ends with a message.
$STATSPAN extract --files-from /dev/zero -0
printf 'fixtures/finna-e0003.txt\0\0' | $STATSPAN extract -f tsv --files-from - -0 > $TMP/o; r=$?; wc -l < $TMP/o; exit $r
# 6. A signal removes the temporary and exits 128 + signal; the old file stays, and a rewritten one keeps its mode.
echo old > $TMP/s.jsonl && mkfifo $TMP/slow && exec 3<> $TMP/slow && env --default-signal=INT $STATSPAN extract -o $TMP/s.jsonl fixtures/finna-e0003.txt $TMP/slow & sleep 0.5; kill -INT $!; wait $!; r=$?; ls -A $TMP; cat $TMP/s.jsonl; exit $r
echo old > $TMP/m.jsonl && chmod 640 $TMP/m.jsonl && $STATSPAN extract -o $TMP/m.jsonl fixtures/finna-e0003.txt && stat -c %a $TMP/m.jsonl && ls -A $TMP
# 7. File names: records stay UTF-8 (U+FFFD), messages quote control characters.
cp fixtures/finna-e0003.txt "$TMP/$(printf 'bad\377.txt')" && $STATSPAN extract -f csv "$TMP/$(printf 'bad\377.txt')" > $TMP/o; r=$?; cut -d, -f1 $TMP/o | sort -u; exit $r
$STATSPAN extract "$TMP/$(printf 'x\033]0;title\a\033[2J\n.txt')" "$(printf 'a\\b')"
$STATSPAN extract --format "$(printf '\033[31mred')" x
cp fixtures/finna-e0003.txt "$TMP/$(printf 'n\nl.txt')" && $STATSPAN extract --debug-spans "$TMP/$(printf 'n\nl.txt')" > $TMP/o; r=$?; head -1 $TMP/o | cut -c1-40; exit $r
# 1. A list from a pipe or FIFO is read once, also with --progress (which counts a regular list first).
mkfifo $TMP/l && (echo fixtures/finna-e0003.txt > $TMP/l &) && timeout 10 $STATSPAN extract --progress -f tsv --files-from $TMP/l 2>/dev/null > $TMP/o; r=$?; wc -l < $TMP/o; exit $r
# 5. Standard input that is a device other than a terminal is refused, as a named device is.
$STATSPAN extract - fixtures/finna-e0003.txt < /dev/zero > $TMP/o; r=$?; wc -l < $TMP/o; exit $r
# A rule file's path with a newline is quoted in `rules list`, as in every message.
mkdir -p "$TMP/$(printf 'r\nd')" && printf 'rule my.pct\n  kind percent\n  unit %%\n  pattern (?<num>[0-9]+)%%\n' > "$TMP/$(printf 'r\nd')/x.rules" && $STATSPAN rules list --no-default-rules "$TMP/$(printf 'r\nd')"
# A document's control characters inside a figure's source bytes (here in a comment) are quoted in --debug-spans.
printf '<p>增长5<!--\033[31m-->%%。</p>\n' > $TMP/c.html && $STATSPAN extract --debug-spans $TMP/c.html | grep -o 'source=.*' | od -An -c | tr -s ' ' | head -2
