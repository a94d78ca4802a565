# What a user hits first (issue 14): no path reads a pipe, every named input
# is listed by -f json, a directory with no document is an error
printf '营收增长5%%。' | $STATSPAN extract -f tsv | cut -f1,3-6
printf '营收增长5%%。' | $STATSPAN extract -f json -q --columns kind,value
printf '' | $STATSPAN extract
$STATSPAN extract -f tsv < fixtures/finna-e0003.txt | cut -f1,4
# /dev/null (a cron job's standard input) is no document: the paths were forgotten
$STATSPAN extract < /dev/null
# every input named has its entry in -f json, a missing one too
printf 'a\000b' > $TMP/bin.txt && $STATSPAN extract -f json $TMP/missing.md $TMP/bin.txt fixtures/finna-e0003.txt | cut -c1-90
$STATSPAN extract -f json $TMP/missing.md
# a directory with no document in it: an error naming it, exit 1
mkdir $TMP/empty && $STATSPAN extract $TMP/empty
mkdir $TMP/other && touch $TMP/other/a.doc $TMP/other/b.csv && mkdir $TMP/other/sub && $STATSPAN extract -f csv $TMP/other
mkdir -p $TMP/mixed/sub && cp fixtures/finna-e0003.txt $TMP/mixed/ && touch $TMP/mixed/notes.doc && $STATSPAN extract -f tsv $TMP/mixed | cut -f1,4
mkdir $TMP/bindir && printf 'a\000b' > $TMP/bindir/bin.txt && $STATSPAN extract -f tsv $TMP/bindir
$STATSPAN extract -f json $TMP/empty fixtures/finna-e0003.txt | cut -c1-60
