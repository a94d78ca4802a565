# PDF input: small PDFs written by tests/pdf/genpdf.c ($GENPDF), read
# through poppler; $PDFTEXT shows the laid-out text alone. Boxes are in PDF
# points from the page's top left (the generated pages are 842 pt high).
$GENPDF text $TMP/t.pdf && $STATSPAN extract --debug-spans $TMP/t.pdf
# page and box after end, standard columns: empty for a fact not from a PDF.
$GENPDF text $TMP/t.pdf && $STATSPAN extract -f tsv $TMP/t.pdf | cut -f4-6,17-22
$GENPDF text $TMP/t.pdf && $STATSPAN extract -f jsonl $TMP/t.pdf | jq -c '[.text, .start, .["end"], .page, .box, .line, .column]'
$GENPDF text $TMP/t.pdf && $STATSPAN extract -f tsv $TMP/t.pdf fixtures/finna-e0003.txt | head -1
$GENPDF text $TMP/t.pdf && $STATSPAN extract -f csv --columns doc,text,page,box $TMP/t.pdf fixtures/finna-e0003.txt | head -4
$GENPDF text $TMP/t.pdf && $STATSPAN extract -f json $TMP/t.pdf | jq -c '.documents[0] | {format, n: (.facts | length)}'
# A figure split over two lines is one figure, with a box on each line.
$GENPDF split $TMP/s.pdf && $STATSPAN extract --debug-spans $TMP/s.pdf
$GENPDF split $TMP/s.pdf && $PDFTEXT $TMP/s.pdf
# Two columns: the left one, then the right one, each joined across lines.
$GENPDF columns $TMP/c.pdf && $PDFTEXT $TMP/c.pdf
$GENPDF columns $TMP/c.pdf && $STATSPAN extract --debug-spans $TMP/c.pdf
# A table: each row one line of tab-separated cells.
$GENPDF table $TMP/tb.pdf && $PDFTEXT $TMP/tb.pdf
# Running header and page numbers are left out; the text runs on.
$GENPDF pages $TMP/p.pdf && $PDFTEXT $TMP/p.pdf
$GENPDF pages $TMP/p.pdf && $STATSPAN extract --debug-spans $TMP/p.pdf
# A thousand pages.
$GENPDF thousand $TMP/k.pdf && $STATSPAN extract -f tsv $TMP/k.pdf | tail -n +2 | wc -l
# Bad PDFs: each named, the others still extracted, exit 1.
$GENPDF encrypted $TMP/e.pdf && $GENPDF text $TMP/t.pdf && $STATSPAN extract -f tsv $TMP/e.pdf $TMP/t.pdf > $TMP/o; r=$?; cut -f1,4 $TMP/o; exit $r
$GENPDF damaged $TMP/d.pdf && $GENPDF text $TMP/t.pdf && $STATSPAN extract -f tsv $TMP/d.pdf $TMP/t.pdf > $TMP/o; r=$?; cut -f1,4 $TMP/o; exit $r
$GENPDF image $TMP/i.pdf && $GENPDF text $TMP/t.pdf && $STATSPAN extract -f tsv $TMP/i.pdf $TMP/t.pdf > $TMP/o; r=$?; cut -f1,4 $TMP/o; exit $r
$GENPDF unmapped $TMP/u.pdf && $GENPDF text $TMP/t.pdf && $STATSPAN extract -f tsv $TMP/u.pdf $TMP/t.pdf > $TMP/o; r=$?; cut -f1,4 $TMP/o; exit $r
$GENPDF bomb $TMP/b.pdf && $GENPDF text $TMP/t.pdf && STATSPAN_PDF_PAGE_SECONDS=2 $STATSPAN extract -f tsv $TMP/b.pdf $TMP/t.pdf > $TMP/o; r=$?; cut -f1,4 $TMP/o; exit $r
printf '%%PDF-1.6\n%%\342\343\317\323\n1 0 obj\nstartxref\n10341\n%%%%EOF\n' > $TMP/junk.pdf && $STATSPAN extract $TMP/junk.pdf
# A PDF in a directory is read; one on standard input too.
mkdir $TMP/dir && $GENPDF text $TMP/dir/a.pdf && $STATSPAN extract -f tsv $TMP/dir > $TMP/o; r=$?; cut -f1,4 $TMP/o; exit $r
$GENPDF text $TMP/t.pdf && $STATSPAN extract -f tsv - < $TMP/t.pdf > $TMP/o; r=$?; cut -f1,4 $TMP/o; exit $r
# The reader plugin missing, or not a shared object: the PDF is refused with why, the text file read.
$GENPDF text $TMP/t.pdf && STATSPAN_PDF_PLUGIN=$TMP/none.so $STATSPAN extract -f tsv $TMP/t.pdf fixtures/finna-e0003.txt > $TMP/o; r=$?; cut -f1 $TMP/o | uniq; exit $r
$GENPDF text $TMP/t.pdf && echo no > $TMP/bad.so && STATSPAN_PDF_PLUGIN=$TMP/bad.so $STATSPAN extract $TMP/t.pdf
