#!/bin/sh
# The workbook read back by real readers: Python's zipfile and ElementTree
# (check.py, every cell against the JSON export of the same run) and, where
# it is installed, LibreOffice converting both sheets back to CSV
# (roundtrip.py). Inputs: the fixtures, text a spreadsheet would misread
# (3.968%, -0.3%, =HYPERLINK), standard input (doc "-"), a binary file and a
# missing one. With DIR, the round trip of DIR alone (make xlsx-corpus:
# corpus/html). Usage: tests/xlsx/run.sh ./statspan [DIR]
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
export SOURCE_DATE_EPOCH=1700000000

if [ $# -gt 1 ]; then
	"$bin" extract -q -f xlsx -o "$tmp/run.xlsx" "$2" && "$bin" extract -q -f json -o "$tmp/run.json" "$2" ||
		{ echo "xlsx: extract failed on $2"; exit 1; }
	python3 tests/xlsx/check.py "$tmp/run.xlsx" "$tmp/run.json" || fail=1
	mkdir "$tmp/lo"
	timeout 900 soffice --headless -env:UserInstallation=file://$tmp/profile \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
		--outdir "$tmp/lo" "$tmp/run.xlsx" > "$tmp/lo.log" 2>&1
	python3 tests/xlsx/roundtrip.py "$tmp/lo/run-Facts.csv" "$tmp/lo/run-Documents.csv" \
		"$tmp/run.json" || fail=1
	exit $fail
fi

printf '据说=HYPERLINK("http://x","看")一项占比3.968%%，另一项下降-0.3%%，@SUM(A1)为12亿元。\n' > "$tmp/tricky.txt"
printf 'a\000b' > "$tmp/binary.txt"
stdin_text='全年营收增长15%，净利润20亿元。'
inputs="fixtures $tmp/tricky.txt $tmp/binary.txt -"

printf '%s\n' "$stdin_text" | "$bin" extract -q -f xlsx -o "$tmp/run.xlsx" $inputs "$tmp/missing.md" 2> "$tmp/err"
rc=$?
if [ $rc -ne 1 ]; then
	echo "xlsx: exit $rc, not 1 (a binary and a missing input)"; cat "$tmp/err"; fail=1
fi
printf '%s\n' "$stdin_text" | "$bin" extract -q -f json -o "$tmp/run.json" $inputs 2> /dev/null
python3 tests/xlsx/check.py "$tmp/run.xlsx" "$tmp/run.json" || fail=1
python3 - "$tmp/run.xlsx" "$tmp/missing.md" <<'PY' || fail=1
import sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet2.xml").decode()
need = [sys.argv[2], "No such file or directory", "binary file (NUL bytes)"]
miss = [n for n in need if n not in x]
if miss:
    sys.exit("xlsx: the Documents sheet lacks %s" % miss)
PY

# Down a pipe, and with two threads, the same bytes as -o with one.
printf '%s\n' "$stdin_text" | "$bin" extract -q -j2 -f xlsx $inputs "$tmp/missing.md" > "$tmp/pipe.xlsx" 2> /dev/null
cmp -s "$tmp/run.xlsx" "$tmp/pipe.xlsx" || { echo "xlsx: a pipe with -j2 gives other bytes than -o"; fail=1; }
# A workbook with no document still opens: headers only.
"$bin" extract -q -f xlsx -o "$tmp/none.xlsx" "$tmp/missing.md" 2> /dev/null
python3 -c "import sys,zipfile; zipfile.ZipFile(sys.argv[1]).testzip()" "$tmp/none.xlsx" || fail=1

if command -v soffice > /dev/null 2>&1; then
	# Both sheets to CSV, UTF-8, values rather than what is shown (token 9).
	mkdir "$tmp/lo"
	timeout 300 soffice --headless -env:UserInstallation=file://$tmp/profile \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
		--outdir "$tmp/lo" "$tmp/run.xlsx" > "$tmp/lo.log" 2>&1
	if [ -f "$tmp/lo/run-Facts.csv" ]; then
		python3 tests/xlsx/roundtrip.py "$tmp/lo/run-Facts.csv" "$tmp/lo/run-Documents.csv" \
			"$tmp/run.json" || fail=1
	else
		echo "xlsx: LibreOffice did not convert the workbook:"; cat "$tmp/lo.log"; fail=1
	fi
elif [ -n "${CI:-}" ]; then
	echo "xlsx: soffice (libreoffice-calc-nogui) is missing, and CI must run the round trip"; fail=1
else
	echo "xlsx: LibreOffice round trip skipped (no soffice; apt-get install libreoffice-calc-nogui)"
fi
# statspan audit -f xlsx: the Verdicts sheet against the records of the
# same audit, and rows read by hand from the sources: in the seed, 95%以上
# supports 超过九成 and 42% (line 62) contradicts 43%; in the generated PDF
# (tests/pdf/genpdf.c: 公司营收同比增长5%，净利润下降3.2亿元。 on page 1), the
# evidence's page and box are those tests/pdf/pdf.out records.
vcols=doc,claim_id,sentence,text,verdict,field,reason,value,unit,claim_line,claim_column,evidence_doc,evidence,evidence_value,evidence_unit,evidence_line,evidence_column,evidence_page,evidence_box,evidence_sentence,score
verdicts() { # NAME CLAIMS SOURCE ROWS...
	name=$1 claims=$2 src=$3
	shift 3
	"$bin" audit -q "$claims" --against "$src" -f xlsx -o "$tmp/$name.xlsx"
	[ $? -le 1 ] || { echo "xlsx: audit -f xlsx failed ($name)"; fail=1; return; }
	"$bin" audit -q "$claims" --against "$src" -f jsonl --columns "$vcols" > "$tmp/$name.jsonl"
	python3 tests/xlsx/verdicts.py "$tmp/$name.xlsx" "$tmp/$name.jsonl" "$@" || fail=1
}
verdicts seed tests/audit/cases/seed.txt fixtures/nbd-financial-cloud-2021.md \
	'2=figure:超过九成;verdict:supported;claim_value:90;evidence:95%以上;evidence_value:95;evidence_unit:%' \
	'4=figure:43%;verdict:contradicted;field:value;claim_value:43;evidence_value:42;evidence_line:62' \
	'5=figure:20亿美元;verdict:unsupported'
genpdf=${GENPDF:-build/tests/genpdf}
if [ -x "$genpdf" ] && "$genpdf" text "$tmp/t.pdf" &&
	"$bin" extract -q -f jsonl "$tmp/t.pdf" > /dev/null 2>&1; then
	printf '营收同比增长5%%，净利润下降3.3亿元。\n' > "$tmp/pdfclaims.txt"
	verdicts pdf "$tmp/pdfclaims.txt" "$tmp/t.pdf" \
		'2=verdict:supported;evidence:同比增长5%;evidence_page:1;evidence_box:120.00,88.60,180.00,104.20' \
		'3=verdict:contradicted;claim_value:-330000000;evidence_value:-320000000;evidence_page:1;evidence_box:228.00,88.60,294.00,104.20'
else
	echo "xlsx: the PDF evidence of the Verdicts sheet skipped (no $genpdf, or built without poppler)"
fi
[ $fail -eq 0 ] && echo "xlsx: ok"
exit $fail
