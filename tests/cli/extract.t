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
