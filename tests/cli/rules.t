# statspan rules: list, test, check, broken rule files
$STATSPAN rules list | grep -E "^(percent.arabic|count.arabic) "
$STATSPAN rules check | sed "s/^[0-9]* rules/N rules/"
$STATSPAN rules frob
mkdir $TMP/ok && printf 'define N [0-9]+\nrule my.pct\n  kind percent\n  unit %%\n  pattern (?<num>{N})\\s?%%\n  example 12%% => value=12 unit=%%\n' > $TMP/ok/ok.rules && cat $TMP/ok/ok.rules && $STATSPAN rules test --no-default-rules $TMP/ok
mkdir $TMP/b1 && printf 'rule bad.one\n  kind percent\n  pattern (?<num>[0-9]+%%\n' > $TMP/b1/bad.rules && $STATSPAN rules check $TMP/b1
mkdir $TMP/b2 && printf 'rule bad.two\n  kind nonsense\n  pattern (?<num>[0-9]+)\n' > $TMP/b2/bad.rules && $STATSPAN extract --rules $TMP/b2 fixtures/finna-e0003.txt
mkdir $TMP/b3 && printf 'rule x\n  kind percent\n  pattern (?<num>[0-9]+)%%\n  example 5%% => value=6\n' > $TMP/b3/x.rules && $STATSPAN rules test --no-default-rules $TMP/b3
mkdir $TMP/b4 && printf 'rule percent.arabic\n  kind percent\n  pattern (?<num>[0-9]+)%%\n' > $TMP/b4/dup.rules && $STATSPAN rules check $TMP/b4
$STATSPAN rules check /no/such/dir
# A user's rule directory grows a table with one line: 卢布 becomes a currency (500亿 = 5e10)
mkdir $TMP/rub && printf 'map unit.currency 卢布 RUB\n' > $TMP/rub/rub.rules && printf '公司为500亿卢布。\n' > $TMP/rub.txt && $STATSPAN extract -f jsonl --rules $TMP/rub $TMP/rub.txt && $STATSPAN extract -f jsonl $TMP/rub.txt
# ... and a qualifier word: 差不多三成 is approx 30%
mkdir $TMP/cbd && printf 'map qualifier.before 差不多 approx\n' > $TMP/cbd/q.rules && printf '差不多三成的企业\n' > $TMP/cbd.txt && $STATSPAN extract -f jsonl --rules $TMP/cbd $TMP/cbd.txt
# ... or a define, with extend
mkdir $TMP/ext && printf 'extend CURRENCY 卢布\n' > $TMP/ext/e.rules && $STATSPAN extract -f jsonl --rules $TMP/ext $TMP/rub.txt
mkdir $TMP/redef && printf 'define CURRENCY 卢布\n' > $TMP/redef/e.rules && $STATSPAN rules check $TMP/redef
# A misspelt table, an unknown reference
mkdir $TMP/stpo && printf 'map stpo 都 1\n' > $TMP/stpo/s.rules && $STATSPAN rules check $TMP/stpo
mkdir $TMP/ref && printf 'rule my.x\n  kind money\n  pattern (?<num>[0-9]+)(?<unit>{@unit.curency})\n' > $TMP/ref/r.rules && $STATSPAN rules check $TMP/ref
# needs are worked out from the pattern: a written list is ignored, with a warning
mkdir $TMP/nd && printf 'rule my.x\n  kind percent\n  needs 元\n  pattern (?<num>[0-9]+)%%\n' > $TMP/nd/n.rules && $STATSPAN rules check $TMP/nd
# A define that doubles itself forty times: refused at 1 MiB of pattern (it was 1 GiB and an abort), quickly
mkdir $TMP/dbl && (echo 'define L0 (?:ab|cd)'; i=1; while [ $i -le 40 ]; do echo "define L$i {L$((i-1))}{L$((i-1))}"; i=$((i+1)); done; printf 'rule x.y\n  kind percent\n  pattern (?<num>{L40})%%\n') > $TMP/dbl/d.rules && timeout 20 $STATSPAN extract --rules $TMP/dbl fixtures/finna-e0003.txt
mkdir $TMP/self && printf 'define A x\ndefine B {A}y\nextend A {B}\n' > $TMP/self/s.rules && $STATSPAN rules check $TMP/self
