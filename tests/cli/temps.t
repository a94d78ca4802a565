# A run killed while the workbook is being made leaves neither the -o
# temporary nor the workbook's working directory under $TMPDIR (one registry
# of temporaries, removed by the signal handler); standard input holds the run.
# (SIGHUP for the second: a background job of sh ignores SIGINT)
mkdir $TMP/t1 && { (sleep 4; echo) | TMPDIR=$TMP/t1 $STATSPAN extract -f xlsx -o $TMP/w.xlsx fixtures/finna-e0003.txt - & sleep 2; ls -A $TMP/t1 $TMP | sed 's/\.[A-Za-z0-9]\{6\}$/.XXXXXX/'; kill -TERM $!; wait $!; echo rc=$?; ls -A $TMP/t1; ls -A $TMP; }
mkdir $TMP/t2 && { (sleep 4; echo) | TMPDIR=$TMP/t2 $STATSPAN extract -f xlsx fixtures/finna-e0003.txt - > $TMP/out.xlsx & sleep 2; ls -A $TMP/t2 | sed 's/\.[A-Za-z0-9]\{6\}$/.XXXXXX/'; kill -HUP $!; wait $!; echo rc=$?; ls -A $TMP/t2; }
# a run that ends well removes them too
mkdir $TMP/t3 && TMPDIR=$TMP/t3 $STATSPAN extract -f xlsx -o $TMP/w.xlsx fixtures/finna-e0003.txt && ls -A $TMP/t3 $TMP
