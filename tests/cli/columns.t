# --columns: which columns, in which order, for every format but html
$STATSPAN extract -f csv --columns doc,title,date,kind,value fixtures/hexo-sina-20210612-fdi.md | head -3
$STATSPAN extract -f tsv --columns date,value,kind fixtures/hexo-sina-20210612-fdi.md | head -3
$STATSPAN extract --columns ' kind , value,line' fixtures/hexo-sina-20210612-fdi.md | head -2
$STATSPAN extract -f json --columns value,title fixtures/finna-e0003.txt
$STATSPAN extract -f xlsx --columns date,kind,value -o $TMP/c.xlsx fixtures/hexo-sina-20210612-fdi.md && python3 tests/cli/tools/xlsx_rows.py $TMP/c.xlsx 1 3
# a bad list is a usage error naming the column, and nothing is written
$STATSPAN extract --columns kind,vlaue fixtures/finna-e0003.txt
$STATSPAN extract -f csv --columns kind,,value fixtures/finna-e0003.txt
$STATSPAN extract -f csv --columns kind,kind fixtures/finna-e0003.txt
$STATSPAN extract -f csv --columns doc,id -o $TMP/x.csv fixtures/finna-e0003.txt no-such.md; echo rc=$?; cat $TMP/x.csv
$STATSPAN extract --columns nope -o $TMP/y.csv fixtures/finna-e0003.txt; ls $TMP
