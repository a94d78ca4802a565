# statspan extract: formats, options, bad input, atomic output
$STATSPAN extract -f csv fixtures/fnsc-00006.txt
$STATSPAN extract -f tsv --kinds change fixtures/fnsc-00006.txt
$STATSPAN extract --kinds percent,bogus fixtures/fnsc-00006.txt
$STATSPAN extract -f xml fixtures/fnsc-00006.txt
$STATSPAN extract --nope
$STATSPAN extract
$STATSPAN frobnicate
$STATSPAN extract -f jsonl no-such-file.txt fixtures/finna-e0003.txt > $TMP/o; r=$?; wc -l < $TMP/o; exit $r
$STATSPAN extract -o $TMP/out.csv -f csv --bom fixtures/finna-e0003.txt && head -c 3 $TMP/out.csv | od -An -tx1 && wc -l < $TMP/out.csv && ls $TMP
$STATSPAN extract -f csv fixtures/finna-e0003.txt > /dev/full
$STATSPAN extract -o /nonexistent-dir/out.csv fixtures/finna-e0003.txt
printf '近三成受访者认为，约45%%的企业' | $STATSPAN extract -f tsv - | cut -f3-8
printf '' | $STATSPAN extract -
printf 'a\000b\000c\000d' > $TMP/bin.txt && $STATSPAN extract $TMP/bin.txt fixtures/finna-e0003.txt > $TMP/o; r=$?; wc -l < $TMP/o; exit $r
printf '\377\376增长5%%\n' > $TMP/bad.txt && $STATSPAN extract -f tsv $TMP/bad.txt | cut -f3-5
$STATSPAN extract -f json fixtures/fnsc-00006.txt | head -c 300; echo
$STATSPAN extract --format-in text -f tsv fixtures/nbd-financial-cloud-2021.md | cut -f4 | tr '\n' ' '
$STATSPAN extract --debug-spans fixtures/finna-e0003.txt
# -o onto a pipe or a device writes to it; it is never replaced by a file
mkfifo $TMP/p && (cat $TMP/p > $TMP/got &) && $STATSPAN extract -f tsv -o $TMP/p fixtures/finna-e0003.txt; sleep 1; test -p $TMP/p && echo still a fifo; cut -f4 $TMP/got
$STATSPAN extract -o /dev/stdout -f tsv fixtures/finna-e0003.txt | cut -f4; test -c /dev/stdout -o -L /dev/stdout && echo /dev/stdout kept
ln -s $TMP/real.csv $TMP/link.csv && $STATSPAN extract -f csv -o $TMP/link.csv fixtures/finna-e0003.txt && test -L $TMP/link.csv && wc -l < $TMP/real.csv
