# Hostile input: pathological documents, bad encodings, special files, I/O
# faults, hostile rules. Documents come from tests/pathological/gen.sh.
sh tests/pathological/gen.sh good $TMP/good.txt && sh tests/pathological/gen.sh nul $TMP/nul.txt && $STATSPAN extract -f tsv $TMP/nul.txt $TMP/good.txt > $TMP/o; r=$?; cut -f1,4 $TMP/o; exit $r
sh tests/pathological/gen.sh badutf8 $TMP/bad.txt && $STATSPAN extract -f tsv $TMP/bad.txt | cut -f4,17-18,21-22
sh tests/pathological/gen.sh utf16 $TMP/u16.txt && $STATSPAN extract -f tsv $TMP/u16.txt | cut -f4,17-18,21-22
sh tests/pathological/gen.sh utf16be $TMP/u16be.txt && $STATSPAN extract -f tsv $TMP/u16be.txt | cut -f4,17-18,21-22
sh tests/pathological/gen.sh gbk $TMP/gbk.txt && $STATSPAN extract -f tsv $TMP/gbk.txt | cut -f4,17-18,21-22
sh tests/pathological/gen.sh gb2312meta $TMP/meta.html && $STATSPAN extract -f tsv $TMP/meta.html | cut -f4,17-18,21-22
sh tests/pathological/gen.sh empty $TMP/empty.txt && $STATSPAN extract $TMP/empty.txt
sh tests/pathological/gen.sh digits $TMP/digits.txt && $STATSPAN extract -f tsv $TMP/digits.txt | cut -f4
sh tests/pathological/gen.sh numeral $TMP/num.txt && $STATSPAN extract -f tsv $TMP/num.txt | cut -f4
sh tests/pathological/gen.sh percent $TMP/pct.txt && $STATSPAN extract $TMP/pct.txt
sh tests/pathological/gen.sh nested $TMP/nested.html && $STATSPAN extract -f tsv $TMP/nested.html | cut -f4
sh tests/pathological/gen.sh symlinkloop $TMP/loop && $STATSPAN extract -f tsv $TMP/loop fixtures/finna-e0003.txt > $TMP/o; r=$?; wc -l < $TMP/o; exit $r
sh tests/pathological/gen.sh fifo $TMP/fifo && $STATSPAN extract $TMP/fifo
mkfifo $TMP/fifo2 && (printf '营收增长5%%' > $TMP/fifo2 &) && $STATSPAN extract -f tsv $TMP/fifo2 | cut -f4
$STATSPAN extract /dev/zero
sh tests/pathological/gen.sh good $TMP/locked.txt && SS_INJECT_EACCES=locked LD_PRELOAD=$SS_INJECT ASAN_OPTIONS=verify_asan_link_order=0 $STATSPAN extract -f tsv $TMP/locked.txt fixtures/finna-e0003.txt > $TMP/o; r=$?; wc -l < $TMP/o; exit $r
sh tests/pathological/gen.sh big $TMP/big.txt && SS_INJECT_EIO=big LD_PRELOAD=$SS_INJECT ASAN_OPTIONS=verify_asan_link_order=0 $STATSPAN extract -f tsv $TMP/big.txt fixtures/finna-e0003.txt > $TMP/o; r=$?; wc -l < $TMP/o; exit $r
$STATSPAN extract -f csv fixtures/ > /dev/full
(trap '' XFSZ; ulimit -f 8; $STATSPAN extract -o $TMP/out.csv -f csv fixtures/); r=$?; ls -A $TMP | grep out; exit $r
$STATSPAN extract fixtures/ | head -1 | cut -c1-60
mkdir $TMP/r1 && printf 'rule slow.one\n  kind percent\n  pattern (?<num>(?:[0-9]+)+)\\bz%%\n' > $TMP/r1/slow.rules && perl -e 'print "1" x 3000, "z%\n", "营收增长5%\n"' > $TMP/slow.txt && $STATSPAN extract -f tsv --rules $TMP/r1 $TMP/slow.txt > $TMP/o; r=$?; cut -f4,23 $TMP/o; exit $r
mkdir $TMP/r2 && printf 'rule bad.utf8\n  kind percent\n  pattern (?<num>[0-9]+)\377%%\n' > $TMP/r2/a.rules && $STATSPAN rules check $TMP/r2
mkdir $TMP/r3 && printf 'rule x.unknown\n  kind percent\n  colour red\n  pattern (?<num>[0-9]+)%%\n' > $TMP/r3/a.rules && $STATSPAN rules check $TMP/r3
mkdir $TMP/r4 && printf 'rule x.dup\n  kind percent\n  pattern (?<num>[0-9]+)%%\nrule x.dup\n  kind percent\n  pattern (?<num>[0-9]+)%%\n' > $TMP/r4/a.rules && $STATSPAN rules check --no-default-rules $TMP/r4
mkdir $TMP/r5 && printf 'rule x.empty\n  kind percent\n  pattern \n' > $TMP/r5/a.rules && $STATSPAN rules check $TMP/r5
mkdir $TMP/r6 && printf 'rule x.none\n  kind percent\n' > $TMP/r6/a.rules && $STATSPAN rules check $TMP/r6
