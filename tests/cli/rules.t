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
