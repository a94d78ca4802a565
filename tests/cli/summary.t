# make demo's summary lists kinds and documents in input order
$STATSPAN extract -f csv -o $TMP/f.csv fixtures/xmu-xinhua-006.txt fixtures/fnsc-00006.txt fixtures/hexo-sina-20210612-fdi.md fixtures/finna-e0003.txt fixtures/blog-wind-20240808.md && sh scripts/summary.sh $TMP/f.csv | sed '/^the seed/,$d'
