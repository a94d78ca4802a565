# statspan audit: exit codes, usage errors, formats, colours, bad claim rows
printf '超过九成金融机构认识到数字化转型的重要性。\n' > $TMP/ok.txt && $STATSPAN audit $TMP/ok.txt --against fixtures/nbd-financial-cloud-2021.md
$STATSPAN audit tests/audit/cases/seed.txt --against fixtures/nbd-financial-cloud-2021.md -q
$STATSPAN audit tests/audit/cases/seed.txt --against fixtures/nbd-financial-cloud-2021.md --color=always -q | sed -n '1p;5p' | sed 's/\x1b/<ESC>/g'
$STATSPAN audit tests/audit/cases/seed.txt --against fixtures/nbd-financial-cloud-2021.md -f csv -o $TMP/v.csv; echo "audit RC=$?"; cut -d, -f3-5,7-9 $TMP/v.csv
$STATSPAN audit tests/audit/cases/seed.txt --against fixtures/nbd-financial-cloud-2021.md -f json | head -3 | cut -c1-120
$STATSPAN audit tests/audit/cases/seed.txt --against fixtures/nbd-financial-cloud-2021.md -f jsonl | sed -n 3p
printf '{"claim": "超过九成金融机构认识到数字化转型的重要性"}\n' | $STATSPAN audit - --against fixtures/nbd-financial-cloud-2021.md -f tsv | cut -f3-8
printf 'id,text\n1,a\n' > $TMP/bad.csv && $STATSPAN audit $TMP/bad.csv --against fixtures/nbd-financial-cloud-2021.md
$STATSPAN audit tests/audit/cases/table.csv --against fixtures/hexo-cls-20220517-stamp-duty.md fixtures/audit/fnsc-05269.txt fixtures/hexo-sina-20210612-fdi.md fixtures/audit/finna-e3401.txt -q -f tsv -o $TMP/v.tsv; echo "audit RC=$?"; cut -f2-4,7-8 $TMP/v.tsv
printf '约33%%的机构认为\n' > $TMP/t.txt && printf '三分之一的机构认为\n' > $TMP/s.txt && $STATSPAN audit $TMP/t.txt --against $TMP/s.txt --tolerance 0 -q
$STATSPAN audit tests/audit/cases/seed.txt
$STATSPAN audit --against fixtures
$STATSPAN audit tests/audit/cases/seed.txt --against fixtures -f xml
$STATSPAN audit tests/audit/cases/seed.txt --against fixtures --tolerance 2
$STATSPAN audit tests/audit/cases/seed.txt --against fixtures --color=sometimes
$STATSPAN audit tests/audit/cases/seed.txt --against fixtures --frob
$STATSPAN audit tests/audit/cases/seed.txt --against /no/such/dir -q
$STATSPAN audit /no/such/claims.txt --against fixtures
printf '{"id":"fdi","content":"1-5月全国实际使用外资4810亿元人民币，同比增长35.4%%。","format":"text"}\n' > $TMP/s.jsonl && printf '今年前5个月全国实际使用外资约0.48万亿元，同比增长35.4%%。\n' > $TMP/c.txt && $STATSPAN audit $TMP/c.txt --jsonl-in $TMP/s.jsonl
