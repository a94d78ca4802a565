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
[ $fail -eq 0 ] && echo "xlsx: ok"
exit $fail
