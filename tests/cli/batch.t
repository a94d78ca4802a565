# statspan extract at scale: -j, --files-from, -0, --jsonl-in, progress
$STATSPAN extract -j1 fixtures > $TMP/j1 && $STATSPAN extract -j4 fixtures > $TMP/j4 && cmp $TMP/j1 $TMP/j4 && echo same
$STATSPAN extract -j3 -f json fixtures > $TMP/a && $STATSPAN extract -j1 -f json fixtures | cmp - $TMP/a && echo json same
$STATSPAN extract -j2 -f csv no-such.txt fixtures/finna-e0003.txt no-dir/ fixtures/fnsc-00006.txt > $TMP/o; echo rc=$?; cut -d, -f1 $TMP/o | uniq
$STATSPAN extract -j0 fixtures
$STATSPAN extract -j many fixtures
find fixtures -name '*.txt' -print0 | sort -z | $STATSPAN extract --files-from - -0 -f tsv | cut -f1 | sort -u
printf 'fixtures/finna-e0003.txt\n\nno-such.txt\r\nfixtures/fnsc-00006.txt\n' > $TMP/list && $STATSPAN extract -j2 --files-from $TMP/list -f tsv | cut -f1 | uniq
$STATSPAN extract -0 fixtures
printf '{"id":"a","content":"营收同比增长15%%，近三成受访者","format":"text"}\n{"id":"b","content":"<p>约45%%的企业<!-- 60%% --></p>","format":"html"}\n' | $STATSPAN extract --jsonl-in | cut -c1-110
printf '{"id":1,"content":"增长5%%"}\n\nnot json\n[1]\n{"content":"增长5%%"}\n{"id":"x","content":3}\n{"id":"y","content":"增长6%%","format":"pdf"}\n{"id":"z","content":"下降7%%"}\n' | $STATSPAN extract --jsonl-in -j2 -f tsv > $TMP/o; r=$?; cut -f1-5 $TMP/o; exit $r
printf '{"id":"a","content":"增长5%%"}' > $TMP/d.jsonl && $STATSPAN extract --jsonl-in $TMP/d.jsonl - -f tsv < $TMP/d.jsonl | cut -f1,4
$STATSPAN extract --jsonl-in --files-from x
$STATSPAN extract -q fixtures 2>&1 >/dev/null | wc -c
$STATSPAN extract --progress -q fixtures/finna-e0003.txt 2>&1 >/dev/null | wc -c
sh tests/cli/batch_corpus.sh "$STATSPAN" "$TMP"
